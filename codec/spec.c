/* spec.c - the parser of the `mip6kit build` spec language (codec/SPEC.md).
 *
 * A spec is whitespace-separated words: the message first, then body
 * fields, flags, options, packet words and knobs in any order. Every word
 * but the first is looked up in one table that says what it is, which
 * messages it applies to, whether it takes a value or parts after commas,
 * and whether it may repeat; the word's handler does the rest. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	char msg_name[8];       /* "bu", "mh=200" */
	uint64_t seen;          /* once-only words given so far, by table index */
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
#define ALL_TYPES (KNOWN_TYPES | OTHER_TYPES)
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
	uint16_t msgs;    /* the messages it applies to */
	uint16_t bu_flag; /* K_FLAG: its bit in a BU (0: not a BU flag) */
	uint8_t ba_flag;  /* K_FLAG: its bit in a BA (0: not a BA flag) */
	word_fn parse;
};

static const char *const msg_names[M6_MH_KNOWN_MAX + 1] = {
	"brr", "hoti", "coti", "hot", "cot", "bu", "ba", "be",
};

/* ---------------------------------------------------------------- */
/* Errors and text pieces                                            */
/* ---------------------------------------------------------------- */

static int vfail_at(struct parse *p, struct slice at, const char *fmt, va_list ap)
{
	if (!p->err || !p->errlen)
		return M6_ERR_ARG;
	int n = at.n ? snprintf(p->err, p->errlen, "%.*s: ", (int)at.n, at.p) : 0;
	if (n >= 0 && (size_t)n < p->errlen)
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	return M6_ERR_ARG;
}

/* Error prefixed with `at` (nothing when empty); returns M6_ERR_ARG. */
static int fail_at(struct parse *p, struct slice at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_at(struct parse *p, struct slice at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_at(p, at, fmt, ap);
	va_end(ap);
	return M6_ERR_ARG;
}

/* Error prefixed with the word being parsed. */
static int fail(struct parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_at(p, p->tok, fmt, ap);
	va_end(ap);
	return M6_ERR_ARG;
}

static bool slice_is(struct slice s, const char *lit)
{
	return strlen(lit) == s.n && !memcmp(s.p, lit, s.n);
}

static bool slice_to_cstr(struct slice s, char *buf, size_t cap)
{
	if (s.n >= cap)
		return false;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	return true;
}

/* Splits s at the first c: before it into *head, after it into *tail.
 * Returns false (head = s) when there is no c. */
static bool slice_split(struct slice s, char c, struct slice *head, struct slice *tail)
{
	const char *at = memchr(s.p, c, s.n);

	*head = s;
	*tail = (struct slice){ s.p + s.n, 0 };
	if (!at)
		return false;
	head->n = (size_t)(at - s.p);
	*tail = (struct slice){ at + 1, s.n - head->n - 1 };
	return true;
}

static bool next_part(struct parts *it, struct slice *part)
{
	if (!it->more)
		return false;
	it->more = slice_split(it->s, ',', part, &it->s);
	return true;
}

static bool next_token(const char **s, struct slice *tok)
{
	const char *c = *s;

	while (*c && isspace((unsigned char)*c))
		c++;
	if (!*c)
		return false;
	tok->p = c;
	while (*c && !isspace((unsigned char)*c))
		c++;
	tok->n = (size_t)(c - tok->p);
	*s = c;
	return true;
}

static void split_word(struct slice tok, struct arg *a)
{
	size_t k = 0;

	while (k < tok.n && tok.p[k] != '=' && tok.p[k] != ',')
		k++;
	memset(a, 0, sizeof *a);
	a->key = (struct slice){ tok.p, k };
	a->val = (struct slice){ tok.p + k, 0 };
	if (k == tok.n)
		return;
	a->rest = (struct parts){ { tok.p + k + 1, tok.n - k - 1 }, true };
	a->has_val = tok.p[k] == '=';
	if (a->has_val)
		next_part(&a->rest, &a->val);
}

/* ---------------------------------------------------------------- */
/* Values: numbers, hex, addresses                                   */
/* ---------------------------------------------------------------- */

/* Decimal, or hex after 0x. Leading zeros are decimal, never octal. */
static int parse_num(struct parse *p, const char *field, struct slice s, unsigned long lo,
		     unsigned long hi, unsigned long *out)
{
	char buf[24], *end;

	if (!slice_to_cstr(s, buf, sizeof buf))
		return fail(p, "bad number '%.*s'", (int)s.n, s.p);
	bool hex = buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X');
	const char *digits = hex ? buf + 2 : buf;
	if (!(hex ? isxdigit((unsigned char)*digits) : isdigit((unsigned char)*digits)))
		return fail(p, "bad number '%.*s'", (int)s.n, s.p);
	errno = 0;
	unsigned long long v = strtoull(digits, &end, hex ? 16 : 10);
	if (*end)
		return fail(p, "bad number '%.*s'", (int)s.n, s.p);
	if (errno == ERANGE || v < lo || v > hi)
		return fail(p, "%s out of range %lu-%lu", field, lo, hi);
	*out = (unsigned long)v;
	return M6_OK;
}

static int get_u8(struct parse *p, const char *field, struct slice s, unsigned long hi,
		  uint8_t *out)
{
	unsigned long v;

	if (parse_num(p, field, s, 0, hi, &v))
		return M6_ERR_ARG;
	*out = (uint8_t)v;
	return M6_OK;
}

static int get_u16(struct parse *p, const char *field, struct slice s, unsigned long hi,
		   uint16_t *out)
{
	unsigned long v;

	if (parse_num(p, field, s, 0, hi, &v))
		return M6_ERR_ARG;
	*out = (uint16_t)v;
	return M6_OK;
}

int m6_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* s into out[0..*n), min..max octets. */
static int parse_hex(struct parse *p, const char *field, struct slice s, uint8_t *out, size_t min,
		     size_t max, size_t *n)
{
	for (size_t i = 0; i < s.n; i++)
		if (m6_hex_digit(s.p[i]) < 0)
			return fail(p, "bad hex '%.*s'", (int)s.n, s.p);
	if (s.n % 2)
		return fail(p, "%s: odd number of hex digits (%zu)", field, s.n);
	if (min == max && s.n != 2 * min)
		return fail(p, "%s needs %zu hex digits, got %zu", field, 2 * min, s.n);
	if (s.n / 2 < min || s.n / 2 > max)
		return fail(p, "%s takes %zu-%zu octets, got %zu", field, min, max, s.n / 2);
	for (size_t i = 0; i < s.n / 2; i++)
		out[i] = (uint8_t)(m6_hex_digit(s.p[2 * i]) << 4 | m6_hex_digit(s.p[2 * i + 1]));
	*n = s.n / 2;
	return M6_OK;
}

static int parse_hex_exact(struct parse *p, const char *field, struct slice s, uint8_t *out,
			   size_t len)
{
	size_t n;

	return parse_hex(p, field, s, out, len, len, &n);
}

static int parse_addr6(struct parse *p, struct slice s, m6_addr6 *out)
{
	char buf[INET6_ADDRSTRLEN];

	if (!slice_to_cstr(s, buf, sizeof buf) || inet_pton(AF_INET6, buf, out->a) != 1)
		return fail(p, "bad IPv6 address '%.*s'", (int)s.n, s.p);
	return M6_OK;
}

static int parse_addr4(struct parse *p, struct slice s, m6_addr4 *out)
{
	char buf[INET_ADDRSTRLEN];

	if (!slice_to_cstr(s, buf, sizeof buf) || inet_pton(AF_INET, buf, out->a) != 1)
		return fail(p, "bad IPv4 address '%.*s'", (int)s.n, s.p);
	return M6_OK;
}

static int parse_mac(struct parse *p, struct slice s, uint8_t mac[6])
{
	for (size_t i = 0; s.n == 17 && i < 6; i++) {
		int hi = m6_hex_digit(s.p[3 * i]), lo = m6_hex_digit(s.p[3 * i + 1]);
		if (hi < 0 || lo < 0 || (i < 5 && s.p[3 * i + 2] != ':'))
			break;
		mac[i] = (uint8_t)(hi << 4 | lo);
		if (i == 5)
			return M6_OK;
	}
	return fail(p, "bad MAC address '%.*s' (want aa:bb:cc:dd:ee:ff)", (int)s.n, s.p);
}

/* ---------------------------------------------------------------- */
/* The message and its body fields                                   */
/* ---------------------------------------------------------------- */

static int parse_message(struct parse *p, struct slice tok)
{
	struct slice key, val;
	unsigned long type = M6_MH_KNOWN_MAX + 1;

	p->tok = tok;
	for (unsigned t = 0; t <= M6_MH_KNOWN_MAX; t++)
		if (slice_is(tok, msg_names[t]))
			type = t;
	if (type > M6_MH_KNOWN_MAX) {
		if (!slice_split(tok, '=', &key, &val) || !slice_is(key, "mh"))
			return fail(p, "the first word must be the message: "
				       "brr hoti coti hot cot bu ba be or mh=N");
		if (parse_num(p, "mh", val, 0, 255, &type))
			return M6_ERR_ARG;
	}
	m6_msg_init(&p->b->msg, (uint8_t)type);
	if (type <= M6_MH_KNOWN_MAX)
		snprintf(p->msg_name, sizeof p->msg_name, "%s", msg_names[type]);
	else
		snprintf(p->msg_name, sizeof p->msg_name, "mh=%u", p->b->msg.type);
	return M6_OK;
}

static int word_seq(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;

	return get_u16(p, w->name, a->val, 0xffff, m->type == M6_MH_BU ? &m->u.bu.seq : &m->u.ba.seq);
}

static void set_lifetime(struct m6_msg *m, uint16_t units)
{
	if (m->type == M6_MH_BU)
		m->u.bu.lifetime = units;
	else
		m->u.ba.lifetime = units;
}

static int word_lifetime(struct parse *p, const struct word *w, struct arg *a)
{
	uint16_t units;

	if (get_u16(p, w->name, a->val, 0xffff, &units))
		return M6_ERR_ARG;
	set_lifetime(&p->b->msg, units);
	return M6_OK;
}

static int word_lifetime_s(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long s;

	if (parse_num(p, w->name, a->val, 0, 0xffffUL * M6_LIFETIME_UNIT, &s))
		return M6_ERR_ARG;
	if (s % M6_LIFETIME_UNIT)
		return fail(p, "lifetime_s must be a multiple of %d (the wire counts %d s units)",
			    M6_LIFETIME_UNIT, M6_LIFETIME_UNIT);
	set_lifetime(&p->b->msg, (uint16_t)(s / M6_LIFETIME_UNIT));
	return M6_OK;
}

static int word_status(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;

	return get_u8(p, w->name, a->val, 255, m->type == M6_MH_BA ? &m->u.ba.status : &m->u.be.status);
}

static int word_home(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return parse_addr6(p, a->val, &p->b->msg.u.be.hoa);
}

static int word_cookie(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;
	bool init = m->type == M6_MH_HOTI || m->type == M6_MH_COTI;

	return parse_hex_exact(p, w->name, a->val, init ? m->u.ti.cookie : m->u.test.cookie, M6_COOKIE_LEN);
}

static int word_index(struct parse *p, const struct word *w, struct arg *a)
{
	return get_u16(p, w->name, a->val, 0xffff, &p->b->msg.u.test.nonce_index);
}

static int word_token(struct parse *p, const struct word *w, struct arg *a)
{
	return parse_hex_exact(p, w->name, a->val, p->b->msg.u.test.token, M6_TOKEN_LEN);
}

/* The body's reserved bits: a 16-bit field, the BU/BA flag bits nobody
 * has assigned, or the BE octet. */
static int word_reserved(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;
	uint16_t v;

	switch (m->type) {
	case M6_MH_BRR:
		return get_u16(p, w->name, a->val, 0xffff, &m->u.brr_reserved);
	case M6_MH_HOTI:
	case M6_MH_COTI:
		return get_u16(p, w->name, a->val, 0xffff, &m->u.ti.reserved);
	case M6_MH_BU:
		if (get_u16(p, w->name, a->val, M6_BU_RESERVED, &v))
			return M6_ERR_ARG;
		m->u.bu.flags |= v;
		return M6_OK;
	case M6_MH_BA:
		if (get_u16(p, w->name, a->val, M6_BA_RESERVED, &v))
			return M6_ERR_ARG;
		m->u.ba.flags |= (uint8_t)v;
		return M6_OK;
	default:
		return get_u8(p, w->name, a->val, 255, &m->u.be.reserved);
	}
}

static int word_mhres(struct parse *p, const struct word *w, struct arg *a)
{
	return get_u8(p, w->name, a->val, 255, &p->b->msg.reserved);
}

/* The opaque body of MH types 8 and up: m6_msg_encode writes
 * data[opts_off..data_len) after the 6-octet header. */
static int word_body(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;
	size_t n;

	if (parse_hex(p, w->name, a->val, m->data, 0, M6_MH_MAX - 6, &n))
		return M6_ERR_ARG;
	m->opts_off = 0;
	m->data_len = (uint16_t)n;
	return M6_OK;
}

static int word_flag(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_msg *m = &p->b->msg;

	(void)a;
	if (m->type == M6_MH_BU)
		m->u.bu.flags |= w->bu_flag;
	else
		m->u.ba.flags |= w->ba_flag;
	return M6_OK;
}

/* ---------------------------------------------------------------- */
/* Options                                                           */
/* ---------------------------------------------------------------- */

/* Sub-fields after an option's value; len and misalign go with any option. */
enum sub {
	S_END, S_STATUS, S_H, S_RES, S_COA, S_PLEN, S_ADDR, S_P, S_F, S_SUBTYPE, S_CODE, S_LEN, S_MISALIGN
};
#define SUB(s) (1u << (s))

static const struct {
	const char *name;
	bool value;
} subs[] = {
	[S_STATUS] = { "status", true }, [S_H] = { "h", false },
	[S_RES] = { "res", true },       [S_COA] = { "coa", true },
	[S_PLEN] = { "plen", true },     [S_ADDR] = { "addr", true },
	[S_P] = { "p", false },          [S_F] = { "f", false },
	[S_SUBTYPE] = { "subtype", true }, [S_CODE] = { "code", true },
	[S_LEN] = { "len", true },       [S_MISALIGN] = { "misalign", false },
};

static int add_opt(struct parse *p, uint8_t type, struct m6_opt **o)
{
	*o = m6_msg_add_opt(&p->b->msg, type);
	return *o ? M6_OK : fail(p, "more than %d options", M6_MAX_OPTS);
}

static int add_raw_opt(struct parse *p, uint8_t type, const uint8_t *payload, size_t len,
		       struct m6_opt **o)
{
	*o = m6_msg_add_raw_opt(&p->b->msg, type, payload, len);
	return *o ? M6_OK
		  : fail(p, "no room: more than %d options or %d payload octets", M6_MAX_OPTS, M6_MH_MAX);
}

/* len=N: the Length octet says N and the payload is cut or zero-filled to
 * N octets. The encoder reads a raw payload as len octets of data[], so
 * the arena is zero-extended (this option's payload is the last in it). */
static int force_len(struct parse *p, struct m6_opt *o, struct slice val)
{
	struct m6_msg *m = &p->b->msg;
	uint8_t len;

	if (get_u8(p, "len", val, 255, &len))
		return M6_ERR_ARG;
	if (o->flags & M6_OPTF_RAW) {
		size_t end = (size_t)o->data_off + len;
		if (end > sizeof m->data)
			return fail(p, "no room for %u payload octets", len);
		if (end > m->data_len) {
			memset(m->data + m->data_len, 0, end - m->data_len);
			m->data_len = (uint16_t)end;
		}
	}
	o->len = len;
	o->flags |= M6_OPTF_LEN_FORCED;
	return M6_OK;
}

/* The next sub-field of an option word among `allowed`, its value in *val.
 * Applies len= and misalign itself. Returns an enum sub, S_END after the
 * last, or M6_ERR_ARG. */
static int next_sub(struct parse *p, const struct word *w, struct arg *a, struct m6_opt *o,
		    unsigned allowed, struct slice *val)
{
	struct slice part, key;

	allowed |= SUB(S_LEN) | SUB(S_MISALIGN);
	while (next_part(&a->rest, &part)) {
		bool has_val = slice_split(part, '=', &key, val);
		int id = S_END;
		for (int i = S_STATUS; i <= S_MISALIGN; i++)
			if ((allowed & SUB(i)) && slice_is(key, subs[i].name))
				id = i;
		if (id == S_END)
			return fail(p, "%s has no sub-field '%.*s'", w->name, (int)part.n, part.p);
		if (a->subs_seen & SUB(id))
			return fail(p, "%s given twice", subs[id].name);
		a->subs_seen |= SUB(id);
		if (subs[id].value && !has_val)
			return fail(p, "%s needs a value (%s=...)", subs[id].name, subs[id].name);
		if (!subs[id].value && has_val)
			return fail(p, "%s takes no value", subs[id].name);
		if (id == S_LEN) {
			if (force_len(p, o, *val))
				return M6_ERR_ARG;
		} else if (id == S_MISALIGN) {
			o->flags |= M6_OPTF_MISALIGN;
		} else {
			return id;
		}
	}
	return S_END;
}

static int modifiers_only(struct parse *p, const struct word *w, struct arg *a, struct m6_opt *o)
{
	struct slice val;

	return next_sub(p, w, a, o, 0, &val);
}

static int parse_bid_coa(struct parse *p, struct slice s, struct m6_opt_bid *bid)
{
	bid->coa_family = memchr(s.p, ':', s.n) ? 6 : 4;
	return bid->coa_family == 6 ? parse_addr6(p, s, &bid->coa6) : parse_addr4(p, s, &bid->coa4);
}

static int word_bid(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned allowed = SUB(S_STATUS) | SUB(S_H) | SUB(S_RES) | SUB(S_COA);
	struct m6_opt *o;
	struct slice val;
	uint8_t res;
	int id;

	if (add_opt(p, M6_OPT_BID, &o) || get_u16(p, "bid", a->val, 0xffff, &o->u.bid.bid))
		return M6_ERR_ARG;
	while ((id = next_sub(p, w, a, o, allowed, &val)) > 0) {
		switch (id) {
		case S_STATUS:
			if (get_u8(p, "status", val, 255, &o->u.bid.status))
				return M6_ERR_ARG;
			break;
		case S_H:
			o->u.bid.flags |= M6_BID_H;
			break;
		case S_RES:
			if (get_u8(p, "res", val, M6_BID_RESERVED, &res))
				return M6_ERR_ARG;
			o->u.bid.flags |= res;
			break;
		case S_COA:
			if (parse_bid_coa(p, val, &o->u.bid))
				return M6_ERR_ARG;
			break;
		}
	}
	return id;
}

static int word_nonce(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice careof;

	if (!next_part(&a->rest, &careof))
		return fail(p, "nonce needs HOME,CAREOF");
	if (add_opt(p, M6_OPT_NONCE, &o) ||
	    get_u16(p, "home nonce index", a->val, 0xffff, &o->u.nonce.home) ||
	    get_u16(p, "care-of nonce index", careof, 0xffff, &o->u.nonce.careof))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

static int word_bad(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_BAD, &o) ||
	    (a->has_val && parse_hex_exact(p, "bad", a->val, o->u.auth, M6_AUTH_LEN)))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

static int word_altcoa(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_ALTCOA, &o) || parse_addr6(p, a->val, &o->u.altcoa))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

static int word_bra(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_BRA, &o) || get_u16(p, "bra", a->val, 0xffff, &o->u.refresh))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

static int word_mnp(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice prefix, plen, val;
	int id;

	if (!slice_split(a->val, '/', &prefix, &plen))
		return fail(p, "mnp needs PREFIX/PLEN");
	if (add_opt(p, M6_OPT_MNP, &o) || parse_addr6(p, prefix, &o->u.mnp.prefix) ||
	    get_u8(p, "prefix length", plen, 255, &o->u.mnp.plen))
		return M6_ERR_ARG;
	while ((id = next_sub(p, w, a, o, SUB(S_RES), &val)) > 0)
		if (get_u8(p, "res", val, 255, &o->u.mnp.reserved))
			return M6_ERR_ARG;
	return id;
}

/* MNID and LLA: a raw payload of one leading octet (MNID subtype, LLA
 * option code) and the given bytes; sub_id names the sub-field that
 * replaces the leading octet. */
static int add_prefixed_opt(struct parse *p, const struct word *w, struct arg *a, uint8_t type,
			    uint8_t first, enum sub sub_id)
{
	uint8_t payload[255];
	struct m6_opt *o;
	struct slice val;
	size_t n;
	int id;

	payload[0] = first;
	if (parse_hex(p, w->name, a->val, payload + 1, 0, sizeof payload - 1, &n) ||
	    add_raw_opt(p, type, payload, n + 1, &o))
		return M6_ERR_ARG;
	o->u.sub.subtype = first;
	while ((id = next_sub(p, w, a, o, SUB(sub_id), &val)) > 0) {
		if (get_u8(p, subs[sub_id].name, val, 255, &o->u.sub.subtype))
			return M6_ERR_ARG;
		p->b->msg.data[o->data_off] = o->u.sub.subtype;
	}
	return id;
}

static int word_mnid(struct parse *p, const struct word *w, struct arg *a)
{
	return add_prefixed_opt(p, w, a, M6_OPT_MNID, 1, S_SUBTYPE);
}

static int word_lla(struct parse *p, const struct word *w, struct arg *a)
{
	return add_prefixed_opt(p, w, a, M6_OPT_LLA, 2, S_CODE);
}

/* RFC 5555 s3.1.1: Prefix-len (6 bits) | P | Reserved (9 bits), address. */
static int word_v4hoa(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice addr, plen, val;
	uint8_t len = 0;
	int id;

	bool has_plen = slice_split(a->val, '/', &addr, &plen);
	if (add_opt(p, M6_OPT_V4HOA, &o) || parse_addr4(p, addr, &o->u.v4.addr) ||
	    (has_plen && get_u8(p, "prefix length", plen, 63, &len)))
		return M6_ERR_ARG;
	o->u.v4.byte0 = (uint8_t)(len << 2);
	while ((id = next_sub(p, w, a, o, SUB(S_P), &val)) > 0)
		o->u.v4.byte0 |= 0x02;
	return id;
}

/* RFC 5555 s3.2.1: Status, Pref-len (6 bits) | Reserved (2 bits), address. */
static int word_v4ack(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice val;
	uint8_t plen;
	int id;

	if (add_opt(p, M6_OPT_V4ACK, &o) || get_u8(p, "status", a->val, 255, &o->u.v4.byte0))
		return M6_ERR_ARG;
	while ((id = next_sub(p, w, a, o, SUB(S_PLEN) | SUB(S_ADDR), &val)) > 0) {
		if (id == S_PLEN) {
			if (get_u8(p, "plen", val, 63, &plen))
				return M6_ERR_ARG;
			o->u.v4.byte1 = (uint8_t)(plen << 2);
		} else if (parse_addr4(p, val, &o->u.v4.addr)) {
			return M6_ERR_ARG;
		}
	}
	return id;
}

/* RFC 5555 s3.2.2: F | Reserved (15 bits), Refresh time (32 bits). */
static int word_natd(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	struct slice val;
	unsigned long refresh;
	int id;

	if (add_opt(p, M6_OPT_NATD, &o) || parse_num(p, "refresh", a->val, 0, 0xffffffffUL, &refresh))
		return M6_ERR_ARG;
	o->u.v4.word = (uint32_t)refresh;
	while ((id = next_sub(p, w, a, o, SUB(S_F), &val)) > 0)
		o->u.v4.byte0 = 0x80;
	return id;
}

static int word_v4coa(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_V4COA, &o) || parse_addr4(p, a->val, &o->u.v4.addr))
		return M6_ERR_ARG;
	return modifiers_only(p, w, a, o);
}

static void note_pad(struct parse *p)
{
	if (!p->first_pad.n)
		p->first_pad = p->tok;
}

static int word_pad1(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;
	unsigned long count = 1;

	if ((a->has_val && parse_num(p, w->name, a->val, 1, 255, &count)) || add_opt(p, M6_OPT_PAD1, &o))
		return M6_ERR_ARG;
	o->len = (uint8_t)count;
	note_pad(p);
	return M6_OK;
}

static int word_padn(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_opt *o;

	if (add_opt(p, M6_OPT_PADN, &o) || get_u8(p, w->name, a->val, 255, &o->len))
		return M6_ERR_ARG;
	note_pad(p);
	return M6_OK;
}

static int word_opt(struct parse *p, const struct word *w, struct arg *a)
{
	uint8_t type, payload[255];
	struct slice hex;
	struct m6_opt *o;
	size_t n;

	if (!next_part(&a->rest, &hex))
		return fail(p, "opt needs TYPE,HEX (HEX may be empty: opt=%.*s,)", (int)a->val.n, a->val.p);
	if (get_u8(p, "option type", a->val, 255, &type) ||
	    parse_hex(p, "option payload", hex, payload, 0, sizeof payload, &n) ||
	    add_raw_opt(p, type, payload, n, &o))
		return M6_ERR_ARG;
	if (type == M6_OPT_PAD1 || type == M6_OPT_PADN)
		note_pad(p);
	return modifiers_only(p, w, a, o);
}

/* ---------------------------------------------------------------- */
/* The packet around the MH                                          */
/* ---------------------------------------------------------------- */

static int word_src(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return parse_addr6(p, a->val, &p->b->pkt.src);
}

static int word_dst(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return parse_addr6(p, a->val, &p->b->pkt.dst);
}

static int word_hao(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	p->b->pkt.hao = true;
	return parse_addr6(p, a->val, &p->b->pkt.hoa);
}

static int word_rh2(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	p->b->pkt.rh2 = true;
	return parse_addr6(p, a->val, &p->b->pkt.rh2_addr);
}

static int word_dstopts_first(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->pkt.hao_before_rh2 = true;
	return M6_OK;
}

static int word_hbh(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->pkt.hbh = true;
	return M6_OK;
}

static int word_frag(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long id = 0;

	if (a->has_val && parse_num(p, w->name, a->val, 0, 0xffffffffUL, &id))
		return M6_ERR_ARG;
	p->b->pkt.frag = true;
	p->b->pkt.frag_id = (uint32_t)id;
	return M6_OK;
}

static int word_hlim(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long hlim;

	/* 1-255: m6_pkt_spec reads 0 as "the default, 64". */
	if (parse_num(p, w->name, a->val, 1, 255, &hlim))
		return M6_ERR_ARG;
	p->b->pkt.hlim = (uint8_t)hlim;
	return M6_OK;
}

static int word_tunnel(struct parse *p, const struct word *w, struct arg *a)
{
	struct slice outer_dst, extra;

	(void)w;
	if (!next_part(&a->rest, &outer_dst) || next_part(&a->rest, &extra))
		return fail(p, "tunnel needs OUTER_SRC,OUTER_DST");
	if (parse_addr6(p, a->val, &p->b->pkt.outer_src) || parse_addr6(p, outer_dst, &p->b->pkt.outer_dst))
		return M6_ERR_ARG;
	p->b->pkt.tunnel = true;
	return M6_OK;
}

static int word_eth(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->pkt.eth = true;
	return M6_OK;
}

static int word_noeth(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->pkt.eth = false;
	return M6_OK;
}

static int word_ethsrc(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return parse_mac(p, a->val, p->b->pkt.eth_src);
}

static int word_ethdst(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return parse_mac(p, a->val, p->b->pkt.eth_dst);
}

static int word_mh_only(struct parse *p, const struct word *w, struct arg *a);

/* ---------------------------------------------------------------- */
/* Knobs                                                             */
/* ---------------------------------------------------------------- */

static int word_hdrlen(struct parse *p, const struct word *w, struct arg *a)
{
	p->b->knobs.hdr_len_set = true;
	return get_u8(p, w->name, a->val, 255, &p->b->knobs.hdr_len);
}

static int word_proto(struct parse *p, const struct word *w, struct arg *a)
{
	p->b->knobs.proto_set = true;
	return get_u8(p, w->name, a->val, 255, &p->b->knobs.proto);
}

static int word_csum(struct parse *p, const struct word *w, struct arg *a)
{
	if (slice_is(a->val, "bad")) {
		p->b->knobs.csum_bad = true;
		return M6_OK;
	}
	p->b->knobs.csum_set = true;
	return get_u16(p, w->name, a->val, 0xffff, &p->b->knobs.csum);
}

static int word_trunc(struct parse *p, const struct word *w, struct arg *a)
{
	unsigned long n;

	if (parse_num(p, w->name, a->val, 1, M6_MH_MAX, &n))
		return M6_ERR_ARG;
	p->b->knobs.truncate = (int32_t)n;
	return M6_OK;
}

static int word_verbatim(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	p->b->knobs.verbatim = true;
	return M6_OK;
}

/* ---------------------------------------------------------------- */
/* The table of words                                                */
/* ---------------------------------------------------------------- */

#define FIELD(nm, m, fn) \
	{ .name = nm, .kind = K_FIELD, .value = V_REQ, .once = true, .msgs = (m), .parse = fn }
#define FLAG(nm, bu, ba)                                                          \
	{ .name = nm, .kind = K_FLAG, .once = true,                               \
	  .msgs = ((bu) ? MSG(M6_MH_BU) : 0) | ((ba) ? MSG(M6_MH_BA) : 0),         \
	  .bu_flag = (bu), .ba_flag = (ba), .parse = word_flag }
#define OPTION(nm, v, fn) \
	{ .name = nm, .kind = K_OPTION, .value = v, .commas = true, .msgs = KNOWN_TYPES, .parse = fn }
#define PAD(nm, v, fn) { .name = nm, .kind = K_OPTION, .value = v, .msgs = KNOWN_TYPES, .parse = fn }
#define PACKET(nm, k, v, g, fn) \
	{ .name = nm, .kind = k, .value = v, .once = true, .group = g, .msgs = ALL_TYPES, .parse = fn }
#define KNOB(nm, v, fn) \
	{ .name = nm, .kind = K_KNOB, .value = v, .once = true, .msgs = ALL_TYPES, .parse = fn }

static const struct word words[] = {
	FIELD("seq", BU_BA, word_seq),
	{ .name = "lifetime", .kind = K_FIELD, .value = V_REQ, .once = true, .group = G_LIFETIME,
	  .msgs = BU_BA, .parse = word_lifetime },
	{ .name = "lifetime_s", .kind = K_FIELD, .value = V_REQ, .once = true, .group = G_LIFETIME,
	  .msgs = BU_BA, .parse = word_lifetime_s },
	FIELD("status", MSG(M6_MH_BA) | MSG(M6_MH_BE), word_status),
	FIELD("home", MSG(M6_MH_BE), word_home),
	FIELD("cookie", TI_TEST, word_cookie),
	FIELD("index", TEST, word_index),
	FIELD("token", TEST, word_token),
	FIELD("reserved", KNOWN_TYPES & ~TEST, word_reserved),
	FIELD("mhres", ALL_TYPES, word_mhres),
	FIELD("body", OTHER_TYPES, word_body),

	FLAG("A", M6_BU_A, 0),
	FLAG("H", M6_BU_H, 0),
	FLAG("L", M6_BU_L, 0),
	FLAG("K", M6_BU_K, M6_BA_K),
	FLAG("M", M6_BU_M, 0),
	FLAG("R", M6_BU_R, M6_BA_R),
	FLAG("P", M6_BU_P, M6_BA_P),
	FLAG("F", M6_BU_F, 0),
	FLAG("T", M6_BU_T, M6_BA_T),
	FLAG("O", M6_BU_O, 0),
	FLAG("B", 0, M6_BA_B),

	OPTION("bid", V_REQ, word_bid),
	OPTION("nonce", V_REQ, word_nonce),
	OPTION("bad", V_OPT, word_bad),
	OPTION("altcoa", V_REQ, word_altcoa),
	OPTION("bra", V_REQ, word_bra),
	OPTION("mnp", V_REQ, word_mnp),
	OPTION("mnid", V_REQ, word_mnid),
	OPTION("lla", V_REQ, word_lla),
	OPTION("v4hoa", V_REQ, word_v4hoa),
	OPTION("v4ack", V_REQ, word_v4ack),
	OPTION("natd", V_REQ, word_natd),
	OPTION("v4coa", V_REQ, word_v4coa),
	OPTION("opt", V_REQ, word_opt),
	PAD("pad1", V_OPT, word_pad1),
	PAD("padn", V_REQ, word_padn),

	PACKET("src", K_PACKET, V_REQ, G_NONE, word_src),
	PACKET("dst", K_PACKET, V_REQ, G_NONE, word_dst),
	PACKET("mh-only", K_PACKET, V_NONE, G_NONE, word_mh_only),
	PACKET("hao", K_LAYOUT, V_REQ, G_NONE, word_hao),
	PACKET("rh2", K_LAYOUT, V_REQ, G_NONE, word_rh2),
	PACKET("dstopts-first", K_LAYOUT, V_NONE, G_NONE, word_dstopts_first),
	PACKET("hbh", K_LAYOUT, V_NONE, G_NONE, word_hbh),
	PACKET("frag", K_LAYOUT, V_OPT, G_NONE, word_frag),
	PACKET("hlim", K_LAYOUT, V_REQ, G_NONE, word_hlim),
	{ .name = "tunnel", .kind = K_LAYOUT, .value = V_REQ, .commas = true, .once = true,
	  .msgs = ALL_TYPES, .parse = word_tunnel },
	PACKET("eth", K_LAYOUT, V_NONE, G_FRAMING, word_eth),
	PACKET("noeth", K_LAYOUT, V_NONE, G_FRAMING, word_noeth),
	PACKET("raw", K_LAYOUT, V_NONE, G_FRAMING, word_noeth),
	PACKET("ethsrc", K_LAYOUT, V_REQ, G_NONE, word_ethsrc),
	PACKET("ethdst", K_LAYOUT, V_REQ, G_NONE, word_ethdst),

	KNOB("hdrlen", V_REQ, word_hdrlen),
	KNOB("proto", V_REQ, word_proto),
	KNOB("csum", V_REQ, word_csum),
	KNOB("trunc", V_REQ, word_trunc),
	KNOB("verbatim", V_NONE, word_verbatim),
};

#define N_WORDS (sizeof words / sizeof words[0])
_Static_assert(N_WORDS <= 64, "struct parse.seen has one bit per word");

static int word_mh_only(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	for (size_t j = 0; j < N_WORDS; j++)
		if ((p->seen & (1ull << j)) && words[j].kind == K_LAYOUT)
			return fail(p, "a bare MH has no packet around it for '%s'", words[j].name);
	p->b->mh_only = true;
	return M6_OK;
}

static const struct word *find_word(struct slice key)
{
	for (size_t i = 0; i < N_WORDS; i++)
		if (slice_is(key, words[i].name))
			return &words[i];
	return NULL;
}

static int check_applies(struct parse *p, const struct word *w, struct slice key)
{
	uint8_t type = p->b->msg.type;
	unsigned bit = type <= M6_MH_KNOWN_MAX ? MSG(type) : OTHER_TYPES;

	if (w->msgs & bit)
		return M6_OK;
	if (w->kind == K_OPTION)
		return fail_at(p, key, "%s carries no options (its body is body=HEX)", p->msg_name);
	return fail_at(p, key, "not a %s of %s", w->kind == K_FLAG ? "flag" : "field", p->msg_name);
}

static int check_once(struct parse *p, const struct word *w)
{
	size_t i = (size_t)(w - words);

	if (!w->once)
		return M6_OK;
	for (size_t j = 0; j < N_WORDS; j++) {
		if (!(p->seen & (1ull << j)))
			continue;
		if (j == i)
			return fail(p, "%s given twice", w->name);
		if (w->group && words[j].group == w->group)
			return fail(p, "conflicts with '%s'", words[j].name);
	}
	p->seen |= 1ull << i;
	return M6_OK;
}

static int check_value(struct parse *p, const struct word *w, const struct arg *a)
{
	if (w->value == V_NONE && a->has_val)
		return fail(p, "%s takes no value", w->name);
	if (w->value == V_REQ && !a->has_val)
		return fail(p, "%s needs a value (%s=...)", w->name, w->name);
	if (!w->commas && a->rest.more)
		return fail(p, "%s takes nothing after ','", w->name);
	return M6_OK;
}

static int parse_word(struct parse *p, struct slice tok)
{
	const struct word *w;
	struct arg a;

	p->tok = tok;
	split_word(tok, &a);
	w = find_word(a.key);
	if (!w) {
		for (unsigned t = 0; t <= M6_MH_KNOWN_MAX; t++)
			if (slice_is(a.key, msg_names[t]))
				return fail(p, "the message is the first word, and only one");
		if (slice_is(a.key, "mh"))
			return fail(p, "the message is the first word, and only one");
		return fail_at(p, (struct slice){ 0 }, "unknown word '%.*s'", (int)tok.n, tok.p);
	}
	if (check_applies(p, w, a.key) || check_value(p, w, &a) || check_once(p, w))
		return M6_ERR_ARG;
	if (w->kind == K_LAYOUT && p->b->mh_only)
		return fail(p, "a bare MH (mh-only) has no packet around it");
	return w->parse(p, w, &a);
}

/* ---------------------------------------------------------------- */
/* Entry points                                                      */
/* ---------------------------------------------------------------- */

static void set_defaults(struct m6_build *b)
{
	/* 2001:db8:2::100 -> 2001:db8:1::1: a mobile node to its home agent */
	static const m6_addr6 src = { { 0x20, 0x01, 0x0d, 0xb8, 0, 2, [14] = 0x01 } };
	static const m6_addr6 dst = { { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x01 } };
	static const uint8_t eth_src[6] = { 2, 0, 0, 0, 0, 1 }, eth_dst[6] = { 2, 0, 0, 0, 0, 2 };

	memset(b, 0, sizeof *b);
	b->pkt.eth = true;
	memcpy(b->pkt.eth_src, eth_src, 6);
	memcpy(b->pkt.eth_dst, eth_dst, 6);
	b->pkt.src = src;
	b->pkt.dst = dst;
}

int m6_spec_parse(const char *spec, struct m6_build *b, char *err, size_t errlen)
{
	struct parse p = { .b = b, .err = err, .errlen = errlen };
	const char *s = spec ? spec : "";
	struct slice tok;

	if (err && errlen)
		err[0] = '\0';
	set_defaults(b);
	if (!next_token(&s, &tok))
		return fail_at(&p, (struct slice){ 0 }, "empty spec");
	if (parse_message(&p, tok))
		return M6_ERR_ARG;
	while (next_token(&s, &tok))
		if (parse_word(&p, tok))
			return M6_ERR_ARG;
	if (p.first_pad.n && !b->knobs.verbatim)
		return fail_at(&p, p.first_pad, "pad1/padn need 'verbatim' (the encoder pads by itself)");
	return M6_OK;
}

int m6_build_encode(const struct m6_build *b, uint8_t *out, size_t cap)
{
	if (b->mh_only) {
		struct m6_pseudo ps = { b->pkt.src, b->pkt.dst };
		return m6_msg_encode(&b->msg, &ps, &b->knobs, out, cap);
	}
	return m6_pkt_encode(&b->pkt, &b->msg, &b->knobs, out, cap);
}
