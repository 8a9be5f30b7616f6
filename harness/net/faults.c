/* faults.c - the reference IUT's seeded faults (faults.h). Each one is a
 * bug real HA/CN implementations could have; it works by decoding the
 * packet with the codec, changing the message, and encoding it again. */
#include <string.h>

#include "engine.h"
#include "faults.h"
#include "m6codec.h"
#include "nonce.h"

/* Where the bug sits: in what the node receives, in what it sends, or in
 * how it is set up (CONFIG: apply is NULL, configure changes the engine). */
enum side { RX, TX, CONFIG };

struct m6h_fault {
	const char *name, *text;
	enum side side;
	/* Changes msg (and knobs, spec) for the faulty behaviour; false:
	 * leave the packet as it is. For RX, drop = true drops it. */
	bool (*apply)(struct m6_msg *msg, struct m6_pkt_spec *spec, struct m6_enc_knobs *knobs,
		      const struct m6_pkt *pkt, bool *drop);
	void (*configure)(struct m6e_config *cfg);
};

static bool is_bu(const struct m6_msg *m)
{
	return m->type == M6_MH_BU;
}

static bool is_ba(const struct m6_msg *m)
{
	return m->type == M6_MH_BA;
}

static void remove_opts(struct m6_msg *m, uint8_t type, int keep_first)
{
	int kept = 0, out = 0;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type != type || kept++ < keep_first)
			m->opts[out++] = m->opts[i];
	m->n_opts = (uint16_t)out;
}

/* A message of that type loses its BID options. */
static bool strip_bids(struct m6_msg *m, uint8_t type)
{
	if (m->type != type || m6_msg_next_opt(m, 0, M6_OPT_BID) < 0)
		return false;
	remove_opts(m, M6_OPT_BID, 0);
	return true;
}

static bool ignores_bids(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			 const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)p, (void)drop;
	return strip_bids(m, M6_MH_BU);
}

static bool accepts_bid_zero(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			     const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)p, (void)drop;
	bool changed = false;
	for (int i = 0; is_bu(m) && i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID && m->opts[i].u.bid.bid == 0) {
			m->opts[i].u.bid.bid = 1;
			changed = true;
		}
	return changed;
}

static bool has_reason(const struct m6_pkt *p, uint8_t reason)
{
	for (int i = 0; i < p->diags.n; i++)
		if (p->diags.d[i].reason == reason)
			return true;
	return false;
}

/* A BID option of a wrong length is read as far as it goes and taken. */
static bool accepts_bid_length(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			       const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)drop;
	if (!is_bu(m) || !has_reason(p, M6_R_BID_LEN))
		return false;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID && (m->opts[i].flags & M6_OPTF_MALFORMED))
			m->opts[i].flags = 0; /* what fitted is taken as a 4-octet BID */
	return true;
}

/* The checksum is not verified: re-encoding writes a correct one. */
static bool accepts_bad_checksum(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
				 const struct m6_pkt *p, bool *drop)
{
	(void)m, (void)s, (void)k, (void)drop;
	k->verbatim = true;
	return p->csum_checked && !p->csum_ok;
}

/* A CN that accepts a bulk registration: 0 where 168 is due (its
 * Authenticator then covers a different message, as a stale one would). */
static bool bulk_at_cn(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
		       const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)p, (void)drop;
	if (!is_ba(m) || m->u.ba.status != M6_BA_MCOA_BULK_PROHIBITED)
		return false;
	m->u.ba.status = M6_BA_ACCEPTED;
	k->verbatim = true;
	return true;
}

static int mh_seen;
static bool stops_after_20(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			   const struct m6_pkt *p, bool *drop)
{
	(void)m, (void)s, (void)k, (void)p;
	*drop = ++mh_seen > 20;
	return false;
}

static bool seq_off_by_one(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			   const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)p, (void)drop;
	if (!is_ba(m) || m->u.ba.status != M6_BA_SEQ_OUT_OF_WINDOW)
		return false;
	m->u.ba.seq++;
	return true;
}

/* The sequence window counted as 32767 numbers instead of 32768 (RFC 6275
 * s9.5.1): a BU exactly 32768 ahead of the last one it took is taken as
 * newer. The node remembers the last sequence number per home address
 * (a few of them); the engine is handed the number one below, which it
 * takes, so its BA reports that one. */
#define SEQ_MEMORY 64
static struct {
	m6_addr6 hoa;
	uint16_t seq;
	bool used;
} last_seq[SEQ_MEMORY];

static bool seq_window_short(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			     const struct m6_pkt *p, bool *drop)
{
	(void)k, (void)drop;
	if (!is_bu(m) || p->diags.n)
		return false;
	const m6_addr6 *hoa = s->hao ? &s->hoa : &s->src;
	unsigned slot = (hoa->a[14] * 256u + hoa->a[15]) % SEQ_MEMORY;
	bool edge = last_seq[slot].used && !memcmp(&last_seq[slot].hoa, hoa, sizeof *hoa) &&
		    m->u.bu.seq == (uint16_t)(last_seq[slot].seq + 32768);
	if (edge)
		m->u.bu.seq--;
	last_seq[slot].hoa = *hoa;
	last_seq[slot].seq = m->u.bu.seq;
	last_seq[slot].used = true;
	return edge;
}

static bool lifetime_in_seconds(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
				const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)p, (void)drop;
	if (!is_ba(m) || !m->u.ba.lifetime)
		return false;
	uint32_t seconds = (uint32_t)m->u.ba.lifetime * 4;
	m->u.ba.lifetime = (uint16_t)(seconds > 0xffff ? 0xffff : seconds);
	return true;
}

static bool ba_without_rh2(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			   const struct m6_pkt *p, bool *drop)
{
	(void)k, (void)p, (void)drop;
	if (!is_ba(m) || !s->rh2)
		return false;
	s->rh2 = false;
	return true;
}

static bool ba_bad_checksum(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			    const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)p, (void)drop;
	k->csum_bad = true;
	return is_ba(m);
}

static bool never_notcomplete(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			      const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)p, (void)drop;
	if (!is_ba(m) || m->u.ba.status != M6_BA_MCOA_NOTCOMPLETE)
		return false;
	m->u.ba.status = M6_BA_ACCEPTED;
	return true;
}

static bool bids_without_status(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
				const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)p, (void)drop;
	bool changed = false;
	for (int i = 0; is_ba(m) && i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID && m->opts[i].u.bid.status) {
			m->opts[i].u.bid.status = 0;
			changed = true;
		}
	return changed;
}

static bool ba_drops_bids(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			  const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)p, (void)drop;
	return strip_bids(m, M6_MH_BA);
}

/* A CN that signs its BA with a stale key: one Authenticator bit off. */
static bool ba_wrong_authenticator(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
				   const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)p, (void)drop;
	int bad = is_ba(m) ? m6_msg_next_opt(m, 0, M6_OPT_BAD) : -1;
	if (bad < 0)
		return false;
	m->opts[bad].u.auth[M6_AUTH_LEN - 1] ^= 1;
	k->verbatim = true;
	return true;
}

/* The age of a nonce is never checked: an index is taken for as long as
 * the node remembers its nonce (63 periods), where 136-138 is due after
 * MAX_NONCE_LIFETIME. */
static void accepts_expired_nonces(struct m6e_config *cfg)
{
	uint64_t remembered = cfg->nonce_period_ms * (M6E_NONCE_SLOTS - 1);
	if (remembered > cfg->nonce_lifetime_ms)
		cfg->nonce_lifetime_ms = remembered;
}

/* Binding Error 2 for an unknown MH type is a SHOULD (RFC 6275 s9.2) some
 * nodes skip: the run must then find another probe for "no reply". */
static void silent_unknown_type(struct m6e_config *cfg)
{
	cfg->answer_unknown_type = false;
}

static const struct m6h_fault faults[] = {
	{ "ignores-bids", "treats a BU with BID options as a plain BU (RFC 5648 unsupported, silently)", RX, ignores_bids, NULL },
	{ "accepts-bid-zero", "takes BID 0 as BID 1 instead of answering 164", RX, accepts_bid_zero, NULL },
	{ "accepts-bid-length", "reads a BID option of a wrong Length instead of answering 164", RX, accepts_bid_length, NULL },
	{ "accepts-bad-checksum", "does not verify the MH checksum", RX, accepts_bad_checksum, NULL },
	{ "bulk-at-cn", "as a CN, accepts a bulk registration: BA 0 instead of 168", TX, bulk_at_cn, NULL },
	{ "stops-after-20", "stops answering after 20 Mobility Header packets", RX, stops_after_20, NULL },
	{ "seq-off-by-one", "reports the last accepted sequence number plus one in BA 135", TX, seq_off_by_one, NULL },
	{ "lifetime-seconds", "puts the granted lifetime in seconds, not 4 s units, in the BA", TX, lifetime_in_seconds, NULL },
	{ "ba-no-rh2", "sends the BA to the care-of address without the type 2 routing header", TX, ba_without_rh2, NULL },
	{ "ba-bad-checksum", "sends BAs with a wrong checksum", TX, ba_bad_checksum, NULL },
	{ "no-notcomplete", "answers 0 where the BIDs' statuses differ, never 4 NOTCOMPLETE", TX, never_notcomplete, NULL },
	{ "bids-without-status", "copies the BIDs into the BA without their per-BID status", TX, bids_without_status, NULL },
	{ "ba-drops-bids", "does not copy the BID options into the BA", TX, ba_drops_bids, NULL },
	{ "ba-wrong-auth", "signs the BA with a wrong Authenticator", TX, ba_wrong_authenticator, NULL },
	{ "seq-window-short", "takes a sequence number exactly 32768 ahead of the last as newer", RX, seq_window_short, NULL },
	{ "accepts-expired-nonces", "as a CN, takes nonce indices older than MAX_NONCE_LIFETIME", CONFIG, NULL,
	  accepts_expired_nonces },
	{ "silent-unknown-type", "does not answer an unknown MH type with Binding Error 2", CONFIG, NULL,
	  silent_unknown_type },
};

const struct m6h_fault *m6h_fault_find(const char *name)
{
	for (size_t i = 0; i < sizeof faults / sizeof faults[0]; i++)
		if (!strcmp(faults[i].name, name))
			return &faults[i];
	return NULL;
}

const struct m6h_fault *m6h_fault_at(int i)
{
	return i >= 0 && (size_t)i < sizeof faults / sizeof faults[0] ? &faults[i] : NULL;
}

const char *m6h_fault_name(const struct m6h_fault *f)
{
	return f->name;
}

const char *m6h_fault_text(const struct m6h_fault *f)
{
	return f->text;
}

/* The packet spec a decoded packet was built from (innermost IPv6). */
static void spec_of(const struct m6_pkt *p, struct m6_pkt_spec *s)
{
	const struct m6_ip6 *ip = &p->ip[p->n_ip - 1];

	memset(s, 0, sizeof *s);
	s->eth = p->link == M6_LINK_ETHERNET;
	memcpy(s->eth_dst, p->eth_dst, 6);
	memcpy(s->eth_src, p->eth_src, 6);
	s->src = ip->src;
	s->dst = ip->dst;
	s->hlim = ip->hlim;
	for (int i = 0; i < ip->n_ext; i++) {
		if (ip->ext[i].has_hao) {
			s->hao = true;
			s->hoa = ip->ext[i].hao;
		}
		if (ip->ext[i].proto == 43 && ip->ext[i].rh_type == 2) {
			s->rh2 = true;
			s->rh2_addr = ip->ext[i].rh_addr;
		}
	}
}

static size_t rewrite(const struct m6h_fault *f, uint8_t *buf, size_t len, size_t cap, int link)
{
	static struct m6_pkt pkt;
	static struct m6_msg msg;
	struct m6_pkt_spec spec;
	struct m6_enc_knobs knobs = { 0 };
	bool drop = false;

	if (m6_pkt_decode(buf, len, link, true, &pkt) != M6_OK || !pkt.has_mh || pkt.n_ip != 1)
		return len;
	msg = pkt.msg;
	spec_of(&pkt, &spec);
	bool changed = f->apply(&msg, &spec, &knobs, &pkt, &drop);
	if (drop)
		return 0;
	if (!changed)
		return len;
	int n = m6_pkt_encode(&spec, &msg, &knobs, buf, cap);
	return n > 0 ? (size_t)n : len;
}

void m6h_fault_configure(const struct m6h_fault *f, struct m6e_config *cfg)
{
	if (f && f->side == CONFIG)
		f->configure(cfg);
}

size_t m6h_fault_rx(const struct m6h_fault *f, uint8_t *buf, size_t len, size_t cap)
{
	return f && f->side == RX ? rewrite(f, buf, len, cap, M6_LINK_ETHERNET) : len;
}

size_t m6h_fault_tx(const struct m6h_fault *f, uint8_t *pkt, size_t len, size_t cap)
{
	return f && f->side == TX ? rewrite(f, pkt, len, cap, M6_LINK_RAW) : len;
}
