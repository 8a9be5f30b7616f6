/* engine_ops - fuzz target: the reference engine driven by a sequence of
 * operations read from the input. Each operation starts with one octet:
 *   0 a Binding Update built from the next octets (flags, sequence,
 *     lifetime, home/care-of address from small pools, Home Address and
 *     Alternate CoA options, up to 5 BID options, Nonce Indices and an
 *     Authenticator signed with the tokens the engine last handed out,
 *     and a rule-breaking knob: bad checksum, Payload Proto, Header Len)
 *   1 a Home Test Init or 2 a Care-of Test Init from a pool address
 *   3 any MH decoded from the next octets, sent in a packet
 *   4 the clock advanced, 5 a tick, 6 a new policy (DAD and alternatives
 *     too), 7 a data packet (ICMPv6 Echo Request) with a Home Address
 *     option, or a Neighbor Advertisement defending a home address,
 *     8 the data plane: an Echo Request or UDP datagram for a home address
 *     (intercepted), one reverse tunnelled from a pool care-of address, a
 *     Neighbor Solicitation for a home or link-local address, a DHAAD
 *     Request, Mobile Prefix or Router Solicitation, an echo to the node
 * After every operation the cache invariants must hold (m6e_bc_check) and
 * every packet the engine sent must decode as valid with a good checksum;
 * a BA status below 128 answering a BU that registers (not a
 * deregistration) means its home address holds a binding; a tunnelled
 * packet goes from the node to a care-of address bound (away from home,
 * IPv6) to its inner destination at that moment; anything else aborts. The engine is small (64 bindings, 8 per home
 * address) so that the limits are reached. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine.h"
#include "fuzz_target.h"

#define OPS_MAX 64

struct input {
	const uint8_t *p;
	size_t left;
};

static uint8_t u8(struct input *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static uint16_t u16(struct input *in)
{
	uint16_t hi = u8(in);
	return (uint16_t)(hi << 8 | u8(in));
}

static m6_addr6 pool6(const char *prefix_hi, uint8_t which)
{
	m6_addr6 a;
	memset(&a, 0, sizeof a);
	memcpy(a.a, prefix_hi, 6);
	a.a[15] = (uint8_t)(which + 1);
	return a;
}

/* Home addresses: six in the home prefix 2001:db8:1::/64, two outside. */
static m6_addr6 home_addr(uint8_t i)
{
	return pool6((i & 7) < 6 ? "\x20\x01\x0d\xb8\x00\x01" : "\x20\x01\x0d\xb8\x00\x07", i & 7);
}

static m6_addr6 coa_addr(uint8_t i)
{
	return pool6("\x20\x01\x0d\xb8\x00\x02", i & 7);
}

static const m6_addr6 *ha_addr(void)
{
	static m6_addr6 a = { .a = { 0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 1 } };
	return &a;
}

/* What the engine sent; the tokens of its last HoT and CoT; its last BA:
 * status (-1: none), sequence number and the home address it is for. */
static struct {
	uint16_t home_index, coa_index;
	uint8_t home_token[M6_TOKEN_LEN], coa_token[M6_TOKEN_LEN];
	struct m6_pkt pkt;
	int ba_status;
	uint16_t ba_seq;
	m6_addr6 ba_hoa;
} seen;

static const struct m6e_engine *current;

static bool bound_away(const m6_addr6 *hoa, const m6_addr6 *coa)
{
	const struct m6e_bcache *bc = m6e_cache(current);
	const struct m6e_home *home = m6e_bc_home(bc, hoa);
	for (const struct m6e_binding *b = home ? m6e_bc_first(bc, home) : NULL; b; b = m6e_bc_next(bc, b))
		if ((b->flags & M6E_BF_HOME_REG) && !(b->flags & M6E_BF_AT_HOME) && !b->coa_v4 &&
		    !memcmp(&b->coa, coa, sizeof *coa))
			return true;
	return false;
}

static void check_packet(void *ctx, const uint8_t *p, size_t len)
{
	(void)ctx;
	struct m6_pkt *d = &seen.pkt;
	if (m6_pkt_decode(p, len, M6_LINK_RAW, true, d) != M6_OK || !m6_pkt_valid(d)) {
		fprintf(stderr, "engine_ops: the engine sent a packet that does not decode as valid (%s)\n", d->diags.n ? m6_reason_name(d->diags.d[0].reason) : "");
		abort();
	}
	if (d->n_ip == 2 && (memcmp(&d->ip[0].src, ha_addr(), 16) || !bound_away(&d->ip[1].dst, &d->ip[0].dst))) {
		fprintf(stderr, "engine_ops: a packet tunnelled to no bound care-of address of its destination\n");
		abort();
	}
	bool csum_ok = d->has_icmp6 ? d->icmp6.csum_ok : d->has_udp ? d->udp.csum_ok : d->has_mh && d->csum_ok;
	if (!csum_ok) {
		fprintf(stderr, "engine_ops: the engine sent a packet with a bad checksum\n");
		abort();
	}
	if (d->has_mh && d->msg.type == M6_MH_HOT) {
		seen.home_index = d->msg.u.test.nonce_index;
		memcpy(seen.home_token, d->msg.u.test.token, M6_TOKEN_LEN);
	} else if (d->has_mh && d->msg.type == M6_MH_COT) {
		seen.coa_index = d->msg.u.test.nonce_index;
		memcpy(seen.coa_token, d->msg.u.test.token, M6_TOKEN_LEN);
	} else if (d->has_mh && d->msg.type == M6_MH_BA) {
		const struct m6_ip6 *ip = &d->ip[d->n_ip - 1];
		seen.ba_status = d->msg.u.ba.status;
		seen.ba_seq = d->msg.u.ba.seq;
		seen.ba_hoa = ip->dst; /* through RH2 when it goes to a care-of address */
		for (unsigned i = 0; i < ip->n_ext; i++)
			if (ip->ext[i].proto == 43 && ip->ext[i].rh_type == 2)
				seen.ba_hoa = ip->ext[i].rh_addr;
	}
}

/* A BU accepted for a registration leaves its home address a binding
 * (seed 001 s4.4: NOTCOMPLETE too is "less than 128", some BIDs taken). */
static void check_accepted(const struct m6e_engine *e, const struct m6_msg *bu, const m6_addr6 *hoa,
			   const m6_addr6 *coa)
{
	bool bids = m6_msg_next_opt(bu, 0, M6_OPT_BID) >= 0;
	bool dereg = bu->u.bu.lifetime == 0 || (!bids && !memcmp(hoa, coa, sizeof *hoa));
	if (dereg || seen.ba_status < 0 || seen.ba_status >= 128 || seen.ba_seq != bu->u.bu.seq ||
	    memcmp(&seen.ba_hoa, hoa, sizeof *hoa))
		return;
	const struct m6e_home *home = m6e_bc_home(m6e_cache(e), hoa);
	if (!home || home->count == 0) {
		fprintf(stderr, "engine_ops: BA status %d for a registration, and no binding is left\n",
			seen.ba_status);
		abort();
	}
}

static void check_hop_packet(void *ctx, const uint8_t *p, size_t len, const struct m6e_hop *hop)
{
	(void)hop;
	check_packet(ctx, p, len);
}

static const struct m6e_sink sink = { check_packet, NULL, NULL, check_hop_packet };

static void send_pkt(struct m6e_engine *e, const struct m6_pkt_spec *spec, const struct m6_msg *m,
		     const struct m6_enc_knobs *knobs, const struct m6_rr_key *key, uint64_t now)
{
	static uint8_t frame[4096];
	int n = key ? m6_pkt_encode_signed(spec, m, knobs, key, frame, sizeof frame)
		    : m6_pkt_encode(spec, m, knobs, frame, sizeof frame);
	if (n > 0)
		m6e_receive_frame(e, frame, (size_t)n, M6_LINK_RAW, now, &sink);
}

static void add_bids(struct input *in, struct m6_msg *m)
{
	for (uint8_t n = u8(in) % 6; n > 0; n--) {
		struct m6_opt *o = m6_msg_add_opt(m, M6_OPT_BID);
		uint8_t coa = u8(in);
		if (!o)
			return;
		o->u.bid.bid = u8(in) % 8; /* few values: collisions, and BID 0 */
		o->u.bid.flags = u8(in) & M6_BID_H;
		o->u.bid.coa_family = coa % 3 == 0 ? 0 : coa % 3 == 1 ? 6 : 4;
		o->u.bid.coa6 = coa_addr(coa >> 2);
		memcpy(o->u.bid.coa4.a, "\xc0\x00\x02", 3);
		o->u.bid.coa4.a[3] = (uint8_t)(coa >> 2);
	}
}

static void op_bu(struct m6e_engine *e, struct input *in, uint64_t now)
{
	static struct m6_msg m;
	struct m6_pkt_spec spec = { .dst = *ha_addr() };
	struct m6_enc_knobs knobs = { 0 };
	struct m6_rr_key key = { .cn = *ha_addr() };
	uint8_t how = u8(in), knob = u8(in);

	m6_msg_init(&m, M6_MH_BU);
	m.u.bu.flags = u16(in);
	m.u.bu.seq = u8(in);
	m.u.bu.lifetime = u8(in);
	m6_addr6 hoa = home_addr(how), coa = coa_addr(how >> 3);
	spec.src = coa;
	spec.hao = how & 0x40;
	spec.hoa = hoa;
	if (!spec.hao)
		spec.src = hoa; /* sent from home */
	key.coa = spec.src;
	if (knob & 1) {
		m6_msg_add_opt(&m, M6_OPT_ALTCOA)->u.altcoa = coa_addr(knob >> 1);
		key.coa = coa_addr(knob >> 1);
	}
	add_bids(in, &m);
	knobs.csum_bad = knob == 0xff;
	knobs.proto_set = knob == 0xfd;
	knobs.proto = 6;
	knobs.hdr_len_set = knob == 0xfb;
	bool signed_bu = how & 0x80;
	if (signed_bu) {
		struct m6_opt *nonce = m6_msg_add_opt(&m, M6_OPT_NONCE);
		if (nonce) {
			nonce->u.nonce.home = seen.home_index;
			nonce->u.nonce.careof = seen.coa_index;
		}
		signed_bu = m6_msg_add_opt(&m, M6_OPT_BAD) != NULL;
		bool dereg = m.u.bu.lifetime == 0 || !memcmp(&key.coa, &hoa, sizeof hoa);
		if (m6_rr_kbm(seen.home_token, dereg ? NULL : seen.coa_token, key.kbm) != M6_OK)
			abort();
	}
	seen.ba_status = -1;
	send_pkt(e, &spec, &m, &knobs, signed_bu ? &key : NULL, now);
	check_accepted(e, &m, &hoa, &key.coa);
}

static void op_test_init(struct m6e_engine *e, struct input *in, uint8_t type, uint64_t now)
{
	static struct m6_msg m;
	uint8_t which = u8(in);
	struct m6_pkt_spec spec = { .dst = *ha_addr() };

	spec.src = type == M6_MH_HOTI ? home_addr(which) : coa_addr(which);
	spec.hao = which & 0x80;
	spec.hoa = home_addr(which);
	m6_msg_init(&m, type);
	for (int i = 0; i < M6_COOKIE_LEN; i++)
		m.u.ti.cookie[i] = u8(in);
	send_pkt(e, &spec, &m, NULL, NULL, now);
}

/* Any MH the codec decodes from the input, from a pool address. */
static void op_any_mh(struct m6e_engine *e, struct input *in, uint64_t now)
{
	static struct m6_msg m;
	struct m6_diags diags = { 0 };
	struct m6_pkt_spec spec = { .dst = *ha_addr() };
	uint8_t which = u8(in);
	size_t len = u8(in);

	if (len > in->left)
		len = in->left;
	int n = m6_mh_decode(in->p, len, NULL, 0, 0, &m, &diags);
	in->p += len;
	in->left -= len;
	if (n < 0)
		return;
	spec.src = coa_addr(which);
	spec.hao = which & 0x80;
	spec.hoa = home_addr(which >> 3);
	struct m6_enc_knobs verbatim = { .verbatim = true };
	send_pkt(e, &spec, &m, &verbatim, NULL, now);
}

/* An Echo Request with a Home Address option; with the top bit a Neighbor
 * Advertisement for a home address instead (a defence against DAD). */
static void op_data_with_hao(struct m6e_engine *e, struct input *in, uint64_t now)
{
	static uint8_t frame[256];
	uint8_t which = u8(in);
	struct m6_pkt_spec spec = { .dst = *ha_addr(), .hao = true };
	m6_addr6 target = home_addr(which >> 3);

	spec.src = coa_addr(which);
	spec.hoa = target;
	int n;
	if (which & 0x80) {
		struct m6_pkt_spec nd = { .src = target, .hlim = 255 };
		memcpy(nd.dst.a, "\xff\x02\0\0\0\0\0\0\0\0\0\0\0\0\0\x01", 16);
		n = m6_icmp6_encode(&nd, 136, 0, 0, target.a, sizeof target.a, frame, sizeof frame);
	} else {
		n = m6_icmp6_encode(&spec, 128, 0, 0, NULL, 0, frame, sizeof frame);
	}
	if (n > 0)
		m6e_receive_frame(e, frame, (size_t)n, M6_LINK_RAW, now, &sink);
}

static m6_addr6 cn_addr(void)
{
	return pool6("\x20\x01\x0d\xb8\x00\x04", 0);
}

/* The data plane at the home agent and the correspondent node: which
 * picks the addresses, kind the packet (bits 0-1 hop limit 1-4, 2 UDP,
 * 3 port 7, 4-5 where it goes, 6 a variant). */
static void op_data_plane(struct m6e_engine *e, struct input *in, uint64_t now)
{
	static uint8_t frame[512];
	static struct m6_data d;
	uint8_t which = u8(in), kind = u8(in);
	struct m6_pkt_spec spec = { .src = cn_addr(), .dst = home_addr(which), .hlim = (uint8_t)(1 + kind % 4) };
	int n;

	memset(&d, 0, sizeof d);
	d.proto = kind & 4 ? M6_IPPROTO_UDP : M6_IPPROTO_ICMPV6;
	d.type = M6_ICMP6_ECHO_REQUEST;
	d.sport = 5000;
	d.dport = kind & 8 ? 7 : 9;
	d.len = u8(in) % 16;
	switch (kind >> 4 & 3) {
	case 0: /* to a home address */
		break;
	case 1: /* reverse tunnelled from a care-of address */
		spec.tunnel = true;
		spec.outer_src = coa_addr(which >> 3);
		spec.outer_dst = *ha_addr();
		spec.src = home_addr(which);
		spec.dst = kind & 64 ? cn_addr() : home_addr(which >> 3);
		break;
	case 2: { /* a Neighbor Solicitation; with bit 7 a DHAAD Request,
		     * a Mobile Prefix Solicitation or a Router Solicitation */
		static const uint8_t discovery[4] = { M6_ICMP6_DHAAD_REQ, M6_ICMP6_MPS, M6_ICMP6_RS, M6_ICMP6_MPS };
		struct m6_nd ns = { .type = M6_ICMP6_NS, .target = home_addr(which), .id = which };
		struct m6_pkt_spec nd = { .src = cn_addr(), .dst = ns.target, .hlim = 255 };
		if (kind & 64)
			memcpy(ns.target.a, "\xfe\x80\0\0\0\0\0\0", 8);
		if (kind & 128) {
			ns.type = discovery[which & 3];
			nd.src = coa_addr(which >> 2);
			nd.dst = *ha_addr();
			memcpy(nd.dst.a + 8, "\xfd\xff\xff\xff\xff\xff\xff\xfe", ns.type == M6_ICMP6_DHAAD_REQ ? 8 : 0);
			nd.hao = ns.type == M6_ICMP6_MPS;
			nd.hoa = home_addr(which >> 5);
		}
		n = m6_nd_encode(&nd, &ns, NULL, frame, sizeof frame);
		if (n > 0)
			m6e_receive_frame(e, frame, (size_t)n, M6_LINK_RAW, now, &sink);
		return;
	}
	default: /* to the node, from a home address or not */
		spec.src = kind & 64 ? home_addr(which) : cn_addr();
		spec.dst = *ha_addr();
		break;
	}
	n = m6_data_encode(&spec, &d, NULL, frame, sizeof frame);
	if (n > 0)
		m6e_receive_frame(e, frame, (size_t)n, M6_LINK_RAW, now, &sink);
}

static void op_policy(struct m6e_engine *e, struct input *in)
{
	struct m6e_policy p = m6e_config(e)->policy;
	uint8_t bits = u8(in);

	p.mcoa_prohibited = bits & 1;
	p.bulk_prohibited = bits & 2;
	p.simultaneous_prohibited = bits & 4;
	p.return_home_status = bits & 8 ? M6_BA_MCOA_RETURNHOME_WO_NDP : M6_BA_ACCEPTED;
	p.alternatives = bits & 16;
	p.dad = bits & 32;
	p.max_per_hoa = (uint16_t)(1 + u8(in) % 8);
	p.max_bindings = 1 + u8(in) % 64;
	p.max_bids_per_bu = (uint16_t)(1 + u8(in) % 8);
	p.max_lifetime = u16(in);
	m6e_set_policy(e, &p);
}

static void check_cache(const struct m6e_engine *e)
{
	char why[200];

	if (!m6e_bc_check(m6e_cache(e), why, sizeof why)) {
		fprintf(stderr, "engine_ops: cache invariant broken: %s\n", why);
		abort();
	}
}

/* One engine for the whole run, reset for each input. */
static struct m6e_engine *engine(uint64_t now)
{
	static struct m6e_engine *e;
	struct m6e_config cfg;

	if (e) {
		m6e_reset(e, now);
		return e;
	}
	m6e_config_default(&cfg);
	cfg.policy.max_bindings = 64;
	cfg.policy.max_per_hoa = 8;
	cfg.policy.n_home_prefixes = 1;
	cfg.policy.home_prefixes[0].prefix = home_addr(0);
	cfg.policy.home_prefixes[0].prefix.a[15] = 0;
	cfg.policy.home_prefixes[0].plen = 64;
	cfg.refresh_lead_s = 8;
	cfg.addr = *ha_addr();
	memcpy(cfg.mac, "\x02\0\0\0\0\x02", 6);
	cfg.link_local.a[0] = 0xfe; /* fe80::2, the source of its Router Advertisements */
	cfg.link_local.a[1] = 0x80;
	cfg.link_local.a[15] = 2;
	cfg.coa_choice = M6E_COA_FLOW_HASH;
	e = m6e_new(&cfg, now);
	if (!e)
		abort();
	return e;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct input in = { data, size };
	uint64_t now = 1000000;
	struct m6e_engine *e = engine(now);
	current = e;

	memset(&seen, 0, sizeof seen);
	for (int ops = 0; in.left > 0 && ops < OPS_MAX; ops++) {
		switch (u8(&in) % 9) {
		case 0: op_bu(e, &in, now); break;
		case 1: op_test_init(e, &in, M6_MH_HOTI, now); break;
		case 2: op_test_init(e, &in, M6_MH_COTI, now); break;
		case 3: op_any_mh(e, &in, now); break;
		case 4: now += (uint64_t)u16(&in) * 100; break;
		case 5: m6e_tick(e, now, &sink); break;
		case 6: op_policy(e, &in); break;
		case 7: op_data_with_hao(e, &in, now); break;
		case 8: op_data_plane(e, &in, now); break;
		}
		check_cache(e);
	}
	return 0;
}
