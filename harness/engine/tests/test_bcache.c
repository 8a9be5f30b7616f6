/* test_bcache.c - the binding cache: keys, kinds, limits, lookups by home
 * address / (home address, BID) / CoA, expiry and refresh on the injected
 * clock, and the invariant checker catching a broken cache. */
#include "m6test.h"
#include "bcache_internal.h"

static struct m6e_bcache bc;
static m6_addr6 hoa1, hoa2, coa1, coa2;

static void setup(uint32_t max_bindings, uint16_t per_home, uint32_t lead)
{
	struct m6e_bc_limits lim = { .max_bindings = max_bindings, .max_per_home = per_home,
				     .refresh_lead_s = lead, .hash_seed = 7 };
	if (bc.b)
		m6e_bc_free(&bc);
	if (m6e_bc_init(&bc, &lim, 1000000) != M6_OK)
		exit(2);
	m6t_addr(hoa1.a, "2001:db8:1::100");
	m6t_addr(hoa2.a, "2001:db8:1::200");
	m6t_addr(coa1.a, "2001:db8:3::1");
	m6t_addr(coa2.a, "2001:db8:4::1");
}

static struct m6e_binding *set(const m6_addr6 *hoa, uint16_t bid, const m6_addr6 *coa,
			       uint32_t lifetime_s, uint64_t now_ms)
{
	struct m6e_binding_set s = { .coa = *coa, .lifetime_s = lifetime_s };
	return m6e_bc_set(&bc, hoa, bid, 42, &s, now_ms);
}

static bool ok(void)
{
	char why[128];
	bool good = m6e_bc_check(&bc, why, sizeof why);
	if (!good)
		fprintf(stderr, "invariant: %s\n", why);
	return good;
}

static void init_rejects_bad_limits(void)
{
	struct m6e_bcache x;
	struct m6e_bc_limits lim = { .max_bindings = 0, .max_per_home = 4 };
	CHECK_INT(m6e_bc_init(&x, &lim, 0), M6_ERR_ARG);
	lim.max_bindings = 4;
	lim.max_per_home = 0;
	CHECK_INT(m6e_bc_init(&x, &lim, 0), M6_ERR_ARG);
	lim.max_per_home = 4;
	lim.refresh_lead_s = 1u << 20;
	CHECK_INT(m6e_bc_init(&x, &lim, 0), M6_ERR_ARG);
}

static void keys_are_hoa_and_bid(void)
{
	setup(16, 8, 0);
	struct m6e_binding *a = set(&hoa1, 1, &coa1, 100, 1000000);
	struct m6e_binding *b = set(&hoa1, 2, &coa2, 100, 1000000);
	struct m6e_binding *c = set(&hoa2, 1, &coa1, 100, 1000000);
	CHECK(a && b && c && a != b && a != c);
	CHECK(m6e_bc_lookup(&bc, &hoa1, 1) == a);
	CHECK(m6e_bc_lookup(&bc, &hoa1, 2) == b);
	CHECK(m6e_bc_lookup(&bc, &hoa2, 1) == c);
	CHECK(m6e_bc_lookup(&bc, &hoa2, 2) == NULL);
	CHECK_INT(bc.n_bindings, 3);
	CHECK_INT(bc.n_homes, 2);
	CHECK_INT(m6e_bc_home(&bc, &hoa1)->kind, M6E_HOME_MCOA);
	CHECK_INT(m6e_bc_home(&bc, &hoa1)->seq, 42);
	/* the same key again is an update, not a second entry */
	CHECK(set(&hoa1, 1, &coa2, 200, 1000000) == a);
	CHECK_MEM(a->coa.a, coa2.a, 16);
	CHECK_INT(a->lifetime_s, 200);
	CHECK_INT(bc.n_bindings, 3);
	CHECK(ok());
}

static void plain_and_bid_bindings_never_mix(void)
{
	setup(16, 8, 0);
	CHECK(set(&hoa1, M6E_PLAIN_BID, &coa1, 100, 1000000) != NULL);
	CHECK_INT(m6e_bc_home(&bc, &hoa1)->kind, M6E_HOME_PLAIN);
	CHECK(set(&hoa1, 1, &coa2, 100, 1000000) == NULL);
	CHECK(set(&hoa2, 1, &coa2, 100, 1000000) != NULL);
	CHECK(set(&hoa2, M6E_PLAIN_BID, &coa1, 100, 1000000) == NULL);
	CHECK_INT(bc.n_bindings, 2);
	/* at most one plain binding: a second registration updates it */
	CHECK(set(&hoa1, M6E_PLAIN_BID, &coa2, 100, 1000000) != NULL);
	CHECK_INT(m6e_bc_home(&bc, &hoa1)->count, 1);
	CHECK(ok());
}

static void limits_are_enforced(void)
{
	setup(3, 2, 0);
	CHECK(set(&hoa1, 1, &coa1, 100, 1000000) != NULL);
	CHECK(set(&hoa1, 2, &coa1, 100, 1000000) != NULL);
	CHECK(!m6e_bc_room(&bc, m6e_bc_home(&bc, &hoa1), 1));
	CHECK(set(&hoa1, 3, &coa1, 100, 1000000) == NULL);   /* per home */
	CHECK(set(&hoa1, 2, &coa2, 100, 1000000) != NULL);   /* updates still fit */
	CHECK(set(&hoa2, 1, &coa1, 100, 1000000) != NULL);
	CHECK(!m6e_bc_room(&bc, NULL, 1));
	m6_addr6 hoa3;
	m6t_addr(hoa3.a, "2001:db8:1::300");
	CHECK(set(&hoa3, 1, &coa1, 100, 1000000) == NULL);   /* in total */
	CHECK_INT(bc.n_bindings, 3);
	CHECK(m6e_bc_home(&bc, &hoa3) == NULL);
	CHECK(ok());
}

static void lookup_by_coa_finds_every_home(void)
{
	setup(16, 8, 0);
	set(&hoa1, 1, &coa1, 100, 1000000);
	set(&hoa1, 2, &coa2, 100, 1000000);
	set(&hoa2, 7, &coa1, 100, 1000000);
	int found = 0;
	for (struct m6e_binding *b = m6e_bc_by_coa(&bc, &coa1); b; b = m6e_bc_next_coa(&bc, b)) {
		CHECK_MEM(b->coa.a, coa1.a, 16);
		found++;
	}
	CHECK_INT(found, 2);
	/* moving a binding to another CoA moves it between CoA chains */
	set(&hoa2, 7, &coa2, 100, 1000000);
	found = 0;
	for (struct m6e_binding *b = m6e_bc_by_coa(&bc, &coa2); b; b = m6e_bc_next_coa(&bc, b))
		found++;
	CHECK_INT(found, 2);
	CHECK(m6e_bc_by_coa(&bc, &coa1) == m6e_bc_lookup(&bc, &hoa1, 1));
	CHECK(ok());
}

static void iteration_and_removal(void)
{
	setup(16, 8, 0);
	for (uint16_t bid = 1; bid <= 4; bid++)
		set(&hoa1, bid, &coa1, 100, 1000000);
	struct m6e_home *home = m6e_bc_home(&bc, &hoa1);
	unsigned seen = 0;
	for (struct m6e_binding *b = m6e_bc_first(&bc, home); b; b = m6e_bc_next(&bc, b))
		seen |= 1u << b->bid;
	CHECK_INT(seen, 0x1e);
	m6e_bc_remove(&bc, m6e_bc_lookup(&bc, &hoa1, 3));
	CHECK(m6e_bc_lookup(&bc, &hoa1, 3) == NULL);
	CHECK_INT(home->count, 3);
	CHECK(ok());
	m6e_bc_remove_home(&bc, home);
	CHECK(m6e_bc_home(&bc, &hoa1) == NULL);
	CHECK_INT(bc.n_bindings, 0);
	CHECK_INT(bc.n_homes, 0);
	/* freed entries are reused */
	CHECK(set(&hoa2, 1, &coa1, 100, 1000000) != NULL);
	CHECK_INT(bc.b_high, 4);
	CHECK(ok());
}

static int n_expired, n_refreshed;
static void count_expired(void *ctx, const struct m6e_bcache *c, const struct m6e_binding *b)
{
	(void)ctx;
	(void)c;
	(void)b;
	n_expired++;
}

static void count_refreshed(void *ctx, const struct m6e_bcache *c, const struct m6e_binding *b)
{
	(void)ctx;
	(void)c;
	(void)b;
	n_refreshed++;
}

static void expiry_follows_the_injected_clock(void)
{
	setup(16, 8, 0);
	n_expired = 0;
	set(&hoa1, 1, &coa1, 10, 1000000);
	set(&hoa1, 2, &coa1, 20, 1000000);
	set(&hoa2, 1, &coa1, 20, 1000500); /* starts mid-second: rounded up, never cut */
	CHECK_INT(m6e_bc_tick(&bc, 1009999, NULL, count_expired, NULL), 0);
	CHECK_INT(m6e_bc_tick(&bc, 1010000, NULL, count_expired, NULL), 1);
	CHECK(m6e_bc_lookup(&bc, &hoa1, 1) == NULL);
	CHECK_INT(m6e_bc_remaining_s(&bc, m6e_bc_lookup(&bc, &hoa1, 2)), 10);
	CHECK_INT(m6e_bc_tick(&bc, 1020000, NULL, count_expired, NULL), 1);
	CHECK(m6e_bc_lookup(&bc, &hoa2, 1) != NULL);
	CHECK_INT(m6e_bc_tick(&bc, 1021000, NULL, count_expired, NULL), 1);
	CHECK_INT(n_expired, 3);
	CHECK_INT(bc.n_bindings, 0);
	/* time never goes back */
	CHECK_INT(m6e_bc_tick(&bc, 5000, NULL, count_expired, NULL), 0);
	CHECK(ok());
}

static void a_renewal_moves_the_expiry(void)
{
	setup(16, 8, 0);
	set(&hoa1, 1, &coa1, 10, 1000000);
	m6e_bc_tick(&bc, 1008000, NULL, NULL, NULL);
	set(&hoa1, 1, &coa1, 10, 1008000);
	CHECK_INT(m6e_bc_tick(&bc, 1012000, NULL, NULL, NULL), 0);
	CHECK_INT(m6e_bc_tick(&bc, 1018000, NULL, NULL, NULL), 1);
	CHECK(ok());
}

static void longest_lifetime_and_long_jumps(void)
{
	setup(16, 8, 0);
	set(&hoa1, 1, &coa1, 65535u * 4, 1000000);
	set(&hoa1, 2, &coa1, 3, 1000000);
	CHECK(ok());
	CHECK_INT(m6e_bc_tick(&bc, 1000000 + 65535000ull * 4 - 1000, NULL, NULL, NULL), 1);
	CHECK(m6e_bc_lookup(&bc, &hoa1, 1) != NULL);
	CHECK(ok());
	CHECK_INT(m6e_bc_tick(&bc, 1000000 + 65535000ull * 4, NULL, NULL, NULL), 1);
	/* a jump of years with bindings held walks one turn and empties it */
	set(&hoa2, 1, &coa1, 1000, 1000000 + 65535000ull * 4);
	CHECK_INT(m6e_bc_tick(&bc, 1ull << 45, NULL, NULL, NULL), 1);
	CHECK_INT(bc.n_bindings, 0);
	CHECK(ok());
}

static void refresh_comes_before_expiry(void)
{
	setup(16, 8, 5);
	n_expired = n_refreshed = 0;
	set(&hoa1, 1, &coa1, 20, 1000000);
	set(&hoa1, 2, &coa1, 4, 1000000); /* shorter than the lead: never refreshed */
	CHECK_INT(m6e_bc_tick(&bc, 1014000, count_refreshed, count_expired, NULL), 1);
	CHECK_INT(n_refreshed, 0);
	CHECK_INT(m6e_bc_tick(&bc, 1015000, count_refreshed, count_expired, NULL), 0);
	CHECK_INT(n_refreshed, 1);
	CHECK(ok());
	CHECK_INT(m6e_bc_tick(&bc, 1020000, count_refreshed, count_expired, NULL), 1);
	CHECK_INT(n_refreshed, 1);
	CHECK_INT(n_expired, 2);
	/* one jump past both times: refreshed, then expired, in one tick */
	set(&hoa1, 1, &coa1, 20, 1020000);
	CHECK_INT(m6e_bc_tick(&bc, 1100000, count_refreshed, count_expired, NULL), 1);
	CHECK_INT(n_refreshed, 2);
	CHECK(ok());
}

static void clear_empties_everything(void)
{
	setup(16, 8, 0);
	set(&hoa1, 1, &coa1, 20, 1000000);
	set(&hoa2, M6E_PLAIN_BID, &coa2, 20, 1000000);
	m6e_bc_clear(&bc, 5000000);
	CHECK_INT(bc.now_s, 0);
	CHECK_INT(bc.n_bindings, 0);
	CHECK(m6e_bc_lookup(&bc, &hoa1, 1) == NULL);
	CHECK(m6e_bc_by_coa(&bc, &coa2) == NULL);
	CHECK(set(&hoa1, 1, &coa1, 20, 5000000) != NULL);
	CHECK(ok());
	CHECK_INT(m6e_bc_tick(&bc, 5020000, NULL, NULL, NULL), 1);
	CHECK(ok());
}

static void lookup_many_agrees_with_lookup(void)
{
	m6_addr6 hoa[40];
	uint16_t bid[40];
	struct m6e_binding *got[40];

	setup(256, 8, 0);
	for (int i = 0; i < 40; i++) {
		char text[48];
		snprintf(text, sizeof text, "2001:db8:1::%x", i / 3);
		m6t_addr(hoa[i].a, text);
		bid[i] = (uint16_t)(i % 5); /* BID 0 and BIDs not held among them */
		if (i % 4)
			set(&hoa[i], (uint16_t)(1 + i % 3), &coa1, 100, 1000000);
	}
	m6e_bc_lookup_many(&bc, hoa, bid, 40, got); /* 40: two full batches and a part */
	int hits = 0;
	for (int i = 0; i < 40; i++) {
		CHECK(got[i] == m6e_bc_lookup(&bc, &hoa[i], bid[i]));
		hits += got[i] != NULL;
	}
	CHECK(hits > 5 && hits < 35);
}

/* The checker must notice each kind of damage. */
static void checker_catches_breakage(void)
{
	char why[128];
	setup(16, 8, 0);
	struct m6e_binding *a = set(&hoa1, 1, &coa1, 20, 1000000);
	set(&hoa1, 2, &coa1, 20, 1000000);
	CHECK(ok());
	a->bid = 2;
	CHECK(!m6e_bc_check(&bc, why, sizeof why));
	CHECK(strstr(why, "two bindings") != NULL);
	a->bid = 0;
	CHECK(!m6e_bc_check(&bc, why, sizeof why));
	CHECK(strstr(why, "BID 0") != NULL);
	a->bid = 1;
	bc.n_bindings++;
	CHECK(!m6e_bc_check(&bc, why, sizeof why));
	bc.n_bindings--;
	a->expiry_s += 3; /* no longer in the slot of its due second */
	CHECK(!m6e_bc_check(&bc, why, sizeof why));
	a->expiry_s -= 3;
	/* a CoA changed behind the cache's back, to one in another bucket */
	m6_addr6 was = a->coa;
	do
		a->coa.a[15]++;
	while ((m6e_bc_hash(&bc, &a->coa) & bc.coa_mask) == (m6e_bc_hash(&bc, &was) & bc.coa_mask));
	CHECK(!m6e_bc_check(&bc, why, sizeof why));
	CHECK(strstr(why, "care-of") != NULL);
	a->coa = was;
	CHECK(ok());
}

int main(void)
{
	M6T_RUN(init_rejects_bad_limits);
	M6T_RUN(keys_are_hoa_and_bid);
	M6T_RUN(plain_and_bid_bindings_never_mix);
	M6T_RUN(limits_are_enforced);
	M6T_RUN(lookup_by_coa_finds_every_home);
	M6T_RUN(iteration_and_removal);
	M6T_RUN(expiry_follows_the_injected_clock);
	M6T_RUN(a_renewal_moves_the_expiry);
	M6T_RUN(longest_lifetime_and_long_jumps);
	M6T_RUN(refresh_comes_before_expiry);
	M6T_RUN(clear_empties_everything);
	M6T_RUN(lookup_many_agrees_with_lookup);
	M6T_RUN(checker_catches_breakage);
	m6e_bc_free(&bc);
	return m6t_finish("test_bcache");
}
