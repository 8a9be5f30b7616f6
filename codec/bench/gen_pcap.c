/* gen_pcap.c - writes a pcap of Mobility Header traffic for the decode
 * benchmark: COUNT Ethernet frames cycling through the shared samples
 * (every message type and option, bulk BUs, HAO/RH2, tunnels).
 * usage: gen_pcap FILE COUNT */
#include <stdlib.h>

#include "../tests/samples.h"
#include "pcap_out.h"

int main(int argc, char **argv)
{
	static uint8_t frames[MAX_SAMPLES][4096];
	int lens[MAX_SAMPLES];

	if (argc != 3 || atol(argv[2]) <= 0) {
		fprintf(stderr, "usage: gen_pcap FILE COUNT\n");
		return 2;
	}
	long count = atol(argv[2]);
	samples_init();
	for (int i = 0; i < n_samples; i++) {
		struct sample s = samples[i];
		s.spec.eth = true; /* one link type for the whole file */
		memcpy(s.spec.eth_src, "\x02\x00\x00\x00\x00\x01", 6);
		memcpy(s.spec.eth_dst, "\x02\x00\x00\x00\x00\x02", 6);
		lens[i] = m6_pkt_encode(&s.spec, &s.msg, NULL, frames[i], sizeof frames[i]);
		if (lens[i] < 0) {
			fprintf(stderr, "gen_pcap: sample %s does not encode\n", s.name);
			return 1;
		}
	}
	struct pcap_out out;
	if (!pcap_out_open(&out, "gen_pcap", argv[1]))
		return 2;
	for (long n = 0; n < count; n++) {
		int i = (int)(n % n_samples);
		pcap_out_frame(&out, 1700000000 + n / 1000000, n % 1000000, frames[i], lens[i]);
	}
	pcap_out_close(&out);
	return 0;
}
