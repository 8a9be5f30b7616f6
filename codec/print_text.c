/* print_text.c - the three packet printers of m6print.h. The summary line
 * reads like a `mip6kit build` spec (codec/SPEC.md) of the message. */
#include "print_emit.h"

const char *m6_link_name(uint8_t link)
{
	switch (link) {
	case M6_LINK_RAW: return "raw";
	case M6_LINK_ETHERNET: return "ethernet";
	case M6_LINK_NULL: return "null";
	case M6_LINK_SLL: return "linux-sll";
	case M6_LINK_SLL2: return "linux-sll2";
	}
	return NULL;
}

bool m6_print_wanted(const struct m6_pkt *pkt)
{
	return pkt->has_mh || pkt->has_nd || m6_diags_have_error(&pkt->diags);
}

static void emit_run(const struct m6_emit_ops *ops, struct m6_buf *b, const struct m6_pkt *pkt,
		     const struct m6_frame_info *fi)
{
	struct m6_emit e = { .ops = ops, .b = b, .line_empty = true };

	m6i_emit_packet(&e, pkt, fi);
	m6_buf_char(b, '\n');
}

void m6_print_json(struct m6_buf *b, const struct m6_pkt *pkt, const struct m6_frame_info *fi)
{
	emit_run(&m6i_emit_json, b, pkt, fi);
}

void m6_print_verbose(struct m6_buf *b, const struct m6_pkt *pkt, const struct m6_frame_info *fi)
{
	emit_run(&m6i_emit_text, b, pkt, fi);
}

/* ---- the summary line ---------------------------------------------- */

/* " key=": callers pass a literal, so its length is known at compile time. */
#define KEY(b, key) m6_buf_mem(b, " " key "=", sizeof key + 1)

#define word(b, key, v) (KEY(b, key), m6_buf_u(b, v))
#define hex_word(b, key, p, n) (KEY(b, key), m6_buf_hex(b, p, n))
#define addr6_word(b, key, a) (KEY(b, key), m6_buf_addr6(b, a))

static void flag_letters(struct m6_buf *b, unsigned flags, const char *letters, unsigned top_bit)
{
	for (int i = 0; letters[i]; i++)
		if (flags & (top_bit >> i)) {
			m6_buf_char(b, ' ');
			m6_buf_char(b, letters[i]);
		}
}

static void line_body(struct m6_buf *b, const struct m6_msg *m)
{
	const char *abbrev = m->type <= M6_MH_KNOWN_MAX ? m6_mh_type_abbrev(m->type) : NULL;

	if (abbrev) {
		for (const char *c = abbrev; *c; c++) /* "BU" -> "bu": the spec keyword */
			m6_buf_char(b, (char)(*c | 0x20));
	} else {
		m6_buf_str(b, "mh=");
		m6_buf_u(b, m->type);
	}
	if (m->reserved)
		word(b, "mhres", m->reserved);
	switch (m->type) {
	case M6_MH_BRR:
		if (m->u.brr_reserved)
			word(b, "reserved", m->u.brr_reserved);
		break;
	case M6_MH_HOTI:
	case M6_MH_COTI:
		if (m->u.ti.reserved)
			word(b, "reserved", m->u.ti.reserved);
		hex_word(b, "cookie", m->u.ti.cookie, M6_COOKIE_LEN);
		break;
	case M6_MH_HOT:
	case M6_MH_COT:
		word(b, "index", m->u.test.nonce_index);
		hex_word(b, "cookie", m->u.test.cookie, M6_COOKIE_LEN);
		hex_word(b, "token", m->u.test.token, M6_TOKEN_LEN);
		break;
	case M6_MH_BU:
		word(b, "seq", m->u.bu.seq);
		flag_letters(b, m->u.bu.flags, "AHLKMRPFTO", M6_BU_A);
		if (m->u.bu.flags & M6_BU_RESERVED)
			word(b, "reserved", m->u.bu.flags & M6_BU_RESERVED);
		word(b, "lifetime_s", (uint32_t)m->u.bu.lifetime * M6_LIFETIME_UNIT);
		break;
	case M6_MH_BA:
		word(b, "status", m->u.ba.status);
		word(b, "seq", m->u.ba.seq);
		flag_letters(b, m->u.ba.flags, "KRPTB", M6_BA_K);
		if (m->u.ba.flags & M6_BA_RESERVED)
			word(b, "reserved", m->u.ba.flags & M6_BA_RESERVED);
		word(b, "lifetime_s", (uint32_t)m->u.ba.lifetime * M6_LIFETIME_UNIT);
		break;
	case M6_MH_BE:
		word(b, "status", m->u.be.status);
		if (m->u.be.reserved)
			word(b, "reserved", m->u.be.reserved);
		addr6_word(b, "home", &m->u.be.hoa);
		break;
	default:
		if (m->data_len > m->opts_off)
			hex_word(b, "body", m->data + m->opts_off, (size_t)(m->data_len - m->opts_off));
		break;
	}
}

static void line_bid(struct m6_buf *b, const struct m6_opt_bid *bid)
{
	word(b, "bid", bid->bid);
	if (bid->status) {
		m6_buf_str(b, ",status=");
		m6_buf_u(b, bid->status);
	}
	if (bid->flags & M6_BID_H)
		m6_buf_str(b, ",h");
	if (bid->flags & M6_BID_RESERVED) {
		m6_buf_str(b, ",res=");
		m6_buf_u(b, bid->flags & M6_BID_RESERVED);
	}
	if (bid->coa_family == 6) {
		m6_buf_str(b, ",coa=");
		m6_buf_addr6(b, &bid->coa6);
	} else if (bid->coa_family == 4) {
		m6_buf_str(b, ",coa=");
		m6_buf_addr4(b, &bid->coa4);
	}
}

static void line_v4(struct m6_buf *b, const struct m6_opt *o)
{
	const uint8_t b0 = o->u.v4.byte0, b1 = o->u.v4.byte1;

	switch (o->type) {
	case M6_OPT_V4HOA:
		m6_buf_str(b, " v4hoa=");
		m6_buf_addr4(b, &o->u.v4.addr);
		m6_buf_char(b, '/');
		m6_buf_u(b, b0 >> 2);
		if (b0 & 2)
			m6_buf_str(b, ",p");
		break;
	case M6_OPT_V4ACK:
		word(b, "v4ack", b0);
		m6_buf_str(b, ",plen=");
		m6_buf_u(b, b1 >> 2);
		m6_buf_str(b, ",addr=");
		m6_buf_addr4(b, &o->u.v4.addr);
		break;
	case M6_OPT_NATD:
		word(b, "natd", o->u.v4.word);
		if (b0 & 0x80)
			m6_buf_str(b, ",f");
		break;
	case M6_OPT_V4COA:
		m6_buf_str(b, " v4coa=");
		m6_buf_addr4(b, &o->u.v4.addr);
		break;
	}
}

static void line_option(struct m6_buf *b, const struct m6_msg *m, const struct m6_opt *o)
{
	if (o->flags & M6_OPTF_RAW && o->type != M6_OPT_LLA && o->type != M6_OPT_MNID) {
		word(b, "opt", o->type);
		m6_buf_char(b, ',');
		if ((size_t)o->data_off + o->len <= m->data_len)
			m6_buf_hex(b, m->data + o->data_off, o->len);
		return;
	}
	switch (o->type) {
	case M6_OPT_BRA:
		word(b, "bra", o->u.refresh);
		break;
	case M6_OPT_ALTCOA:
		addr6_word(b, "altcoa", &o->u.altcoa);
		break;
	case M6_OPT_NONCE:
		word(b, "nonce", o->u.nonce.home);
		m6_buf_char(b, ',');
		m6_buf_u(b, o->u.nonce.careof);
		break;
	case M6_OPT_BAD:
		hex_word(b, "bad", o->u.auth, M6_AUTH_LEN);
		break;
	case M6_OPT_MNP:
		addr6_word(b, "mnp", &o->u.mnp.prefix);
		m6_buf_char(b, '/');
		m6_buf_u(b, o->u.mnp.plen);
		break;
	case M6_OPT_LLA:
	case M6_OPT_MNID:
		if (o->len >= 1 && (size_t)o->data_off + o->len <= m->data_len) {
			if (o->type == M6_OPT_LLA)
				KEY(b, "lla");
			else
				KEY(b, "mnid");
			m6_buf_hex(b, m->data + o->data_off + 1, (size_t)o->len - 1);
		}
		m6_buf_str(b, o->type == M6_OPT_LLA ? ",code=" : ",subtype=");
		m6_buf_u(b, o->u.sub.subtype);
		break;
	case M6_OPT_BID:
		line_bid(b, &o->u.bid);
		break;
	default:
		line_v4(b, o);
		break;
	}
}

static void line_verdict(struct m6_buf *b, const struct m6_diags *d)
{
	int errors = 0;

	for (int i = 0; i < d->n; i++) {
		const struct m6_diag *x = &d->d[i];
		if (x->severity != M6_SEV_ERROR)
			continue;
		if (errors++)
			continue;
		m6_buf_str(b, " : INVALID ");
		m6_buf_str(b, m6_reason_name(x->reason));
		m6_buf_char(b, '@');
		m6_buf_u(b, x->offset);
		m6_buf_char(b, ' ');
		m6_buf_str(b, m6_action_name(x->action));
		if (x->action != M6_ACT_DISCARD && x->action != M6_ACT_NONE) {
			m6_buf_char(b, ' ');
			m6_buf_u(b, x->action == M6_ACT_ICMP_PARAM ? x->pointer : x->code);
		}
	}
	if (!errors)
		m6_buf_str(b, " : valid");
	else if (errors > 1) {
		m6_buf_str(b, " (+");
		m6_buf_u(b, (uint64_t)errors - 1);
		m6_buf_str(b, " more)");
	}
}

/* A data packet as its spec: "echo-request id=1 seq=2 data=..." or
 * "udp sport=49152 dport=9 data=...". */
static void line_data(struct m6_buf *b, const struct m6_data *d)
{
	if (d->proto == M6_IPPROTO_UDP) {
		m6_buf_str(b, "udp");
		word(b, "sport", d->sport);
		word(b, "dport", d->dport);
	} else {
		m6_buf_str(b, d->type == M6_ICMP6_ECHO_REQUEST ? "echo-request" : "echo-reply");
		word(b, "id", d->id);
		word(b, "seq", d->seq);
	}
	if (d->has_tag)
		word(b, "tag", d->tag);
	if (d->len)
		hex_word(b, "data", d->bytes, d->len);
}

/* The Home Address option and type 2 routing header, the outer headers of
 * a tunnel and a hop limit other than the builder's default, as spec
 * words. */
static void line_packet_words(struct m6_buf *b, const struct m6_pkt *pkt)
{
	const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];

	for (int i = 0; i < ip->n_ext; i++) {
		if (ip->ext[i].has_hao)
			addr6_word(b, "hao", &ip->ext[i].hao);
		if (ip->ext[i].proto == M6_IPPROTO_ROUTING && ip->ext[i].rh_type == 2)
			addr6_word(b, "rh2", &ip->ext[i].rh_addr);
	}
	/* one word per tunnel level: tunnel= the outermost, tunnel2= the one
	 * inside it, and so on (RFC 2473 s4, nested encapsulation) */
	for (int i = 0; i + 1 < pkt->n_ip; i++) {
		m6_buf_str(b, " tunnel");
		if (i > 0)
			m6_buf_u(b, (uint64_t)i + 1);
		m6_buf_char(b, '=');
		m6_buf_addr6(b, &pkt->ip[i].src);
		m6_buf_char(b, ',');
		m6_buf_addr6(b, &pkt->ip[i].dst);
		/* the note of the same name, a word of its own so that a case can test it */
		if (m6_tunnel_excess(pkt, i))
			m6_buf_str(b, " tunnel-excess");
	}
	if (ip->hlim != (pkt->has_nd ? 255 : 64))
		word(b, "hlim", ip->hlim);
}

void m6_print_line(struct m6_buf *b, const struct m6_pkt *pkt, const struct m6_frame_info *fi)
{
	m6_buf_u(b, fi->frame);
	if (pkt->n_ip) {
		const struct m6_ip6 *ip = &pkt->ip[pkt->n_ip - 1];
		m6_buf_char(b, ' ');
		m6_buf_addr6(b, &ip->src);
		m6_buf_str(b, " > ");
		m6_buf_addr6(b, &ip->dst);
	}
	m6_buf_char(b, ' ');
	if (pkt->has_mh) {
		line_body(b, &pkt->msg);
		for (int i = 0; i < pkt->msg.n_opts; i++) {
			const struct m6_opt *o = &pkt->msg.opts[i];
			if (o->type != M6_OPT_PAD1 && o->type != M6_OPT_PADN)
				line_option(b, &pkt->msg, o);
		}
	} else if (pkt->has_data) {
		line_data(b, &pkt->data);
	} else if (pkt->has_nd) {
		m6i_line_nd(b, &pkt->nd);
	} else if (pkt->has_icmp6) {
		m6_buf_str(b, "icmp6 type=");
		m6_buf_u(b, pkt->icmp6.type);
		m6_buf_str(b, " code=");
		m6_buf_u(b, pkt->icmp6.code);
		m6_buf_str(b, " param=");
		m6_buf_u(b, pkt->icmp6.param);
	} else {
		m6_buf_char(b, '-');
	}
	if (pkt->n_ip)
		line_packet_words(b, pkt);
	line_verdict(b, &pkt->diags);
	m6_buf_char(b, '\n');
}
