/* internal.h - declarations shared by the codec's own files (not public). */
#ifndef M6_INTERNAL_H
#define M6_INTERNAL_H

#include "cursor.h"
#include "m6codec.h"

/* What the codec knows of an option type (options.c). */
struct m6_opt_info {
	uint8_t min_len, max_len; /* valid Length range */
	uint8_t align_x, align_y; /* xn+y; x = 1: none */
	bool once;                /* may appear at most once in a message */
	uint8_t allowed;          /* bit t set: allowed in MH type t (0-7) */
};

/* NULL for types the codec decodes as opaque. */
const struct m6_opt_info *m6i_opt_info(uint8_t type);

/* Decode an option other than Pad1/PadN: r is its payload (exactly its
 * Length octets), o has type, len, flags and offset set; problems go to
 * diags with offsets from base. mh_type is the carrying message's type;
 * seen_once collects the types that may appear once. */
void m6i_opt_decode(struct m6_rd *r, struct m6_opt *o, uint8_t mh_type, size_t base,
		    uint64_t *seen_once, struct m6_diags *diags);

/* Write an option's natural payload (no Type/Length) into w. */
void m6i_opt_encode_payload(const struct m6_msg *msg, const struct m6_opt *o, struct m6_wr *w);

/* The Checksum field value the knobs ask for (mh_encode.c). */
uint16_t m6i_final_checksum(const struct m6_msg *msg, const struct m6_pseudo *ps,
			    const struct m6_enc_knobs *k, const uint8_t *mh, size_t len);

/* The packet spec describes around an upper-layer message msg[0..len)
 * of protocol nxt whose Checksum is at csum_rel (packet_encode.c): the
 * checksum computed over it as it is, then as knobs ask (csum_set,
 * csum_bad). Returns bytes written, M6_ERR_NOSPACE, M6_ERR_ARG. */
int m6i_upper_encode(const struct m6_pkt_spec *spec, uint8_t nxt, const uint8_t *msg, size_t len,
		     size_t csum_rel, const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap);

/* Unicast routable: not unspecified, loopback, multicast or link-local. */
bool m6i_addr6_unicast_routable(const m6_addr6 *a);
bool m6i_addr4_unicast_routable(const m6_addr4 *a);

/* Is stored an acceptable encoding of the computed checksum? (0x0000 and
 * 0xffff are the same number in ones-complement arithmetic.) */
static inline bool m6i_csum_matches(uint16_t stored, uint16_t computed)
{
	return stored == computed || ((uint16_t)(stored ^ computed) == 0xffff && (stored == 0 || computed == 0));
}

#endif
