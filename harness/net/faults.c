/* faults.c - the reference IUT's seeded faults (faults.h). Each one is a
 * bug real HA/CN implementations could have; it works by decoding the
 * packet with the codec, changing the message, and encoding it again. */
#include <string.h>

#include "bu_plan.h"
#include "engine.h"
#include "faults.h"
#include "faults_data.h"
#include "m6codec.h"
#include "nonce.h"

/* What the faulty node does to a packet: changes msg (and knobs, spec);
 * false leaves the packet as it is. On receipt, drop = true drops it. */
typedef bool (*rewrite_fn)(struct m6_msg *msg, struct m6_pkt_spec *spec, struct m6_enc_knobs *knobs,
			   const struct m6_pkt *pkt, bool *drop);

/* Where the bug sits: in what the node receives (rx), in what it sends
 * (tx), both (a node that stores one thing and answers another: rx
 * changes what the engine is given, tx makes the answer look right), or
 * in how it is set up (configure changes the engine). */
struct m6h_fault {
	const char *name, *text;
	rewrite_fn rx, tx;
	void (*configure)(struct m6e_config *cfg);
	/* a bug below the Mobility Header: the IPv6 packet sent, as bytes */
	void (*tx_bytes)(uint8_t *pkt, size_t len);
	/* a bug of the data plane (faults_data.h): the frame received, the
	 * packet sent */
	size_t (*frame_rx)(uint8_t *frame, size_t len, size_t cap);
	size_t (*packet_tx)(uint8_t *pkt, size_t len, size_t cap);
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

/* ---- Faults that answer right and store wrong: the BA says what a
 * correct node would say, the binding cache holds something else. Only
 * home registrations (H) are touched: a correspondent's BU is signed, and
 * a changed one would be discarded for its Authenticator. The node
 * remembers a few home addresses (SLOTS); each case has its own. */
#define SLOTS 64

static bool home_bu(const struct m6_msg *m, const struct m6_pkt *p)
{
	return is_bu(m) && (m->u.bu.flags & M6_BU_H) && !p->diags.n;
}

static const m6_addr6 *home_of(const struct m6_pkt_spec *s)
{
	return s->hao ? &s->hoa : &s->src;
}

static unsigned slot_of(const m6_addr6 *hoa, unsigned salt)
{
	return (hoa->a[13] * 65536u + hoa->a[14] * 256u + hoa->a[15] + salt * 7919u) % SLOTS;
}

static bool same_addr(const m6_addr6 *a, const m6_addr6 *b)
{
	return !memcmp(a, b, sizeof *a);
}

/* A BID registered again with a new care-of address is answered 0 but
 * keeps its old address (RFC 5648 s6.2: "it MUST update the binding"):
 * the node hands the engine the BID without its address, a refresh. */
static struct {
	m6_addr6 hoa, coa;
	uint16_t bid;
	bool used;
} bid_coa[SLOTS];

static void forget_bids(const m6_addr6 *hoa, int bid)
{
	for (int i = 0; i < SLOTS; i++)
		if (bid_coa[i].used && same_addr(&bid_coa[i].hoa, hoa) && (bid < 0 || bid_coa[i].bid == bid))
			bid_coa[i].used = false;
}

static bool bid_update_keeps_coa(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
				 const struct m6_pkt *p, bool *drop)
{
	(void)k, (void)drop;
	if (!home_bu(m, p))
		return false;
	const m6_addr6 *hoa = home_of(s);
	bool bids = m6_msg_next_opt(m, 0, M6_OPT_BID) >= 0, changed = false;
	if (!bids || m->u.bu.lifetime == 0 || (m->u.bu.flags & M6_BU_O))
		forget_bids(hoa, -1);
	for (int i = 0; i < m->n_opts; i++) {
		struct m6_opt_bid *b = &m->opts[i].u.bid;
		if (m->opts[i].type != M6_OPT_BID)
			continue;
		if (m->u.bu.lifetime == 0 || b->coa_family != 6)
			continue;
		int at = -1;
		for (int j = 0; j < SLOTS && at < 0; j++)
			if (bid_coa[j].used && same_addr(&bid_coa[j].hoa, hoa) && bid_coa[j].bid == b->bid)
				at = j;
		if (at >= 0 && !same_addr(&bid_coa[at].coa, &b->coa6)) {
			b->coa_family = 0;
			changed = true;
		} else if (at < 0) {
			unsigned slot = slot_of(hoa, b->bid);
			bid_coa[slot].hoa = *hoa;
			bid_coa[slot].coa = b->coa6;
			bid_coa[slot].bid = b->bid;
			bid_coa[slot].used = true;
		}
	}
	return changed;
}

/* The Alternate Care-of Address option is skipped: the source address is
 * bound (RFC 6275 s9.5.1 binds the option's address). */
static bool altcoa_ignored(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			   const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)drop;
	if (!home_bu(m, p) || m6_msg_next_opt(m, 0, M6_OPT_ALTCOA) < 0)
		return false;
	remove_opts(m, M6_OPT_ALTCOA, 0);
	return true;
}

/* What the answer to the BU being processed must say instead of what the
 * engine says (set on receipt, used on the BA that follows). */
static struct {
	bool seq, lifetime, status, rh2, bids;
	uint16_t seq_value, lifetime_value;
	uint8_t status_value;
	m6_addr6 hoa;
	int n_bids;
	struct m6_opt bid[M6_MAX_OPTS];
} answer;

/* The sequence number of a home address's first BU is the only one kept:
 * later BUs are compared with it and never update it (RFC 6275 s9.5.1:
 * the last accepted one counts). The engine is handed numbers that make
 * it do that, and the BA gets the number the faulty node would report. */
static struct {
	m6_addr6 hoa;
	uint16_t first, fed;
	bool used;
} seq_kept[SLOTS];

static bool seq_first_only_rx(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			      const struct m6_pkt *p, bool *drop)
{
	(void)k, (void)drop;
	memset(&answer, 0, sizeof answer);
	if (!home_bu(m, p))
		return false;
	const m6_addr6 *hoa = home_of(s);
	unsigned slot = slot_of(hoa, 0);
	uint16_t seq = m->u.bu.seq;
	if (!seq_kept[slot].used || !same_addr(&seq_kept[slot].hoa, hoa)) {
		seq_kept[slot].hoa = *hoa;
		seq_kept[slot].first = seq_kept[slot].fed = seq;
		seq_kept[slot].used = true;
		return false;
	}
	answer.seq = true;
	if (m6e_seq_newer(seq, seq_kept[slot].first)) {
		m->u.bu.seq = ++seq_kept[slot].fed; /* newer than what the engine holds */
		answer.seq_value = seq;
	} else {
		m->u.bu.seq = (uint16_t)(seq_kept[slot].fed + 32768); /* older than it */
		answer.seq_value = seq_kept[slot].first;
	}
	return true;
}

/* The BA of the BU just processed, made to say what answer holds. */
static bool fix_answer(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
		       const struct m6_pkt *p, bool *drop)
{
	(void)k, (void)p, (void)drop;
	if (!is_ba(m) || !(answer.seq || answer.lifetime || answer.status || answer.bids))
		return false;
	if (answer.seq)
		m->u.ba.seq = answer.seq_value;
	if (answer.lifetime)
		m->u.ba.lifetime = answer.lifetime_value;
	if (answer.status)
		m->u.ba.status = answer.status_value;
	if (answer.rh2) {
		s->rh2 = true;
		s->rh2_addr = answer.hoa;
	}
	for (int i = 0; answer.bids && i < answer.n_bids && m->n_opts < M6_MAX_OPTS; i++)
		m->opts[m->n_opts++] = answer.bid[i];
	memset(&answer, 0, sizeof answer);
	return true;
}

/* A bulk BU that mixes new BIDs (with a care-of address) and BIDs without
 * one is answered as it should be (NOTCOMPLETE when some BIDs fail, each
 * BID with its status) but the new BIDs are never registered: the engine
 * is handed the BU without them, and they are added to the BA with
 * status 0. */
static bool notcomplete_stores_none(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
				    const struct m6_pkt *p, bool *drop)
{
	(void)k, (void)drop;
	memset(&answer, 0, sizeof answer);
	if (!home_bu(m, p) || m->u.bu.lifetime == 0)
		return false;
	int with = 0, without = 0;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID)
			m->opts[i].u.bid.coa_family ? with++ : without++;
	if (!with || !without)
		return false;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID && m->opts[i].u.bid.coa_family) {
			answer.bid[answer.n_bids] = m->opts[i];
			answer.bid[answer.n_bids].u.bid.status = 0;
			answer.bid[answer.n_bids++].flags = 0;
		}
	int out = 0;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type != M6_OPT_BID || !m->opts[i].u.bid.coa_family)
			m->opts[out++] = m->opts[i];
	m->n_opts = (uint16_t)out;
	answer.bids = true;
	answer.lifetime_value = m->u.bu.lifetime;
	answer.hoa = *home_of(s);
	return true;
}

/* The engine's BA for what is left of the bulk BU, completed: its own
 * BIDs carry their status (a status the engine put in the BA alone moves
 * into them), the BA says NOTCOMPLETE when any of them failed, 0 when
 * none did, and the lifetime asked is granted. */
static bool notcomplete_answer(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			       const struct m6_pkt *p, bool *drop)
{
	if (!is_ba(m) || !answer.bids)
		return false;
	uint8_t engine = m->u.ba.status;
	bool failed = false;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID) {
			if (engine >= 128 && !m->opts[i].u.bid.status)
				m->opts[i].u.bid.status = engine;
			failed = failed || m->opts[i].u.bid.status >= 128;
		}
	answer.status = true;
	answer.status_value = failed ? M6_BA_MCOA_NOTCOMPLETE : M6_BA_ACCEPTED;
	answer.lifetime = m->u.ba.lifetime == 0;
	answer.rh2 = true;
	return fix_answer(m, s, k, p, drop);
}

/* A deregistration of BIDs is answered 0 (133 when a BID is unknown, as
 * it should) but the BIDs stay (RFC 5648 s6.2: "deletes the binding
 * entry"): the engine is handed a refresh of them. */
static bool bid_dereg_kept(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			   const struct m6_pkt *p, bool *drop)
{
	(void)s, (void)k, (void)drop;
	memset(&answer, 0, sizeof answer);
	if (!home_bu(m, p) || m->u.bu.lifetime != 0 || m6_msg_next_opt(m, 0, M6_OPT_BID) < 0)
		return false;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID)
			m->opts[i].u.bid.coa_family = 0;
	m->u.bu.lifetime = 100;
	m->u.bu.flags &= (uint16_t)~M6_BU_O;
	answer.lifetime = true;
	answer.lifetime_value = 0;
	answer.status = true;
	answer.status_value = M6_BA_ACCEPTED;
	return true;
}

static bool bid_dereg_answer(struct m6_msg *m, struct m6_pkt_spec *s, struct m6_enc_knobs *k,
			     const struct m6_pkt *p, bool *drop)
{
	if (!is_ba(m) || !answer.status)
		return false;
	bool unknown = m->u.ba.status == M6_BA_MCOA_UNKNOWN_COA;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID) {
			unknown = unknown || m->opts[i].u.bid.status == M6_BA_MCOA_UNKNOWN_COA;
			m->opts[i].u.bid.status = 0;
		}
	if (unknown)
		answer.status_value = M6_BA_NOT_HOME_AGENT; /* s6.2: 133 */
	return fix_answer(m, s, k, p, drop);
}

/* DAD on, and its Neighbor Solicitations sent with a wrong ICMPv6
 * checksum: a stack's build bug that a real run met (the tester must
 * report the frame, and a DAD probe it cannot trust is no probe). */
static void dad_on(struct m6e_config *cfg)
{
	cfg->policy.dad = true;
}

static void ns_bad_checksum(uint8_t *pkt, size_t len)
{
	static struct m6_pkt p;

	if (m6_pkt_decode(pkt, len, M6_LINK_RAW, false, &p) == M6_OK && p.has_icmp6 && p.icmp6.type == 135 &&
	    (size_t)p.icmp6.off + 4 <= len)
		pkt[p.icmp6.off + 3] ^= 1;
}

static const struct m6h_fault faults[] = {
	{ "ignores-bids", "treats a BU with BID options as a plain BU (RFC 5648 unsupported, silently)", .rx = ignores_bids },
	{ "accepts-bid-zero", "takes BID 0 as BID 1 instead of answering 164", .rx = accepts_bid_zero },
	{ "accepts-bid-length", "reads a BID option of a wrong Length instead of answering 164", .rx = accepts_bid_length },
	{ "accepts-bad-checksum", "does not verify the MH checksum", .rx = accepts_bad_checksum },
	{ "bulk-at-cn", "as a CN, accepts a bulk registration: BA 0 instead of 168", .tx = bulk_at_cn },
	{ "stops-after-20", "stops answering after 20 Mobility Header packets", .rx = stops_after_20 },
	{ "seq-off-by-one", "reports the last accepted sequence number plus one in BA 135", .tx = seq_off_by_one },
	{ "lifetime-seconds", "puts the granted lifetime in seconds, not 4 s units, in the BA", .tx = lifetime_in_seconds },
	{ "ba-no-rh2", "sends the BA to the care-of address without the type 2 routing header", .tx = ba_without_rh2 },
	{ "ba-bad-checksum", "sends BAs with a wrong checksum", .tx = ba_bad_checksum },
	{ "no-notcomplete", "answers 0 where the BIDs' statuses differ, never 4 NOTCOMPLETE", .tx = never_notcomplete },
	{ "bids-without-status", "copies the BIDs into the BA without their per-BID status", .tx = bids_without_status },
	{ "ba-drops-bids", "does not copy the BID options into the BA", .tx = ba_drops_bids },
	{ "ba-wrong-auth", "signs the BA with a wrong Authenticator", .tx = ba_wrong_authenticator },
	{ "seq-window-short", "takes a sequence number exactly 32768 ahead of the last as newer", .rx = seq_window_short },
	{ "accepts-expired-nonces", "as a CN, takes nonce indices older than MAX_NONCE_LIFETIME", .configure = accepts_expired_nonces },
	{ "silent-unknown-type", "does not answer an unknown MH type with Binding Error 2", .configure = silent_unknown_type },
	{ "bid-update-keeps-coa", "answers 0 to a BID registered again with a new care-of address, keeps the old one", .rx = bid_update_keeps_coa },
	{ "altcoa-ignored", "binds the BU's source address, not its Alternate Care-of Address", .rx = altcoa_ignored },
	{ "seq-first-only", "compares each BU with the first sequence number of the home address, never stores a later one", .rx = seq_first_only_rx, .tx = fix_answer },
	{ "notcomplete-stores-none", "answers a bulk BU with BIDs that fail 4 NOTCOMPLETE but registers none of its new BIDs", .rx = notcomplete_stores_none, .tx = notcomplete_answer },
	{ "bid-dereg-kept", "answers a deregistration of BIDs 0 (133 for an unknown one) but keeps the BIDs", .rx = bid_dereg_kept, .tx = bid_dereg_answer },
	{ "dad-bad-checksum", "performs DAD, its Neighbor Solicitations with a wrong ICMPv6 checksum", .configure = dad_on, .tx_bytes = ns_bad_checksum },
	{ "tunnel-wrong-source", "tunnels with the inner source (the correspondent) as outer source, not its own address", .packet_tx = m6h_tunnel_wrong_source },
	{ "tunnel-keeps-hlim", "does not decrement the hop limit of the packets it tunnels", .packet_tx = m6h_tunnel_keeps_hlim },
	{ "tunnel-stale-coa", "tunnels to the first care-of address registered, after its BID was deregistered too", .frame_rx = m6h_data_watch, .packet_tx = m6h_tunnel_stale_coa_tx },
	{ "reverse-any-source", "takes reverse tunnelled packets from any outer source, not only bound care-of addresses", .frame_rx = m6h_reverse_any_source },
	{ "proxy-stops-at-refresh", "stops proxying a home address at the first refresh of its binding", .frame_rx = m6h_proxy_stops_at_refresh },
	{ "proxy-unbound", "proxies every address of a home prefix once it proxies one", .frame_rx = m6h_proxy_unbound_rx, .packet_tx = m6h_proxy_unbound_tx },
	{ "cn-echo-no-rh2", "as a CN, answers echo requests of a bound mobile node to its home address without RH2", .packet_tx = m6h_cn_echo_no_rh2 },
	{ "dhaad-no-self", "answers a DHAAD Request with a Reply that does not list its own address", .packet_tx = m6h_dhaad_no_self },
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

static size_t rewrite(rewrite_fn apply, uint8_t *buf, size_t len, size_t cap, int link)
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
	bool changed = apply(&msg, &spec, &knobs, &pkt, &drop);
	if (drop)
		return 0;
	if (!changed)
		return len;
	int n = m6_pkt_encode(&spec, &msg, &knobs, buf, cap);
	return n > 0 ? (size_t)n : len;
}

void m6h_fault_configure(const struct m6h_fault *f, struct m6e_config *cfg)
{
	if (f && f->configure)
		f->configure(cfg);
}

size_t m6h_fault_rx(const struct m6h_fault *f, uint8_t *buf, size_t len, size_t cap)
{
	if (f && f->frame_rx)
		len = f->frame_rx(buf, len, cap);
	return f && f->rx && len ? rewrite(f->rx, buf, len, cap, M6_LINK_ETHERNET) : len;
}

size_t m6h_fault_tx(const struct m6h_fault *f, uint8_t *pkt, size_t len, size_t cap)
{
	if (f && f->tx_bytes)
		f->tx_bytes(pkt, len);
	if (f && f->packet_tx)
		len = f->packet_tx(pkt, len, cap);
	return f && f->tx ? rewrite(f->tx, pkt, len, cap, M6_LINK_RAW) : len;
}
