/* test_hostile.c - hostile bytes: every sample packet is decoded cut at
 * every length and with every single-byte change (all 256 values at every
 * offset). Run under ASan+UBSan by `make check`. Each result must be a
 * valid decode or carry a precise error; with checksum verification on,
 * any change inside the MH must be caught; with it off, the verdict must
 * match the field that was changed. */
#include "m6codec.h"
#include "m6test.h"
#include "samples.h"

static struct m6_pkt pkt, orig;

static bool has_reason(uint8_t reason)
{
	for (int i = 0; i < pkt.diags.n; i++)
		if (pkt.diags.d[i].reason == reason)
			return true;
	return false;
}

static bool has_trunc(void)
{
	return has_reason(M6_R_TRUNC_LINK) || has_reason(M6_R_TRUNC_IP6) || has_reason(M6_R_TRUNC_EXT) ||
	       has_reason(M6_R_TRUNC_MH) || has_reason(M6_R_TRUNC_MH_FIXED);
}

/* Every error carries a named reason and a known action. */
static bool errors_are_precise(void)
{
	for (int i = 0; i < pkt.diags.n; i++) {
		const struct m6_diag *d = &pkt.diags.d[i];
		if (d->reason == M6_R_NONE || !m6_reason_name(d->reason) || !m6_action_name(d->action))
			return false;
	}
	return true;
}

static int encode_sample(const struct sample *s, uint8_t *buf, size_t cap, int *link)
{
	*link = s->spec.eth ? M6_LINK_ETHERNET : M6_LINK_RAW;
	return m6_pkt_encode(&s->spec, &s->msg, NULL, buf, cap);
}

static void test_truncations(void)
{
	uint8_t buf[4096];
	int link;

	for (int i = 0; i < n_samples; i++) {
		int n = encode_sample(&samples[i], buf, sizeof buf, &link);
		CHECK(n > 0);
		for (int len = 0; len < n; len++) {
			int rc = m6_pkt_decode(buf, (size_t)len, link, true, &pkt);
			/* A cut packet always misses part of what its headers promise. */
			CHECK(has_trunc());
			CHECK(!m6_pkt_valid(&pkt));
			CHECK(rc == M6_OK || rc == M6_ERR_TRUNCATED || rc == M6_ERR_INVALID);
		}
	}
}

/* With verification on, the Internet checksum catches any one changed
 * octet of the MH, unless the change made the MH run past the capture
 * (a larger Header Len), which is then reported as truncation. */
static void check_mutation_with_checksum(size_t off)
{
	if (off < orig.mh_off)
		return;
	CHECK(has_reason(M6_R_BAD_CHECKSUM) || has_reason(M6_R_TRUNC_MH));
}

static const struct m6_opt *bid_at(size_t off)
{
	const struct m6_msg *m = &orig.msg;
	for (int i = 0; i < m->n_opts; i++)
		if (m->opts[i].type == M6_OPT_BID && off >= orig.mh_off + m->opts[i].offset &&
		    off < orig.mh_off + m->opts[i].offset + 2u + m->opts[i].len)
			return &m->opts[i];
	return NULL;
}

/* With verification off: what was changed decides what must be said. */
static void check_mutation_without_checksum(size_t off, uint8_t value, uint8_t was)
{
	if (off < orig.mh_off)
		return;
	size_t rel = off - orig.mh_off;
	if (rel == 0) {
		CHECK(value == M6_IPPROTO_NONE || has_reason(M6_R_PAYLOAD_PROTO));
	} else if (rel == 1) {
		int min = m6_mh_min_hdr_len(orig.msg.type);
		if (value < min)
			CHECK(has_reason(M6_R_HDRLEN_SHORT));
		if (value > was)
			CHECK(has_reason(M6_R_TRUNC_MH));
	} else if (rel == 4 || rel == 5) {
		CHECK(m6_pkt_valid(&pkt));
	}
	const struct m6_opt *bid = bid_at(off);
	if (!bid)
		return;
	size_t in = off - orig.mh_off - bid->offset;
	/* A new BID Length either runs past the MH or is simply wrong. */
	if (in == 1 && value != 4 && value != 8 && value != 20)
		CHECK(has_reason(M6_R_BID_LEN) || has_reason(M6_R_OPT_OVERRUN));
	if ((in == 2 || in == 3) && pkt.has_mh) {
		int i = m6_msg_next_opt(&pkt.msg, 0, M6_OPT_BID);
		while (i >= 0 && pkt.msg.opts[i].offset != bid->offset)
			i = m6_msg_next_opt(&pkt.msg, i + 1, M6_OPT_BID);
		if (i >= 0 && pkt.msg.opts[i].u.bid.bid == 0)
			CHECK(has_reason(M6_R_BID_ZERO));
	}
}

static void test_single_byte_mutations(void)
{
	uint8_t buf[4096];
	int link;

	for (int i = 0; i < n_samples; i++) {
		int n = encode_sample(&samples[i], buf, sizeof buf, &link);
		CHECK_INT(m6_pkt_decode(buf, (size_t)n, link, true, &orig), M6_OK);
		CHECK(orig.has_mh && m6_pkt_valid(&orig));
		for (int off = 0; off < n; off++) {
			uint8_t was = buf[off];
			for (int v = 0; v < 256; v++) {
				if (v == was)
					continue;
				buf[off] = (uint8_t)v;
				m6_pkt_decode(buf, (size_t)n, link, true, &pkt);
				CHECK(errors_are_precise());
				check_mutation_with_checksum((size_t)off);
				m6_pkt_decode(buf, (size_t)n, link, false, &pkt);
				CHECK(errors_are_precise());
				check_mutation_without_checksum((size_t)off, (uint8_t)v, was);
			}
			buf[off] = was;
		}
	}
}

int main(void)
{
	samples_init();
	M6T_RUN(test_truncations);
	M6T_RUN(test_single_byte_mutations);
	return m6t_finish("test_hostile");
}
