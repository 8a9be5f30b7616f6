/*
 * trace.h - reading a capture for the commands that work on recorded
 * traffic (`decode`, `check`, `replay`): a pcap/pcapng file of any link
 * type the codec decodes, frame by frame, each decoded with the codec; and
 * which side of the trace is the implementation under test.
 */
#ifndef M6T_TRACE_H
#define M6T_TRACE_H

#include <pcap/pcap.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "m6codec.h"
#include "m6print.h"

/* An open capture. The decoded packet lives in the trace (one per trace,
 * reused for every frame: iterating allocates nothing). */
struct m6t_trace {
	pcap_t *pcap;
	const char *path;
	int link;                 /* enum m6_link */
	bool verify_csum;         /* checksums verified on decode (the default) */
	bool has_filter;
	struct bpf_program filter;
	uint64_t frames;          /* frames read so far, filtered ones included */
	uint64_t filtered_out;
	struct m6_pkt *pkt;
};

/* One frame: its number in the capture (from 1, filtered frames counted),
 * time, raw bytes (valid until the next m6t_next) and, once decoded, the
 * codec's packet. */
struct m6t_frame {
	struct m6_frame_info info;
	const uint8_t *bytes;
	const struct m6_pkt *pkt; /* NULL until m6t_decode */
};

/* pcap's DLT_ value -> enum m6_link, or -1 for a link type the codec
 * does not decode. */
int m6t_link_of_dlt(int dlt);

/*
 * m6t_open - open path ("-": standard input) for reading.
 * Out: *t. Returns 0; or -1 with why in err[0..cap) (cannot open, not a
 *      capture, a link type the codec does not decode, no memory).
 * m6t_close releases it (also after a failed open).
 */
int m6t_open(struct m6t_trace *t, const char *path, char *err, size_t cap);
void m6t_close(struct m6t_trace *t);

/* Only frames matching the pcap filter expression are returned from now
 * on (applied per record, so frame numbers stay those of the capture).
 * Returns 0, or -1 with pcap's reason in err. */
int m6t_set_filter(struct m6t_trace *t, const char *expr, char *err, size_t cap);

/*
 * m6t_next - the next frame (not decoded).
 * Returns 1 a frame, 0 the end of the capture, -1 a read error (why in
 *      err: a capture cut inside a record header, for example).
 */
int m6t_next(struct m6t_trace *t, struct m6t_frame *f, char *err, size_t cap);

/* Decodes f with the codec (m6_pkt_decode, checksums as t says) into the
 * trace's packet and points f->pkt at it. Returns m6_pkt_decode's code. */
int m6t_decode(struct m6t_trace *t, struct m6t_frame *f);

/* ------------------------------------------------------------------ */
/* Which side is the implementation under test                         */
/* ------------------------------------------------------------------ */

/* Kinds of signalling a mobile node sends (requests) and a home agent or
 * correspondent node sends (answers), or neither. */
enum m6t_side_kind { M6T_OTHER = 0, M6T_REQUEST, M6T_ANSWER };

/* What a decoded packet is: BU, HoTI, CoTI, DHAAD Request and MPS are
 * requests; BA, HoT, CoT, BE, BRR, DHAAD Reply and MPA answers. */
enum m6t_side_kind m6t_side_kind(const struct m6_pkt *pkt);

/* The address a packet was sent from / to on the link: the outer header
 * of a tunnel (a home agent tunnels a correspondent's Home Test, whose
 * inner source is the correspondent). */
const m6_addr6 *m6t_link_src(const struct m6_pkt *pkt);
const m6_addr6 *m6t_link_dst(const struct m6_pkt *pkt);

#define M6T_MAX_PEERS 64 /* addresses told apart when finding the IUT */

/* Tallies of signalling per address, for m6t_iut_decide. */
struct m6t_side_votes {
	int n;
	bool overflow;            /* more than M6T_MAX_PEERS addresses: some not counted */
	struct {
		m6_addr6 addr;
		uint32_t answers_sent, requests_sent, requests_received;
	} peer[M6T_MAX_PEERS];
};

/* Counts pkt (decoded) into v. */
void m6t_side_count(struct m6t_side_votes *v, const struct m6_pkt *pkt);

/*
 * m6t_iut_decide - the IUT's address from the tallies: the one address
 * that sends answers and no requests; when several do, the one of them
 * that requests are sent to; when none sends answers, the one address
 * requests are sent to.
 * Returns 0 with *iut set; -1 with why in err (no signalling at all, or
 * several candidates, named: give --iut-addr).
 */
int m6t_iut_decide(const struct m6t_side_votes *v, m6_addr6 *iut, char *err, size_t cap);

/*
 * m6t_find_iut - reads the captures paths[0..n) through and decides (as
 * m6t_iut_decide) which address is the IUT.
 * Returns 0 with *iut set; -1 with why in err (a capture cannot be read,
 * or the side cannot be told).
 */
int m6t_find_iut(const char *const *paths, int n, m6_addr6 *iut, char *err, size_t cap);

#endif
