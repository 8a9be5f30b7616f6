/* bench_engine.c - the figures of the engine issue (`make bench`):
 *  1. binding cache at 1 000 000 home addresses x 4 BIDs: memory per
 *     binding (RSS growth while filling, not sizeof) and lookups per
 *     second by (HoA, BID), by HoA and by CoA, in random order;
 *  2. the engine: bulk Binding Updates with 4 BIDs per second, each
 *     decoded (checksum verified), validated, applied to the cache and
 *     answered with a BA built by the codec.
 * Best of 3 rounds each, wall clock (CLOCK_MONOTONIC).
 * With --bus-only: only the BUs of 2., once, on fewer home addresses (for
 * bench.sh's instruction count under valgrind). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "engine.h"

#define HOMES 1000000u
#define BIDS 4u
#define LOOKUPS 10000000u
#define BU_HOMES 65536u
#define BU_ROUNDS 8u
#define IR_HOMES 4096u

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long rss_kib(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kib = -1;

	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld kB", &kib) == 1)
			break;
	if (f)
		fclose(f);
	return kib;
}

static m6_addr6 addr(uint16_t net, uint32_t host)
{
	m6_addr6 a = { .a = { 0x20, 0x01, 0x0d, 0xb8, (uint8_t)(net >> 8), (uint8_t)net } };
	a.a[12] = (uint8_t)(host >> 24);
	a.a[13] = (uint8_t)(host >> 16);
	a.a[14] = (uint8_t)(host >> 8);
	a.a[15] = (uint8_t)host;
	return a;
}

static uint64_t rng = 88172645463325252ull;
static uint32_t next_random(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)rng;
}

static volatile uintptr_t sink_value; /* keeps lookups from being optimized away */

static void bench_cache(void)
{
	static struct m6e_bcache bc;
	struct m6e_bc_limits lim = { .max_bindings = HOMES * BIDS, .max_per_home = BIDS,
				     .hash_seed = 42 };
	long before = rss_kib();

	if (m6e_bc_init(&bc, &lim, 0) != M6_OK) {
		fprintf(stderr, "bench_engine: no memory for the cache\n");
		exit(1);
	}
	double t0 = now_s();
	for (uint32_t h = 0; h < HOMES; h++) {
		m6_addr6 hoa = addr(1, h);
		for (uint16_t b = 1; b <= BIDS; b++) {
			struct m6e_binding_set set = { .coa = addr((uint16_t)(1 + b), h), .lifetime_s = 3600 };
			if (!m6e_bc_set(&bc, &hoa, b, 1, &set, 0)) {
				fprintf(stderr, "bench_engine: the cache refused binding %u/%u\n", h, b);
				exit(1);
			}
		}
	}
	double fill = now_s() - t0;
	long grown = rss_kib() - before;
	printf("%-44s %10.0f /s\n", "cache fill (4M bindings)", HOMES * BIDS / fill);
	printf("%-44s %10.1f bytes (RSS growth %ld MiB; goal <= 128)\n", "memory per binding",
	       (double)grown * 1024 / (HOMES * BIDS), grown / 1024);

	/* keys in random order, made before timing */
	uint32_t *key = malloc(LOOKUPS * sizeof *key);
	for (uint32_t i = 0; i < LOOKUPS; i++)
		key[i] = next_random();
	const char *what[] = { "lookup (HoA, BID), random order", "lookup HoA, random order",
			       "lookup CoA, random order" };
	for (int kind = 0; kind < 3; kind++) {
		double best = 1e9;
		for (int round = 0; round < 3; round++) {
			uintptr_t acc = 0;
			double s = now_s();
			for (uint32_t i = 0; i < LOOKUPS; i++) {
				uint32_t h = key[i] % HOMES;
				uint16_t b = (uint16_t)(1 + (key[i] >> 24) % BIDS);
				m6_addr6 a = kind == 2 ? addr((uint16_t)(1 + b), h) : addr(1, h);
				const void *r = kind == 0   ? (const void *)m6e_bc_lookup(&bc, &a, b)
						: kind == 1 ? (const void *)m6e_bc_home(&bc, &a)
							    : (const void *)m6e_bc_by_coa(&bc, &a);
				acc += (uintptr_t)r;
			}
			double t = now_s() - s;
			sink_value = acc;
			if (t < best)
				best = t;
		}
		printf("%-44s %10.0f /s%s\n", what[kind], LOOKUPS / best,
		       kind == 0 ? " (goal >= 10 000 000)" : "");
	}
	/* the same random keys, looked up in bursts of 64 */
	enum { BURST = 64 };
	double best = 1e9;
	for (int round = 0; round < 3; round++) {
		m6_addr6 hoa[BURST];
		uint16_t bid[BURST];
		struct m6e_binding *out[BURST];
		uintptr_t acc = 0;
		double s = now_s();
		for (uint32_t i = 0; i < LOOKUPS; i += BURST) {
			for (uint32_t j = 0; j < BURST; j++) {
				hoa[j] = addr(1, key[i + j] % HOMES);
				bid[j] = (uint16_t)(1 + (key[i + j] >> 24) % BIDS);
			}
			m6e_bc_lookup_many(&bc, hoa, bid, BURST, out);
			for (uint32_t j = 0; j < BURST; j++)
				acc += (uintptr_t)out[j];
		}
		double t = now_s() - s;
		sink_value = acc;
		if (t < best)
			best = t;
	}
	printf("%-44s %10.0f /s (goal >= 10 000 000)\n", "lookup (HoA, BID), bursts of 64 (prefetch)",
	       LOOKUPS / best);
	free(key);
	m6e_bc_free(&bc);
}

static void discard(void *ctx, const uint8_t *p, size_t len)
{
	(void)ctx;
	sink_value += (uintptr_t)p[len - 1];
}

/* A bulk BU with 4 BIDs from home address h, sequence seq. */
static int bulk_bu(uint32_t h, uint16_t seq, uint8_t *out, size_t cap)
{
	static struct m6_msg m;
	struct m6_pkt_spec spec = { .eth = true, .hao = true };

	spec.src = addr(2, h);
	spec.dst = addr(1, 1);
	spec.hoa = addr(1, 0x10000 + h);
	m6_msg_init(&m, M6_MH_BU);
	m.u.bu.flags = M6_BU_A | M6_BU_H;
	m.u.bu.seq = seq;
	m.u.bu.lifetime = 100;
	for (uint16_t b = 1; b <= BIDS; b++) {
		struct m6_opt *o = m6_msg_add_opt(&m, M6_OPT_BID);
		o->u.bid.bid = b;
		o->u.bid.coa_family = 6;
		o->u.bid.coa6 = addr((uint16_t)(2 + b), h);
	}
	return m6_pkt_encode(&spec, &m, NULL, out, cap);
}

struct bu_load {
	uint32_t homes;   /* home addresses, each sending BU_ROUNDS BUs */
	uint8_t *frames;  /* FRAME octets per BU, round by round */
	uint16_t *len;
};

enum { FRAME = 256 };

static void make_load(struct bu_load *l, uint32_t homes)
{
	l->homes = homes;
	l->frames = malloc((size_t)homes * BU_ROUNDS * FRAME);
	l->len = malloc((size_t)homes * BU_ROUNDS * sizeof *l->len);
	if (!l->frames || !l->len)
		exit(1);
	for (uint32_t r = 0; r < BU_ROUNDS; r++)
		for (uint32_t h = 0; h < homes; h++) {
			size_t i = (size_t)r * homes + h;
			int n = bulk_bu(h, (uint16_t)(r + 1), l->frames + i * FRAME, FRAME);
			if (n < 0)
				exit(1);
			l->len[i] = (uint16_t)n;
		}
}

static struct m6e_engine *make_engine(uint32_t homes)
{
	struct m6e_config cfg;

	m6e_config_default(&cfg);
	cfg.policy.max_bindings = homes * BIDS;
	cfg.policy.max_per_hoa = BIDS;
	cfg.policy.n_home_prefixes = 1;
	cfg.policy.home_prefixes[0].prefix = addr(1, 0);
	cfg.policy.home_prefixes[0].plen = 64;
	return m6e_new(&cfg, 0);
}

/* Every BU of the load through the engine; round 0 registers every home
 * address, the others update. Not inlined: bench.sh counts the
 * instructions executed inside it (valgrind --toggle-collect). */
static __attribute__((noinline)) void process_bus(struct m6e_engine *e, const struct bu_load *l)
{
	struct m6e_sink sink = { discard, NULL, NULL, NULL };

	for (size_t i = 0; i < (size_t)l->homes * BU_ROUNDS; i++)
		m6e_receive_frame(e, l->frames + i * FRAME, l->len[i], M6_LINK_ETHERNET, 1000, &sink);
	if (m6e_cache(e)->n_bindings != l->homes * BIDS) {
		fprintf(stderr, "bench_engine: %u bindings, not %u: BUs were refused\n",
			m6e_cache(e)->n_bindings, l->homes * BIDS);
		exit(1);
	}
}

static void bench_engine(void)
{
	struct bu_load l;

	make_load(&l, BU_HOMES);
	struct m6e_engine *e = make_engine(BU_HOMES);
	double best = 1e9;
	for (int round = 0; round < 3; round++) {
		m6e_reset(e, 0);
		double s = now_s();
		process_bus(e, &l);
		double t = now_s() - s;
		if (t < best)
			best = t;
	}
	printf("%-44s %10.0f /s (goal >= 2 000 000; %.0f ns each)\n",
	       "engine: bulk BU (4 BIDs) -> cache -> BA", BU_HOMES * BU_ROUNDS / best,
	       best * 1e9 / (BU_HOMES * BU_ROUNDS));
	m6e_free(e);
	free(l.frames);
	free(l.len);
}

/* The same work, once, on IR_HOMES home addresses, for an instruction
 * count under valgrind (which runs code ~50x slower): prints the number
 * of BUs processed. */
static void bus_for_instruction_count(void)
{
	struct bu_load l;

	make_load(&l, IR_HOMES);
	struct m6e_engine *e = make_engine(IR_HOMES);
	process_bus(e, &l);
	printf("%u\n", IR_HOMES * BU_ROUNDS);
	m6e_free(e);
	free(l.frames);
	free(l.len);
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--bus-only")) {
		bus_for_instruction_count();
		return 0;
	}
	printf("== binding cache, 1 000 000 home addresses x 4 BIDs (best of 3)\n");
	bench_cache();
	printf("\n== engine, %u home addresses x %u BUs each (best of 3)\n", BU_HOMES, BU_ROUNDS);
	bench_engine();
	return 0;
}
