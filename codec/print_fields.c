/* print_fields.c - every field of a decoded packet, in a fixed order and
 * under stable keys (codec/README.md, "JSON keys"): raw wire values, and
 * derived values (lifetime in seconds, names) under keys of their own. */
#include "print_emit.h"

static void emit_addr4(struct m6_emit *e, const char *k, size_t kn, const m6_addr4 *a)
{
	m6i_emit_key(e, k, kn);
	quote(e);
	m6_buf_addr4(e->b, a);
	quote(e);
}

/* true or false when verified, null when not (--no-checksum, a short
 * capture, a first fragment). */
static void emit_csum_ok(struct m6_emit *e, bool checked, bool ok)
{
	m6i_emit_key(e, K("checksum_ok"));
	if (checked)
		e->ops->boolean(e, ok);
	else
		e->ops->str(e, NULL);
}

static const char *ext_name(uint8_t proto)
{
	switch (proto) {
	case M6_IPPROTO_HOPOPTS: return "hop-by-hop";
	case M6_IPPROTO_ROUTING: return "routing";
	case M6_IPPROTO_FRAGMENT: return "fragment";
	case M6_IPPROTO_DSTOPTS: return "destination";
	}
	return NULL;
}

static void emit_ext(struct m6_emit *e, const struct m6_ext *x)
{
	e->ops->obj_begin(e, NULL);
	emit_u(e, K("proto"), x->proto);
	emit_str(e, K("name"), ext_name(x->proto));
	emit_u(e, K("offset"), x->off);
	emit_u(e, K("len"), x->len);
	emit_u(e, K("nxt"), x->nxt);
	if (x->has_hao) {
		emit_u(e, K("hao_offset"), x->hao_off);
		emit_addr6(e, K("hao"), &x->hao);
	}
	if (x->proto == M6_IPPROTO_ROUTING) {
		emit_u(e, K("rh_type"), x->rh_type);
		emit_u(e, K("segleft"), x->segleft);
		if (x->rh_type == 2)
			emit_addr6(e, K("rh2_addr"), &x->rh_addr);
	}
	if (x->proto == M6_IPPROTO_FRAGMENT) {
		emit_u(e, K("frag_offset"), x->frag_off);
		emit_bool(e, K("frag_more"), x->frag_more);
		emit_u(e, K("frag_id"), x->frag_id);
	}
	e->ops->obj_end(e);
}

static void emit_ip(struct m6_emit *e, const struct m6_ip6 *ip)
{
	e->ops->obj_begin(e, NULL);
	emit_u(e, K("offset"), ip->off);
	emit_addr6(e, K("src"), &ip->src);
	emit_addr6(e, K("dst"), &ip->dst);
	emit_u(e, K("tclass"), ip->tclass);
	emit_u(e, K("flow"), ip->flow);
	emit_u(e, K("plen"), ip->plen);
	emit_u(e, K("nxt"), ip->nxt);
	emit_u(e, K("hlim"), ip->hlim);
	e->ops->arr_begin(e, "ext");
	for (int i = 0; i < ip->n_ext; i++)
		emit_ext(e, &ip->ext[i]);
	e->ops->arr_end(e);
	e->ops->obj_end(e);
}

static void emit_lifetime(struct m6_emit *e, uint16_t lifetime)
{
	emit_u(e, K("lifetime"), lifetime);
	emit_u(e, K("lifetime_s"), (uint32_t)lifetime * M6_LIFETIME_UNIT);
}

static void emit_body(struct m6_emit *e, const struct m6_msg *m)
{
	switch (m->type) {
	case M6_MH_BRR:
		emit_u(e, K("body_reserved"), m->u.brr_reserved);
		break;
	case M6_MH_HOTI:
	case M6_MH_COTI:
		emit_u(e, K("body_reserved"), m->u.ti.reserved);
		emit_hex(e, K("cookie"), m->u.ti.cookie, M6_COOKIE_LEN);
		break;
	case M6_MH_HOT:
	case M6_MH_COT:
		emit_u(e, K("nonce_index"), m->u.test.nonce_index);
		emit_hex(e, K("cookie"), m->u.test.cookie, M6_COOKIE_LEN);
		emit_hex(e, K("token"), m->u.test.token, M6_TOKEN_LEN);
		break;
	case M6_MH_BU:
		emit_u(e, K("seq"), m->u.bu.seq);
		emit_u(e, K("flags"), m->u.bu.flags);
		emit_flag_names(e, m->u.bu.flags, "AHLKMRPFTO", M6_BU_A);
		emit_lifetime(e, m->u.bu.lifetime);
		break;
	case M6_MH_BA:
		emit_u(e, K("status"), m->u.ba.status);
		emit_str(e, K("status_name"), m6_ba_status_name(m->u.ba.status));
		emit_u(e, K("flags"), m->u.ba.flags);
		emit_flag_names(e, m->u.ba.flags, "KRPTB", M6_BA_K);
		emit_u(e, K("seq"), m->u.ba.seq);
		emit_lifetime(e, m->u.ba.lifetime);
		break;
	case M6_MH_BE:
		emit_u(e, K("status"), m->u.be.status);
		emit_str(e, K("status_name"), m6_be_status_name(m->u.be.status));
		emit_u(e, K("body_reserved"), m->u.be.reserved);
		emit_addr6(e, K("home"), &m->u.be.hoa);
		break;
	default:
		if (m->data_len >= m->opts_off)
			emit_hex(e, K("body"), m->data + m->opts_off, (size_t)(m->data_len - m->opts_off));
		break;
	}
}

static void emit_opt_typed(struct m6_emit *e, const struct m6_opt *o)
{
	const uint8_t b0 = o->u.v4.byte0, b1 = o->u.v4.byte1;

	switch (o->type) {
	case M6_OPT_BRA:
		emit_u(e, K("refresh"), o->u.refresh);
		emit_u(e, K("refresh_s"), (uint32_t)o->u.refresh * M6_LIFETIME_UNIT);
		break;
	case M6_OPT_ALTCOA:
		emit_addr6(e, K("coa"), &o->u.altcoa);
		break;
	case M6_OPT_NONCE:
		emit_u(e, K("home_index"), o->u.nonce.home);
		emit_u(e, K("careof_index"), o->u.nonce.careof);
		break;
	case M6_OPT_BAD:
		emit_hex(e, K("authenticator"), o->u.auth, M6_AUTH_LEN);
		break;
	case M6_OPT_MNP:
		emit_u(e, K("reserved"), o->u.mnp.reserved);
		emit_u(e, K("plen"), o->u.mnp.plen);
		emit_addr6(e, K("prefix"), &o->u.mnp.prefix);
		break;
	case M6_OPT_V4HOA: /* Prefix-len 6 | P 1 | Reserved 9 (RFC 5555 s3.1.1) */
		emit_u(e, K("plen"), b0 >> 2);
		emit_bool(e, K("p"), b0 & 2);
		emit_u(e, K("reserved"), (unsigned)(b0 & 1) << 8 | b1);
		emit_addr4(e, K("addr"), &o->u.v4.addr);
		break;
	case M6_OPT_V4ACK: /* Status 8 | Pref-len 6 | Reserved 2 (s3.2.1) */
		emit_u(e, K("status"), b0);
		emit_u(e, K("plen"), b1 >> 2);
		emit_u(e, K("reserved"), b1 & 3);
		emit_addr4(e, K("addr"), &o->u.v4.addr);
		break;
	case M6_OPT_NATD: /* F 1 | Reserved 15 | Refresh time 32 (s3.2.2) */
		emit_bool(e, K("f"), b0 & 0x80);
		emit_u(e, K("reserved"), (unsigned)(b0 & 0x7f) << 8 | b1);
		emit_u(e, K("refresh_s"), o->u.v4.word);
		break;
	case M6_OPT_V4COA: /* Reserved 16 | address (s3.1.2) */
		emit_u(e, K("reserved"), (unsigned)b0 << 8 | b1);
		emit_addr4(e, K("addr"), &o->u.v4.addr);
		break;
	case M6_OPT_BID:
		emit_u(e, K("bid"), o->u.bid.bid);
		emit_u(e, K("status"), o->u.bid.status);
		emit_u(e, K("flags"), o->u.bid.flags);
		emit_bool(e, K("h"), o->u.bid.flags & M6_BID_H);
		if (o->u.bid.coa_family == 6)
			emit_addr6(e, K("coa"), &o->u.bid.coa6);
		else if (o->u.bid.coa_family == 4)
			emit_addr4(e, K("coa"), &o->u.bid.coa4);
		break;
	}
}

static void emit_option(struct m6_emit *e, const struct m6_msg *m, const struct m6_opt *o)
{
	e->ops->obj_begin(e, NULL);
	emit_u(e, K("type"), o->type);
	emit_str(e, K("name"), m6_opt_name(o->type));
	emit_u(e, K("offset"), o->offset);
	emit_u(e, K("len"), o->len);
	if (o->flags & M6_OPTF_MALFORMED)
		emit_bool(e, K("malformed"), true);
	/* LLA and MNID: the code/subtype octet, then the whole payload */
	if (o->type == M6_OPT_LLA && o->len >= 1)
		emit_u(e, K("code"), o->u.sub.subtype);
	else if (o->type == M6_OPT_MNID && o->len >= 1)
		emit_u(e, K("subtype"), o->u.sub.subtype);
	/* A malformed option's typed fields hold what fit (m6codec.h). */
	if (!(o->flags & M6_OPTF_RAW) || (o->flags & M6_OPTF_MALFORMED))
		emit_opt_typed(e, o);
	if ((o->flags & M6_OPTF_RAW) && o->type != M6_OPT_PAD1 &&
	    (size_t)o->data_off + o->len <= m->data_len)
		emit_hex(e, K("data"), m->data + o->data_off, o->len);
	e->ops->obj_end(e);
}

static void emit_mh(struct m6_emit *e, const struct m6_pkt *pkt)
{
	const struct m6_msg *m = &pkt->msg;

	e->ops->obj_begin(e, "mh");
	emit_u(e, K("offset"), pkt->mh_off);
	emit_u(e, K("proto"), m->payload_proto);
	emit_u(e, K("hdr_len"), m->hdr_len);
	emit_u(e, K("len"), m->mh_len);
	emit_u(e, K("type"), m->type);
	emit_str(e, K("type_name"), m6_mh_type_abbrev(m->type));
	emit_u(e, K("reserved"), m->reserved);
	emit_u(e, K("checksum"), m->checksum);
	emit_csum_ok(e, pkt->csum_checked, pkt->csum_ok);
	emit_body(e, m);
	if (m->type <= M6_MH_KNOWN_MAX) {
		e->ops->arr_begin(e, "options");
		for (int i = 0; i < m->n_opts; i++)
			emit_option(e, m, &m->opts[i]);
		e->ops->arr_end(e);
	}
	e->ops->obj_end(e);
}

/* The data of an echo or a UDP datagram: its length on the wire, and the
 * octets kept (fewer when the capture or M6_DATA_MAX cut them). */
static void emit_data(struct m6_emit *e, const struct m6_data *d)
{
	if (d->has_tag)
		emit_u(e, K("tag"), d->tag);
	emit_u(e, K("data_len"), d->wire_len);
	emit_hex(e, K("data"), d->bytes, d->len);
}

static void emit_icmp6(struct m6_emit *e, const struct m6_pkt *pkt)
{
	const struct m6_icmp6 *c = &pkt->icmp6;

	e->ops->obj_begin(e, "icmp6");
	emit_u(e, K("offset"), c->off);
	emit_u(e, K("type"), c->type);
	emit_u(e, K("code"), c->code);
	emit_u(e, K("checksum"), c->checksum);
	emit_csum_ok(e, c->csum_checked, c->csum_ok);
	emit_u(e, K("param"), c->param);
	if (pkt->has_data) {
		emit_u(e, K("id"), pkt->data.id);
		emit_u(e, K("seq"), pkt->data.seq);
		emit_data(e, &pkt->data);
	}
	if (pkt->has_nd)
		m6i_emit_nd(e, &pkt->nd);
	e->ops->obj_end(e);
}

static void emit_udp(struct m6_emit *e, const struct m6_pkt *pkt)
{
	const struct m6_udp *u = &pkt->udp;

	e->ops->obj_begin(e, "udp");
	emit_u(e, K("offset"), u->off);
	emit_u(e, K("sport"), pkt->data.sport);
	emit_u(e, K("dport"), pkt->data.dport);
	emit_u(e, K("len"), u->len);
	emit_u(e, K("checksum"), u->checksum);
	emit_csum_ok(e, u->csum_checked, u->csum_ok);
	emit_data(e, &pkt->data);
	e->ops->obj_end(e);
}

static void emit_diags(struct m6_emit *e, const struct m6_diags *d, uint8_t severity, const char *key)
{
	e->ops->arr_begin(e, key);
	for (int i = 0; i < d->n; i++) {
		const struct m6_diag *x = &d->d[i];
		if (x->severity != severity)
			continue;
		e->ops->obj_begin(e, NULL);
		emit_str(e, K("reason"), m6_reason_name(x->reason));
		emit_u(e, K("offset"), x->offset);
		emit_str(e, K("action"), m6_action_name(x->action));
		if (x->action == M6_ACT_ICMP_PARAM) {
			emit_u(e, K("icmp_code"), x->code);
			emit_u(e, K("pointer"), x->pointer);
		} else if (x->action == M6_ACT_BE || x->action == M6_ACT_BA) {
			emit_u(e, K("status"), x->code);
		}
		e->ops->obj_end(e);
	}
	e->ops->arr_end(e);
}

void m6i_emit_packet(struct m6_emit *e, const struct m6_pkt *pkt, const struct m6_frame_info *fi)
{
	e->ops->obj_begin(e, NULL);
	emit_u(e, K("frame"), fi->frame);
	m6i_emit_key(e, K("ts_sec"));
	if (fi->ts_sec < 0) {
		m6_buf_char(e->b, '-');
		m6_buf_u(e->b, (uint64_t)-fi->ts_sec);
	} else {
		m6_buf_u(e->b, (uint64_t)fi->ts_sec);
	}
	emit_u(e, K("ts_usec"), fi->ts_usec);
	emit_u(e, K("caplen"), fi->caplen);
	emit_u(e, K("len"), fi->len);
	emit_str(e, K("link"), m6_link_name(pkt->link));
	if (pkt->link == M6_LINK_ETHERNET) {
		e->ops->obj_begin(e, "eth");
		emit_mac(e, K("src"), pkt->eth_src);
		emit_mac(e, K("dst"), pkt->eth_dst);
		emit_u(e, K("type"), pkt->ethertype);
		e->ops->obj_end(e);
	}
	e->ops->arr_begin(e, "ip");
	for (int i = 0; i < pkt->n_ip; i++)
		emit_ip(e, &pkt->ip[i]);
	e->ops->arr_end(e);
	if (pkt->has_mh)
		emit_mh(e, pkt);
	if (pkt->has_icmp6)
		emit_icmp6(e, pkt);
	if (pkt->has_udp)
		emit_udp(e, pkt);
	emit_bool(e, K("valid"), m6_pkt_valid(pkt));
	emit_diags(e, &pkt->diags, M6_SEV_ERROR, "errors");
	emit_diags(e, &pkt->diags, M6_SEV_NOTE, "notes");
	if (pkt->diags.dropped)
		emit_u(e, K("diags_dropped"), pkt->diags.dropped);
	e->ops->obj_end(e);
}
