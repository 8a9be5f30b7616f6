/* spec_text.c - the spec parser's errors, words and values (numbers,
 * hex, addresses). */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "spec_internal.h"

const char *const m6s_msg_names[M6_MH_KNOWN_MAX + 1] = {
	"brr", "hoti", "coti", "hot", "cot", "bu", "ba", "be",
};

/* ---------------------------------------------------------------- */
/* Errors and text pieces                                            */
/* ---------------------------------------------------------------- */

static int vfail_at(struct parse *p, struct slice at, const char *fmt, va_list ap)
{
	if (!p->err || !p->errlen)
		return M6_ERR_ARG;
	int n = at.n ? snprintf(p->err, p->errlen, "%.*s: ", (int)at.n, at.p) : 0;
	if (n >= 0 && (size_t)n < p->errlen)
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
	return M6_ERR_ARG;
}

/* Error prefixed with `at` (nothing when empty); returns M6_ERR_ARG. */
int m6s_fail_at(struct parse *p, struct slice at, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_at(p, at, fmt, ap);
	va_end(ap);
	return M6_ERR_ARG;
}

/* Error prefixed with the word being parsed. */
int m6s_fail(struct parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfail_at(p, p->tok, fmt, ap);
	va_end(ap);
	return M6_ERR_ARG;
}

bool m6s_slice_is(struct slice s, const char *lit)
{
	return strlen(lit) == s.n && !memcmp(s.p, lit, s.n);
}

static bool slice_to_cstr(struct slice s, char *buf, size_t cap)
{
	if (s.n >= cap)
		return false;
	memcpy(buf, s.p, s.n);
	buf[s.n] = '\0';
	return true;
}

/* Splits s at the first c: before it into *head, after it into *tail.
 * Returns false (head = s) when there is no c. */
bool m6s_slice_split(struct slice s, char c, struct slice *head, struct slice *tail)
{
	const char *at = memchr(s.p, c, s.n);

	*head = s;
	*tail = (struct slice){ s.p + s.n, 0 };
	if (!at)
		return false;
	head->n = (size_t)(at - s.p);
	*tail = (struct slice){ at + 1, s.n - head->n - 1 };
	return true;
}

bool m6s_next_part(struct parts *it, struct slice *part)
{
	if (!it->more)
		return false;
	it->more = m6s_slice_split(it->s, ',', part, &it->s);
	return true;
}

bool m6s_next_token(const char **s, struct slice *tok)
{
	const char *c = *s;

	while (*c && isspace((unsigned char)*c))
		c++;
	if (!*c)
		return false;
	tok->p = c;
	while (*c && !isspace((unsigned char)*c))
		c++;
	tok->n = (size_t)(c - tok->p);
	*s = c;
	return true;
}

void m6s_split_word(struct slice tok, struct arg *a)
{
	size_t k = 0;

	while (k < tok.n && tok.p[k] != '=' && tok.p[k] != ',')
		k++;
	memset(a, 0, sizeof *a);
	a->key = (struct slice){ tok.p, k };
	a->val = (struct slice){ tok.p + k, 0 };
	if (k == tok.n)
		return;
	a->rest = (struct parts){ { tok.p + k + 1, tok.n - k - 1 }, true };
	a->has_val = tok.p[k] == '=';
	if (a->has_val)
		m6s_next_part(&a->rest, &a->val);
}

/* ---------------------------------------------------------------- */
/* Values: numbers, hex, addresses                                   */
/* ---------------------------------------------------------------- */

/* Decimal, or hex after 0x. Leading zeros are decimal, never octal. */
int m6s_parse_num(struct parse *p, const char *field, struct slice s, unsigned long lo,
		     unsigned long hi, unsigned long *out)
{
	char buf[24], *end;

	*out = 0; /* defined on every path, errors included */
	if (!slice_to_cstr(s, buf, sizeof buf))
		return m6s_fail(p, "bad number '%.*s'", (int)s.n, s.p);
	bool hex = buf[0] == '0' && (buf[1] == 'x' || buf[1] == 'X');
	const char *digits = hex ? buf + 2 : buf;
	if (!(hex ? isxdigit((unsigned char)*digits) : isdigit((unsigned char)*digits)))
		return m6s_fail(p, "bad number '%.*s'", (int)s.n, s.p);
	errno = 0;
	unsigned long long v = strtoull(digits, &end, hex ? 16 : 10);
	if (*end)
		return m6s_fail(p, "bad number '%.*s'", (int)s.n, s.p);
	if (errno == ERANGE || v < lo || v > hi)
		return m6s_fail(p, "%s out of range %lu-%lu", field, lo, hi);
	*out = (unsigned long)v;
	return M6_OK;
}

int m6s_get_u8(struct parse *p, const char *field, struct slice s, unsigned long hi,
		  uint8_t *out)
{
	unsigned long v;

	if (m6s_parse_num(p, field, s, 0, hi, &v))
		return M6_ERR_ARG;
	*out = (uint8_t)v;
	return M6_OK;
}

int m6s_get_u16(struct parse *p, const char *field, struct slice s, unsigned long hi,
		   uint16_t *out)
{
	unsigned long v;

	if (m6s_parse_num(p, field, s, 0, hi, &v))
		return M6_ERR_ARG;
	*out = (uint16_t)v;
	return M6_OK;
}

int m6_hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* s into out[0..*n), min..max octets. */
int m6s_parse_hex(struct parse *p, const char *field, struct slice s, uint8_t *out, size_t min,
		     size_t max, size_t *n)
{
	for (size_t i = 0; i < s.n; i++)
		if (m6_hex_digit(s.p[i]) < 0)
			return m6s_fail(p, "bad hex '%.*s'", (int)s.n, s.p);
	if (s.n % 2)
		return m6s_fail(p, "%s: odd number of hex digits (%zu)", field, s.n);
	if (min == max && s.n != 2 * min)
		return m6s_fail(p, "%s needs %zu hex digits, got %zu", field, 2 * min, s.n);
	if (s.n / 2 < min || s.n / 2 > max)
		return m6s_fail(p, "%s takes %zu-%zu octets, got %zu", field, min, max, s.n / 2);
	for (size_t i = 0; i < s.n / 2; i++)
		out[i] = (uint8_t)(m6_hex_digit(s.p[2 * i]) << 4 | m6_hex_digit(s.p[2 * i + 1]));
	*n = s.n / 2;
	return M6_OK;
}

int m6s_parse_hex_exact(struct parse *p, const char *field, struct slice s, uint8_t *out,
			   size_t len)
{
	size_t n;

	return m6s_parse_hex(p, field, s, out, len, len, &n);
}

int m6s_parse_addr6(struct parse *p, struct slice s, m6_addr6 *out)
{
	char buf[INET6_ADDRSTRLEN];

	if (!slice_to_cstr(s, buf, sizeof buf) || inet_pton(AF_INET6, buf, out->a) != 1)
		return m6s_fail(p, "bad IPv6 address '%.*s'", (int)s.n, s.p);
	return M6_OK;
}

int m6s_parse_addr4(struct parse *p, struct slice s, m6_addr4 *out)
{
	char buf[INET_ADDRSTRLEN];

	if (!slice_to_cstr(s, buf, sizeof buf) || inet_pton(AF_INET, buf, out->a) != 1)
		return m6s_fail(p, "bad IPv4 address '%.*s'", (int)s.n, s.p);
	return M6_OK;
}

int m6s_parse_mac(struct parse *p, struct slice s, uint8_t mac[6])
{
	for (size_t i = 0; s.n == 17 && i < 6; i++) {
		int hi = m6_hex_digit(s.p[3 * i]), lo = m6_hex_digit(s.p[3 * i + 1]);
		if (hi < 0 || lo < 0 || (i < 5 && s.p[3 * i + 2] != ':'))
			break;
		mac[i] = (uint8_t)(hi << 4 | lo);
		if (i == 5)
			return M6_OK;
	}
	return m6s_fail(p, "bad MAC address '%.*s' (want aa:bb:cc:dd:ee:ff)", (int)s.n, s.p);
}

