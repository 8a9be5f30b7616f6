/*
 * cursor.h - the codec's only way to touch packet bytes (internal).
 *
 * A read cursor carries the buffer, its length and a position; every read
 * checks the remaining length first and, when it fails, sets the sticky
 * `short_read` flag and returns 0 instead of reading. Parsers test the flag
 * (or m6_rd_need) once per structure instead of after every field. The
 * write cursor works the same way for encoders (`overflow`).
 */
#ifndef M6_CURSOR_H
#define M6_CURSOR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct m6_rd {
	const uint8_t *buf;
	size_t len;
	size_t pos;
	bool short_read;
};

static inline void m6_rd_init(struct m6_rd *r, const uint8_t *buf, size_t len)
{
	r->buf = buf;
	r->len = len;
	r->pos = 0;
	r->short_read = false;
}

static inline size_t m6_rd_left(const struct m6_rd *r)
{
	return r->len - r->pos;
}

/* True when n more bytes can be read; otherwise marks the cursor short. */
static inline bool m6_rd_need(struct m6_rd *r, size_t n)
{
	if (n > r->len - r->pos) {
		r->short_read = true;
		return false;
	}
	return true;
}

static inline uint8_t m6_rd_u8(struct m6_rd *r)
{
	if (!m6_rd_need(r, 1))
		return 0;
	return r->buf[r->pos++];
}

static inline uint16_t m6_rd_be16(struct m6_rd *r)
{
	if (!m6_rd_need(r, 2))
		return 0;
	uint16_t v = (uint16_t)(r->buf[r->pos] << 8 | r->buf[r->pos + 1]);
	r->pos += 2;
	return v;
}

static inline uint32_t m6_rd_be32(struct m6_rd *r)
{
	if (!m6_rd_need(r, 4))
		return 0;
	const uint8_t *p = r->buf + r->pos;
	r->pos += 4;
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Copies n bytes to dst; on a short read dst is zeroed. */
static inline void m6_rd_bytes(struct m6_rd *r, void *dst, size_t n)
{
	if (!m6_rd_need(r, n)) {
		memset(dst, 0, n);
		return;
	}
	memcpy(dst, r->buf + r->pos, n);
	r->pos += n;
}

static inline void m6_rd_skip(struct m6_rd *r, size_t n)
{
	if (m6_rd_need(r, n))
		r->pos += n;
}

/* A sub-cursor over the next n bytes (clamped to what is left; short_read
 * set on the parent when clamped). The parent advances past them. */
static inline struct m6_rd m6_rd_sub(struct m6_rd *r, size_t n)
{
	struct m6_rd s;
	size_t take = m6_rd_need(r, n) ? n : m6_rd_left(r);
	m6_rd_init(&s, r->buf + r->pos, take);
	r->pos += take;
	return s;
}

struct m6_wr {
	uint8_t *buf;
	size_t cap;
	size_t pos;
	bool overflow;
};

static inline void m6_wr_init(struct m6_wr *w, uint8_t *buf, size_t cap)
{
	w->buf = buf;
	w->cap = cap;
	w->pos = 0;
	w->overflow = false;
}

static inline bool m6_wr_room(struct m6_wr *w, size_t n)
{
	if (n > w->cap - w->pos) {
		w->overflow = true;
		return false;
	}
	return true;
}

static inline void m6_wr_u8(struct m6_wr *w, uint8_t v)
{
	if (m6_wr_room(w, 1))
		w->buf[w->pos++] = v;
}

static inline void m6_wr_be16(struct m6_wr *w, uint16_t v)
{
	if (!m6_wr_room(w, 2))
		return;
	w->buf[w->pos] = (uint8_t)(v >> 8);
	w->buf[w->pos + 1] = (uint8_t)v;
	w->pos += 2;
}

static inline void m6_wr_be32(struct m6_wr *w, uint32_t v)
{
	if (!m6_wr_room(w, 4))
		return;
	uint8_t *p = w->buf + w->pos;
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
	w->pos += 4;
}

static inline void m6_wr_bytes(struct m6_wr *w, const void *src, size_t n)
{
	if (!n || !m6_wr_room(w, n)) /* n == 0: src may be NULL */
		return;
	memcpy(w->buf + w->pos, src, n);
	w->pos += n;
}

static inline void m6_wr_zero(struct m6_wr *w, size_t n)
{
	if (!m6_wr_room(w, n))
		return;
	memset(w->buf + w->pos, 0, n);
	w->pos += n;
}

/* Store a value at an absolute offset already written. */
static inline void m6_wr_put_u8_at(struct m6_wr *w, size_t at, uint8_t v)
{
	if (at < w->pos)
		w->buf[at] = v;
}


static inline void m6_wr_put_be16_at(struct m6_wr *w, size_t at, uint16_t v)
{
	if (at + 2 > w->pos)
		return;
	w->buf[at] = (uint8_t)(v >> 8);
	w->buf[at + 1] = (uint8_t)v;
}

#endif
