/* test_nonce.c - the correspondent node's nonces: rotation, acceptance
 * for MAX_NONCE_LIFETIME and not a millisecond more, index wrap. */
#include "m6test.h"
#include "nonce.h"

static struct m6e_nonces n;

static void test_rotates_every_period(void)
{
	m6e_nonces_init(&n, 30000, M6E_MAX_NONCE_LIFETIME_MS, 1, 100);
	const struct m6e_nonce *a = m6e_nonce_current(&n, 0);
	CHECK_INT(a->index, 100);
	CHECK(m6e_nonce_current(&n, 29999) == a);
	const struct m6e_nonce *b = m6e_nonce_current(&n, 30000);
	CHECK_INT(b->index, 101);
	CHECK(memcmp(a->value, b->value, M6E_NONCE_LEN) != 0);
	CHECK_INT(b->started_ms, 30000);
}

static void test_accepted_for_the_lifetime_only(void)
{
	m6e_nonces_init(&n, 30000, M6E_MAX_NONCE_LIFETIME_MS, 2, 0);
	m6e_nonce_current(&n, 1000);
	CHECK(m6e_nonce_find(&n, 0, 1000) != NULL);
	CHECK(m6e_nonce_find(&n, 0, 1000 + M6E_MAX_NONCE_LIFETIME_MS) != NULL);
	CHECK(m6e_nonce_find(&n, 0, 1001 + M6E_MAX_NONCE_LIFETIME_MS) == NULL);
	CHECK(m6e_nonce_find(&n, 1, 1000) == NULL);     /* not issued yet */
	CHECK(m6e_nonce_find(&n, 65535, 1000) == NULL); /* never issued */
}

/* Same seed, same nonces: the engine replays exactly. */
static void test_deterministic(void)
{
	struct m6e_nonces m;
	m6e_nonces_init(&n, 10000, M6E_MAX_NONCE_LIFETIME_MS, 42, 7);
	m6e_nonces_init(&m, 10000, M6E_MAX_NONCE_LIFETIME_MS, 42, 7);
	for (uint64_t t = 0; t < 100000; t += 10000)
		CHECK(!memcmp(m6e_nonce_current(&n, t)->value, m6e_nonce_current(&m, t)->value, M6E_NONCE_LEN));
}

/* At the shortest period (one lifetime holds the most nonces), every
 * nonce younger than the lifetime is still found and every older one is
 * refused, across the 16-bit index wrap. */
static void test_shortest_period_across_the_wrap(void)
{
	const uint64_t step = M6E_MAX_NONCE_LIFETIME_MS / (M6E_NONCE_SLOTS - 1) + 1;

	m6e_nonces_init(&n, 1, M6E_MAX_NONCE_LIFETIME_MS, 4, 65530); /* clamped up to `step` */
	for (uint64_t t = 0; t < 100 * step; t += step) {
		const struct m6e_nonce *c = m6e_nonce_current(&n, t);
		for (uint64_t back = 0; back <= 70 && back * step <= t; back++) {
			uint16_t idx = (uint16_t)(c->index - back);
			bool young = back * step <= M6E_MAX_NONCE_LIFETIME_MS;
			CHECK((m6e_nonce_find(&n, idx, t) != NULL) == young);
		}
	}
	CHECK_INT(n.next_index, (uint16_t)(65530 + 100));
}

/* A shortened lifetime (a test run's setting) is honoured to the
 * millisecond, and the period stays long enough for the slots. */
static void test_shortened_lifetime(void)
{
	m6e_nonces_init(&n, 1000, 3000, 5, 0);
	m6e_nonce_current(&n, 0);
	CHECK_INT(m6e_nonce_current(&n, 1000)->index, 1);
	CHECK(m6e_nonce_find(&n, 0, 3000) != NULL);
	CHECK(m6e_nonce_find(&n, 0, 3001) == NULL);
	CHECK(m6e_nonce_find(&n, 1, 3001) != NULL);
	m6e_nonces_init(&n, 1, 6300, 5, 0);
	CHECK_INT(n.period_ms, 101);
}

int main(void)
{
	M6T_RUN(test_rotates_every_period);
	M6T_RUN(test_accepted_for_the_lifetime_only);
	M6T_RUN(test_deterministic);
	M6T_RUN(test_shortest_period_across_the_wrap);
	M6T_RUN(test_shortened_lifetime);
	return m6t_finish("test_nonce");
}
