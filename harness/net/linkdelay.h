/*
 * linkdelay.h - a fixed delay on one direction of a link of the test
 * network, without netem (this kernel has none, nor fq or etf, which
 * would honour a departure time). The sender's end of the link (m6k-tK
 * towards the IUT, m6k-iK in the IUT's namespace from it) gets a clsact
 * qdisc whose egress filter redirects every frame (tc mirred) to a tap,
 * m6k-dK (m6kL-dK in lane L), beside it. A relay process reads the tap, holds each frame MS
 * milliseconds and sends it out of the sender's end with
 * PACKET_QDISC_BYPASS, which skips the redirect (and the qdisc), so the
 * frame crosses the veth once, late. Packet taps on the sender's end do
 * not see frames so sent; the receiver's do, late.
 * The relay ends by itself when its tap goes (m6h_linkdelay_stop, the
 * namespace deleted); a relay that dies takes its tap along, and the
 * redirect then drops the link's frames in that direction.
 */
#ifndef M6H_LINKDELAY_H
#define M6H_LINKDELAY_H

#include <stdbool.h>
#include <stddef.h>

/* Starts the delay on link k of a lane (topo.h), towards the IUT when to_iut, else from it
 * (a delay there before is replaced). Returns 0, or -1 with err. */
int m6h_linkdelay_start(int lane, int k, bool to_iut, int ms, char *err, size_t errlen);

/* Stops it (nothing when there is none). */
void m6h_linkdelay_stop(int lane, int k, bool to_iut);

#endif
