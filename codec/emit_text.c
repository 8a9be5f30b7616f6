/* emit_text.c - print_emit.h calls written as the `decode -v` listing:
 * "key value" pairs, one line per object, nested objects indented under
 * their parent and labelled with their key (array elements with the
 * array's key). Empty arrays print nothing. */
#include <string.h>

#include "print_emit.h"

static void new_line(struct m6_emit *e, int indent)
{
	m6_buf_char(e->b, '\n');
	for (int i = 0; i < indent; i++)
		m6_buf_char(e->b, ' ');
	e->line_empty = true;
}

static void obj_begin(struct m6_emit *e, const char *key)
{
	const char *label = key ? key : e->arr_key[e->depth];

	e->level++;
	if (label) {
		new_line(e, 2 * (e->level - 1));
		m6_buf_str(e->b, label);
		e->line_empty = false;
	}
	e->line_level = e->level;
	if (e->depth + 1 < M6_EMIT_DEPTH)
		e->depth++;
	e->arr_key[e->depth] = NULL;
}

static void obj_end(struct m6_emit *e)
{
	e->level--;
	e->depth--;
}

static void arr_begin(struct m6_emit *e, const char *key)
{
	if (e->depth + 1 < M6_EMIT_DEPTH)
		e->depth++;
	e->arr_key[e->depth] = key;
}

static void arr_end(struct m6_emit *e)
{
	e->depth--;
}

/* A scalar after a nested object goes on a line of its own. */
static void key(struct m6_emit *e, const char *k, size_t len)
{
	if (e->line_level != e->level) {
		new_line(e, 2 * e->level);
		e->line_level = e->level;
	} else if (!e->line_empty) {
		m6_buf_char(e->b, ' ');
	}
	e->line_empty = false;
	m6_buf_mem(e->b, k, len);
	m6_buf_char(e->b, ' ');
}

static void str(struct m6_emit *e, const char *s)
{
	if (!s)
		m6_buf_char(e->b, '-');
	else if (!*s || strchr(s, ' '))
		m6_buf_json_str(e->b, s);
	else
		m6_buf_str(e->b, s);
}

static void boolean(struct m6_emit *e, bool v)
{
	m6_buf_str(e->b, v ? "true" : "false");
}

const struct m6_emit_ops m6i_emit_text = {
	.json = false,
	.obj_begin = obj_begin,
	.obj_end = obj_end,
	.arr_begin = arr_begin,
	.arr_end = arr_end,
	.key = key,
	.str = str,
	.boolean = boolean,
};
