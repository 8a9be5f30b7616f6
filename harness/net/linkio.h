/*
 * linkio.h - Ethernet frames in and out of one interface, below the
 * kernel's IPv6 stack: frames go out through libnet (link-layer
 * injection), come in through libpcap with a BPF filter. The kernel here
 * knows neither the Home Address option nor RH2 nor the Mobility Header,
 * so everything Mobile IPv6 is sent and received this way.
 */
#ifndef M6H_LINKIO_H
#define M6H_LINKIO_H

#include <stddef.h>
#include <stdint.h>

struct m6h_link;

/* Opens iface for sending and receiving frames that match filter (BPF,
 * NULL: every frame); frames this process sent are not received.
 * Returns NULL with one line in err on failure. */
struct m6h_link *m6h_link_open(const char *iface, const char *filter, char *err, size_t errlen);
void m6h_link_close(struct m6h_link *l);

/* The interface's MAC address. */
const uint8_t *m6h_link_mac(const struct m6h_link *l);

/* The link-local address fe80::/64 with the modified EUI-64 interface
 * identifier of mac (RFC 4291 s2.5.6, appendix A), in out[16]. */
void m6h_link_local_of(const uint8_t mac[6], uint8_t out[16]);

/* Sends one whole Ethernet frame. Returns 0, or -1 (reason in err). */
int m6h_link_send(struct m6h_link *l, const uint8_t *frame, size_t len, char *err, size_t errlen);

/* Waits up to timeout_ms for one frame; copies it to buf. Returns its
 * length (cut to cap), 0 on timeout, -1 on error (reason in err). */
int m6h_link_recv(struct m6h_link *l, uint8_t *buf, size_t cap, int timeout_ms, char *err,
		  size_t errlen);

/* "aa:bb:cc:dd:ee:ff" into mac. Returns 0, or -1 when text is no MAC
 * address (NULL included). */
int m6h_parse_mac(const char *text, uint8_t mac[6]);

#define M6H_LINKS_MAX 4

/* The same on any of links[0..n) (n <= M6H_LINKS_MAX): the index of the
 * link the frame came from in *which. */
int m6h_link_recv_any(struct m6h_link *const *links, int n, uint8_t *buf, size_t cap, int timeout_ms,
		      int *which, char *err, size_t errlen);


#endif
