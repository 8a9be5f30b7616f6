/* emit_json.c - print_emit.h calls written as compact JSON. */
#include <string.h>

#include "print_emit.h"

/* The comma before every member but the first. */
static void separate(struct m6_emit *e)
{
	if (!e->first[e->depth])
		m6_buf_char(e->b, ',');
	e->first[e->depth] = false;
}

/* ,"key": in one write (keys are short constants). */
static void json_key(struct m6_emit *e, const char *key, size_t k)
{
	char t[64];
	size_t n = 0;

	if (k > sizeof t - 4)
		k = sizeof t - 4;
	if (!e->first[e->depth])
		t[n++] = ',';
	e->first[e->depth] = false;
	t[n++] = '"';
	memcpy(t + n, key, k);
	n += k;
	t[n++] = '"';
	t[n++] = ':';
	m6_buf_mem(e->b, t, n);
}

static void open_nested(struct m6_emit *e, const char *key, char bracket)
{
	if (key)
		json_key(e, key, strlen(key));
	else if (e->depth > 0)
		separate(e);
	m6_buf_char(e->b, bracket);
	if (e->depth + 1 < M6_EMIT_DEPTH)
		e->depth++;
	e->first[e->depth] = true;
}

static void obj_begin(struct m6_emit *e, const char *key)
{
	open_nested(e, key, '{');
}

static void arr_begin(struct m6_emit *e, const char *key)
{
	open_nested(e, key, '[');
}

static void obj_end(struct m6_emit *e)
{
	m6_buf_char(e->b, '}');
	e->depth--;
}

static void arr_end(struct m6_emit *e)
{
	m6_buf_char(e->b, ']');
	e->depth--;
}

static void str(struct m6_emit *e, const char *s)
{
	if (s)
		m6_buf_json_str(e->b, s);
	else
		m6_buf_str(e->b, "null");
}

static void boolean(struct m6_emit *e, bool v)
{
	m6_buf_str(e->b, v ? "true" : "false");
}

const struct m6_emit_ops m6i_emit_json = {
	.quotes = true,
	.obj_begin = obj_begin,
	.obj_end = obj_end,
	.arr_begin = arr_begin,
	.arr_end = arr_end,
	.key = json_key,
	.str = str,
	.boolean = boolean,
};
