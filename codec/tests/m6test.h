/*
 * m6test.h - the unit-test harness of mip6kit (header only).
 *
 * A test is a function; it passes when none of its CHECKs fail. main()
 * calls M6T_RUN for each and returns m6t_finish(), which prints
 * "<program>: N passed, N failed" and exits non-zero on any failure.
 */
#ifndef M6TEST_H
#define M6TEST_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int m6t_passed __attribute__((unused)), m6t_failed __attribute__((unused)),
	m6t_cur_failed __attribute__((unused));
static const char *m6t_cur_name __attribute__((unused));

#define CHECK(cond)                                                                 \
	do {                                                                        \
		if (!(cond)) {                                                      \
			m6t_cur_failed++;                                           \
			if (m6t_cur_failed <= 20)                                   \
				fprintf(stderr, "%s:%d: %s: CHECK failed: %s\n",    \
					__FILE__, __LINE__, m6t_cur_name, #cond);   \
		}                                                                   \
	} while (0)

#define CHECK_INT(a, b)                                                             \
	do {                                                                        \
		long long m6t_a = (long long)(a), m6t_b = (long long)(b);           \
		if (m6t_a != m6t_b) {                                               \
			m6t_cur_failed++;                                           \
			if (m6t_cur_failed <= 20)                                   \
				fprintf(stderr, "%s:%d: %s: %s == %lld, want %s == %lld\n", \
					__FILE__, __LINE__, m6t_cur_name, #a, m6t_a, #b, m6t_b); \
		}                                                                   \
	} while (0)

#define CHECK_MEM(a, b, n)                                                          \
	do {                                                                        \
		if (memcmp((a), (b), (n)) != 0) {                                   \
			m6t_cur_failed++;                                           \
			if (m6t_cur_failed <= 20)                                   \
				fprintf(stderr, "%s:%d: %s: %s differs from %s\n",  \
					__FILE__, __LINE__, m6t_cur_name, #a, #b);  \
		}                                                                   \
	} while (0)

#define M6T_RUN(fn)                                                                 \
	do {                                                                        \
		m6t_cur_name = #fn;                                                 \
		m6t_cur_failed = 0;                                                 \
		fn();                                                               \
		if (m6t_cur_failed) {                                               \
			m6t_failed++;                                               \
			fprintf(stderr, "FAIL %s (%d checks)\n", #fn, m6t_cur_failed); \
		} else {                                                            \
			m6t_passed++;                                               \
		}                                                                   \
	} while (0)

static inline int m6t_finish(const char *prog)
{
	printf("%s: %d passed, %d failed\n", prog, m6t_passed, m6t_failed);
	return m6t_failed ? 1 : 0;
}

/* Parse "2001:db8::1" into 16 bytes; aborts the test run on a typo. */
#include <arpa/inet.h>
#include <stdlib.h>
static inline void m6t_addr(void *out16, const char *text)
{
	if (inet_pton(AF_INET6, text, out16) != 1) {
		fprintf(stderr, "bad test address %s\n", text);
		exit(2);
	}
}

#endif
