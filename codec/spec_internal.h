/* spec_internal.h - what the files of the spec parser share (internal):
 * spec_text.c (errors, words, values), spec_body.c (message and body
 * fields), spec_options.c (mobility options), spec_packet.c (packet words
 * and knobs) and spec.c (the table of words and the parse loop). */
#ifndef M6_SPEC_INTERNAL_H
#define M6_SPEC_INTERNAL_H

#include "m6spec.h"

/* A piece of the spec text (not NUL-terminated). */
struct slice {
	const char *p;
	size_t n;
};

/* The comma-separated parts of a word after its value. */
struct parts {
	struct slice s;
	bool more; /* a part follows: there was a ',' */
};

/* One word taken apart: KEY[=VAL][,PART]... */
struct arg {
	struct slice key, val;
	bool has_val;
	struct parts rest;
	unsigned subs_seen; /* the option sub-fields given so far */
};

struct parse {
	struct m6_build *b;
	char *err;
	size_t errlen;
	struct slice tok;       /* the word being parsed: errors name it */
	char msg_name[16];      /* "bu", "mh=200", "echo-request", "dhaad-rep" */
	uint32_t what;          /* the first word's bit in struct word.msgs */
	uint64_t seen[2];       /* once-only words given so far, by table index */
	struct slice first_pad; /* pads need the verbatim knob */
};

struct word;
typedef int (*word_fn)(struct parse *p, const struct word *w, struct arg *a);

enum kind {
	K_FIELD,  /* a body field or the MH header's Reserved octet */
	K_FLAG,   /* a BU or BA flag letter */
	K_OPTION, /* appends a mobility option */
	K_PACKET, /* the packet around the MH, also meaningful with mh-only */
	K_LAYOUT, /* the packet around the MH, meaningless with mh-only */
	K_KNOB,   /* an encoder knob */
};
enum value_rule { V_NONE, V_REQ, V_OPT };
enum group { G_NONE, G_LIFETIME, G_FRAMING }; /* words of a group exclude each other */

#define MSG(t) (1u << (t))
#define OTHER_TYPES (1u << 8) /* mh=8 and up: header and opaque body only */
#define KNOWN_TYPES 0xffu
#define MH_TYPES (KNOWN_TYPES | OTHER_TYPES)
#define DATA_ECHO_REQ (1u << 9) /* data packets: no MH (struct m6_data) */
#define DATA_ECHO_REP (1u << 10)
#define DATA_UDP (1u << 11)
#define DATA_ECHO (DATA_ECHO_REQ | DATA_ECHO_REP)
#define DATA (DATA_ECHO | DATA_UDP)
#define ND_RS (1u << 12)        /* ICMPv6 ND and RFC 6275 messages (struct m6_nd) */
#define ND_RA (1u << 13)
#define ND_NS (1u << 14)
#define ND_NA (1u << 15)
#define ND_DHAAD_REQ (1u << 16)
#define ND_DHAAD_REP (1u << 17)
#define ND_MPS (1u << 18)
#define ND_MPA (1u << 19)
#define ND_WITH_ID (ND_DHAAD_REQ | ND_DHAAD_REP | ND_MPS | ND_MPA)
#define ND_ALL (0xffu << 12)
#define ALL_TYPES (MH_TYPES | DATA | ND_ALL)
#define BU_BA (MSG(M6_MH_BU) | MSG(M6_MH_BA))
#define TI_TEST (MSG(M6_MH_HOTI) | MSG(M6_MH_COTI) | MSG(M6_MH_HOT) | MSG(M6_MH_COT))
#define TEST (MSG(M6_MH_HOT) | MSG(M6_MH_COT))

struct word {
	const char *name;
	uint8_t kind;     /* enum kind */
	uint8_t value;    /* enum value_rule */
	bool commas;      /* takes parts after commas */
	bool once;        /* at most once per spec */
	uint8_t group;    /* enum group */
	uint32_t msgs;    /* the messages (and data packets) it applies to */
	uint16_t bu_flag; /* K_FLAG: its bit in a BU (0: not a BU flag) */
	uint8_t ba_flag;  /* K_FLAG: its bit in a BA (0: not a BA flag) */
	word_fn parse;
};


extern const char *const m6s_msg_names[M6_MH_KNOWN_MAX + 1];

/* spec_text.c: errors (each returns M6_ERR_ARG after writing p->err) */
int m6s_fail_at(struct parse *p, struct slice at, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
int m6s_fail(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* spec_text.c: pieces of text */
bool m6s_slice_is(struct slice s, const char *lit);
bool m6s_slice_split(struct slice s, char c, struct slice *head, struct slice *tail);
bool m6s_next_part(struct parts *it, struct slice *part);
bool m6s_next_token(const char **s, struct slice *tok);
void m6s_split_word(struct slice tok, struct arg *a);

/* spec_text.c: values; each returns M6_OK or fails naming field */
int m6s_parse_num(struct parse *p, const char *field, struct slice s, unsigned long lo,
		  unsigned long hi, unsigned long *out);
int m6s_get_u8(struct parse *p, const char *field, struct slice s, unsigned long hi, uint8_t *out);
int m6s_get_u16(struct parse *p, const char *field, struct slice s, unsigned long hi, uint16_t *out);
int m6s_parse_hex(struct parse *p, const char *field, struct slice s, uint8_t *out, size_t min,
		  size_t max, size_t *n);
int m6s_parse_hex_exact(struct parse *p, const char *field, struct slice s, uint8_t *out, size_t len);
int m6s_parse_addr6(struct parse *p, struct slice s, m6_addr6 *out);
int m6s_parse_addr4(struct parse *p, struct slice s, m6_addr4 *out);
int m6s_parse_mac(struct parse *p, struct slice s, uint8_t mac[6]);

/* spec_body.c */
int m6s_parse_message(struct parse *p, struct slice tok);

/* spec_body.c: word handlers */
int m6s_word_body(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_cookie(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_flag(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_home(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_index(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_lifetime(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_lifetime_s(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_mhres(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_reserved(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_seq(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_status(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_token(struct parse *p, const struct word *w, struct arg *a);

/* spec_data.c: the data packets (echo-request, echo-reply, udp) */
bool m6s_parse_data_packet(struct parse *p, struct slice tok); /* false: not one */
bool m6s_is_data_packet_name(struct slice s);
int m6s_word_id(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_port(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_data(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_tag(struct parse *p, const struct word *w, struct arg *a);

/* spec_nd.c: the ND and RFC 6275 ICMPv6 messages */
bool m6s_parse_nd_message(struct parse *p, struct slice tok); /* false: not one */
bool m6s_is_nd_name(struct slice s);
int m6s_nd_flag(struct parse *p, const struct word *w);
int m6s_nd_reserved(struct parse *p, const struct word *w, struct arg *a);
int m6s_nd_check(struct parse *p);
int m6s_word_code(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_curhlim(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_ha(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_hainfo(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_lladdr(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_nd_u32(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_optlen(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_prefix(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_router_lifetime(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_target(struct parse *p, const struct word *w, struct arg *a);

/* spec_options.c: word handlers */
int m6s_word_altcoa(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_bad(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_bid(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_bra(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_lla(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_mnid(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_mnp(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_natd(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_nonce(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_opt(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_pad1(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_padn(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_v4ack(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_v4coa(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_v4hoa(struct parse *p, const struct word *w, struct arg *a);

/* spec_packet.c: word handlers */
int m6s_word_csum(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_dst(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_dstopts_first(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_eth(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_ethdst(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_ethpad(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_ethsrc(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_frag(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_hao(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_hbh(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_hdrlen(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_hlim(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_noeth(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_proto(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_rh2(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_src(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_trunc(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_tunnel(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_verbatim(struct parse *p, const struct word *w, struct arg *a);
int m6s_word_sign(struct parse *p, const struct word *w, struct arg *a);

#endif
