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

/* The packet's fields, in order, through e. */
void m6i_emit_packet(struct m6_emit *e, const struct m6_pkt *pkt, const struct m6_frame_info *fi);

#endif
