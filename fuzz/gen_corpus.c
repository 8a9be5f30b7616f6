/* gen_corpus.c - writes the seed corpora of the codec fuzz targets from
 * the codec's own test packets (codec/tests/samples.h):
 *   corpus/decode_mh/<sample>      the raw MH
 *   corpus/mh_roundtrip/<sample>   the raw MH
 *   corpus/decode_packet/<sample>  link-type octet + the whole frame; also
 *                                  the data packets (ICMPv6 Echo, UDP)
 *   corpus/print_packet/<sample>   options octet (link type, small-buffer
 *                                  size varied by sample) + the frame
 *   corpus/rr_crypto/<sample>      Kcn | source address | nonce length |
 *                                  nonce | the raw MH (see rr_crypto.c)
 *   corpus/engine_ops/<scenario>   operation sequences (see engine_ops.c):
 *                                  registrations, RR, expiry, policy, and
 *                                  every sample MH sent to the engine
 * Usage: gen_corpus DIR (normally fuzz/corpus; `make fuzz-corpus`). */
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

#include "m6codec.h"
#include "m6spec.h"
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

/* engine_ops scenarios, operation by operation (engine_ops.c): a BU is
 * 0, how (0x40 HAO, 0x80 signed), knob, flags (2), seq, lifetime, BID
 * count, then per BID: CoA selector, BID, flags. */
#define BU_HOME(seq, life, nbids) 0, 0x48, 0, 0xc0, 0x00, seq, life, nbids
static const uint8_t scen_home_plain[] = { BU_HOME(1, 100, 0), BU_HOME(2, 0, 0) };
static const uint8_t scen_home_bulk[] = {
	BU_HOME(1, 100, 4), 1, 1, 0, 5, 2, 0, 9, 3, 0, 2, 4, 0x80,
	BU_HOME(2, 100, 2), 0, 1, 0, 0, 7, 0, /* refresh without CoA, unknown BID */
	BU_HOME(3, 0, 1), 0, 2, 0,            /* deregister one BID */
	4, 0x10, 0x00, 5,                     /* 409.6 s later: expiry */
};
static const uint8_t scen_overwrite[] = {
	BU_HOME(1, 100, 0), BU_HOME(2, 100, 1), 1, 1, 0,
	0, 0x48, 0, 0xc0, 0x40, 3, 100, 1, 1, 1, 0, /* the O flag */
};
static const uint8_t scen_rr[] = {
	1, 0x00, 1, 2, 3, 4, 5, 6, 7, 8,      /* HoTI from home address 1 */
	2, 0x08, 1, 2, 3, 4, 5, 6, 7, 8,      /* CoTI from care-of address 1 */
	0, 0xc8, 0, 0x80, 0x00, 1, 50, 0,     /* signed BU, A flag */
	0, 0xc8, 0, 0x80, 0x00, 2, 50, 1, 5, 3, 0,
	4, 0x0c, 0x00, 0, 0xc8, 0, 0x80, 0x00, 3, 50, 0, /* nonces expired */
};
static const uint8_t scen_policy[] = {
	6, 0x0f, 1, 2, 1, 0x00, 0x10, BU_HOME(1, 100, 3), 1, 1, 0, 5, 2, 0, 9, 3, 0x80,
	6, 0x00, 7, 63, 7, 0xff, 0xff, BU_HOME(2, 100, 2), 1, 1, 0x80, 5, 2, 0,
};
static const uint8_t scen_knobs[] = {
	0, 0x48, 0xff, 0xc0, 0x00, 1, 100, 0, /* bad checksum */
	0, 0x48, 0xfd, 0xc0, 0x00, 1, 100, 0, /* Payload Proto 6 */
	0, 0x48, 0xfb, 0xc0, 0x00, 1, 100, 0, /* Header Len 0 */
	0, 0x48, 0x03, 0xc0, 0x00, 1, 100, 0, /* Alternate CoA */
	7, 0x08, 7, 0x01,                     /* data with HAO: bound, then not */
};

/* the data plane: two BIDs of home address 2 (care-of addresses 1 and
 * 2), then op 8 (which, kind, data length) traffic both ways */
#define BU_HOME2(seq, life, nbids) 0, 0x49, 0, 0xc0, 0x00, seq, life, nbids
static const uint8_t scen_data[] = {
	BU_HOME2(1, 100, 2), 1, 1, 0, 5, 2, 0,
	8, 0x01, 0x01, 4,  /* an echo for the home address: tunnelled */
	8, 0x01, 0x0d, 2,  /* a UDP datagram: tunnelled */
	8, 0x01, 0x00, 0,  /* hop limit 1: Time Exceeded */
	8, 0x09, 0x51, 3,  /* reverse tunnelled from a bound care-of address */
	8, 0x19, 0x51, 3,  /* and from an unbound one: dropped */
	8, 0x01, 0x20, 0,  /* a Neighbor Solicitation: proxied */
	8, 0x01, 0x60, 0,  /* its link-local address: not (no L flag) */
	8, 0x01, 0x71, 4,  /* an echo to the node from the home address */
	8, 0x01, 0x3d, 2,  /* UDP echo from another address */
	8, 0x00, 0xa0, 0,  /* a DHAAD Request */
	8, 0x01, 0xa0, 0,  /* a Mobile Prefix Solicitation from a home address */
	8, 0x02, 0xa0, 0,  /* a Router Solicitation */
	BU_HOME2(2, 0, 1), 0, 1, 0, /* BID 1 deregistered */
	8, 0x01, 0x01, 4,  /* tunnelled to the other */
};

static int write_scenarios(const char *dir)
{
	static const struct {
		const char *name;
		const uint8_t *ops;
		size_t len;
	} scen[] = {
		{ "scenario-home-plain", scen_home_plain, sizeof scen_home_plain },
		{ "scenario-home-bulk", scen_home_bulk, sizeof scen_home_bulk },
		{ "scenario-overwrite", scen_overwrite, sizeof scen_overwrite },
		{ "scenario-rr", scen_rr, sizeof scen_rr },
		{ "scenario-policy", scen_policy, sizeof scen_policy },
		{ "scenario-knobs", scen_knobs, sizeof scen_knobs },
		{ "scenario-data", scen_data, sizeof scen_data },
	};
	for (size_t i = 0; i < sizeof scen / sizeof scen[0]; i++)
		if (write_file(dir, "engine_ops", scen[i].name, scen[i].ops, scen[i].len, NULL, 0))
			return -1;
	return 0;
}

/* The ICMPv6 messages of Neighbor Discovery and RFC 6275, and tagged data
 * packets, from the spec language (SPEC.md): seeds for the packet decoder
 * and the printers, valid and broken. */
static int write_icmp6_specs(const char *dir, uint8_t *frame, size_t cap)
{
	static const struct { const char *name, *spec; } specs[] = {
		{ "nd-rs", "rs slla=02:00:00:00:00:05 src=fe80::5 dst=ff02::2" },
		{ "nd-ra-ha", "ra curhlim=64 M O H router_lifetime=1800 reachable=30000 retrans=1000 "
			      "slla=02:00:00:00:00:01 mtu=1500 prefix=2001:db8:1::1/64,l,a,r,valid=86400,pref=14400 "
			      "prefix=2001:db8:5::/48,a advint=3000 hainfo=-5,1800 src=fe80::1 dst=ff02::1" },
		{ "nd-ns-dad", "ns target=2001:db8:1::5 src=:: dst=ff02::1:ff00:5" },
		{ "nd-na-proxy", "na target=2001:db8:1::5 R S O tlla=02:00:00:00:00:01 src=2001:db8:1::1" },
		{ "nd-na-optlen0", "na target=2001:db8:1::5 O tlla=02:00:00:00:00:01 optlen=2,0" },
		{ "nd-ra-pi-len3", "ra H prefix=2001:db8:1::/64,l,a optlen=3,3 src=fe80::1 dst=ff02::1" },
		{ "nd-ns-cut", "ns target=2001:db8:1::5 slla=02:00:00:00:00:07 trunc=30" },
		{ "dhaad-req", "dhaad-req id=7 dst=2001:db8:1::fdff:ffff:ffff:fffe" },
		{ "dhaad-rep", "dhaad-rep id=7 ha=2001:db8:1::1 ha=2001:db8:1::2 noeth" },
		{ "mps-hao", "mps id=9 hao=2001:db8:2::100" },
		{ "mpa-tunnel", "mpa id=10 M O prefix=2001:db8:1::/64,a tunnel=2001:db8:1::1,2001:db8:3::100" },
		{ "echo-tag-tunnel", "echo-request id=1 seq=1 tag=4096 data=0102 tunnel=2001:db8:1::1,2001:db8:3::100" },
		{ "echo-tag-nested", "echo-request id=1 seq=1 tag=4097 tunnel=2001:db8:1::1,2001:db8:3::100 "
				     "tunnel2=2001:db8:1::1,2001:db8:1::2 dst=2001:db8:1::3" },
		{ "udp-tag", "udp tag=3735928559 noeth" },
	};
	static struct m6_build b;
	char err[128];

	for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
		if (m6_spec_parse(specs[i].spec, &b, err, sizeof err) != M6_OK) {
			fprintf(stderr, "gen_corpus: %s: %s\n", specs[i].name, err);
			return 1;
		}
		int f = m6_build_encode(&b, frame, cap);
		uint8_t link = b.pkt.eth ? M6_LINK_ETHERNET : M6_LINK_RAW;
		uint8_t print_opts = (uint8_t)(link | (i % 16) << 4);
		if (f < 0) {
			fprintf(stderr, "gen_corpus: %s does not encode\n", specs[i].name);
			return 1;
		}
		if (write_file(dir, "decode_packet", specs[i].name, &link, 1, frame, (size_t)f) ||
		    write_file(dir, "print_packet", specs[i].name, &print_opts, 1, frame, (size_t)f))
			return 1;
	}
	return 0;
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
		uint8_t print_opts = (uint8_t)(link | (i % 16) << 4); /* see print_packet.c */
		if (n < 0 || f < 0) {
			fprintf(stderr, "gen_corpus: sample %s does not encode\n", s->name);
			return 1;
		}
		if (write_file(argv[1], "decode_mh", s->name, mh, (size_t)n, NULL, 0) ||
		    write_file(argv[1], "mh_roundtrip", s->name, mh, (size_t)n, NULL, 0) ||
		    write_file(argv[1], "decode_packet", s->name, &link, 1, frame, (size_t)f) ||
		    write_file(argv[1], "print_packet", s->name, &print_opts, 1, frame, (size_t)f))
			return 1;
		memset(rr_head, 0x5a, 20); /* Kcn */
		memcpy(rr_head + 20, s->spec.src.a, 16);
		rr_head[36] = 8;
		memset(rr_head + 37, i, 8); /* nonce */
		uint8_t any_mh[] = { 3, (uint8_t)i, (uint8_t)(n > 255 ? 255 : n) };
		if (write_file(argv[1], "rr_crypto", s->name, rr_head, sizeof rr_head, mh, (size_t)n) ||
		    write_file(argv[1], "engine_ops", s->name, any_mh, sizeof any_mh, mh, (size_t)n))
			return 1;
	}
	for (int i = 0; i < n_data_samples; i++) {
		const struct data_sample *s = &data_samples[i];
		int f = m6_data_encode(&s->spec, &s->data, NULL, frame, sizeof frame);
		uint8_t link = s->spec.eth ? M6_LINK_ETHERNET : M6_LINK_RAW;
		if (f < 0) {
			fprintf(stderr, "gen_corpus: data sample %s does not encode\n", s->name);
			return 1;
		}
		if (write_file(argv[1], "decode_packet", s->name, &link, 1, frame, (size_t)f))
			return 1;
	}
	if (write_icmp6_specs(argv[1], frame, sizeof frame) != 0)
		return 1;
	if (write_scenarios(argv[1]) != 0)
		return 1;
	printf("gen_corpus: %d samples and %d data packets written to %s\n", n_samples, n_data_samples,
	       argv[1]);
	return 0;
}
