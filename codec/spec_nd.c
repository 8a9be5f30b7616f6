/* spec_nd.c - the ICMPv6 messages of Neighbor Discovery (RFC 4861) and
 * RFC 6275 in the spec language (struct m6_nd): the message words, their
 * fields, flags and options, and the knobs that break their rules. */
#include <stdio.h>
#include <string.h>

#include "nd_internal.h"
#include "spec_internal.h"

/* The spec-table bit of each message, in the order of the types. */
static const struct {
	uint8_t type;
	uint32_t what;
} nd_bits[] = {
	{ M6_ICMP6_RS, ND_RS },       { M6_ICMP6_RA, ND_RA },
	{ M6_ICMP6_NS, ND_NS },       { M6_ICMP6_NA, ND_NA },
	{ M6_ICMP6_DHAAD_REQ, ND_DHAAD_REQ }, { M6_ICMP6_DHAAD_REP, ND_DHAAD_REP },
	{ M6_ICMP6_MPS, ND_MPS },     { M6_ICMP6_MPA, ND_MPA },
};

/* Flag letters and their bits, by message (struct m6_nd.flags). */
static const struct {
	char letter;
	uint8_t type;
	uint32_t bit;
} nd_flags[] = {
	{ 'M', M6_ICMP6_RA, M6_RA_M }, { 'O', M6_ICMP6_RA, M6_RA_O }, { 'H', M6_ICMP6_RA, M6_RA_H },
	{ 'R', M6_ICMP6_NA, M6_NA_R }, { 'S', M6_ICMP6_NA, M6_NA_S }, { 'O', M6_ICMP6_NA, M6_NA_O },
	{ 'M', M6_ICMP6_MPA, M6_MPA_M }, { 'O', M6_ICMP6_MPA, M6_MPA_O },
};

/* RFC 4861 s6.2.1: AdvValidLifetime and AdvPreferredLifetime defaults. */
#define DEFAULT_VALID 2592000
#define DEFAULT_PREFERRED 604800

bool m6s_parse_nd_message(struct parse *p, struct slice tok)
{
	const struct m6_nd_info *t = m6i_nd_info_by_word(tok.p, tok.n);

	if (!t)
		return false;
	p->b->is_nd = true;
	p->b->nd.type = t->type;
	p->b->pkt.hlim = 255; /* RFC 4861 s6.1, s7.1: ND messages must arrive with 255 */
	for (size_t i = 0; i < sizeof nd_bits / sizeof nd_bits[0]; i++)
		if (nd_bits[i].type == t->type)
			p->what = nd_bits[i].what;
	snprintf(p->msg_name, sizeof p->msg_name, "%s", t->word);
	return true;
}

bool m6s_is_nd_name(struct slice s)
{
	return m6i_nd_info_by_word(s.p, s.n) != NULL;
}

int m6s_nd_flag(struct parse *p, const struct word *w)
{
	for (size_t i = 0; i < sizeof nd_flags / sizeof nd_flags[0]; i++)
		if (nd_flags[i].letter == w->name[0] && nd_flags[i].type == p->b->nd.type)
			p->b->nd.flags |= nd_flags[i].bit;
	return M6_OK;
}

/* reserved=N: the reserved bits of each message's fixed part. */
int m6s_nd_reserved(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_nd *nd = &p->b->nd;
	unsigned long v;
	unsigned long max = nd->type == M6_ICMP6_RS || nd->type == M6_ICMP6_NS ? 0xffffffffUL
			  : nd->type == M6_ICMP6_NA ? M6_NA_RESERVED
			  : nd->type == M6_ICMP6_RA ? M6_RA_RESERVED
			  : nd->type == M6_ICMP6_MPA ? M6_MPA_RESERVED : 0xffff;

	if (m6s_parse_num(p, w->name, a->val, 0, max, &v))
		return M6_ERR_ARG;
	if (nd->type == M6_ICMP6_NA || nd->type == M6_ICMP6_RA || nd->type == M6_ICMP6_MPA)
		nd->flags |= (uint32_t)v;
	else
		nd->reserved = (uint32_t)v;
	return M6_OK;
}

int m6s_word_target(struct parse *p, const struct word *w, struct arg *a)
{
	(void)w;
	return m6s_parse_addr6(p, a->val, &p->b->nd.target);
}

/* slla=MAC, tlla=MAC */
int m6s_word_lladdr(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_nd *nd = &p->b->nd;
	bool source = w->name[0] == 's';

	*(source ? &nd->has_slla : &nd->has_tlla) = true;
	return m6s_parse_mac(p, a->val, source ? nd->slla : nd->tlla);
}

int m6s_word_curhlim(struct parse *p, const struct word *w, struct arg *a)
{
	return m6s_get_u8(p, w->name, a->val, 255, &p->b->nd.cur_hlim);
}

int m6s_word_router_lifetime(struct parse *p, const struct word *w, struct arg *a)
{
	return m6s_get_u16(p, w->name, a->val, 0xffff, &p->b->nd.router_lifetime);
}

static int get_u32(struct parse *p, const char *field, struct slice s, uint32_t *out)
{
	unsigned long v;

	if (m6s_parse_num(p, field, s, 0, 0xffffffffUL, &v))
		return M6_ERR_ARG;
	*out = (uint32_t)v;
	return M6_OK;
}

/* reachable=MS, retrans=MS, mtu=N, advint=MS */
int m6s_word_nd_u32(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_nd *nd = &p->b->nd;

	switch (w->name[0]) {
	case 'r':
		return get_u32(p, w->name, a->val, w->name[2] == 'a' ? &nd->reachable : &nd->retrans);
	case 'm':
		nd->has_mtu = true;
		return get_u32(p, w->name, a->val, &nd->mtu);
	default:
		nd->has_advint = true;
		return get_u32(p, w->name, a->val, &nd->advint);
	}
}

/* prefix=PREFIX/PLEN[,l][,a][,r][,valid=N][,pref=N][,res=N] */
int m6s_word_prefix(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_nd *nd = &p->b->nd;
	struct slice addr, plen, part, key, val;
	unsigned seen = 0;

	if (nd->n_prefixes >= M6_ND_MAX_PREFIXES)
		return m6s_fail(p, "more than %d prefixes", M6_ND_MAX_PREFIXES);
	struct m6_nd_prefix *pi = &nd->prefixes[nd->n_prefixes++];
	pi->valid = DEFAULT_VALID;
	pi->preferred = DEFAULT_PREFERRED;
	if (!m6s_slice_split(a->val, '/', &addr, &plen))
		return m6s_fail(p, "prefix needs PREFIX/PLEN");
	if (m6s_parse_addr6(p, addr, &pi->prefix) || m6s_get_u8(p, "plen", plen, 255, &pi->plen))
		return M6_ERR_ARG;
	while (m6s_next_part(&a->rest, &part)) {
		static const char *const subs[] = { "l", "a", "r", "valid", "pref", "res" };
		bool has_val = m6s_slice_split(part, '=', &key, &val);
		size_t id = 0;
		while (id < 6 && !m6s_slice_is(key, subs[id]))
			id++;
		if (id == 6)
			return m6s_fail(p, "%s has no sub-field '%.*s'", w->name, (int)part.n, part.p);
		if (seen & (1u << id))
			return m6s_fail(p, "%s given twice", subs[id]);
		seen |= 1u << id;
		if (has_val != (id >= 3))
			return m6s_fail(p, id >= 3 ? "%s needs a value (%s=...)" : "%s takes no value%.0s",
					subs[id], subs[id]);
		uint8_t res;
		switch (id) {
		case 0: pi->flags |= M6_PI_L; break;
		case 1: pi->flags |= M6_PI_A; break;
		case 2: pi->flags |= M6_PI_R; break;
		case 3: if (get_u32(p, "valid", val, &pi->valid)) return M6_ERR_ARG; break;
		case 4: if (get_u32(p, "pref", val, &pi->preferred)) return M6_ERR_ARG; break;
		default:
			if (m6s_get_u8(p, "res", val, M6_PI_RESERVED, &res))
				return M6_ERR_ARG;
			pi->flags |= res;
		}
	}
	return M6_OK;
}

/* hainfo=PREF,LIFETIME: Preference is signed (RFC 6275 s7.4). */
int m6s_word_hainfo(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_nd *nd = &p->b->nd;
	struct slice pref = a->val, life, extra;
	unsigned long v;
	bool minus = pref.n > 0 && pref.p[0] == '-';

	if (!m6s_next_part(&a->rest, &life) || m6s_next_part(&a->rest, &extra))
		return m6s_fail(p, "%s needs PREFERENCE,LIFETIME", w->name);
	if (minus) {
		pref.p++;
		pref.n--;
	}
	if (m6s_parse_num(p, "preference", pref, 0, minus ? 32768 : 32767, &v) ||
	    m6s_get_u16(p, "lifetime", life, 0xffff, &nd->ha_lifetime))
		return M6_ERR_ARG;
	nd->ha_pref = (int16_t)(minus ? -(long)v : (long)v);
	nd->has_hainfo = true;
	return M6_OK;
}

int m6s_word_ha(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_nd *nd = &p->b->nd;

	(void)w;
	if (nd->n_ha >= M6_DHAAD_MAX_HA)
		return m6s_fail(p, "more than %d home agent addresses", M6_DHAAD_MAX_HA);
	return m6s_parse_addr6(p, a->val, &nd->ha[nd->n_ha++]);
}

/* code=N: write ICMPv6 Code N (ND and RFC 6275 messages send 0). */
int m6s_word_code(struct parse *p, const struct word *w, struct arg *a)
{
	return m6s_get_u8(p, w->name, a->val, 255, &p->b->nd.code);
}

/* optlen=TYPE,N: the first option of TYPE says Length N. */
int m6s_word_optlen(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_enc_knobs *k = &p->b->knobs;
	struct slice n, extra;

	if (!m6s_next_part(&a->rest, &n) || m6s_next_part(&a->rest, &extra))
		return m6s_fail(p, "%s needs TYPE,N", w->name);
	if (m6s_get_u8(p, "option type", a->val, 255, &k->nd_optlen_type) ||
	    m6s_get_u8(p, "option length", n, 255, &k->nd_optlen))
		return M6_ERR_ARG;
	k->nd_optlen_set = true;
	return M6_OK;
}

/* The spec's options and knobs agree: optlen names an option the message
 * carries. */
int m6s_nd_check(struct parse *p)
{
	const struct m6_nd *nd = &p->b->nd;
	const struct m6_enc_knobs *k = &p->b->knobs;

	if (!k->nd_optlen_set)
		return M6_OK;
	uint8_t t = k->nd_optlen_type;
	bool carried = (t == M6_NDOPT_SLLA && nd->has_slla) || (t == M6_NDOPT_TLLA && nd->has_tlla) ||
		       (t == M6_NDOPT_MTU && nd->has_mtu) || (t == M6_NDOPT_PREFIX && nd->n_prefixes) ||
		       (t == M6_NDOPT_ADVINT && nd->has_advint) || (t == M6_NDOPT_HAINFO && nd->has_hainfo);
	if (!carried)
		return m6s_fail_at(p, (struct slice){ 0 }, "optlen: the %s carries no option of type %u",
				   p->msg_name, t);
	return M6_OK;
}
