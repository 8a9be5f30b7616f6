/* json_syntax.h - a strict JSON syntax check (RFC 8259) for the printer
 * fuzz target: is a buffer exactly one JSON value and a newline? Only the
 * syntax: no limits on depth beyond the recursion bound below. */
#ifndef M6_FUZZ_JSON_SYNTAX_H
#define M6_FUZZ_JSON_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

struct json_in {
	const char *p, *end;
	int depth;
};

static bool json_value(struct json_in *in);

static bool json_lit(struct json_in *in, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(in->end - in->p) < n || memcmp(in->p, word, n) != 0)
		return false;
	in->p += n;
	return true;
}

static bool json_digits(struct json_in *in)
{
	const char *start = in->p;
	while (in->p < in->end && *in->p >= '0' && *in->p <= '9')
		in->p++;
	return in->p > start;
}

static bool json_number(struct json_in *in)
{
	if (in->p < in->end && *in->p == '-')
		in->p++;
	if (in->p < in->end && *in->p == '0')
		in->p++;
	else if (!json_digits(in))
		return false;
	if (in->p < in->end && *in->p == '.' && (in->p++, !json_digits(in)))
		return false;
	if (in->p < in->end && (*in->p == 'e' || *in->p == 'E')) {
		in->p++;
		if (in->p < in->end && (*in->p == '+' || *in->p == '-'))
			in->p++;
		return json_digits(in);
	}
	return true;
}

static bool json_string(struct json_in *in)
{
	in->p++; /* the opening quote */
	while (in->p < in->end) {
		unsigned char c = (unsigned char)*in->p++;
		if (c == '"')
			return true;
		if (c < 0x20)
			return false;
		if (c != '\\')
			continue;
		if (in->p >= in->end)
			return false;
		c = (unsigned char)*in->p++;
		if (c == 'u') {
			for (int i = 0; i < 4; i++, in->p++)
				if (in->p >= in->end || !strchr("0123456789abcdefABCDEF", *in->p) || !*in->p)
					return false;
		} else if (!strchr("\"\\/bfnrt", c) || !c) {
			return false;
		}
	}
	return false;
}

/* Object (close '}') or array (close ']'): members separated by commas. */
static bool json_members(struct json_in *in, char close)
{
	in->p++;
	if (in->p < in->end && *in->p == close) {
		in->p++;
		return true;
	}
	for (;;) {
		if (close == '}') {
			if (in->p >= in->end || *in->p != '"' || !json_string(in) ||
			    in->p >= in->end || *in->p++ != ':')
				return false;
		}
		if (!json_value(in) || in->p >= in->end)
			return false;
		char c = *in->p++;
		if (c == close)
			return true;
		if (c != ',')
			return false;
	}
}

static bool json_value(struct json_in *in)
{
	if (in->p >= in->end || ++in->depth > 64)
		return false;
	bool ok;
	switch (*in->p) {
	case '{': ok = json_members(in, '}'); break;
	case '[': ok = json_members(in, ']'); break;
	case '"': ok = json_string(in); break;
	case 't': ok = json_lit(in, "true"); break;
	case 'f': ok = json_lit(in, "false"); break;
	case 'n': ok = json_lit(in, "null"); break;
	default: ok = json_number(in); break;
	}
	in->depth--;
	return ok;
}

/* s[0..n) is one JSON value (no whitespace: the printer writes none)
 * followed by a newline. */
static bool json_line_ok(const char *s, size_t n)
{
	struct json_in in = { s, s + n, 0 };
	return n > 0 && json_value(&in) && in.p == in.end - 1 && *in.p == '\n';
}

#endif
