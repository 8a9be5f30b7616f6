/* bench_codec.c - decode + validate of a bulk Binding Update from memory:
 * 4 BID options with IPv6 care-of addresses, Nonce Indices and a Binding
 * Authorization Data option (the figure issue 3 asks for).
 * Prints ns per message for: decode + validate with and without checksum
 * verification, decode alone (checksum verified, and not), and encode. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "m6codec.h"
#include "../tests/m6test.h"

#define ROUNDS 5
#ifndef ITERS
#define ITERS 2000000
#endif

static struct m6_msg msg;
static struct m6_diags diags;
static uint8_t mh[256];
static int mh_len;
static struct m6_pseudo ps;

static double now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static void build(void)
{
	static struct m6_msg m;
	static const char *coas[] = { "2001:db8:2::5", "2001:db8:3::5", "2001:db8:4::5", "2001:db8:5::5" };

	m6t_addr(ps.src.a, "2001:db8:2::100");
	m6t_addr(ps.dst.a, "2001:db8:1::1");
	m6_msg_init(&m, M6_MH_BU);
	m.u.bu.seq = 42;
	m.u.bu.flags = M6_BU_A | M6_BU_H | M6_BU_O;
	m.u.bu.lifetime = 100;
	for (int i = 0; i < 4; i++) {
		struct m6_opt *o = m6_msg_add_opt(&m, M6_OPT_BID);
		o->u.bid.bid = (uint16_t)(i + 1);
		o->u.bid.coa_family = 6;
		m6t_addr(o->u.bid.coa6.a, coas[i]);
	}
	struct m6_opt *o = m6_msg_add_opt(&m, M6_OPT_NONCE);
	o->u.nonce.home = 7;
	o->u.nonce.careof = 8;
	o = m6_msg_add_opt(&m, M6_OPT_BAD); /* last, as RFC 6275 s6.2.7 wants */
	memset(o->u.auth, 0xab, M6_AUTH_LEN);
	mh_len = m6_msg_encode(&m, &ps, NULL, mh, sizeof mh);
}

/* Best of ROUNDS, in ns per call. */
#define TIME(label, body)                                                        \
	do {                                                                     \
		double best = 1e30;                                              \
		for (int r = 0; r < ROUNDS; r++) {                               \
			double t0 = now_ns();                                    \
			for (int i = 0; i < ITERS; i++) {                        \
				body;                                            \
				__asm__ volatile("" ::: "memory");               \
			}                                                        \
			double ns = (now_ns() - t0) / ITERS;                     \
			if (ns < best)                                           \
				best = ns;                                       \
		}                                                                \
		printf("%-44s %7.1f ns/msg\n", label, best);                     \
	} while (0)

int main(void)
{
	static uint8_t out[256];
	struct m6_validate_ctx ha = { .role = M6_ROLE_HA, .must_answer_unknown = true };

	build();
	diags.n = 0;
	if (mh_len <= 0 || m6_mh_decode(mh, (size_t)mh_len, &ps, 0, 0, &msg, &diags) != mh_len ||
	    diags.n || msg.n_opts < 6) {
		fprintf(stderr, "bench_codec: the benchmark message does not decode cleanly\n");
		return 1;
	}
	printf("message: BU, %d octets, %d options (4 BID with IPv6 CoA, Nonce, BAD, pads)\n", mh_len,
	       msg.n_opts);
	TIME("decode + validate (checksum verified)", {
		diags.n = 0;
		m6_mh_decode(mh, (size_t)mh_len, &ps, 0, 0, &msg, &diags);
		m6_validate(&msg, NULL, &ha, &diags);
	});
	TIME("decode + validate (no checksum)", {
		diags.n = 0;
		m6_mh_decode(mh, (size_t)mh_len, NULL, 0, 0, &msg, &diags);
		m6_validate(&msg, NULL, &ha, &diags);
	});
	TIME("decode (checksum verified)", {
		diags.n = 0;
		m6_mh_decode(mh, (size_t)mh_len, &ps, 0, 0, &msg, &diags);
	});
	TIME("decode (no checksum)", {
		diags.n = 0;
		m6_mh_decode(mh, (size_t)mh_len, NULL, 0, 0, &msg, &diags);
	});
	TIME("encode (checksum computed)", m6_msg_encode(&msg, &ps, NULL, out, sizeof out));
	return 0;
}
