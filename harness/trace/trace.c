/* trace.c - a capture, frame by frame, decoded with the codec (trace.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "trace.h"

int m6t_link_of_dlt(int dlt)
{
	switch (dlt) {
	case DLT_EN10MB: return M6_LINK_ETHERNET;
	case DLT_RAW:
	case DLT_IPV6: return M6_LINK_RAW;
	case DLT_NULL:
	case DLT_LOOP: return M6_LINK_NULL;
	case DLT_LINUX_SLL: return M6_LINK_SLL;
	case DLT_LINUX_SLL2: return M6_LINK_SLL2;
	}
	return -1;
}

int m6t_open(struct m6t_trace *t, const char *path, char *err, size_t cap)
{
	char errbuf[PCAP_ERRBUF_SIZE];

	*t = (struct m6t_trace){ .path = path, .verify_csum = true };
	t->pcap = pcap_open_offline(path, errbuf);
	if (!t->pcap) {
		snprintf(err, cap, "%s", errbuf);
		return -1;
	}
	int dlt = pcap_datalink(t->pcap);
	t->link = m6t_link_of_dlt(dlt);
	if (t->link < 0) {
		const char *name = pcap_datalink_val_to_name(dlt);
		snprintf(err, cap, "%s: unsupported link type %s (%d)", path, name ? name : "?", dlt);
		return -1;
	}
	t->pkt = malloc(sizeof *t->pkt);
	if (!t->pkt) {
		snprintf(err, cap, "%s: out of memory", path);
		return -1;
	}
	return 0;
}

void m6t_close(struct m6t_trace *t)
{
	if (t->has_filter)
		pcap_freecode(&t->filter);
	if (t->pcap)
		pcap_close(t->pcap);
	free(t->pkt);
	*t = (struct m6t_trace){ 0 };
}

int m6t_set_filter(struct m6t_trace *t, const char *expr, char *err, size_t cap)
{
	if (t->has_filter)
		pcap_freecode(&t->filter);
	t->has_filter = pcap_compile(t->pcap, &t->filter, expr, 1, PCAP_NETMASK_UNKNOWN) == 0;
	if (!t->has_filter)
		snprintf(err, cap, "%s", pcap_geterr(t->pcap));
	return t->has_filter ? 0 : -1;
}

int m6t_next(struct m6t_trace *t, struct m6t_frame *f, char *err, size_t cap)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	int rc;

	while ((rc = pcap_next_ex(t->pcap, &h, &data)) == 1) {
		t->frames++;
		if (t->has_filter && !pcap_offline_filter(&t->filter, h, data)) {
			t->filtered_out++;
			continue;
		}
		f->info = (struct m6_frame_info){ .frame = t->frames, .ts_sec = h->ts.tv_sec,
						  .ts_usec = (uint32_t)h->ts.tv_usec, .caplen = h->caplen,
						  .len = h->len };
		f->bytes = data;
		f->pkt = NULL;
		return 1;
	}
	if (rc == PCAP_ERROR_BREAK)
		return 0;
	snprintf(err, cap, "%s: %s", t->path, pcap_geterr(t->pcap));
	return -1;
}

int m6t_decode(struct m6t_trace *t, struct m6t_frame *f)
{
	int rc = m6_pkt_decode(f->bytes, f->info.caplen, t->link, t->verify_csum, t->pkt);
	f->pkt = t->pkt;
	return rc;
}
