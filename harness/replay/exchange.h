/*
 * exchange.h - a capture cut into exchanges for `mip6kit replay`: each
 * request the mobile node side sent to the IUT, with the answers the IUT
 * sent before the next request (the capture's own order decides whose
 * answer is whose). Which address is the IUT comes from harness/trace/
 * (the address that sends answers), or from --iut-addr.
 *
 * Requests: a Mobility Header to the IUT (BU, HoTI, CoTI, and any other
 * type, valid or not: a hand-built anomaly is replayed as captured), a
 * DHAAD Request or Mobile Prefix Solicitation, a data packet to the IUT
 * or (Ethernet) to its MAC address. Answers: what the IUT sends from its
 * address: Mobility Headers, ICMPv6 other than Neighbor Discovery, data
 * packets and tunnels; and (Ethernet) what it forwards from its MAC
 * address with another node's source (a reverse-tunnelled packet
 * decapsulated, one delivered on the home link). Neighbor Discovery
 * belongs to the network: the tester answers the IUT's solicitations
 * itself, so it is neither replayed nor compared.
 */
#ifndef M6R_EXCHANGE_H
#define M6R_EXCHANGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "m6codec.h"

struct m6r_frame {
	uint64_t number; /* in its capture, from 1 */
	double t;        /* seconds since the capture's first frame */
	int link;        /* enum m6_link */
	uint8_t *bytes;
	size_t len;
};

struct m6r_exchange {
	struct m6r_frame req;
	int n_ans;
	struct m6r_frame *ans; /* the recorded answers, in order */
};

struct m6r_capture {
	const char *path;
	m6_addr6 iut;       /* the IUT's address in the capture */
	bool home_reg;      /* a BU with the H flag among the requests: the IUT is a home agent */
	int n;
	struct m6r_exchange *x;
};

/* Reads the capture at path; the IUT is *iut_addr when not NULL, else
 * found by the trace layer. Returns 0, or -1 with why in err (not
 * readable, the IUT cannot be told, no request to the IUT). */
int m6r_capture_load(const char *path, const m6_addr6 *iut_addr, struct m6r_capture *c, char *err, size_t cap);
void m6r_capture_free(struct m6r_capture *c);

/* Decodes f into *pkt (checksums verified). */
void m6r_decode(const struct m6r_frame *f, struct m6_pkt *pkt);

/* Is pkt an answer a replay compares: sent from the IUT's address iut,
 * or forwarded by the IUT (from iut_mac, when known, with a source that
 * is not link-local)? */
bool m6r_is_answer(const struct m6_pkt *pkt, const m6_addr6 *iut, const uint8_t *iut_mac);

#endif
