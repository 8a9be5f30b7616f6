/*
 * m6print.h - printing decoded packets (public API): one summary line, a
 * verbose every-field listing, or one JSON object per packet (JSON Lines).
 *
 * The verbose listing and the JSON carry the same fields under the same
 * keys (codec/README.md, "JSON keys"), so `decode -v` shows what a script
 * reading `decode --json` will find. Printers append to a struct m6_buf,
 * which formats numbers and addresses itself (no printf on the per-packet
 * path) and flushes to a FILE when it fills.
 */
#ifndef M6PRINT_H
#define M6PRINT_H

#include <stdio.h>
#include <string.h>

#include "m6codec.h"

/* An output buffer. With a sink, a full buffer is written out and reused;
 * without one, what does not fit is cut and `overflow` set. */
struct m6_buf {
	char *p;
	size_t len, cap;
	FILE *sink;
	bool overflow;
	bool io_error;  /* a write to the sink failed */
};

void m6_buf_init(struct m6_buf *b, char *mem, size_t cap, FILE *sink);
/* Write what is buffered to the sink (no-op without one); false on error. */
bool m6_buf_flush(struct m6_buf *b);

/* Appends n bytes (the path for long pieces and a full buffer: flushes,
 * or without a sink cuts and marks overflow). */
void m6_buf_mem_full(struct m6_buf *b, const void *s, size_t n);

/* Short pieces (keys, numbers, addresses) are the common case: copy them
 * with two overlapping fixed-size moves instead of a call to memcpy. */
static inline __attribute__((always_inline)) void m6_buf_small_copy(char *d, const char *s, size_t n)
{
	uint64_t a, z;
	uint32_t c, y;

	if (n >= 8) {
		memcpy(&a, s, 8);
		memcpy(&z, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &z, 8);
	} else if (n >= 4) {
		memcpy(&c, s, 4);
		memcpy(&y, s + n - 4, 4);
		memcpy(d, &c, 4);
		memcpy(d + n - 4, &y, 4);
	} else {
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
	}
}

static inline __attribute__((always_inline)) void m6_buf_mem(struct m6_buf *b, const void *s, size_t n)
{
	if (n <= 16 && b->cap - b->len >= n) {
		m6_buf_small_copy(b->p + b->len, s, n);
		b->len += n;
	} else {
		m6_buf_mem_full(b, s, n);
	}
}

static inline void m6_buf_char(struct m6_buf *b, char c)
{
	if (b->len < b->cap)
		b->p[b->len++] = c;
	else
		m6_buf_mem_full(b, &c, 1);
}

/* Decimal (m6_buf_u); single digits, most flags and small fields, inline. */
void m6_buf_u_full(struct m6_buf *b, uint64_t v);

static inline void m6_buf_u(struct m6_buf *b, uint64_t v)
{
	if (v < 10 && b->len < b->cap)
		b->p[b->len++] = (char)('0' + v);
	else
		m6_buf_u_full(b, v);
}

static inline void m6_buf_str(struct m6_buf *b, const char *s)
{
	m6_buf_mem(b, s, strlen(s));
}

void m6_buf_hex(struct m6_buf *b, const uint8_t *p, size_t n); /* lowercase, no separators */
void m6_buf_hexnum(struct m6_buf *b, uint64_t v, int digits);  /* 0x-less, zero padded */
void m6_buf_addr6(struct m6_buf *b, const m6_addr6 *a);  /* RFC 5952, as inet_ntop */
void m6_buf_addr4(struct m6_buf *b, const m6_addr4 *a);
void m6_buf_mac(struct m6_buf *b, const uint8_t mac[6]);
void m6_buf_json_str(struct m6_buf *b, const char *s);   /* quoted, escaped */

/* Where a packet came from (a capture record). */
struct m6_frame_info {
	uint64_t frame;       /* 1-based number in the capture */
	int64_t ts_sec;
	uint32_t ts_usec;
	uint32_t caplen, len; /* captured and original length */
};

/* Should this decoded frame be printed? (It carries an MH, or an error
 * diagnostic; plain non-MH traffic is only counted. Data packets, has_data,
 * are the caller's choice: `decode --data` prints them, valid or not.) */
bool m6_print_wanted(const struct m6_pkt *pkt);

/* One line: "N SRC > DST bu seq=7 A H lifetime=25 bid=1,coa=... : valid";
 * for a data packet "N SRC > DST echo-request id=1 seq=2 data=.. hao=.. : valid"
 * or "... udp sport=N dport=N data=.. : valid". */
void m6_print_line(struct m6_buf *b, const struct m6_pkt *pkt, const struct m6_frame_info *fi);
/* Every field, one header or option per line, keys as in the JSON. */
void m6_print_verbose(struct m6_buf *b, const struct m6_pkt *pkt, const struct m6_frame_info *fi);
/* One JSON object and a newline. */
void m6_print_json(struct m6_buf *b, const struct m6_pkt *pkt, const struct m6_frame_info *fi);

/* Name of an enum m6_link value ("ethernet", "raw", ...). */
const char *m6_link_name(uint8_t link);

#endif
