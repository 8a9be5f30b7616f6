/* pcap_out.h - the Ethernet pcap writer the bench generators share
 * (gen_pcap, gen_bulk_pcap): each is one .c file built on its own, hence
 * static inline functions in a header. */
#ifndef M6_BENCH_PCAP_OUT_H
#define M6_BENCH_PCAP_OUT_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

struct pcap_out {
	pcap_t *pcap;
	pcap_dumper_t *dumper;
};

/* Opens FILE for writing; on failure says why (libpcap's message names
 * the file), prefixed by PROG, and returns false. */
static inline bool pcap_out_open(struct pcap_out *o, const char *prog, const char *file)
{
	o->pcap = pcap_open_dead(DLT_EN10MB, 65535);
	o->dumper = o->pcap ? pcap_dump_open(o->pcap, file) : NULL;
	if (!o->dumper) {
		fprintf(stderr, "%s: %s\n", prog, o->pcap ? pcap_geterr(o->pcap) : "pcap_open_dead failed");
		if (o->pcap)
			pcap_close(o->pcap);
		return false;
	}
	return true;
}

static inline void pcap_out_frame(struct pcap_out *o, long sec, long usec, const uint8_t *frame, int len)
{
	struct pcap_pkthdr h = { .ts = { .tv_sec = sec, .tv_usec = usec },
				 .caplen = (bpf_u_int32)len, .len = (bpf_u_int32)len };
	pcap_dump((u_char *)o->dumper, &h, frame);
}

static inline void pcap_out_close(struct pcap_out *o)
{
	pcap_dump_close(o->dumper);
	pcap_close(o->pcap);
}

#endif
