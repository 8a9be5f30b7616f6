/* gen_corpus.c - writes the seed corpora of the codec fuzz targets from
 * the codec's own test packets (codec/tests/samples.h):
 *   corpus/decode_mh/<sample>      the raw MH
 *   corpus/mh_roundtrip/<sample>   the raw MH
 *   corpus/decode_packet/<sample>  link-type octet + the whole frame
 *   corpus/rr_crypto/<sample>      Kcn | source address | nonce length |
 *                                  nonce | the raw MH (see rr_crypto.c)
 * Usage: gen_corpus DIR (normally fuzz/corpus; `make fuzz-corpus`). */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "m6codec.h"
#include "../codec/tests/samples.h"

static int write_file(const char *dir, const char *target, const char *name,
		      const uint8_t *a, size_t alen, const uint8_t *b, size_t blen)
{
	char path[512];

	snprintf(path, sizeof path, "%s/%s", dir, target);
	if (mkdir(path, 0755) != 0 && errno != EEXIST) {
		perror(path);
		return -1;
	}
	snprintf(path, sizeof path, "%s/%s/%s", dir, target, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(a, 1, alen, f) != alen || (blen && fwrite(b, 1, blen, f) != blen)) {
		perror(path);
		if (f)
			fclose(f);
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

int main(int argc, char **argv)
{
	static uint8_t mh[M6_MH_MAX], frame[4096];
	uint8_t rr_head[20 + 16 + 1 + 8];

	if (argc != 2) {
		fprintf(stderr, "usage: gen_corpus DIR\n");
		return 2;
	}
	if (mkdir(argv[1], 0755) != 0 && errno != EEXIST) {
		perror(argv[1]);
		return 2;
	}
	samples_init();
	for (int i = 0; i < n_samples; i++) {
		const struct sample *s = &samples[i];
		struct m6_pseudo ps;
		m6_pkt_spec_pseudo(&s->spec, &ps);
		int n = m6_msg_encode(&s->msg, &ps, NULL, mh, sizeof mh);
		int f = m6_pkt_encode(&s->spec, &s->msg, NULL, frame, sizeof frame);
		uint8_t link = s->spec.eth ? M6_LINK_ETHERNET : M6_LINK_RAW;
		if (n < 0 || f < 0) {
			fprintf(stderr, "gen_corpus: sample %s does not encode\n", s->name);
			return 1;
		}
		if (write_file(argv[1], "decode_mh", s->name, mh, (size_t)n, NULL, 0) ||
		    write_file(argv[1], "mh_roundtrip", s->name, mh, (size_t)n, NULL, 0) ||
		    write_file(argv[1], "decode_packet", s->name, &link, 1, frame, (size_t)f))
			return 1;
		memset(rr_head, 0x5a, 20); /* Kcn */
		memcpy(rr_head + 20, s->spec.src.a, 16);
		rr_head[36] = 8;
		memset(rr_head + 37, i, 8); /* nonce */
		if (write_file(argv[1], "rr_crypto", s->name, rr_head, sizeof rr_head, mh, (size_t)n))
			return 1;
	}
	printf("gen_corpus: %d samples written to %s\n", n_samples, argv[1]);
	return 0;
}
