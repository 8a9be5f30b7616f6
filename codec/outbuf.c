/* outbuf.c - struct m6_buf: text output without printf. Decoding a capture
 * prints a line per packet; formatting numbers and addresses here keeps
 * that within a small factor of reading the file. */
#include <string.h>

#include "m6print.h"

static const char hexdigits[] = "0123456789abcdef";

void m6_buf_init(struct m6_buf *b, char *mem, size_t cap, FILE *sink)
{
	b->p = mem;
	b->len = 0;
	b->cap = cap;
	b->sink = sink;
	b->overflow = false;
	b->io_error = false;
}

bool m6_buf_flush(struct m6_buf *b)
{
	if (!b->sink || !b->len)
		return !b->io_error;
	if (fwrite(b->p, 1, b->len, b->sink) != b->len)
		b->io_error = true;
	b->len = 0;
	return !b->io_error;
}

/* Room for n more bytes, flushing if needed; false when there is none. */
static bool room(struct m6_buf *b, size_t n)
{
	if (b->cap - b->len >= n)
		return true;
	m6_buf_flush(b);
	if (b->cap - b->len >= n)
		return true;
	b->overflow = true;
	return false;
}

void m6_buf_mem_full(struct m6_buf *b, const void *s, size_t n)
{
	const char *c = s;

	while (n) {
		if (!room(b, 1))
			return;
		size_t k = b->cap - b->len < n ? b->cap - b->len : n;
		memcpy(b->p + b->len, c, k);
		b->len += k;
		c += k;
		n -= k;
	}
}

/* "00" to "99": two digits per division. */
static const char digit_pairs[] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

void m6_buf_u_full(struct m6_buf *b, uint64_t v)
{
	char t[20];
	size_t n = sizeof t;

	while (v >= 100) {
		n -= 2;
		memcpy(t + n, digit_pairs + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		n -= 2;
		memcpy(t + n, digit_pairs + 2 * v, 2);
	} else {
		t[--n] = (char)('0' + v);
	}
	m6_buf_mem(b, t + n, sizeof t - n);
}

void m6_buf_hexnum(struct m6_buf *b, uint64_t v, int digits)
{
	char t[16];

	if (digits > 16)
		digits = 16;
	for (int i = digits - 1; i >= 0; i--, v >>= 4)
		t[i] = hexdigits[v & 15];
	m6_buf_mem(b, t, (size_t)digits);
}

void m6_buf_hex(struct m6_buf *b, const uint8_t *p, size_t n)
{
	char t[64];

	while (n) {
		size_t k = n < sizeof t / 2 ? n : sizeof t / 2;
		for (size_t i = 0; i < k; i++) {
			t[2 * i] = hexdigits[p[i] >> 4];
			t[2 * i + 1] = hexdigits[p[i] & 15];
		}
		m6_buf_mem(b, t, 2 * k);
		p += k;
		n -= k;
	}
}

/* One 16-bit group without leading zeros. */
static int put_group(char *t, unsigned g)
{
	int n = g >= 0x1000 ? 4 : g >= 0x100 ? 3 : g >= 0x10 ? 2 : 1;

	for (int i = n - 1; i >= 0; i--, g >>= 4)
		t[i] = hexdigits[g & 15];
	return n;
}

static int put_dotted(char *t, const uint8_t *a)
{
	int n = 0;

	for (int i = 0; i < 4; i++) {
		unsigned v = a[i];
		if (i)
			t[n++] = '.';
		if (v >= 100)
			t[n++] = (char)('0' + v / 100);
		if (v >= 10)
			t[n++] = (char)('0' + v / 10 % 10);
		t[n++] = (char)('0' + v % 10);
	}
	return n;
}

/* RFC 5952: the longest run (first on a tie) of two or more zero groups
 * becomes "::"; like glibc's inet_ntop, ::/96 and ::ffff:0:0/96 (the
 * IPv4-compatible and -mapped forms) end in dotted quad. */
static int format_addr6(const m6_addr6 *a, char t[48])
{
	unsigned g[8];
	int best = -1, best_len = 0;
	int n = 0;

	for (int i = 0; i < 8; i++)
		g[i] = (unsigned)a->a[2 * i] << 8 | a->a[2 * i + 1];
	for (int i = 0; i < 8;) {
		int j = i;
		while (j < 8 && g[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j > i ? j : i + 1;
	}
	if (best_len < 2)
		best = -1;
	bool dotted = best == 0 && (best_len == 6 || (best_len == 5 && g[5] == 0xffff));
	int groups = dotted ? 6 : 8;
	for (int i = 0; i < groups; i++) {
		if (i == best) {
			t[n++] = ':';
			if (i == 0)
				t[n++] = ':';
			i += best_len - 1;
			continue;
		}
		n += put_group(t + n, g[i]);
		if (i + 1 < groups || dotted)
			t[n++] = ':';
	}
	if (dotted)
		n += put_dotted(t + n, a->a + 12);
	return n;
}

/* Captures repeat the same few addresses (a node, its peers, its care-of
 * addresses), so formatted addresses are kept in a small direct-mapped
 * cache; a hit costs a hash and a 16-octet compare. */
#define ADDR6_CACHE 256

struct addr6_text {
	m6_addr6 addr;
	uint8_t len; /* 0: empty slot */
	char text[47];
};

static _Thread_local struct addr6_text addr6_cache[ADDR6_CACHE];

void m6_buf_addr6(struct m6_buf *b, const m6_addr6 *a)
{
	uint64_t hi, lo;

	memcpy(&hi, a->a, 8);
	memcpy(&lo, a->a + 8, 8);
	struct addr6_text *c = &addr6_cache[((hi ^ lo) * 0x9e3779b97f4a7c15ull) >> 56];
	if (!c->len || memcmp(&c->addr, a, sizeof *a)) {
		char t[48];
		c->addr = *a;
		c->len = (uint8_t)format_addr6(a, t);
		memcpy(c->text, t, c->len);
	}
	m6_buf_mem(b, c->text, c->len);
}

void m6_buf_addr4(struct m6_buf *b, const m6_addr4 *a)
{
	char t[16];

	m6_buf_mem(b, t, (size_t)put_dotted(t, a->a));
}

void m6_buf_mac(struct m6_buf *b, const uint8_t mac[6])
{
	char t[17];

	for (int i = 0; i < 6; i++) {
		t[3 * i] = hexdigits[mac[i] >> 4];
		t[3 * i + 1] = hexdigits[mac[i] & 15];
		if (i < 5)
			t[3 * i + 2] = ':';
	}
	m6_buf_mem(b, t, sizeof t);
}

void m6_buf_json_str(struct m6_buf *b, const char *s)
{
	size_t plain = 0;

	while (s[plain] && s[plain] != '"' && s[plain] != '\\' && (unsigned char)s[plain] >= 0x20)
		plain++;
	m6_buf_char(b, '"');
	m6_buf_mem(b, s, plain);
	for (s += plain; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			m6_buf_char(b, '\\');
			m6_buf_char(b, (char)c);
		} else if (c < 0x20) {
			m6_buf_str(b, "\\u00");
			m6_buf_hexnum(b, c, 2);
		} else {
			m6_buf_char(b, (char)c);
		}
	}
	m6_buf_char(b, '"');
}
