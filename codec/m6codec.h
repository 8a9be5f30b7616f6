/*
 * m6codec.h - the mip6kit Mobility Header codec (public API).
 *
 * One codec for everything in mip6kit: it decodes, encodes and validates
 * every Mobility Header (RFC 6275 s6.1) message and mobility option, the
 * Binding Identifier option of RFC 5648 (multiple care-of addresses), the
 * IPv6 packet around an MH (extension headers, Ethernet, IPv6-in-IPv6) and
 * the return-routability crypto of RFC 6275 s5.2.
 *
 * Conventions for every function below:
 *  - Decoded structs are plain values: they never point into the caller's
 *    buffer. Variable-length option payloads are copied into the message's
 *    own data[] arena and referred to by offset.
 *  - Decoders never read outside [buf, buf+len) and never allocate.
 *  - A decoder does not stop at the first problem when it can go on: every
 *    problem found is recorded as a diagnostic (struct m6_diag) with a
 *    reason, the byte offset it concerns and the action a conforming
 *    receiver must take. "Truncated" (bytes missing) and "invalid" (bytes
 *    wrong) are distinct reasons.
 *  - Return values: >= 0 is success (a byte count where stated), < 0 is a
 *    negative enum m6_err.
 *  - Multi-byte fields hold host-order values; encoders write network order.
 */
#ifndef M6CODEC_H
#define M6CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Constants                                                           */
/* ------------------------------------------------------------------ */

#define M6_IPPROTO_MH 135     /* Mobility Header next-header value */
#define M6_IPPROTO_NONE 59    /* the only valid Payload Proto */
#define M6_IPPROTO_HOPOPTS 0
#define M6_IPPROTO_IPV6 41    /* IPv6-in-IPv6 tunnel */
#define M6_IPPROTO_ROUTING 43
#define M6_IPPROTO_FRAGMENT 44
#define M6_IPPROTO_ICMPV6 58
#define M6_IPPROTO_DSTOPTS 60
#define M6_IPPROTO_UDP 17
#define M6_DSTOPT_HAO 201     /* Home Address destination option type */

#define M6_MH_MAX 2048        /* (255 + 1) * 8: the largest MH there is */
#define M6_MAX_OPTS 128       /* options (pads included) kept per message */
#define M6_MAX_DIAGS 16       /* diagnostics kept per decode; more are counted */
#define M6_MAX_EXTS 8         /* extension headers kept per IPv6 header */
/* IPv6 headers walked per packet: the packet itself and up to five tunnel
 * headers around it. RFC 2473 s4.1.1 and s6.7: a tunnel header's Tunnel
 * Encapsulation Limit (4 by default) lets its packet be encapsulated that
 * many more times, so 1 + 4 tunnel levels; deeper nesting is a note. */
#define M6_MAX_IP 6
#define M6_MAX_NESTED (M6_MAX_IP - 2) /* tunnel headers inside the outermost */
#define M6_AUTH_LEN 12        /* RR Authenticator, 96 bits */
#define M6_TOKEN_LEN 8        /* keygen token, 64 bits */
#define M6_COOKIE_LEN 8       /* init cookie, 64 bits */
#define M6_KBM_LEN 20         /* SHA-1 output */
#define M6_KCN_LEN 20         /* correspondent node secret */
#define M6_LIFETIME_UNIT 4    /* seconds per Lifetime/Refresh unit */

/* MH types (RFC 6275 s6.1.2 - s6.1.9). */
enum m6_mh_type {
	M6_MH_BRR = 0,
	M6_MH_HOTI = 1,
	M6_MH_COTI = 2,
	M6_MH_HOT = 3,
	M6_MH_COT = 4,
	M6_MH_BU = 5,
	M6_MH_BA = 6,
	M6_MH_BE = 7,
	M6_MH_KNOWN_MAX = 7, /* 8 and up: "other", decoded as header only */
};

/* Mobility option types (RFC 6275 s6.2 and later RFCs, see PROTOCOL.md). */
enum m6_opt_type {
	M6_OPT_PAD1 = 0,
	M6_OPT_PADN = 1,
	M6_OPT_BRA = 2,      /* Binding Refresh Advice */
	M6_OPT_ALTCOA = 3,   /* Alternate Care-of Address */
	M6_OPT_NONCE = 4,    /* Nonce Indices */
	M6_OPT_BAD = 5,      /* Binding Authorization Data */
	M6_OPT_MNP = 6,      /* Mobile Network Prefix (RFC 3963) */
	M6_OPT_LLA = 7,      /* Link-Layer Address (RFC 5568) */
	M6_OPT_MNID = 8,     /* Mobile Node Identifier (RFC 4283) */
	M6_OPT_V4HOA = 29,   /* IPv4 Home Address (RFC 5555) */
	M6_OPT_V4ACK = 30,   /* IPv4 Address Acknowledgement (RFC 5555) */
	M6_OPT_NATD = 31,    /* NAT Detection (RFC 5555) */
	M6_OPT_V4COA = 32,   /* IPv4 Care-of Address (RFC 5555) */
	M6_OPT_BID = 35,     /* Binding Identifier (RFC 5648) */
};

/* BU flags: the 16-bit word after Sequence (PROTOCOL.md). */
#define M6_BU_A 0x8000
#define M6_BU_H 0x4000
#define M6_BU_L 0x2000
#define M6_BU_K 0x1000
#define M6_BU_M 0x0800
#define M6_BU_R 0x0400
#define M6_BU_P 0x0200
#define M6_BU_F 0x0100
#define M6_BU_T 0x0080
#define M6_BU_O 0x0040 /* RFC 5648 Overwrite; RFC 6602 calls it B */
#define M6_BU_RESERVED 0x003f

/* BA flags: the byte after Status. */
#define M6_BA_K 0x80
#define M6_BA_R 0x40
#define M6_BA_P 0x20
#define M6_BA_T 0x10
#define M6_BA_B 0x08
#define M6_BA_RESERVED 0x07

/* BID option flags byte. */
#define M6_BID_H 0x80
#define M6_BID_RESERVED 0x7f

/* BA status codes (RFC 6275 s6.1.8, RFC 3963, RFC 5648). */
enum m6_ba_status {
	M6_BA_ACCEPTED = 0,
	M6_BA_ACCEPTED_PD = 1,
	M6_BA_MCOA_NOTCOMPLETE = 4,
	M6_BA_MCOA_RETURNHOME_WO_NDP = 5,
	M6_BA_UNSPECIFIED = 128,
	M6_BA_PROHIBITED = 129,
	M6_BA_INSUFFICIENT_RESOURCES = 130,
	M6_BA_HOMEREG_NOT_SUPPORTED = 131,
	M6_BA_NOT_HOME_SUBNET = 132,
	M6_BA_NOT_HOME_AGENT = 133,
	M6_BA_DAD_FAILED = 134,
	M6_BA_SEQ_OUT_OF_WINDOW = 135,
	M6_BA_EXPIRED_HOME_NONCE = 136,
	M6_BA_EXPIRED_COA_NONCE = 137,
	M6_BA_EXPIRED_NONCES = 138,
	M6_BA_REG_TYPE_CHANGE = 139,
	M6_BA_MCOA_MALFORMED = 164,
	M6_BA_MCOA_NON_MCOA_EXISTS = 165,
	M6_BA_MCOA_PROHIBITED = 166,
	M6_BA_MCOA_UNKNOWN_COA = 167,
	M6_BA_MCOA_BULK_PROHIBITED = 168,
	M6_BA_MCOA_SIMUL_PROHIBITED = 169,
	M6_BA_INVALID_COA = 174,
};

/* BE status codes (RFC 6275 s6.1.9). */
enum m6_be_status {
	M6_BE_UNKNOWN_BINDING = 1,
	M6_BE_UNKNOWN_MH_TYPE = 2,
};

/* ------------------------------------------------------------------ */
/* Errors and diagnostics                                              */
/* ------------------------------------------------------------------ */

enum m6_err {
	M6_OK = 0,
	M6_ERR_TRUNCATED = -1, /* input ends before the structure does */
	M6_ERR_INVALID = -2,   /* the bytes are wrong (see the diagnostics) */
	M6_ERR_NOSPACE = -3,   /* output buffer too small */
	M6_ERR_ARG = -4,       /* caller error: bad argument or spec */
	M6_ERR_CRYPTO = -5,    /* libcrypto failed */
};

/* Why something is wrong. Each reason has a fixed name (m6_reason_name). */
enum m6_reason {
	M6_R_NONE = 0,
	/* truncation: the capture or buffer ends early */
	M6_R_TRUNC_LINK,        /* link-layer header cut short */
	M6_R_TRUNC_IP6,         /* IPv6 header cut short */
	M6_R_TRUNC_EXT,         /* extension header cut short */
	M6_R_TRUNC_MH,          /* MH shorter than its Header Len says */
	M6_R_TRUNC_MH_FIXED,    /* MH ends inside its fixed part */
	/* packet layer */
	M6_R_IP_VERSION,        /* IP version field is not 6 */
	M6_R_IP_PLEN,           /* Payload Length disagrees with the bytes */
	M6_R_EXT_ORDER,         /* extension headers in an order RFC 8200 forbids */
	M6_R_EXT_LIMIT,         /* more extension headers than we keep */
	M6_R_HAO_LEN,           /* Home Address option length is not 16 */
	M6_R_HAO_ALIGN,         /* Home Address option not at 8n+6 */
	M6_R_HAO_NOT_UNICAST,   /* Home Address is multicast/unspecified/loopback */
	M6_R_RH2_FORMAT,        /* type 2 routing header: bad length or Segments Left */
	M6_R_FRAGMENT,          /* non-first fragment: no MH to decode */
	M6_R_DSTOPT_UNKNOWN,    /* unknown destination option whose type says discard */
	M6_R_TLV_OVERRUN,       /* a hop-by-hop/destination option runs past its header */
	M6_R_TUNNEL_DEPTH,      /* tunnels nested deeper than M6_MAX_IP headers: not walked (note) */
	/* Mobility Header (RFC 6275 s9.2) */
	M6_R_BAD_CHECKSUM,      /* MH, ICMPv6 or UDP checksum wrong: silently discard */
	M6_R_PAYLOAD_PROTO,     /* Payload Proto not 59 */
	M6_R_HDRLEN_SHORT,      /* Header Len below the type's minimum */
	M6_R_MH_TRAILING,       /* bytes after the MH inside the IPv6 payload */
	M6_R_RESERVED_SET,      /* a reserved field is not zero (note only) */
	/* mobility options */
	M6_R_OPT_OVERRUN,       /* option runs past the end of the message */
	M6_R_OPT_LEN,           /* option Length wrong for its type */
	M6_R_OPT_ALIGN,         /* option not at its alignment (note only) */
	M6_R_OPT_LIMIT,         /* more options than M6_MAX_OPTS */
	M6_R_OPT_UNKNOWN,       /* unknown option type, skipped (note only) */
	M6_R_OPT_NOT_ALLOWED,   /* option not valid in this message type */
	M6_R_OPT_DUPLICATE,     /* option that may appear once appears again */
	M6_R_PADN_NONZERO,      /* PadN data not zero (note only) */
	/* Binding Identifier (RFC 5648 s6.2) */
	M6_R_BID_LEN,           /* BID Length not 4, 8 or 20 */
	M6_R_BID_ZERO,          /* BID value 0 */
	M6_R_BID_COA_NOT_UNICAST, /* BID care-of address not unicast routable */
	/* validation (m6_validate) */
	M6_R_UNKNOWN_MH_TYPE,   /* MH type unknown at a node that must answer */
	M6_R_BU_NEEDS_NONCE,    /* RR BU to a CN without Nonce Indices */
	M6_R_BU_NEEDS_BAD,      /* RR BU to a CN without Authorization Data */
	M6_R_BAD_NOT_LAST,      /* Binding Authorization Data not the last option */
	M6_R_BULK_AT_CN,        /* several BIDs in a BU sent to a CN */
	M6_R_H_AT_CN,           /* H (home registration) flag in a BU to a CN */
	M6_R_BID_COA_V4_AT_CN,  /* IPv4 CoA in a BID sent to a CN */
	M6_R_BID_H_AT_CN,       /* BID H flag outside a home registration */
	M6_R_BID_COA_OUTSIDE_BU, /* BID carries a CoA in a message other than BU */
	M6_R_O_WITHOUT_BID,     /* O flag without a BID option (note only) */
	M6_R_BID_STATUS_IN_BU,  /* BID Status not zero where it is ignored (note) */
	M6_R_BA_BID_STATUS,     /* BID Status set in a BA whose Status is not NOTCOMPLETE */
	M6_R_TRUNC_PAYLOAD,     /* capture ends inside the IPv6 payload: after the MH, in data (note) */
	/* ICMPv6 messages of Neighbor Discovery and RFC 6275 (m6_nd_decode) */
	M6_R_TRUNC_ICMP6,       /* capture ends inside the ICMPv6 message */
	M6_R_ICMP6_SHORT,       /* ICMPv6 message shorter than its type's fixed part */
	M6_R_ND_OPT_ZERO,       /* ND option with Length 0 (RFC 4861 s4.6: discard) */
	M6_R_ND_OPT_OVERRUN,    /* ND option runs past the end of the message */
	M6_R_ND_OPT_LEN,        /* ND option Length wrong for its type: option ignored (note) */
	M6_R_ND_OPT_LIMIT,      /* more prefixes or home agent addresses than kept (note) */
	M6_R_ND_TRAILING,       /* bytes after the last home agent address (note) */
	/* ... their validity (m6_nd_validate) */
	M6_R_ND_HOP_LIMIT,      /* IPv6 Hop Limit not 255 (RFC 4861 s6.1, s7.1) */
	M6_R_ICMP6_CODE,        /* ICMPv6 Code not 0 */
	M6_R_ND_TARGET_MCAST,   /* NS/NA Target Address is multicast */
	M6_R_NA_SOLICITED_MCAST, /* NA with the S flag sent to a multicast address */
	M6_R_ND_UNSPEC_SLLA,    /* RS/NS from the unspecified address carries a Source LLA */
	M6_R_NS_UNSPEC_DST,     /* NS from the unspecified address not to a solicited-node address */
	M6_R_RA_SRC_NOT_LL,     /* RA source is not a link-local address */
	M6_R_HAINFO_WITHOUT_H,  /* Home Agent Information option in an RA without H (ignored, note) */
	M6_R_HA_LIFETIME_ZERO,  /* Home Agent Lifetime 0 (RFC 6275 s7.4 forbids it) */
	M6_R_DHAAD_NOT_ANYCAST, /* DHAAD Request not to a Home-Agents anycast address (note) */
	M6_R_PREFIX_HOST_BITS,  /* Prefix Information: bits after the prefix length, no R flag (note) */
	M6_R_TUNNEL_EXCESS,     /* IPv6-in-IPv6 payload longer than the packet it carries (note) */
	M6_R_COUNT
};

/* What a conforming receiver must do about a problem. */
enum m6_action {
	M6_ACT_NONE = 0,     /* nothing: a note, or handled by type rules */
	M6_ACT_DISCARD,      /* silently discard the packet */
	M6_ACT_ICMP_PARAM,   /* ICMPv6 Parameter Problem, code and pointer given */
	M6_ACT_BE,           /* Binding Error with the given status */
	M6_ACT_BA,           /* reject: Binding Acknowledgement with the status */
	M6_ACT_SKIP_OPTION,  /* ignore this option, process the rest */
};

enum m6_severity {
	M6_SEV_NOTE = 0,  /* informational; the packet stays valid */
	M6_SEV_ERROR = 1, /* the packet is invalid */
};

struct m6_diag {
	uint8_t reason;   /* enum m6_reason */
	uint8_t severity; /* enum m6_severity */
	uint8_t action;   /* enum m6_action */
	uint8_t code;     /* ICMP code, BE status or BA status, by action */
	uint32_t offset;  /* byte offset from the start of the decoded input */
	uint32_t pointer; /* ICMP_PARAM: pointer from the start of the IPv6 header */
};

struct m6_diags {
	uint16_t n;       /* diagnostics kept in d[] */
	uint16_t dropped; /* entries lost for room (notes first, see m6_diag_add) */
	struct m6_diag d[M6_MAX_DIAGS];
};

/* ------------------------------------------------------------------ */
/* Addresses                                                           */
/* ------------------------------------------------------------------ */

typedef struct { uint8_t a[16]; } m6_addr6;
typedef struct { uint8_t a[4]; } m6_addr4;

/* The kinds of IPv6 address (RFC 4291 s2.4): ::, fe80::/10, ff00::/8. */
bool m6_addr_unspecified(const m6_addr6 *a);
bool m6_addr_link_local(const m6_addr6 *a);
bool m6_addr_multicast(const m6_addr6 *a);

/* ------------------------------------------------------------------ */
/* Mobility options                                                    */
/* ------------------------------------------------------------------ */

/* Flags of struct m6_opt. */
#define M6_OPTF_LEN_FORCED 0x01 /* encode: write opt.len as given, not the natural length */
#define M6_OPTF_MISALIGN 0x02   /* encode: place this option off its alignment */
#define M6_OPTF_RAW 0x04        /* data is opaque: the payload is data[data_off..+len] */
#define M6_OPTF_MALFORMED 0x08  /* decode: length wrong; typed fields hold what fit */

struct m6_opt_bid {
	uint16_t bid;
	uint8_t status;
	uint8_t flags;     /* M6_BID_H and the 7 reserved bits */
	uint8_t coa_family; /* 0 none, 4 IPv4, 6 IPv6 */
	m6_addr4 coa4;
	m6_addr6 coa6;
};

struct m6_opt {
	uint8_t type;       /* enum m6_opt_type or any other value */
	uint8_t len;        /* Length octet as on the wire (Pad1: number of Pad1 bytes) */
	uint8_t flags;      /* M6_OPTF_* */
	uint8_t _pad;
	uint16_t offset;    /* decode: offset of the Type octet from the MH start */
	uint16_t data_off;  /* offset of the payload in the message's data[] */
	union {
		uint16_t refresh;       /* BRA: refresh interval, 4 s units */
		m6_addr6 altcoa;        /* Alternate CoA */
		struct { uint16_t home, careof; } nonce; /* Nonce Indices */
		uint8_t auth[M6_AUTH_LEN]; /* BAD (RR form, len 12) */
		struct {
			uint8_t reserved;
			uint8_t plen;
			m6_addr6 prefix;
		} mnp;
		struct {
			uint8_t subtype;        /* MNID subtype, LLA option code */
		} sub;                          /* payload after it is in data[] */
		struct {
			uint8_t byte0, byte1;   /* V4HOA: plen,P/res; V4ACK: status,plen; NATD: F/res */
			uint32_t word;          /* NATD: refresh time (seconds) */
			m6_addr4 addr;
		} v4;
		struct m6_opt_bid bid;
	} u;
};

/* ------------------------------------------------------------------ */
/* Mobility Header messages                                            */
/* ------------------------------------------------------------------ */

struct m6_mh_ti {   /* HoTI, CoTI */
	uint16_t reserved;
	uint8_t cookie[M6_COOKIE_LEN];
};

struct m6_mh_test { /* HoT, CoT */
	uint16_t nonce_index;
	uint8_t cookie[M6_COOKIE_LEN];
	uint8_t token[M6_TOKEN_LEN];
};

struct m6_mh_bu {
	uint16_t seq;
	uint16_t flags;    /* M6_BU_* including the reserved bits as received */
	uint16_t lifetime; /* 4 s units */
};

struct m6_mh_ba {
	uint8_t status;
	uint8_t flags;     /* M6_BA_* including the reserved bits */
	uint16_t seq;
	uint16_t lifetime; /* 4 s units */
};

struct m6_mh_be {
	uint8_t status;
	uint8_t reserved;
	m6_addr6 hoa;
};

/*
 * One Mobility Header message. The same struct is what the decoder fills
 * and what the encoder reads.
 */
struct m6_msg {
	uint8_t payload_proto; /* encode: ignored unless knob says otherwise */
	uint8_t hdr_len;       /* Header Len as on the wire (decode only) */
	uint8_t type;          /* enum m6_mh_type or any other value */
	uint8_t reserved;      /* the MH Reserved octet */
	uint16_t checksum;     /* as on the wire (decode) */
	uint16_t mh_len;       /* decode: bytes the MH occupies, (hdr_len+1)*8 */
	uint16_t opts_off;     /* offset of the first option from MH start; for
				* types 8 and up, where the body starts in data[] */
	union {
		uint16_t brr_reserved;
		struct m6_mh_ti ti;
		struct m6_mh_test test;
		struct m6_mh_bu bu;
		struct m6_mh_ba ba;
		struct m6_mh_be be;
	} u;
	uint16_t n_opts;
	struct m6_opt opts[M6_MAX_OPTS];
	/* Payload arena: on decode a copy of the MH bytes; on build the place
	 * where opaque option payloads are put (m6_msg_add_raw_option). */
	uint16_t data_len;
	uint8_t data[M6_MH_MAX];
};

/* Fixed part of each known type after the 6-octet MH header, and the
 * smallest Header Len a receiver accepts for it (RFC 6275 s9.2). */
int m6_mh_fixed_len(uint8_t type);   /* -1 for unknown types */
int m6_mh_min_hdr_len(uint8_t type); /* -1 for unknown types */

/* ------------------------------------------------------------------ */
/* Checksum                                                            */
/* ------------------------------------------------------------------ */

/* The addresses of the checksum pseudo-header: src is the home address
 * when a Home Address option is present, dst the final destination when a
 * type 2 routing header is present (RFC 6275 s6.1.1). */
struct m6_pseudo {
	m6_addr6 src;
	m6_addr6 dst;
};

/* m6_mh_checksum - Internet checksum of an MH over the IPv6 pseudo-header.
 * In: ps, the MH bytes mh[0..len) (its Checksum field is treated as zero).
 * Out: the value to store in the Checksum field (host order). */
uint16_t m6_mh_checksum(const struct m6_pseudo *ps, const uint8_t *mh, size_t len);

/* The same for any upper layer: next header nxt (58 for ICMPv6), data of
 * len octets whose 16-bit Checksum field at csum_off counts as zero. */
uint16_t m6_upper_checksum(const struct m6_pseudo *ps, uint8_t nxt, const uint8_t *data,
			   size_t len, size_t csum_off);

/* ------------------------------------------------------------------ */
/* Decode                                                              */
/* ------------------------------------------------------------------ */

/*
 * m6_mh_decode - decode one Mobility Header.
 * In:  buf[0..len) starting at the MH's Payload Proto octet; ps, when not
 *      NULL, the pseudo-header for checksum verification (NULL: not checked).
 *      base is added to every diagnostic offset (the MH's offset in the
 *      caller's packet; 0 for a raw MH); ip_off is the IPv6 header's offset
 *      in that packet, used for ICMP pointers.
 * Out: *msg filled (msg->data holds a copy of the MH); problems appended to
 *      *diags.
 * Returns: bytes of the MH consumed (mh_len) on success, even when the
 *      diagnostics hold errors; M6_ERR_TRUNCATED when fewer than 6 bytes are
 *      present or the MH is cut short (as much as was there is decoded).
 * Owns nothing; allocates nothing.
 */
int m6_mh_decode(const uint8_t *buf, size_t len, const struct m6_pseudo *ps,
		 size_t base, size_t ip_off, struct m6_msg *msg, struct m6_diags *diags);

/* Index of the next option of a type at or after index from, or -1
 * (for example, every BID option of a bulk registration). */
int m6_msg_next_opt(const struct m6_msg *msg, int from, uint8_t type);

/* Count options of a type (pads count once per entry). */
int m6_msg_count_opt(const struct m6_msg *msg, uint8_t type);

/*
 * m6_msg_compare - do two messages carry the same fields?
 * Compares type, the MH Reserved octet, every body field and the non-pad
 * options in order with all their fields (opaque payloads byte by byte).
 * Offsets, Header Len, checksum and padding are not compared: they are
 * layout, not content.
 * Out: on a difference, why[0..whylen) names the first field that differs
 *      with both values ("opt[2] bid.coa6: 2001:db8::1 vs 2001:db8::2").
 * Returns: 0 same, 1 different.
 */
int m6_msg_compare(const struct m6_msg *a, const struct m6_msg *b, char *why, size_t whylen);

/* ------------------------------------------------------------------ */
/* Encode                                                              */
/* ------------------------------------------------------------------ */

/* Rule-breaking knobs for the encoder. Zero-initialised = correct message. */
struct m6_enc_knobs {
	bool verbatim;          /* options exactly as listed: no pads inserted or dropped (the MH is
				 * still padded to a multiple of 8 at the end) */
	bool hdr_len_set;       /* write hdr_len instead of the computed Header Len */
	uint8_t hdr_len;
	bool proto_set;         /* write proto instead of 59 */
	uint8_t proto;
	bool csum_set;          /* write csum instead of the computed checksum */
	uint16_t csum;
	bool csum_bad;          /* write the computed checksum with its low bit flipped */
	int32_t truncate;       /* > 0: cut the encoded MH (ND: ICMPv6 message) to this many bytes */
	bool nd_optlen_set;     /* ND: write Length nd_optlen (8-octet units) in the first */
	uint8_t nd_optlen_type; /* option of this type */
	uint8_t nd_optlen;
};

/*
 * m6_msg_encode - encode a Mobility Header message.
 * In:  msg (type, body fields, opts[]: Pad1/PadN entries are dropped and
 *      alignment padding recomputed unless knobs->verbatim); ps for the
 *      checksum (NULL: write msg->checksum as is); knobs may be NULL.
 * Out: out[0..cap) holds the MH.
 * Returns: bytes written, or M6_ERR_NOSPACE, or M6_ERR_ARG (an option that
 *      cannot be encoded, or an MH longer than 2048 bytes).
 */
int m6_msg_encode(const struct m6_msg *msg, const struct m6_pseudo *ps,
		  const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap);

/* Builders for struct m6_msg.
 * m6_msg_init: an empty message of a type (header and body zero, no options;
 *   cheap: it does not clear opts[] or data[]).
 * m6_msg_add_opt: appends a zeroed option of a type with typed fields to
 *   fill (BRA, AltCoA, Nonce, BAD with 12 octets, MNP, IPv4 options, BID,
 *   Pad1 with len = number of Pad1 octets, PadN with len zeros).
 * m6_msg_add_raw_opt: appends an option whose payload (everything after
 *   the Length octet) is copied into msg->data and written as is; for MNID
 *   and LLA the payload starts with the subtype/option-code octet.
 * Both return the new option, or NULL when opts[] or data[] is full. */
void m6_msg_init(struct m6_msg *msg, uint8_t type);
struct m6_opt *m6_msg_add_opt(struct m6_msg *msg, uint8_t type);
struct m6_opt *m6_msg_add_raw_opt(struct m6_msg *msg, uint8_t type, const uint8_t *payload, size_t len);

/* The natural Length of an option type as this codec encodes it
 * (BID: 4, 8 or 20 by coa_family), or -1 for variable/opaque types. */
int m6_opt_natural_len(const struct m6_opt *opt);

/* Alignment rule xn+y of an option type (RFC 6275 s6.2, PROTOCOL.md);
 * x = 1 means no requirement. BID's rule depends on its CoA. */
void m6_opt_align(const struct m6_opt *opt, unsigned *x, unsigned *y);

/* ------------------------------------------------------------------ */
/* Packet layer: Ethernet, IPv6, extension headers, tunnels            */
/* ------------------------------------------------------------------ */

/* Link types understood by m6_pkt_decode (values as in pcap's DLT_/LINKTYPE_). */
enum m6_link {
	M6_LINK_RAW = 0,      /* starts with the IP header */
	M6_LINK_ETHERNET = 1,
	M6_LINK_NULL = 2,     /* BSD loopback: 4-byte host-order family */
	M6_LINK_SLL = 3,      /* Linux cooked v1 */
	M6_LINK_SLL2 = 4,     /* Linux cooked v2 */
};

struct m6_ext {
	uint8_t proto;      /* M6_IPPROTO_HOPOPTS/ROUTING/FRAGMENT/DSTOPTS */
	uint8_t nxt;        /* its Next Header */
	uint16_t off;       /* offset from the start of the decoded input */
	uint16_t len;       /* bytes of this header */
	/* Destination options (and HBH): the Home Address option */
	bool has_hao;
	uint16_t hao_off;   /* offset of the HAO type octet */
	m6_addr6 hao;
	/* Routing header */
	uint8_t rh_type, segleft;
	m6_addr6 rh_addr;   /* type 2: the home address */
	/* Fragment header */
	uint16_t frag_off;  /* in 8-octet units */
	bool frag_more;
	uint32_t frag_id;
};

struct m6_ip6 {
	uint16_t off;      /* offset of this IPv6 header in the input */
	uint8_t tclass;
	uint32_t flow;
	uint16_t plen;     /* Payload Length as on the wire */
	uint8_t nxt;
	uint8_t hlim;
	m6_addr6 src, dst;
	uint8_t n_ext;
	struct m6_ext ext[M6_MAX_EXTS];
};

/* ICMPv6 (RFC 4443): what a node may answer instead of a Mobility Header,
 * e.g. Parameter Problem for a bad Payload Proto (RFC 6275 s9.2). */
#define M6_ICMP6_DEST_UNREACH 1
#define M6_ICMP6_PARAM_PROBLEM 4
#define M6_ICMP6_PP_FIELD 0       /* Parameter Problem code 0: erroneous header field */
#define M6_ICMP6_PP_NEXT_HEADER 1 /* code 1: unrecognized Next Header */
#define M6_ICMP6_PP_OPTION 2      /* code 2: unrecognized IPv6 option */
#define M6_ICMP6_MIN_MTU 1280     /* an error message never makes a longer packet */
#define M6_ICMP6_ECHO_REQUEST 128
#define M6_ICMP6_ECHO_REPLY 129

struct m6_icmp6 {
	uint8_t type, code;
	uint16_t checksum;    /* as on the wire */
	uint32_t param;       /* the 32 bits after the checksum (Parameter Problem: Pointer) */
	uint16_t off;         /* offset of the ICMPv6 header in the input */
	uint16_t body_off;    /* error messages (type < 128): the invoking packet, */
	uint16_t body_len;    /* as much of it as was captured */
	bool csum_checked, csum_ok;
};

#define M6_DATA_MAX 2048 /* data octets a data packet is built with, and kept on decode */
/* A tagged data packet's data starts with these 4 octets, then the tag
 * (32 bits, network order), then bytes[]: a tester follows each packet
 * through a home agent's tunnel by its tag. */
#define M6_TAG_MAGIC "m6kT"
#define M6_TAG_LEN 8     /* magic and tag */

/*
 * A data packet: an ICMPv6 Echo Request or Reply (RFC 4443 s4.1, s4.2) or
 * a UDP datagram (RFC 768) - traffic that is not signalling, which a node
 * checks against its bindings when it carries a Home Address option
 * (RFC 6275 s9.3.1). The same struct is what m6_data_encode reads and what
 * m6_pkt_decode fills.
 */
struct m6_data {
	uint8_t proto;         /* M6_IPPROTO_ICMPV6 (echo) or M6_IPPROTO_UDP */
	uint8_t type;          /* echo: M6_ICMP6_ECHO_REQUEST or M6_ICMP6_ECHO_REPLY */
	uint16_t id, seq;      /* echo: Identifier, Sequence Number */
	uint16_t sport, dport; /* UDP: Source Port, Destination Port */
	bool has_tag;          /* the data starts with M6_TAG_MAGIC and a 32-bit tag, */
	uint32_t tag;          /* which bytes[] does not hold (SPEC.md, "tag=") */
	uint16_t len;          /* octets in bytes[] */
	uint16_t wire_len;     /* decode: data octets the packet says it carries (more than len
				* when the capture or M6_DATA_MAX cut them), after the tag */
	uint8_t bytes[M6_DATA_MAX];
};

/* ------------------------------------------------------------------ */
/* Neighbor Discovery (RFC 4861) and the ICMPv6 messages of RFC 6275   */
/* ------------------------------------------------------------------ */

/* ICMPv6 types (RFC 4861 s4, RFC 6275 s6.5-s6.8). */
#define M6_ICMP6_RS 133          /* Router Solicitation */
#define M6_ICMP6_RA 134          /* Router Advertisement */
#define M6_ICMP6_NS 135          /* Neighbor Solicitation */
#define M6_ICMP6_NA 136          /* Neighbor Advertisement */
#define M6_ICMP6_DHAAD_REQ 144   /* Home Agent Address Discovery Request */
#define M6_ICMP6_DHAAD_REP 145   /* Home Agent Address Discovery Reply */
#define M6_ICMP6_MPS 146         /* Mobile Prefix Solicitation */
#define M6_ICMP6_MPA 147         /* Mobile Prefix Advertisement */

/* ND option types (RFC 4861 s4.6, RFC 6275 s7.3, s7.4). */
enum m6_ndopt_type {
	M6_NDOPT_SLLA = 1,   /* Source Link-Layer Address */
	M6_NDOPT_TLLA = 2,   /* Target Link-Layer Address */
	M6_NDOPT_PREFIX = 3, /* Prefix Information */
	M6_NDOPT_MTU = 5,
	M6_NDOPT_ADVINT = 7, /* Advertisement Interval */
	M6_NDOPT_HAINFO = 8, /* Home Agent Information */
};

/* Flags, where they sit in struct m6_nd.flags and m6_nd_prefix.flags. */
#define M6_RA_M 0x80             /* RA octet after Cur Hop Limit: Managed */
#define M6_RA_O 0x40             /* Other configuration */
#define M6_RA_H 0x20             /* Home Agent (RFC 6275 s7.1) */
#define M6_RA_RESERVED 0x1f      /* Prf (RFC 4191) and the rest: shown as reserved */
#define M6_NA_R 0x80000000u      /* NA 32 bits after the checksum: Router */
#define M6_NA_S 0x40000000u      /* Solicited */
#define M6_NA_O 0x20000000u      /* Override */
#define M6_NA_RESERVED 0x1fffffffu
#define M6_MPA_M 0x8000          /* MPA 16 bits after the Identifier */
#define M6_MPA_O 0x4000
#define M6_MPA_RESERVED 0x3fff
#define M6_PI_L 0x80             /* Prefix Information: on-link */
#define M6_PI_A 0x40             /* autonomous configuration */
#define M6_PI_R 0x20             /* Router Address (RFC 6275 s7.2) */
#define M6_PI_RESERVED 0x1f

#define M6_ND_MAX_PREFIXES 8     /* Prefix Information options kept per message */
#define M6_DHAAD_MAX_HA 16       /* home agent addresses kept per DHAAD Reply */

struct m6_nd_prefix {
	uint8_t plen;          /* Prefix Length */
	uint8_t flags;         /* M6_PI_* and the 5 reserved bits */
	uint32_t valid;        /* Valid Lifetime, seconds (0xffffffff: infinity) */
	uint32_t preferred;    /* Preferred Lifetime, seconds */
	uint32_t reserved2;    /* the 32-bit Reserved2 field */
	m6_addr6 prefix;
};

/*
 * An ICMPv6 message of Neighbor Discovery (RS, RA, NS, NA) or of RFC 6275
 * (DHAAD Request/Reply, MPS, MPA): plain values, no pointers into the
 * packet. The same struct is what m6_nd_decode fills and what
 * m6_nd_encode reads; fields a type does not have stay zero.
 */
struct m6_nd {
	uint8_t type;          /* M6_ICMP6_RS ... M6_ICMP6_MPA */
	uint8_t code;
	uint16_t off;          /* decode: offset of the ICMPv6 header in the input */
	uint16_t len;          /* decode: octets of the message the IPv6 header gives it */
	uint32_t reserved;     /* RS, NS: the 32-bit Reserved; DHAAD, MPS: the 16-bit one */
	uint32_t flags;        /* RA: the octet after Cur Hop Limit (M6_RA_*); NA: the
				* 32 bits after the checksum (M6_NA_*); MPA: the 16
				* bits after the Identifier (M6_MPA_*); reserved bits included */
	uint16_t id;           /* DHAAD Request/Reply, MPS, MPA: Identifier */
	m6_addr6 target;       /* NS, NA: Target Address */
	/* RA fixed part */
	uint8_t cur_hlim;      /* Cur Hop Limit */
	uint16_t router_lifetime; /* seconds */
	uint32_t reachable;    /* Reachable Time, ms */
	uint32_t retrans;      /* Retrans Timer, ms */
	/* options (RS, RA, NS, NA, MPA); a second option of a type overwrites
	 * the first, except Prefix Information, which is kept in order */
	bool has_slla, has_tlla;
	uint8_t slla[6], tlla[6]; /* the first 6 octets of the option's address */
	bool has_mtu;
	uint32_t mtu;
	bool has_advint;
	uint32_t advint;       /* Advertisement Interval, ms (RFC 6275 s7.3) */
	bool has_hainfo;
	uint16_t hainfo_off;   /* decode: offset of the option in the input */
	int16_t ha_pref;       /* Home Agent Preference (signed, RFC 6275 s7.4) */
	uint16_t ha_lifetime;  /* Home Agent Lifetime, seconds */
	uint8_t n_prefixes;
	struct m6_nd_prefix prefixes[M6_ND_MAX_PREFIXES];
	uint8_t n_opts;        /* decode: options walked (unknown ones included) */
	/* DHAAD Reply: Home Agent Addresses, in order of preference */
	uint8_t n_ha;
	m6_addr6 ha[M6_DHAAD_MAX_HA];
};

/* A decoded UDP header (the datagram's fields are in struct m6_pkt.data). */
struct m6_udp {
	uint16_t off;          /* offset of the UDP header in the input */
	uint16_t len;          /* Length as on the wire: header and data */
	uint16_t checksum;     /* as on the wire */
	bool csum_checked, csum_ok;
};

struct m6_pkt {
	uint8_t link;          /* enum m6_link */
	uint8_t eth_dst[6], eth_src[6];
	uint16_t ethertype;
	uint8_t n_ip;          /* 1, or more for IPv6-in-IPv6 (ip[0] outermost, nested tunnels next) */
	struct m6_ip6 ip[M6_MAX_IP];
	bool has_mh;
	uint16_t mh_off;       /* offset of the MH in the input */
	bool csum_checked;     /* checksum verified (needs the whole MH) */
	bool csum_ok;
	uint8_t upper;         /* final next header when there is no MH */
	bool has_icmp6;        /* an ICMPv6 message (no MH then) */
	struct m6_icmp6 icmp6;
	bool has_udp;          /* a UDP datagram (no MH then) */
	struct m6_udp udp;
	bool has_data;         /* an Echo Request/Reply with Code 0, or a UDP datagram */
	struct m6_data data;
	bool has_nd;           /* an ND or RFC 6275 ICMPv6 message (has_icmp6 too) */
	struct m6_nd nd;
	struct m6_msg msg;
	struct m6_diags diags;
};

/*
 * m6_pkt_decode - decode a frame of link type `link` down to its MH, or
 *      to its ICMPv6 message or UDP datagram when it has no MH.
 * In:  buf[0..len) the captured bytes; verify_csum: check the MH, ICMPv6
 *      or UDP checksum (a wrong one is a bad-checksum error, as for an MH).
 * Out: *pkt (has_mh false when no MH was found: that is not an error).
 * Returns: M6_OK when the headers could be walked (the diagnostics may
 *      still hold errors; a non-first fragment is M6_OK with has_mh false
 *      and a note), M6_ERR_TRUNCATED when the input ends inside a header
 *      (the MH included), M6_ERR_INVALID when a header is unusable (IP
 *      version not 6 where IPv6 is expected, too many extension headers).
 *      The reason is in pkt->diags. Frames that are not IPv6 (ARP, IPv4)
 *      are M6_OK with has_mh false and no diagnostic.
 */
int m6_pkt_decode(const uint8_t *buf, size_t len, int link, bool verify_csum, struct m6_pkt *pkt);

/* True when the decoded packet carries no error diagnostic. */
bool m6_pkt_valid(const struct m6_pkt *pkt);

/* Does the tunnel header pkt->ip[level] carry octets after the packet in
 * it, pkt->ip[level + 1] (their Payload Lengths)? RFC 2473 s3 makes the
 * original packet the tunnel packet's payload; an entry point that also
 * takes what its link added after the packet (Ethernet padding) sends
 * more. The decoder notes it (tunnel-excess). False for the innermost
 * header or a level beyond pkt->n_ip. */
bool m6_tunnel_excess(const struct m6_pkt *pkt, int level);

/* The outer header of an IPv6-in-IPv6 tunnel (RFC 2473): from the entry
 * point to the exit point, with hop limit hlim (0: 64). */
struct m6_tunnel {
	m6_addr6 src, dst;
	uint8_t hlim;
};

/* What to build around an MH. */
struct m6_pkt_spec {
	bool eth;               /* Ethernet framing */
	uint8_t eth_dst[6], eth_src[6];
	bool tunnel;            /* IPv6-in-IPv6 outer header */
	m6_addr6 outer_src, outer_dst;
	uint8_t n_nested;       /* tunnel headers inside the outer one, outermost first */
	struct m6_tunnel nested[M6_MAX_NESTED]; /* (their hlim unused: all take hlim) */
	m6_addr6 src, dst;      /* the inner (or only) IPv6 header */
	uint8_t hlim;           /* 0: 64 */
	bool hbh;               /* an empty Hop-by-Hop header (PadN) first */
	bool hao;               /* Destination Options with Home Address option */
	m6_addr6 hoa;
	bool rh2;               /* type 2 routing header */
	m6_addr6 rh2_addr;      /* the home address it carries */
	bool frag;              /* an atomic Fragment header */
	uint32_t frag_id;
	bool hao_before_rh2;    /* put the DstOpts before the RH2 (RFC 8200 forbids
				 * a DstOpts with HAO before RH: a rule to break) */
};

/*
 * m6_pkt_encode - build the packet around an encoded MH.
 * In:  spec; msg and knobs as for m6_msg_encode (checksum computed with
 *      the HAO/RH2 pseudo-header rules).
 * Out: out[0..cap).
 * Returns: bytes written, M6_ERR_NOSPACE, M6_ERR_ARG.
 */
int m6_pkt_encode(const struct m6_pkt_spec *spec, const struct m6_msg *msg,
		  const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap);

/*
 * m6_icmp6_encode - an ICMPv6 message in the packet spec describes (the
 * same framing, tunnel and extension headers as m6_pkt_encode): type,
 * code, the 32-bit param field, then body (for errors, the invoking packet
 * from its IPv6 header on, cut so that the packet from its IPv6 header
 * stays within M6_ICMP6_MIN_MTU octets). The checksum is computed with the
 * HAO/RH2 pseudo-header rules; a Home Address option makes it a data packet
 * a node must check against its bindings (RFC 6275 s9.3.1).
 * Returns: bytes written, M6_ERR_NOSPACE, M6_ERR_ARG.
 */
int m6_icmp6_encode(const struct m6_pkt_spec *spec, uint8_t type, uint8_t code, uint32_t param,
		    const uint8_t *body, size_t body_len, uint8_t *out, size_t cap);

/*
 * m6_data_encode - a data packet in the packet spec describes (the same
 * framing, tunnel and extension headers as m6_pkt_encode): an Echo Request
 * or Reply (Code 0) or a UDP datagram, then with d->has_tag M6_TAG_MAGIC
 * and d->tag, then d->bytes[0..d->len). The
 * checksum is computed with the HAO/RH2 pseudo-header rules (a UDP sum of
 * zero is sent as 0xffff, RFC 768); knobs may be NULL, and of them only
 * csum_set/csum and csum_bad apply.
 * Returns: bytes written, M6_ERR_NOSPACE, M6_ERR_ARG (proto or type not one
 *      of the above, len over M6_DATA_MAX).
 */
int m6_data_encode(const struct m6_pkt_spec *spec, const struct m6_data *d,
		   const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap);

/*
 * m6_ip6_forward - an IPv6 packet passed on by a router: its Hop Limit one
 *      less (RFC 8200 s3), in a tunnel when tunnel is not NULL (RFC 2473
 *      s3.1: the packet is forwarded into the tunnel, then encapsulated).
 * In:  ip6[0..len) the packet from its IPv6 header to its end; tunnel or
 *      NULL.
 * Out: out[0..cap): the outer header if any, then the packet.
 * Returns: bytes written; M6_ERR_TRUNCATED (len < 40), M6_ERR_INVALID (not
 *      IPv6), M6_ERR_ARG (Hop Limit 0 or 1: a router discards it, RFC 4443
 *      s3.3; or a tunnelled packet over 65535 octets), M6_ERR_NOSPACE.
 */
int m6_ip6_forward(const uint8_t *ip6, size_t len, const struct m6_tunnel *tunnel, uint8_t *out,
		   size_t cap);

/* The ND and RFC 6275 ICMPv6 messages (struct m6_nd, above). */
/* True for the types struct m6_nd describes (133-136, 144-147). */
bool m6_nd_type_known(uint8_t type);

/* Spec keyword of a type ("ns", "dhaad-rep"), or NULL for other types. */
const char *m6_nd_type_word(uint8_t type);

/* Does a Prefix Information option carry bits after its prefix length
 * without the R flag? RFC 4861 s4.6.2 has the sender zero them (receivers
 * ignore them); with R (RFC 6275 s7.2) the field is the router's whole
 * address. A Prefix Length above 128 counts as no host bits. */
bool m6_nd_prefix_host_bits(const struct m6_nd_prefix *p);

/* Name of a type ("Neighbor Solicitation"), or NULL. */
const char *m6_nd_type_name(uint8_t type);

/* Name of an ND option type ("Prefix Information"), or NULL. */
const char *m6_ndopt_name(uint8_t type);

/*
 * m6_nd_decode - parse the form of one ND / RFC 6275 ICMPv6 message.
 * In:  buf[0..caplen) the captured octets from the ICMPv6 Type on; len the
 *      message's length from the IPv6 Payload Length (more than caplen
 *      when the capture was cut); base, the offset of buf in the caller's
 *      input, is added to every diagnostic offset and stored in nd->off.
 *      The checksum is not checked here (m6_pkt_decode does it).
 * Out: *nd (overwritten: what could be read); problems appended to *diags:
 *      icmp6-short (len below the type's fixed part), nd-option-length-zero,
 *      nd-option-overrun (errors: a receiver discards the packet),
 *      nd-option-length (a known option of the wrong Length: note, the
 *      option is skipped), nd-option-limit, nd-trailing, reserved-set,
 *      prefix-host-bits (notes), truncated-icmp6 (error) when the capture ends early.
 * Returns: octets read (len) on success, even with errors in diags;
 *      M6_ERR_TRUNCATED when caplen < len (as much as was there is
 *      decoded); M6_ERR_INVALID when len is below the fixed part or the
 *      option walk cannot go on (Length 0, overrun); M6_ERR_ARG for a
 *      type m6_nd_type_known rejects.
 */
int m6_nd_decode(const uint8_t *buf, size_t caplen, size_t len, size_t base, struct m6_nd *nd,
		 struct m6_diags *diags);

/*
 * m6_nd_validate - the validity rules of a received message that depend
 * on more than its own octets (RFC 4861 s6.1.1, s6.1.2, s7.1.1, s7.1.2;
 * RFC 6275 s7.4, s10.5): IPv6 Hop Limit 255 and Code 0 (DHAAD and MPS/MPA
 * Code 0 too), NS/NA Target not multicast, NA with S not to a multicast
 * address, RS/NS from the unspecified address without a Source LLA and
 * (NS) to a solicited-node address, RA from a link-local source, Home
 * Agent Information only with H and with a Lifetime above 0, a DHAAD
 * Request to a Home-Agents anycast address (RFC 2526, a note).
 * In:  nd as decoded; ip the IPv6 header that carried it.
 * Out: verdicts appended to *out (offsets from the start of the input).
 * Returns: the number of error-severity verdicts added.
 */
int m6_nd_validate(const struct m6_nd *nd, const struct m6_ip6 *ip, struct m6_diags *out);

/*
 * m6_nd_encode - an ND / RFC 6275 ICMPv6 message in the packet spec
 * describes (the framing, tunnel and extension headers of m6_pkt_encode;
 * set spec->hlim to 255 for ND). Options are written in the order SLLA,
 * TLLA, MTU, Prefix Information (nd->prefixes in order), Advertisement
 * Interval, Home Agent Information, each only for the types that carry
 * it; a DHAAD Reply carries nd->ha[0..n_ha).
 * knobs may be NULL; of them apply: csum_set/csum, csum_bad, truncate
 * (cut the ICMPv6 message to that many octets, checksummed as cut) and
 * nd_optlen_set (write Length nd_optlen in the first option of type
 * nd_optlen_type; its octets stay as they are).
 * Returns: bytes written, M6_ERR_NOSPACE, M6_ERR_ARG (unknown type, more
 *      than M6_ND_MAX_PREFIXES prefixes or M6_DHAAD_MAX_HA addresses, an
 *      nd_optlen_type the message does not carry).
 */
int m6_nd_encode(const struct m6_pkt_spec *spec, const struct m6_nd *nd,
		 const struct m6_enc_knobs *knobs, uint8_t *out, size_t cap);

/* The Binding Management Key and addresses an Authenticator is computed
 * with (RFC 6275 s5.2.6): the care-of address and the correspondent's. */
struct m6_rr_key {
	uint8_t kbm[M6_KBM_LEN];
	m6_addr6 coa, cn;
};

/*
 * m6_msg_encode_signed, m6_pkt_encode_signed - as m6_msg_encode and
 * m6_pkt_encode, for a BU or BA whose last option is a 12-octet Binding
 * Authorization Data: its Authenticator is computed with key and written
 * in before the checksum (knobs apply after signing: a bad checksum or a
 * cut stays signed over the whole message).
 * Returns: bytes written, M6_ERR_NOSPACE, M6_ERR_ARG (no BAD option last),
 *      M6_ERR_CRYPTO.
 */
int m6_msg_encode_signed(const struct m6_msg *msg, const struct m6_pseudo *ps,
			 const struct m6_enc_knobs *knobs, const struct m6_rr_key *key,
			 uint8_t *out, size_t cap);
int m6_pkt_encode_signed(const struct m6_pkt_spec *spec, const struct m6_msg *msg,
			 const struct m6_enc_knobs *knobs, const struct m6_rr_key *key,
			 uint8_t *out, size_t cap);

/* The pseudo-header a spec implies (HAO source, RH2 destination). */
void m6_pkt_spec_pseudo(const struct m6_pkt_spec *spec, struct m6_pseudo *ps);

/* ------------------------------------------------------------------ */
/* Validation (RFC 6275 s9.2, s9.5, s10.3; RFC 5648 s6)                */
/* ------------------------------------------------------------------ */

enum m6_node_role {
	M6_ROLE_CN = 0,
	M6_ROLE_HA = 1,
};

struct m6_validate_ctx {
	uint8_t role;              /* enum m6_node_role: who received the message */
	bool must_answer_unknown;  /* a node that answers unknown MH types with BE 2 */
};

/*
 * m6_validate - check a decoded message's meaning in context.
 * In:  msg as decoded (pkt may be NULL for a raw MH; when given, HAO/RH2
 *      facts are taken from it); ctx.
 * Out: verdicts appended to *out (reason, offset, receiver action).
 * Returns: the number of error-severity verdicts added.
 */
int m6_validate(const struct m6_msg *msg, const struct m6_pkt *pkt,
		const struct m6_validate_ctx *ctx, struct m6_diags *out);

/* ------------------------------------------------------------------ */
/* Return routability (RFC 6275 s5.2), OpenSSL libcrypto               */
/* ------------------------------------------------------------------ */

/* First(64, HMAC_SHA1(Kcn, addr | nonce | id)), id 0 = home, 1 = care-of.
 * nonce[0..nonce_len). Returns M6_OK or M6_ERR_CRYPTO. */
int m6_rr_keygen_token(const uint8_t kcn[M6_KCN_LEN], const m6_addr6 *addr,
		       const uint8_t *nonce, size_t nonce_len, uint8_t id,
		       uint8_t token[M6_TOKEN_LEN]);

/* Kbm = SHA1(home token | care-of token), or SHA1(home token) when
 * coa_token is NULL (deregistration). */
int m6_rr_kbm(const uint8_t home_token[M6_TOKEN_LEN], const uint8_t *coa_token,
	      uint8_t kbm[M6_KBM_LEN]);

/* First(96, HMAC_SHA1(Kbm, coa | cn | mh[0..mh_len))): mh is the MH with
 * Checksum zero and without the Authenticator octets. */
int m6_rr_authenticator(const uint8_t kbm[M6_KBM_LEN], const m6_addr6 *coa,
			const m6_addr6 *cn, const uint8_t *mh, size_t mh_len,
			uint8_t auth[M6_AUTH_LEN]);

/* Authenticator of an encoded BU or BA in place: mh[0..len) is the
 * encoded message whose last option is a 12-octet BAD. Computes over the
 * MH with checksum zeroed and the Authenticator cut, writes it into the
 * BAD option. The checksum must be recomputed afterwards. */
int m6_rr_sign_mh(const uint8_t kbm[M6_KBM_LEN], const m6_addr6 *coa,
		  const m6_addr6 *cn, uint8_t *mh, size_t len);

/* Check the Authenticator of a received MH (same layout); 1 = matches,
 * 0 = does not (or no BAD option last), < 0 error. */
int m6_rr_verify_mh(const uint8_t kbm[M6_KBM_LEN], const m6_addr6 *coa,
		    const m6_addr6 *cn, const uint8_t *mh, size_t len);

/* ------------------------------------------------------------------ */
/* Patching a decoded packet in place (pkt_patch.c)                    */
/* ------------------------------------------------------------------ */

/* The fields are written where m6_pkt_decode found them (pkt describes
 * buf[0..len) as decoded); every other octet stays as it was, so a packet
 * built to break a rule still breaks it. Nothing is written outside buf. */
typedef void (*m6_addr_map_fn)(m6_addr6 *addr, void *arg);

/* Every IPv6 address of the packet passed through map and written back:
 * each IPv6 header's source and destination, the Home Address option, the
 * type 2 routing header's address, a Binding Error's Home Address, the
 * Alternate Care-of Address and BID care-of (IPv6) options, a Neighbor
 * Solicitation's or Advertisement's target. Returns how many. */
int m6_pkt_patch_addrs(uint8_t *buf, size_t len, const struct m6_pkt *pkt, m6_addr_map_fn map, void *arg);

/* A BU's Sequence Number; a Nonce Indices option's two indices.
 * Returns M6_OK, or M6_ERR_ARG when the packet has no such field. */
int m6_pkt_patch_bu_seq(uint8_t *buf, size_t len, const struct m6_pkt *pkt, uint16_t seq);
int m6_pkt_patch_nonce(uint8_t *buf, size_t len, const struct m6_pkt *pkt, uint16_t home, uint16_t careof);

/* The checksum of the packet's MH, ICMPv6 message or UDP datagram
 * computed again over buf as it is now (decoded into *scratch first); with
 * wrong, the right value with its lowest bit flipped (as the encoder's
 * csum_bad knob), for a packet that was captured with a wrong one.
 * Returns M6_OK, M6_ERR_TRUNCATED (not all of it captured), M6_ERR_ARG
 * (nothing that has such a checksum). */
int m6_pkt_patch_checksum(uint8_t *buf, size_t len, int link, bool wrong, struct m6_pkt *scratch);

/* ------------------------------------------------------------------ */
/* Names (IANA Mobile IPv6 parameters); unknown values return NULL     */
/* ------------------------------------------------------------------ */

const char *m6_mh_type_name(uint8_t type);     /* "Binding Update" */
const char *m6_mh_type_abbrev(uint8_t type);   /* "BU" */
const char *m6_opt_name(uint8_t type);         /* "Binding Identifier" */
/* Status names never return NULL: a code the registry leaves unassigned
 * is "unassigned". */
const char *m6_ba_status_name(uint8_t status);
const char *m6_be_status_name(uint8_t status);
const char *m6_reason_name(uint8_t reason);    /* "bad-checksum" (stable key) */
const char *m6_reason_text(uint8_t reason);    /* one-line explanation */
const char *m6_action_name(uint8_t action);    /* "discard", "icmp-param-problem" */

/* Append a diagnostic (returns the new entry, or NULL when full; full
 * lists count the overflow in dropped). */
struct m6_diag *m6_diag_add(struct m6_diags *d, uint8_t reason, uint8_t severity,
			    uint8_t action, uint8_t code, size_t offset);
bool m6_diags_have_error(const struct m6_diags *d);

#ifdef __cplusplus
}
#endif
#endif
