/* spec.c - the parser of the `mip6kit build` spec language (codec/SPEC.md).
 *
 * A spec is whitespace-separated words: the message (or data packet)
 * first, then body fields, flags, options, packet words and knobs in any
 * order. Every word
 * but the first is looked up in one table that says what it is, which
 * messages it applies to, whether it takes a value or parts after commas,
 * and whether it may repeat; the word's handler does the rest. */
#include <stdio.h>
#include <string.h>

#include "spec_internal.h"

/* ---------------------------------------------------------------- */
/* The table of words                                                */
/* ---------------------------------------------------------------- */

#define FIELD(nm, m, fn) \
	{ .name = nm, .kind = K_FIELD, .value = V_REQ, .once = true, .msgs = (m), .parse = fn }
/* nd: the ND and RFC 6275 messages the letter is a flag of (spec_nd.c
 * knows its bit in each). */
#define FLAG(nm, bu, ba, nd)                                                      \
	{ .name = nm, .kind = K_FLAG, .once = true,                               \
	  .msgs = ((bu) ? MSG(M6_MH_BU) : 0) | ((ba) ? MSG(M6_MH_BA) : 0) | (nd),  \
	  .bu_flag = (bu), .ba_flag = (ba), .parse = m6s_word_flag }
#define OPTION(nm, v, fn) \
	{ .name = nm, .kind = K_OPTION, .value = v, .commas = true, .msgs = KNOWN_TYPES, .parse = fn }
#define PAD(nm, v, fn) { .name = nm, .kind = K_OPTION, .value = v, .msgs = KNOWN_TYPES, .parse = fn }
/* An ND option that appears at most once (struct m6_nd holds one). */
#define ND_OPTION(nm, c, m, fn) \
	{ .name = nm, .kind = K_OPTION, .value = V_REQ, .commas = c, .once = true, .msgs = (m), .parse = fn }
#define PACKET(nm, k, v, g, fn) \
	{ .name = nm, .kind = k, .value = v, .once = true, .group = g, .msgs = ALL_TYPES, .parse = fn }
#define KNOB(nm, v, m, fn) \
	{ .name = nm, .kind = K_KNOB, .value = v, .once = true, .msgs = (m), .parse = fn }

static int word_mh_only(struct parse *p, const struct word *w, struct arg *a);

static const struct word words[] = {
	FIELD("seq", BU_BA | DATA_ECHO, m6s_word_seq),
	{ .name = "lifetime", .kind = K_FIELD, .value = V_REQ, .once = true, .group = G_LIFETIME,
	  .msgs = BU_BA, .parse = m6s_word_lifetime },
	{ .name = "lifetime_s", .kind = K_FIELD, .value = V_REQ, .once = true, .group = G_LIFETIME,
	  .msgs = BU_BA, .parse = m6s_word_lifetime_s },
	FIELD("status", MSG(M6_MH_BA) | MSG(M6_MH_BE), m6s_word_status),
	FIELD("home", MSG(M6_MH_BE), m6s_word_home),
	FIELD("cookie", TI_TEST, m6s_word_cookie),
	FIELD("index", TEST, m6s_word_index),
	FIELD("token", TEST, m6s_word_token),
	FIELD("reserved", (KNOWN_TYPES & ~TEST) | ND_ALL, m6s_word_reserved),
	FIELD("mhres", MH_TYPES, m6s_word_mhres),
	FIELD("body", OTHER_TYPES, m6s_word_body),
	FIELD("id", DATA_ECHO | ND_WITH_ID, m6s_word_id),
	FIELD("sport", DATA_UDP, m6s_word_port),
	FIELD("dport", DATA_UDP, m6s_word_port),
	FIELD("data", DATA, m6s_word_data),
	FIELD("tag", DATA, m6s_word_tag),
	FIELD("target", ND_NS | ND_NA, m6s_word_target),
	FIELD("curhlim", ND_RA, m6s_word_curhlim),
	FIELD("router_lifetime", ND_RA, m6s_word_router_lifetime),
	FIELD("reachable", ND_RA, m6s_word_nd_u32),
	FIELD("retrans", ND_RA, m6s_word_nd_u32),
	{ .name = "ha", .kind = K_FIELD, .value = V_REQ, .msgs = ND_DHAAD_REP, .parse = m6s_word_ha },

	FLAG("A", M6_BU_A, 0, 0),
	FLAG("H", M6_BU_H, 0, ND_RA),
	FLAG("L", M6_BU_L, 0, 0),
	FLAG("K", M6_BU_K, M6_BA_K, 0),
	FLAG("M", M6_BU_M, 0, ND_RA | ND_MPA),
	FLAG("R", M6_BU_R, M6_BA_R, ND_NA),
	FLAG("P", M6_BU_P, M6_BA_P, 0),
	FLAG("F", M6_BU_F, 0, 0),
	FLAG("T", M6_BU_T, M6_BA_T, 0),
	FLAG("O", M6_BU_O, 0, ND_RA | ND_NA | ND_MPA),
	FLAG("B", 0, M6_BA_B, 0),
	FLAG("S", 0, 0, ND_NA),

	OPTION("bid", V_REQ, m6s_word_bid),
	OPTION("nonce", V_REQ, m6s_word_nonce),
	OPTION("bad", V_OPT, m6s_word_bad),
	OPTION("altcoa", V_REQ, m6s_word_altcoa),
	OPTION("bra", V_REQ, m6s_word_bra),
	OPTION("mnp", V_REQ, m6s_word_mnp),
	OPTION("mnid", V_REQ, m6s_word_mnid),
	OPTION("lla", V_REQ, m6s_word_lla),
	OPTION("v4hoa", V_REQ, m6s_word_v4hoa),
	OPTION("v4ack", V_REQ, m6s_word_v4ack),
	OPTION("natd", V_REQ, m6s_word_natd),
	OPTION("v4coa", V_REQ, m6s_word_v4coa),
	OPTION("opt", V_REQ, m6s_word_opt),
	PAD("pad1", V_OPT, m6s_word_pad1),
	PAD("padn", V_REQ, m6s_word_padn),
	ND_OPTION("slla", false, ND_RS | ND_RA | ND_NS, m6s_word_lladdr),
	ND_OPTION("tlla", false, ND_NA, m6s_word_lladdr),
	ND_OPTION("mtu", false, ND_RA, m6s_word_nd_u32),
	{ .name = "prefix", .kind = K_OPTION, .value = V_REQ, .commas = true, .msgs = ND_RA | ND_MPA,
	  .parse = m6s_word_prefix },
	ND_OPTION("advint", false, ND_RA, m6s_word_nd_u32),
	ND_OPTION("hainfo", true, ND_RA, m6s_word_hainfo),

	PACKET("src", K_PACKET, V_REQ, G_NONE, m6s_word_src),
	PACKET("dst", K_PACKET, V_REQ, G_NONE, m6s_word_dst),
	{ .name = "mh-only", .kind = K_PACKET, .value = V_NONE, .once = true, .msgs = MH_TYPES,
	  .parse = word_mh_only },
	PACKET("hao", K_LAYOUT, V_REQ, G_NONE, m6s_word_hao),
	PACKET("rh2", K_LAYOUT, V_REQ, G_NONE, m6s_word_rh2),
	PACKET("dstopts-first", K_LAYOUT, V_NONE, G_NONE, m6s_word_dstopts_first),
	PACKET("hbh", K_LAYOUT, V_NONE, G_NONE, m6s_word_hbh),
	PACKET("frag", K_LAYOUT, V_OPT, G_NONE, m6s_word_frag),
	PACKET("hlim", K_LAYOUT, V_REQ, G_NONE, m6s_word_hlim),
#define TUNNEL(nm) \
	{ .name = nm, .kind = K_LAYOUT, .value = V_REQ, .commas = true, .once = true, \
	  .msgs = ALL_TYPES, .parse = m6s_word_tunnel }
	TUNNEL("tunnel"), TUNNEL("tunnel2"), TUNNEL("tunnel3"), TUNNEL("tunnel4"), TUNNEL("tunnel5"),
	PACKET("eth", K_LAYOUT, V_NONE, G_FRAMING, m6s_word_eth),
	PACKET("noeth", K_LAYOUT, V_NONE, G_FRAMING, m6s_word_noeth),
	PACKET("raw", K_LAYOUT, V_NONE, G_FRAMING, m6s_word_noeth),
	PACKET("ethsrc", K_LAYOUT, V_REQ, G_NONE, m6s_word_ethsrc),
	PACKET("ethdst", K_LAYOUT, V_REQ, G_NONE, m6s_word_ethdst),
	PACKET("ethpad", K_LAYOUT, V_REQ, G_NONE, m6s_word_ethpad),

	KNOB("hdrlen", V_REQ, MH_TYPES, m6s_word_hdrlen),
	KNOB("proto", V_REQ, MH_TYPES, m6s_word_proto),
	KNOB("csum", V_REQ, ALL_TYPES, m6s_word_csum),
	KNOB("trunc", V_REQ, MH_TYPES | ND_ALL, m6s_word_trunc),
	KNOB("code", V_REQ, ND_ALL, m6s_word_code),
	{ .name = "optlen", .kind = K_KNOB, .value = V_REQ, .commas = true, .once = true, .msgs = ND_ALL,
	  .parse = m6s_word_optlen },
	KNOB("verbatim", V_NONE, MH_TYPES, m6s_word_verbatim),
	KNOB("sign", V_REQ, MH_TYPES, m6s_word_sign),
};

#define N_WORDS (sizeof words / sizeof words[0])
_Static_assert(N_WORDS <= 128, "struct parse.seen has one bit per word");

static bool was_seen(const struct parse *p, size_t j)
{
	return p->seen[j / 64] & (1ull << (j % 64));
}

static int word_mh_only(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w, (void)a;
	for (size_t j = 0; j < N_WORDS; j++)
		if (was_seen(p, j) && words[j].kind == K_LAYOUT)
			return m6s_fail(p, "a bare MH has no packet around it for '%s'", words[j].name);
	p->b->mh_only = true;
	return M6_OK;
}

static const struct word *find_word(struct slice key)
{
	for (size_t i = 0; i < N_WORDS; i++)
		if (m6s_slice_is(key, words[i].name))
			return &words[i];
	return NULL;
}

static int check_applies(struct parse *p, const struct word *w, struct slice key)
{
	if (w->msgs & p->what)
		return M6_OK;
	if (w->kind == K_OPTION && (w->msgs & ND_ALL))
		return m6s_fail_at(p, key, "not an option of %s", p->msg_name);
	if (w->kind == K_OPTION && (p->what & (DATA | ND_ALL)))
		return m6s_fail_at(p, key, "%s carries no mobility options (only a Mobility Header does)",
				   p->msg_name);
	if (w->kind == K_OPTION)
		return m6s_fail_at(p, key, "%s carries no options (its body is body=HEX)", p->msg_name);
	if ((w->kind == K_KNOB || w->kind == K_PACKET) && !(w->msgs & MH_TYPES))
		return m6s_fail_at(p, key, "only for ICMPv6 ND and RFC 6275 messages, not for %s", p->msg_name);
	if (w->kind == K_KNOB || w->kind == K_PACKET)
		return m6s_fail_at(p, key, "only for Mobility Header messages, not for %s", p->msg_name);
	return m6s_fail_at(p, key, "not a %s of %s", w->kind == K_FLAG ? "flag" : "field", p->msg_name);
}

static int check_once(struct parse *p, const struct word *w)
{
	size_t i = (size_t)(w - words);

	if (!w->once)
		return M6_OK;
	for (size_t j = 0; j < N_WORDS; j++) {
		if (!was_seen(p, j))
			continue;
		if (j == i)
			return m6s_fail(p, "%s given twice", w->name);
		if (w->group && words[j].group == w->group)
			return m6s_fail(p, "conflicts with '%s'", words[j].name);
	}
	p->seen[i / 64] |= 1ull << (i % 64);
	return M6_OK;
}

static int check_value(struct parse *p, const struct word *w, const struct arg *a)
{
	if (w->value == V_NONE && a->has_val)
		return m6s_fail(p, "%s takes no value", w->name);
	if (w->value == V_REQ && !a->has_val)
		return m6s_fail(p, "%s needs a value (%s=...)", w->name, w->name);
	if (!w->commas && a->rest.more)
		return m6s_fail(p, "%s takes nothing after ','", w->name);
	return M6_OK;
}

static int parse_word(struct parse *p, struct slice tok)
{
	const struct word *w;
	struct arg a;

	p->tok = tok;
	m6s_split_word(tok, &a);
	w = find_word(a.key);
	if (!w) {
		for (unsigned t = 0; t <= M6_MH_KNOWN_MAX; t++)
			if (m6s_slice_is(a.key, m6s_msg_names[t]))
				return m6s_fail(p, "the message is the first word, and only one");
		if (m6s_slice_is(a.key, "mh") || m6s_is_data_packet_name(a.key) || m6s_is_nd_name(a.key))
			return m6s_fail(p, "the message is the first word, and only one");
		return m6s_fail_at(p, (struct slice){ 0 }, "unknown word '%.*s'", (int)tok.n, tok.p);
	}
	if (check_applies(p, w, a.key) || check_value(p, w, &a) || check_once(p, w))
		return M6_ERR_ARG;
	if (w->kind == K_LAYOUT && p->b->mh_only)
		return m6s_fail(p, "a bare MH (mh-only) has no packet around it");
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
	if (!m6s_next_token(&s, &tok))
		return m6s_fail_at(&p, (struct slice){ 0 }, "empty spec");
	if (m6s_parse_message(&p, tok))
		return M6_ERR_ARG;
	while (m6s_next_token(&s, &tok))
		if (parse_word(&p, tok))
			return M6_ERR_ARG;
	if (b->is_nd && m6s_nd_check(&p))
		return M6_ERR_ARG;
	if (b->eth_pad && !b->pkt.eth)
		return m6s_fail_at(&p, (struct slice){ 0 }, "ethpad: only in an Ethernet frame (not with noeth)");
	if (p.first_pad.n && !b->knobs.verbatim)
		return m6s_fail_at(&p, p.first_pad, "pad1/padn need 'verbatim' (the encoder pads by itself)");
	const struct m6_opt *last = b->msg.n_opts ? &b->msg.opts[b->msg.n_opts - 1] : NULL;
	if (b->sign && (!last || last->type != M6_OPT_BAD || (last->flags & M6_OPTF_RAW)))
		return m6s_fail_at(&p, (struct slice){ 0 },
				   "sign: the last option must be bad (a 12-octet Binding Authorization Data)");
	return M6_OK;
}

static int encode_packet(const struct m6_build *b, uint8_t *out, size_t cap)
{
	struct m6_rr_key key = b->key;

	/* RFC 6275 s6.2.7, s6.1.8: the care-of address and the correspondent's,
	 * which send a BU and a BA respectively. */
	bool from_cn = b->msg.type == M6_MH_BA;
	key.coa = from_cn ? b->pkt.dst : b->pkt.src;
	key.cn = from_cn ? b->pkt.src : b->pkt.dst;
	if (b->is_data)
		return m6_data_encode(&b->pkt, &b->data, &b->knobs, out, cap);
	if (b->is_nd)
		return m6_nd_encode(&b->pkt, &b->nd, &b->knobs, out, cap);
	if (b->mh_only) {
		struct m6_pseudo ps = { b->pkt.src, b->pkt.dst };
		return b->sign ? m6_msg_encode_signed(&b->msg, &ps, &b->knobs, &key, out, cap)
			       : m6_msg_encode(&b->msg, &ps, &b->knobs, out, cap);
	}
	return b->sign ? m6_pkt_encode_signed(&b->pkt, &b->msg, &b->knobs, &key, out, cap)
		       : m6_pkt_encode(&b->pkt, &b->msg, &b->knobs, out, cap);
}

int m6_build_encode(const struct m6_build *b, uint8_t *out, size_t cap)
{
	int n = encode_packet(b, out, cap);

	if (n < 0 || !b->eth_pad)
		return n;
	if ((size_t)n + b->eth_pad > cap)
		return M6_ERR_NOSPACE;
	memset(out + n, 0, b->eth_pad);
	return n + b->eth_pad;
}

