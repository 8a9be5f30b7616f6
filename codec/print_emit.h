/* print_emit.h - the key/value emitter shared by the verbose and JSON
 * printers (internal). print_fields.c walks a decoded packet once and
 * calls these; emit_json.c and emit_text.c turn the calls into output, so
 * both show the same keys in the same order. */
#ifndef M6_PRINT_EMIT_H
#define M6_PRINT_EMIT_H

#include "m6print.h"

#define M6_EMIT_DEPTH 8

struct m6_emit;

struct m6_emit_ops {
	bool json;   /* JSON: keys inline (m6i_emit_key), values quoted */
	void (*obj_begin)(struct m6_emit *e, const char *key); /* key NULL: array element or top */
	void (*obj_end)(struct m6_emit *e);
	void (*arr_begin)(struct m6_emit *e, const char *key);
	void (*arr_end)(struct m6_emit *e);
	/* Writes the key (and separator) of a scalar; the value follows.
	 * JSON uses it only when the buffer is nearly full (m6i_emit_key). */
	void (*key)(struct m6_emit *e, const char *key, size_t len);
	/* s is a name from the codec's tables (never needs JSON escapes); NULL: null */
	void (*str)(struct m6_emit *e, const char *s);
	void (*boolean)(struct m6_emit *e, bool v);
};

struct m6_emit {
	const struct m6_emit_ops *ops;
	struct m6_buf *b;
	int depth;                          /* objects and arrays open */
	bool first[M6_EMIT_DEPTH];          /* JSON: nothing written yet at this depth */
	const char *arr_key[M6_EMIT_DEPTH]; /* text: the array open at this depth */
	int level, line_level;              /* text: objects open; the one the current line shows */
	bool line_empty;                    /* text: nothing written on the current line yet */
};

extern const struct m6_emit_ops m6i_emit_json, m6i_emit_text;

/* The key of a scalar: for JSON ,"key": written in place (this runs
 * about 60 times per packet, so it is inline and copies a literal of
 * known length); for text through ops->key. */
static inline __attribute__((always_inline)) void m6i_emit_key(struct m6_emit *e, const char *k, size_t n)
{
	struct m6_buf *b = e->b;

	if (!e->ops->json || n > 16 || b->cap - b->len < n + 4) {
		e->ops->key(e, k, n);
		return;
	}
	char *d = b->p + b->len;
	if (!e->first[e->depth])
		*d++ = ',';
	e->first[e->depth] = false;
	*d++ = '"';
	m6_buf_small_copy(d, k, n);
	d += n;
	*d++ = '"';
	*d++ = ':';
	b->len = (size_t)(d - b->p);
}

/* Scalars under a key, shared by print_fields.c and print_nd.c. */
/* A key literal and its length, so that no key is measured at run time. */
#define K(s) s, sizeof s - 1

/* Inlined at every call so that the key's length is a constant there. */
static inline __attribute__((always_inline)) void emit_u(struct m6_emit *e, const char *k, size_t kn,
							  uint64_t v)
{
	m6i_emit_key(e, k, kn);
	m6_buf_u(e->b, v);
}

static inline void emit_bool(struct m6_emit *e, const char *k, size_t kn, bool v)
{
	m6i_emit_key(e, k, kn);
	e->ops->boolean(e, v);
}

static inline void emit_str(struct m6_emit *e, const char *k, size_t kn, const char *s)
{
	m6i_emit_key(e, k, kn);
	e->ops->str(e, s);
}

static inline void quote(struct m6_emit *e)
{
	if (e->ops->json)
		m6_buf_char(e->b, '"');
}

static inline void emit_hex(struct m6_emit *e, const char *k, size_t kn, const uint8_t *p, size_t n)
{
	m6i_emit_key(e, k, kn);
	if (!n && !e->ops->json) { /* an empty value stays visible */
		m6_buf_str(e->b, "\"\"");
		return;
	}
	quote(e);
	m6_buf_hex(e->b, p, n);
	quote(e);
}

static inline void emit_addr6(struct m6_emit *e, const char *k, size_t kn, const m6_addr6 *a)
{
	m6i_emit_key(e, k, kn);
	quote(e);
	m6_buf_addr6(e->b, a);
	quote(e);
}

static inline void emit_mac(struct m6_emit *e, const char *k, size_t kn, const uint8_t mac[6])
{
	m6i_emit_key(e, k, kn);
	quote(e);
	m6_buf_mac(e->b, mac);
	quote(e);
}

/* "A H O": the set flags of a flags word, by their letters. */
static inline void emit_flag_names(struct m6_emit *e, unsigned flags, const char *letters, unsigned top_bit)
{
	char t[2 * 16] = "";
	int n = 0;

	for (int i = 0; letters[i]; i++)
		if (flags & (top_bit >> i)) {
			if (n)
				t[n++] = ' ';
			t[n++] = letters[i];
		}
	t[n] = 0;
	emit_str(e, K("flag_names"), t);
}

/* The fields of an ND or RFC 6275 ICMPv6 message (print_nd.c), inside
 * the icmp6 object. */
void m6i_emit_nd(struct m6_emit *e, const struct m6_nd *nd);

/* The same as a spec: "na target=2001:db8:1::5 S O tlla=..." (print_nd.c). */
void m6i_line_nd(struct m6_buf *b, const struct m6_nd *nd);

/* The packet's fields, in order, through e. */
void m6i_emit_packet(struct m6_emit *e, const struct m6_pkt *pkt, const struct m6_frame_info *fi);

#endif
