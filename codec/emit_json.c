/* emit_json.c - print_emit.h calls written as compact JSON. */
#include "print_emit.h"

/* The comma before every member but the first. */
static void separate(struct m6_emit *e)
{
	if (!e->first[e->depth])
		m6_buf_char(e->b, ',');
	e->first[e->depth] = false;
}

/* ,"key": the path m6i_emit_key takes when the buffer is nearly full. */
static void json_key(struct m6_emit *e, const char *key, size_t k)
{
	if (!e->first[e->depth])
		m6_buf_char(e->b, ',');
	e->first[e->depth] = false;
	m6_buf_char(e->b, '"');
	m6_buf_mem(e->b, key, k);
	m6_buf_mem(e->b, "\":", 2);
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
	if (!s) {
		m6_buf_mem(e->b, "null", 4);
		return;
	}
	m6_buf_char(e->b, '"');
	m6_buf_str(e->b, s);
	m6_buf_char(e->b, '"');
}

static void boolean(struct m6_emit *e, bool v)
{
	m6_buf_str(e->b, v ? "true" : "false");
}

const struct m6_emit_ops m6i_emit_json = {
	.json = true,
	.obj_begin = obj_begin,
	.obj_end = obj_end,
	.arr_begin = arr_begin,
	.arr_end = arr_end,
	.key = json_key,
	.str = str,
	.boolean = boolean,
};
