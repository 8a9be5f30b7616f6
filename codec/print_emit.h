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
	bool quotes; /* addresses and hex strings are quoted */
	void (*obj_begin)(struct m6_emit *e, const char *key); /* key NULL: array element or top */
	void (*obj_end)(struct m6_emit *e);
	void (*arr_begin)(struct m6_emit *e, const char *key);
	void (*arr_end)(struct m6_emit *e);
	/* Writes the key (and separator) of a scalar; the value follows. */
	void (*key)(struct m6_emit *e, const char *key, size_t len);
	void (*str)(struct m6_emit *e, const char *s);   /* NULL: null */
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

/* The packet's fields, in order, through e. */
void m6i_emit_packet(struct m6_emit *e, const struct m6_pkt *pkt, const struct m6_frame_info *fi);

#endif
