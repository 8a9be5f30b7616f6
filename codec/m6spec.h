/*
 * m6spec.h - the text spec language of `mip6kit build` (grammar: codec/SPEC.md).
 *
 * One line of whitespace-separated words describes a Mobility Header
 * message, or a data packet (ICMPv6 Echo, UDP), the packet around it and
 * the encoder's rule-breaking knobs:
 *
 *     bu seq=7 A H lifetime=100 bid=1,coa=2001:db8:2::5 hao=2001:db8:2::100
 *     echo-request id=1 seq=2 data=70696e67 hao=2001:db8:2::100
 *     na target=2001:db8:1::5 S O tlla=02:00:00:00:00:01 dst=ff02::1
 *
 * The parser keeps no state between calls and allocates nothing.
 */
#ifndef M6SPEC_H
#define M6SPEC_H

#include "m6codec.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Everything a spec says: the message, the packet around it, the knobs. */
struct m6_build {
	bool is_data;        /* a data packet (data), not an MH (msg) */
	struct m6_data data;
	bool is_nd;          /* an ND or RFC 6275 ICMPv6 message (nd), not an MH */
	struct m6_nd nd;
	struct m6_msg msg;
	struct m6_pkt_spec pkt;
	struct m6_enc_knobs knobs;
	bool mh_only; /* the bare MH, no IPv6 header (checksum over pkt.src/dst) */
	bool sign;    /* sign= : the Authenticator of the last BAD, with key */
	struct m6_rr_key key;
	uint16_t eth_pad; /* ethpad= : zero octets after the packet in the Ethernet frame */
};

/*
 * m6_spec_parse - parse one spec into *b (overwritten completely).
 * Out: on error, err[0..errlen) holds one line naming the bad word, e.g.
 *      "bid=0x1g: bad number '0x1g'" (err may be NULL).
 * Returns: M6_OK, or M6_ERR_ARG (then *b is unspecified).
 */
int m6_spec_parse(const char *spec, struct m6_build *b, char *err, size_t errlen);

/*
 * m6_build_encode - encode what a spec describes: the whole frame
 * (m6_pkt_encode, m6_data_encode for a data packet, m6_nd_encode for an
 * ND or RFC 6275 ICMPv6 message), or with mh_only
 * the bare MH (m6_msg_encode) with its
 * checksum over the pseudo-header pkt.src -> pkt.dst; with sign, the
 * _signed forms (care-of address pkt.src and correspondent pkt.dst; for
 * a BA, sent by the correspondent, the other way round). With eth_pad,
 * that many zero octets follow the packet in the frame.
 * Returns: bytes written, M6_ERR_NOSPACE or M6_ERR_ARG.
 */
int m6_build_encode(const struct m6_build *b, uint8_t *out, size_t cap);

/* The value of a hexadecimal digit (either case), or -1. */
int m6_hex_digit(char c);

#ifdef __cplusplus
}
#endif
#endif
