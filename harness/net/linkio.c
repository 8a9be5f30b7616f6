/* linkio.c - link-layer frames through libnet and libpcap (linkio.h). */
#include <errno.h>
#include <libnet.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "linkio.h"

struct m6h_link {
	pcap_t *pcap;
	libnet_t *net;
	uint8_t mac[6];
	int fd;
};

static void say(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (err && errlen)
		vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

#define SNAPLEN 9216               /* a jumbo frame */
#define RING_OCTETS (8 * 1024 * 1024) /* some 900 frames */

static pcap_t *open_capture(const char *iface, const char *filter, char *err, size_t errlen)
{
	char pe[PCAP_ERRBUF_SIZE] = "";
	struct bpf_program prog;
	pcap_t *p = pcap_create(iface, pe);

	if (!p) {
		say(err, errlen, "%s: %s", iface, pe);
		return NULL;
	}
	/* immediate mode: a reply is seen when it arrives, not when a buffer
	 * fills. It makes libpcap use a ring of fixed slots of the snapshot
	 * length: 65535 octets each would leave a 2 MB ring some 30 frames,
	 * and a handle not read for a moment (while other cases run on the
	 * link) would drop replies. Test frames are far below a jumbo frame. */
	if (pcap_set_snaplen(p, SNAPLEN) || pcap_set_buffer_size(p, RING_OCTETS) ||
	    pcap_set_immediate_mode(p, 1) || pcap_activate(p) < 0 ||
	    pcap_setdirection(p, PCAP_D_IN) || pcap_setnonblock(p, 1, pe)) {
		say(err, errlen, "%s: %s", iface, pcap_geterr(p));
		pcap_close(p);
		return NULL;
	}
	if (pcap_datalink(p) != DLT_EN10MB) {
		say(err, errlen, "%s: not an Ethernet interface", iface);
		pcap_close(p);
		return NULL;
	}
	if (filter) {
		if (pcap_compile(p, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) || pcap_setfilter(p, &prog)) {
			say(err, errlen, "filter '%s': %s", filter, pcap_geterr(p));
			pcap_close(p);
			return NULL;
		}
		pcap_freecode(&prog);
	}
	return p;
}

struct m6h_link *m6h_link_open(const char *iface, const char *filter, char *err, size_t errlen)
{
	char ne[LIBNET_ERRBUF_SIZE] = "";
	struct m6h_link *l = calloc(1, sizeof *l);

	if (!l) {
		say(err, errlen, "out of memory");
		return NULL;
	}
	l->pcap = open_capture(iface, filter, err, errlen);
	if (!l->pcap) {
		free(l);
		return NULL;
	}
	l->net = libnet_init(LIBNET_LINK_ADV, iface, ne);
	struct libnet_ether_addr *hw = l->net ? libnet_get_hwaddr(l->net) : NULL;
	if (!hw) {
		say(err, errlen, "%s: %s", iface, l->net ? libnet_geterror(l->net) : ne);
		m6h_link_close(l);
		return NULL;
	}
	memcpy(l->mac, hw->ether_addr_octet, 6);
	l->fd = pcap_get_selectable_fd(l->pcap);
	return l;
}

void m6h_link_close(struct m6h_link *l)
{
	if (!l)
		return;
	if (l->pcap)
		pcap_close(l->pcap);
	if (l->net)
		libnet_destroy(l->net);
	free(l);
}

const uint8_t *m6h_link_mac(const struct m6h_link *l)
{
	return l->mac;
}

void m6h_link_local_of(const uint8_t mac[6], uint8_t out[16])
{
	memset(out, 0, 8);
	out[0] = 0xfe;
	out[1] = 0x80;
	out[8] = mac[0] ^ 0x02; /* the universal/local bit, inverted */
	memcpy(out + 9, mac + 1, 2);
	out[11] = 0xff;
	out[12] = 0xfe;
	memcpy(out + 13, mac + 3, 3);
}

int m6h_link_send(struct m6h_link *l, const uint8_t *frame, size_t len, char *err, size_t errlen)
{
	if (len > UINT32_MAX || libnet_adv_write_link(l->net, frame, (uint32_t)len) != (int)len) {
		say(err, errlen, "send: %s", libnet_geterror(l->net));
		return -1;
	}
	return 0;
}

static int64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec * 1000LL + now.tv_nsec / 1000000;
}

int m6h_link_recv_any(struct m6h_link *const *links, int n, uint8_t *buf, size_t cap, int timeout_ms,
		      int *which, char *err, size_t errlen)
{
	struct pcap_pkthdr *hdr;
	const u_char *data;
	struct pollfd pfd[M6H_LINKS_MAX];
	/* the time left is counted down: a readable descriptor does not
	 * always mean a packet for this handle */
	int64_t deadline = now_ms() + timeout_ms;

	if (n < 1 || n > M6H_LINKS_MAX) {
		say(err, errlen, "receive: %d links", n);
		return -1;
	}
	for (;;) {
		for (int k = 0; k < n; k++) {
			int r = pcap_next_ex(links[k]->pcap, &hdr, &data);
			if (r == 1) {
				size_t len = hdr->caplen < cap ? hdr->caplen : cap;
				memcpy(buf, data, len);
				*which = k;
				return (int)len;
			}
			if (r < 0) {
				say(err, errlen, "receive: %s", pcap_geterr(links[k]->pcap));
				return -1;
			}
			pfd[k] = (struct pollfd){ .fd = links[k]->fd, .events = POLLIN };
		}
		int64_t left = deadline - now_ms();
		if (left <= 0)
			return 0;
		int p = poll(pfd, (nfds_t)n, (int)left);
		if (p == 0)
			return 0;
		if (p < 0 && errno == EINTR)
			return 0; /* a signal: the caller decides whether to go on */
		if (p < 0) {
			say(err, errlen, "receive: poll: %s", strerror(errno));
			return -1;
		}
	}
}

int m6h_link_recv(struct m6h_link *l, uint8_t *buf, size_t cap, int timeout_ms, char *err,
		  size_t errlen)
{
	int which;
	return m6h_link_recv_any(&l, 1, buf, cap, timeout_ms, &which, err, errlen);
}

int m6h_parse_mac(const char *text, uint8_t mac[6])
{
	unsigned v[6];
	char end;
	if (!text || sscanf(text, "%x:%x:%x:%x:%x:%x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &end) != 6)
		return -1;
	for (int i = 0; i < 6; i++) {
		if (v[i] > 255)
			return -1;
		mac[i] = (uint8_t)v[i];
	}
	return 0;
}
