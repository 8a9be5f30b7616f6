/* test_roundtrip.c - randomized round trips: for 100 000 messages with
 * random types, fields and options (fixed seed), encode -> decode must
 * give every field back, and encoding the decoded message again (with and
 * without verbatim padding) must give the same bytes. */
#include "m6codec.h"
#include "m6test.h"

#define ROUNDS 100000

static uint64_t rng_state = 0x6d6970366b6974ull; /* "mip6kit" */

static uint32_t rnd(void)
{
	/* xorshift64*: fixed seed, so a failure is reproducible by its round. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (uint32_t)((rng_state * 0x2545f4914f6cdd1dull) >> 32);
}

static void rnd_bytes(void *p, size_t n)
{
	uint8_t *b = p;
	for (size_t i = 0; i < n; i++)
		b[i] = (uint8_t)rnd();
}

static void random_body(struct m6_msg *m)
{
	rnd_bytes(&m->u, sizeof m->u);
	if (m->type > M6_MH_KNOWN_MAX) {
		/* An opaque body is padded to 8 octets by the encoder; a body
		 * that fills the MH exactly comes back unchanged. */
		m->data_len = (uint16_t)(2 + 8 * (rnd() % 6));
		rnd_bytes(m->data, m->data_len);
	}
}

/* Opaque option types: known-variable ones and unassigned numbers. */
static const uint8_t raw_types[] = { M6_OPT_LLA, M6_OPT_MNID, 9, 17, 28, 33, 36, 99, 200, 255 };
static const uint8_t typed_types[] = { M6_OPT_BRA, M6_OPT_ALTCOA, M6_OPT_NONCE, M6_OPT_BAD, M6_OPT_MNP,
				       M6_OPT_V4HOA, M6_OPT_V4ACK, M6_OPT_NATD, M6_OPT_V4COA, M6_OPT_BID };

static void random_typed(struct m6_opt *o)
{
	uint8_t type = o->type;

	rnd_bytes(&o->u, sizeof o->u);
	if (type == M6_OPT_NATD)
		memset(o->u.v4.addr.a, 0, 4);
	else if (type == M6_OPT_V4HOA || type == M6_OPT_V4ACK || type == M6_OPT_V4COA)
		o->u.v4.word = 0;
	if (type == M6_OPT_BID) {
		o->u.bid.coa_family = (uint8_t)((const uint8_t[]){ 0, 4, 6 })[rnd() % 3];
		if (o->u.bid.coa_family != 4)
			memset(o->u.bid.coa4.a, 0, 4);
		if (o->u.bid.coa_family != 6)
			memset(o->u.bid.coa6.a, 0, 16);
	}
}

static void random_options(struct m6_msg *m)
{
	int n = (int)(rnd() % 9);

	for (int i = 0; i < n; i++) {
		if (rnd() % 4 == 0) {
			uint8_t payload[64];
			size_t len = rnd() % sizeof payload;
			uint8_t type = raw_types[rnd() % sizeof raw_types];
			if ((type == M6_OPT_LLA || type == M6_OPT_MNID) && len == 0)
				len = 1;
			rnd_bytes(payload, len);
			m6_msg_add_raw_opt(m, type, payload, len);
			continue;
		}
		struct m6_opt *o = m6_msg_add_opt(m, typed_types[rnd() % sizeof typed_types]);
		random_typed(o);
	}
}

static void test_random_round_trips(void)
{
	static struct m6_msg m, d;
	static uint8_t a[M6_MH_MAX], b[M6_MH_MAX], c[M6_MH_MAX];
	const struct m6_enc_knobs verbatim = { .verbatim = true };
	struct m6_pseudo ps;
	struct m6_diags diags;
	char why[200];
	int reported = 0;

	for (int round = 0; round < ROUNDS; round++) {
		rnd_bytes(&ps, sizeof ps);
		uint32_t t = rnd() % 10;
		m6_msg_init(&m, (uint8_t)(t < 8 ? t : 8 + rnd() % 248));
		m.reserved = (uint8_t)(rnd() % 4 == 0 ? rnd() : 0);
		random_body(&m);
		if (m.type <= M6_MH_KNOWN_MAX)
			random_options(&m);

		int la = m6_msg_encode(&m, &ps, NULL, a, sizeof a);
		diags.n = diags.dropped = 0;
		int ld = m6_mh_decode(a, (size_t)la, &ps, 0, 0, &d, &diags);
		int lb = m6_msg_encode(&d, &ps, &verbatim, b, sizeof b);
		int lc = m6_msg_encode(&d, &ps, NULL, c, sizeof c);
		bool ok = la > 0 && ld == la && lb == la && lc == la && !memcmp(a, b, (size_t)la) &&
			  !memcmp(a, c, (size_t)la) && !m6_msg_compare(&m, &d, why, sizeof why);
		CHECK(ok);
		if (!ok && reported++ < 5)
			fprintf(stderr, "round %d type %u: la %d ld %d lb %d lc %d: %s\n", round, m.type,
				la, ld, lb, lc, m6_msg_compare(&m, &d, why, sizeof why) ? why : "bytes differ");
	}
}

int main(void)
{
	M6T_RUN(test_random_round_trips);
	return m6t_finish("test_roundtrip");
}
