/* test_mh.c - Mobility Header messages and options: encode -> decode ->
 * compare for every sample, hand-written malformed vectors, the
 * rule-breaking knobs, and validation in context. */
#include "m6codec.h"
#include "m6test.h"
#include "samples.h"

static struct m6_pseudo ps;
static struct m6_msg dec;
static struct m6_diags diags;

static void setup_pseudo(void)
{
	m6t_addr(ps.src.a, "2001:db8:2::100");
	m6t_addr(ps.dst.a, "2001:db8:1::1");
}

static bool has_reason(const struct m6_diags *d, uint8_t reason)
{
	for (int i = 0; i < d->n; i++)
		if (d->d[i].reason == reason)
			return true;
	return false;
}

static const struct m6_diag *find_reason(const struct m6_diags *d, uint8_t reason)
{
	for (int i = 0; i < d->n; i++)
		if (d->d[i].reason == reason)
			return &d->d[i];
	return NULL;
}

static int decode(const uint8_t *buf, size_t len, const struct m6_pseudo *p)
{
	diags.n = diags.dropped = 0;
	return m6_mh_decode(buf, len, p, 0, 0, &dec, &diags);
}

static void test_samples_round_trip(void)
{
	uint8_t a[M6_MH_MAX], b[M6_MH_MAX], c[M6_MH_MAX];
	const struct m6_enc_knobs verbatim = { .verbatim = true };
	char why[200];

	for (int i = 0; i < n_samples; i++) {
		const struct sample *s = &samples[i];
		int la = m6_msg_encode(&s->msg, &ps, NULL, a, sizeof a);
		CHECK(la > 0 && la % 8 == 0);
		CHECK_INT(decode(a, (size_t)la, &ps), la);
		CHECK(!m6_diags_have_error(&diags));
		CHECK(!has_reason(&diags, M6_R_OPT_ALIGN));
		if (m6_msg_compare(&s->msg, &dec, why, sizeof why)) {
			fprintf(stderr, "sample %s: %s\n", s->name, why);
			CHECK(0);
		}
		int lb = m6_msg_encode(&dec, &ps, &verbatim, b, sizeof b);
		int lc = m6_msg_encode(&dec, &ps, NULL, c, sizeof c);
		CHECK_INT(lb, la);
		CHECK_INT(lc, la);
		CHECK(lb == la && !memcmp(a, b, (size_t)la));
		CHECK(lc == la && !memcmp(a, c, (size_t)la));
	}
}

/* A BU, seq 7, A|H, lifetime 100, BID 1 with CoA 2001:db8:2::5, built by
 * hand: the alignment padding and Header Len are the encoder's to get right. */
static void test_bu_bytes(void)
{
	static const uint8_t want[] = {
		59, 4, 5, 0, 0, 0,           /* proto, hdr len 4 (40 bytes), BU, res, csum */
		0x00, 0x07, 0xc0, 0x00, 0x00, 0x64, /* seq 7, A|H, lifetime 100 */
		1, 4, 0, 0, 0, 0,             /* PadN 4: a BID with a CoA goes at 8n+2 = 18 */
		35, 20, 0x00, 0x01, 0, 0,     /* BID 1, status 0, flags 0 */
		0x20, 0x01, 0x0d, 0xb8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, /* ends at 40 */
	};
	struct m6_msg m;
	uint8_t out[64];

	m6_msg_init(&m, M6_MH_BU);
	m.u.bu.seq = 7;
	m.u.bu.flags = M6_BU_A | M6_BU_H;
	m.u.bu.lifetime = 100;
	add_bid(&m, 1, 0, 0, "2001:db8:2::5");
	CHECK_INT(m6_msg_encode(&m, NULL, NULL, out, sizeof out), sizeof want);
	CHECK_MEM(out, want, sizeof want);
}

static void test_alignment_of_every_option(void)
{
	/* Put options of every alignment after each other so that each one
	 * needs a different pad; the decoder must see each aligned. */
	struct m6_msg m;
	uint8_t out[256];

	m6_msg_init(&m, M6_MH_BU);
	m6_msg_add_opt(&m, M6_OPT_NONCE);
	add_bid(&m, 1, 0, 0, NULL);
	m6_msg_add_opt(&m, M6_OPT_ALTCOA);
	m6_msg_add_opt(&m, M6_OPT_MNP)->u.mnp.plen = 48;
	m6_msg_add_opt(&m, M6_OPT_V4HOA);
	add_bid(&m, 2, 0, 0, "192.0.2.1");
	m6_msg_add_opt(&m, M6_OPT_BAD);
	int n = m6_msg_encode(&m, &ps, NULL, out, sizeof out);
	CHECK(n > 0);
	CHECK_INT(decode(out, (size_t)n, &ps), n);
	CHECK(!has_reason(&diags, M6_R_OPT_ALIGN));
	for (int i = 0; i < dec.n_opts; i++) {
		unsigned x, y;
		m6_opt_align(&dec.opts[i], &x, &y);
		CHECK_INT(dec.opts[i].offset % x, y);
	}
}

static void test_knobs(void)
{
	struct m6_msg m;
	uint8_t out[256];
	struct m6_enc_knobs k = { 0 };

	m6_msg_init(&m, M6_MH_BU);
	add_bid(&m, 1, 0, 0, NULL);

	k.hdr_len_set = true;
	k.hdr_len = 0;
	int n = m6_msg_encode(&m, &ps, &k, out, sizeof out);
	CHECK_INT(out[1], 0);
	decode(out, (size_t)n, NULL);
	/* Header Len 0 says 8 octets; a BU needs 16: ICMP pointer at Header Len. */
	const struct m6_diag *d = find_reason(&diags, M6_R_HDRLEN_SHORT);
	CHECK(d && d->action == M6_ACT_ICMP_PARAM && d->pointer == 1);

	memset(&k, 0, sizeof k);
	k.proto_set = true;
	k.proto = 6;
	n = m6_msg_encode(&m, &ps, &k, out, sizeof out);
	decode(out, (size_t)n, &ps);
	d = find_reason(&diags, M6_R_PAYLOAD_PROTO);
	CHECK(d && d->action == M6_ACT_ICMP_PARAM && d->pointer == 0 && d->code == 0);
	CHECK(!has_reason(&diags, M6_R_BAD_CHECKSUM));

	memset(&k, 0, sizeof k);
	k.csum_bad = true;
	n = m6_msg_encode(&m, &ps, &k, out, sizeof out);
	decode(out, (size_t)n, &ps);
	d = find_reason(&diags, M6_R_BAD_CHECKSUM);
	CHECK(d && d->action == M6_ACT_DISCARD && d->offset == 4);

	memset(&k, 0, sizeof k);
	k.truncate = 10;
	n = m6_msg_encode(&m, &ps, &k, out, sizeof out);
	CHECK_INT(n, 10);
	CHECK_INT(decode(out, (size_t)n, &ps), M6_ERR_TRUNCATED);
	CHECK(has_reason(&diags, M6_R_TRUNC_MH));
	CHECK(!has_reason(&diags, M6_R_BAD_CHECKSUM));

	/* BID Length forced (the payload zero-filled to it): RFC 5648 s6.1
	 * has 4 (no care-of address), 8 (IPv4) and 20 (IPv6); any other,
	 * one either side of those included, is MCOA MALFORMED (164). */
	static const int bad_lens[] = { 0, 3, 5, 6, 7, 9, 12, 19, 21 };
	for (size_t i = 0; i < sizeof bad_lens / sizeof bad_lens[0]; i++) {
		m.opts[0].flags = M6_OPTF_LEN_FORCED;
		m.opts[0].len = (uint8_t)bad_lens[i];
		n = m6_msg_encode(&m, &ps, NULL, out, sizeof out);
		CHECK(n > 0);
		decode(out, (size_t)n, &ps);
		d = find_reason(&diags, M6_R_BID_LEN);
		CHECK(d && d->action == M6_ACT_BA && d->code == M6_BA_MCOA_MALFORMED);
		CHECK(dec.opts[m6_msg_next_opt(&dec, 0, M6_OPT_BID)].flags & M6_OPTF_MALFORMED);
	}
	for (int len = 4; len <= 20; len += len == 4 ? 4 : 12) {
		m.opts[0].flags = M6_OPTF_LEN_FORCED;
		m.opts[0].len = (uint8_t)len;
		n = m6_msg_encode(&m, &ps, NULL, out, sizeof out);
		decode(out, (size_t)n, &ps);
		CHECK(!has_reason(&diags, M6_R_BID_LEN));
	}

	/* A misaligned option is still decoded, with a note. */
	m.opts[0].flags = M6_OPTF_MISALIGN;
	n = m6_msg_encode(&m, &ps, NULL, out, sizeof out);
	decode(out, (size_t)n, &ps);
	CHECK(has_reason(&diags, M6_R_OPT_ALIGN));
	CHECK(!m6_diags_have_error(&diags));
	CHECK_INT(dec.opts[m6_msg_next_opt(&dec, 0, M6_OPT_BID)].u.bid.bid, 1);
}

/* Malformed vectors, each a correct checksum-free MH but for one thing. */
static void test_malformed_vectors(void)
{
	/* BID 0 in a BU: reserved value (RFC 5648 s4.3) -> 164. */
	static const uint8_t bid_zero[] = { 59, 2, 5, 0, 0, 0, 0, 1, 0x80, 0, 0, 10,
					    35, 4, 0, 0, 0, 0, 1, 4, 0, 0, 0, 0 };
	/* BID CoA ff02::1 is multicast, not unicast routable -> 164. */
	static const uint8_t bid_mcast[] = { 59, 4, 5, 0, 0, 0, 0, 1, 0x80, 0, 0, 10,
					     1, 2, 0, 0, 35, 20, 0, 1, 0, 0,
					     0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
					     1, 0 };
	/* Nonce option says Length 10: runs past the 16-octet message. */
	static const uint8_t overrun[] = { 59, 1, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 4, 10, 0, 0 };
	/* Nonce Indices with Length 2 instead of 4. */
	static const uint8_t nonce_short[] = { 59, 1, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 4, 2, 0, 0 };
	/* Unknown option 200 is skipped by its Length; the BU stays valid. */
	static const uint8_t unknown_opt[] = { 59, 1, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 200, 2, 9, 9 };
	/* Header Len 3 (32 octets) but only 16 captured. */
	static const uint8_t cut[] = { 59, 3, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 2, 0, 0 };
	/* MH type 12 (Home Agent Switch): "other", never an error. */
	static const uint8_t other[] = { 59, 1, 12, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	/* Reserved MH octet and BU reserved flag bits set: notes only. */
	static const uint8_t reserved[] = { 59, 1, 5, 7, 0, 0, 0, 1, 0x00, 0x3f, 0, 0, 1, 2, 0, 0 };
	/* Only 5 octets: not even an MH header. */
	static const uint8_t tiny[] = { 59, 1, 5, 0, 0 };

	decode(bid_zero, sizeof bid_zero, NULL);
	const struct m6_diag *d = find_reason(&diags, M6_R_BID_ZERO);
	CHECK(d && d->code == M6_BA_MCOA_MALFORMED && d->offset == 14);
	decode(bid_mcast, sizeof bid_mcast, NULL);
	CHECK(has_reason(&diags, M6_R_BID_COA_NOT_UNICAST));
	CHECK_INT(decode(overrun, sizeof overrun, NULL), 16);
	d = find_reason(&diags, M6_R_OPT_OVERRUN);
	CHECK(d && d->offset == 12 && d->severity == M6_SEV_ERROR);
	decode(nonce_short, sizeof nonce_short, NULL);
	CHECK(has_reason(&diags, M6_R_OPT_LEN));
	decode(unknown_opt, sizeof unknown_opt, NULL);
	CHECK(has_reason(&diags, M6_R_OPT_UNKNOWN));
	CHECK(!m6_diags_have_error(&diags));
	CHECK_INT(dec.n_opts, 1);
	CHECK_INT(decode(cut, sizeof cut, NULL), M6_ERR_TRUNCATED);
	d = find_reason(&diags, M6_R_TRUNC_MH);
	CHECK(d && d->offset == 16);
	CHECK_INT(decode(other, sizeof other, NULL), 16);
	CHECK(!m6_diags_have_error(&diags));
	CHECK_INT(dec.type, 12);
	decode(reserved, sizeof reserved, NULL);
	CHECK(has_reason(&diags, M6_R_RESERVED_SET));
	CHECK(!m6_diags_have_error(&diags));
	CHECK_INT(dec.u.bu.flags & M6_BU_RESERVED, 0x3f);
	CHECK_INT(decode(tiny, sizeof tiny, NULL), M6_ERR_TRUNCATED);
	CHECK(has_reason(&diags, M6_R_TRUNC_MH));
}

/* Encodes m with its Checksum field set to csum and says whether the
 * decoder finds the checksum bad. */
static bool csum_rejected(const struct m6_msg *m, uint16_t csum)
{
	uint8_t out[64];
	struct m6_enc_knobs k = { .csum_set = true, .csum = csum };

	int n = m6_msg_encode(m, &ps, &k, out, sizeof out);
	CHECK(n > 0);
	decode(out, n > 0 ? (size_t)n : 0, &ps);
	return has_reason(&diags, M6_R_BAD_CHECKSUM);
}

static void test_checksum_zero_equivalence(void)
{
	/* 0x0000 and 0xffff are one value in ones-complement arithmetic
	 * (RFC 1071): a receiver that sums the whole MH accepts both, but
	 * only for an MH whose true checksum is 0. The BRR's 16-bit Reserved
	 * field moves the sum through every value, so one setting of it
	 * gives such an MH. */
	struct m6_msg m;
	uint8_t out[64];
	bool found = false;

	m6_msg_init(&m, M6_MH_BRR);
	for (uint32_t r = 0; r <= 0xffff && !found; r++) {
		m.u.brr_reserved = (uint16_t)r;
		int n = m6_msg_encode(&m, &ps, NULL, out, sizeof out);
		CHECK(n > 0);
		found = n > 0 && m6_mh_checksum(&ps, out, (size_t)n) == 0;
	}
	CHECK(found);
	CHECK(!csum_rejected(&m, 0x0000));
	CHECK(!csum_rejected(&m, 0xffff));
	CHECK(csum_rejected(&m, 0xfffe));
	/* Any other checksum has one form only: its complement is wrong. */
	m.u.brr_reserved ^= 1;
	int n = m6_msg_encode(&m, &ps, NULL, out, sizeof out);
	uint16_t c = n > 0 ? m6_mh_checksum(&ps, out, (size_t)n) : 0;
	CHECK(c != 0);
	CHECK(!csum_rejected(&m, c));
	CHECK(csum_rejected(&m, (uint16_t)~c));
}

/* Validates a sample, its BU flags first cleared of clear_bu_flags. */
static void validate_sample_as(const char *name, uint16_t clear_bu_flags, uint8_t role,
			       struct m6_diags *out)
{
	uint8_t buf[M6_MH_MAX];
	static struct m6_msg m;
	struct m6_validate_ctx ctx = { .role = role, .must_answer_unknown = true };

	m = sample_find(name)->msg;
	if (m.type == M6_MH_BU)
		m.u.bu.flags &= (uint16_t)~clear_bu_flags;
	int n = m6_msg_encode(&m, &ps, NULL, buf, sizeof buf);

	decode(buf, (size_t)n, &ps);
	out->n = out->dropped = 0;
	m6_validate(&dec, NULL, &ctx, out);
}

static void validate_sample(const char *name, uint8_t role, struct m6_diags *out)
{
	validate_sample_as(name, 0, role, out);
}

static void test_validate(void)
{
	struct m6_diags v;
	const struct m6_diag *d;

	validate_sample("bu-rr", M6_ROLE_CN, &v);
	CHECK_INT(v.n, 0);
	validate_sample("bu-bulk4", M6_ROLE_HA, &v);
	CHECK(!m6_diags_have_error(&v));
	validate_sample("bu-bulk4", M6_ROLE_CN, &v);
	d = find_reason(&v, M6_R_BULK_AT_CN);
	CHECK(d && d->action == M6_ACT_BA && d->code == M6_BA_MCOA_BULK_PROHIBITED);
	d = find_reason(&v, M6_R_H_AT_CN);
	CHECK(d && d->code == M6_BA_HOMEREG_NOT_SUPPORTED);
	/* a home registration lacks RR options by design: 131, not a discard */
	CHECK(!has_reason(&v, M6_R_BU_NEEDS_NONCE) && !has_reason(&v, M6_R_BU_NEEDS_BAD));
	validate_sample_as("bu-plain", M6_BU_H, M6_ROLE_CN, &v);
	d = find_reason(&v, M6_R_BU_NEEDS_NONCE);
	CHECK(d && d->action == M6_ACT_DISCARD);
	CHECK(has_reason(&v, M6_R_BU_NEEDS_BAD));
	validate_sample("bu-bid-v4", M6_ROLE_CN, &v);
	CHECK(has_reason(&v, M6_R_BID_COA_V4_AT_CN));
	validate_sample("ba-notcomplete", M6_ROLE_CN, &v);
	CHECK(!m6_diags_have_error(&v));
	validate_sample("other-12", M6_ROLE_HA, &v);
	d = find_reason(&v, M6_R_UNKNOWN_MH_TYPE);
	CHECK(d && d->action == M6_ACT_BE && d->code == M6_BE_UNKNOWN_MH_TYPE && d->offset == 2);

	/* BID status without NOTCOMPLETE in the BA (RFC 5648 s6.2). */
	struct m6_msg m;
	uint8_t buf[128];
	m6_msg_init(&m, M6_MH_BA);
	add_bid(&m, 1, M6_BA_MCOA_MALFORMED, 0, NULL);
	int n = m6_msg_encode(&m, &ps, NULL, buf, sizeof buf);
	decode(buf, (size_t)n, &ps);
	struct m6_validate_ctx ctx = { .role = M6_ROLE_HA };
	v.n = v.dropped = 0;
	CHECK_INT(m6_validate(&dec, NULL, &ctx, &v), 1);
	CHECK(has_reason(&v, M6_R_BA_BID_STATUS));

	/* Authorization Data followed by another option. */
	m6_msg_init(&m, M6_MH_BU);
	m6_msg_add_opt(&m, M6_OPT_BAD);
	m6_msg_add_opt(&m, M6_OPT_NONCE);
	n = m6_msg_encode(&m, &ps, NULL, buf, sizeof buf);
	decode(buf, (size_t)n, &ps);
	v.n = v.dropped = 0;
	m6_validate(&dec, NULL, &ctx, &v);
	CHECK(has_reason(&v, M6_R_BAD_NOT_LAST));
}

static void test_names(void)
{
	CHECK(!strcmp(m6_mh_type_abbrev(M6_MH_BU), "BU"));
	CHECK(!strcmp(m6_opt_name(M6_OPT_BID), "Binding Identifier"));
	CHECK(!strcmp(m6_ba_status_name(M6_BA_MCOA_NOTCOMPLETE), "MCOA NOTCOMPLETE"));
	CHECK(!strcmp(m6_ba_status_name(169), "MCOA SIMULTANEOUS HOME AND FOREIGN PROHIBITED"));
	CHECK(!strcmp(m6_ba_status_name(200), "unassigned"));
	CHECK(!strcmp(m6_ba_status_name(7), "unassigned"));
	CHECK(!strcmp(m6_ba_status_name(180), "CANNOT_SUPPORT_MULTIPATH_BINDING"));
	CHECK(!strcmp(m6_be_status_name(2), "Unrecognized MH Type value"));
	CHECK(!strcmp(m6_be_status_name(0), "unassigned"));
	/* IANA Mobility Options: 9 is RFC 4285's authentication option, 28 Restart Counter */
	CHECK(!strcmp(m6_opt_name(9), "Mobility Message Authentication"));
	CHECK(!strcmp(m6_opt_name(27), "Timestamp"));
	CHECK(!strcmp(m6_opt_name(28), "Restart Counter"));
	CHECK(!strcmp(m6_opt_name(70), "DLIF Link-Layer Address"));
	CHECK(m6_opt_name(71) == NULL);
	for (int r = 0; r < M6_R_COUNT; r++)
		CHECK(m6_reason_name((uint8_t)r) && m6_reason_text((uint8_t)r));
	CHECK(m6_reason_name(M6_R_COUNT) == NULL);
}

static void test_diag_overflow_keeps_errors(void)
{
	struct m6_diags d = { 0 };

	for (int i = 0; i < M6_MAX_DIAGS + 4; i++)
		m6_diag_add(&d, M6_R_OPT_UNKNOWN, M6_SEV_NOTE, M6_ACT_SKIP_OPTION, 0, (size_t)i);
	CHECK(!m6_diags_have_error(&d));
	CHECK(m6_diag_add(&d, M6_R_BAD_CHECKSUM, M6_SEV_ERROR, M6_ACT_DISCARD, 0, 4) != NULL);
	CHECK(m6_diags_have_error(&d));
	CHECK_INT(d.n, M6_MAX_DIAGS);
	CHECK_INT(d.dropped, 5);
}

int main(void)
{
	setup_pseudo();
	samples_init();
	M6T_RUN(test_samples_round_trip);
	M6T_RUN(test_bu_bytes);
	M6T_RUN(test_alignment_of_every_option);
	M6T_RUN(test_knobs);
	M6T_RUN(test_malformed_vectors);
	M6T_RUN(test_checksum_zero_equivalence);
	M6T_RUN(test_validate);
	M6T_RUN(test_names);
	M6T_RUN(test_diag_overflow_keeps_errors);
	return m6t_finish("test_mh");
}
