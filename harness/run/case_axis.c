/* case_axis.c - a case template over seed 003's configurations (case_axis.h). */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "case_axis.h"

static const char *const names[M6H_AXIS_CONFIGS] = { "1x1", "1xn", "nx1", "nxn" };

const char *m6h_axis_name(int config)
{
	return config >= 0 && config < M6H_AXIS_CONFIGS ? names[config] : "?";
}

__attribute__((format(printf, 5, 6))) static int bad(char *err, size_t errlen, const char *file, int line,
						     const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, errlen, "%s:%d: ", file, line);

	va_start(ap, fmt);
	if (n >= 0 && (size_t)n < errlen)
		vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
	va_end(ap);
	return -1;
}

/* The line's first word is key (a whole word)? Then *rest is what follows. */
static bool keyword(const char *text, const char *key, const char **rest)
{
	size_t n = strlen(key);
	if (strncmp(text, key, n) || (text[n] && text[n] != ' ' && text[n] != '\t'))
		return false;
	*rest = text + n + strspn(text + n, " \t");
	return true;
}

int m6h_axis_configs(const char *file, const struct m6h_line *lines, int n, char *err, size_t errlen)
{
	int mask = 0, at = 0;
	const char *rest;

	for (int i = 0; i < n; i++) {
		if (!keyword(lines[i].text, "configurations", &rest))
			continue;
		if (at)
			return bad(err, errlen, file, lines[i].no, "a second 'configurations' line (the first is line %d)",
				   at);
		at = lines[i].no;
		for (const char *w = rest; *w; w += strspn(w, " \t")) {
			size_t len = strcspn(w, " \t");
			int k = 0;
			while (k < M6H_AXIS_CONFIGS && (strlen(names[k]) != len || strncmp(w, names[k], len)))
				k++;
			if (k == M6H_AXIS_CONFIGS || (mask & 1 << k))
				return bad(err, errlen, file, lines[i].no,
					   "configurations takes 1x1, 1xn, nx1 and nxn, each once, not '%.*s'", (int)len, w);
			mask |= 1 << k;
			w += len;
		}
		if (!mask)
			return bad(err, errlen, file, lines[i].no, "configurations names none");
	}
	return mask;
}

/* Appends s to out[*o..cap); false when it does not fit. */
static bool put(char *out, size_t cap, size_t *o, const char *s, size_t n)
{
	if (*o + n + 1 > cap)
		return false;
	memcpy(out + *o, s, n);
	*o += n;
	out[*o] = '\0';
	return true;
}

struct binding {
	int home, coa;  /* 1-based; 0: not bound on this line */
	int n_coas;     /* of the configuration, for {c*} */
};

/* The value of the axis placeholder at p (left octets on), in val; its
 * length in *used (0: none there). NULL with *missing set when the line
 * gives it no value. alt: the care-of address {c*} stands for. */
static const char *placeholder(const char *p, size_t left, const struct binding *b, int alt, char val[16],
			       size_t *used, const char **missing)
{
	static const char *const keys[] = { "{h}", "{i}", "{c}", "{j}", "{c*}" };
	size_t k = 0;

	while (k < 5 && (left < strlen(keys[k]) || strncmp(p, keys[k], strlen(keys[k]))))
		k++;
	*used = k < 5 ? strlen(keys[k]) : 0;
	if (k == 5)
		return NULL;
	int home = b->home, coa = k == 4 ? alt : b->coa;
	if ((k < 2 && !home) || (k >= 2 && !coa)) {
		*missing = keys[k];
		return NULL;
	}
	if (k == 0)
		return home == 1 ? "{hoa}" : "{hoa2}";
	if (k == 2 || k == 4)
		snprintf(val, 16, "{coa%d}", coa);
	else
		snprintf(val, 16, "%d", k == 1 ? home : coa);
	return val;
}

/* One word with the axis's placeholders replaced; {c*} makes it one of
 * several, joined by '|'. Returns 0, or -1 (*missing names a placeholder
 * without value, or is "" when out is full). */
static int word(const char *w, size_t len, const struct binding *b, char *out, size_t cap, size_t *o,
		const char **missing)
{
	int alts = memmem(w, len, "{c*}", 4) ? b->n_coas : 1;

	for (int alt = 1; alt <= alts; alt++) {
		if (alt > 1 && !put(out, cap, o, "|", 1))
			return *missing = "", -1;
		for (size_t i = 0; i < len;) {
			char val[16];
			size_t used;
			const char *v = placeholder(w + i, len - i, b, alt, val, &used, missing);
			if (used && !v)
				return -1;
			if (!put(out, cap, o, used ? v : w + i, used ? strlen(v) : 1))
				return *missing = "", -1;
			i += used ? used : 1;
		}
	}
	return 0;
}

/* text with the bindings of b, word by word, into out. */
static int substitute(const char *text, const struct binding *b, char *out, size_t cap, const char **missing)
{
	size_t o = 0;

	out[0] = '\0';
	for (const char *p = text; *p;) {
		size_t gap = strspn(p, " \t");
		if (!put(out, cap, &o, p, gap))
			return *missing = "", -1;
		p += gap;
		size_t len = strcspn(p, " \t");
		if (len && word(p, len, b, out, cap, &o, missing))
			return -1;
		p += len;
	}
	return 0;
}

/* What kind of line text is: 0 plain, else which each-* prefix (1
 * each-hoa-coa, 2 each-hoa, 3 each-coa), *rest after it. */
static int each_kind(const char *text, const char **rest)
{
	static const char *const prefixes[] = { "each-hoa-coa", "each-hoa", "each-coa" };

	for (int k = 0; k < 3; k++)
		if (keyword(text, prefixes[k], rest))
			return k + 1;
	*rest = text;
	return 0;
}

/* Line text with the bindings of b into out[*count]. */
static int emit(const char *file, const struct m6h_line *line, const char *text, const struct binding *b,
		struct m6h_line *out, int max, int *count, char *err, size_t errlen)
{
	const char *missing = NULL;

	if (*count == max)
		return bad(err, errlen, file, line->no, "expands to more than %d lines", max);
	out[*count].no = line->no;
	if (substitute(text, b, out[*count].text, sizeof out[*count].text, &missing))
		return bad(err, errlen, file, line->no,
			   missing && *missing ? "%s outside the each-* lines that give it a value"
					       : "%sthe line grows too long",
			   missing ? missing : "");
	(*count)++;
	return 0;
}

int m6h_axis_expand(const char *file, const struct m6h_line *in, int n, int config, struct m6h_line *out, int max,
		    char *err, size_t errlen)
{
	int homes = config >= 2 ? 2 : 1, coas = config % 2 ? 2 : 1, count = 0;
	const char *rest;

	for (int i = 0; i < n;) {
		const char *text = in[i].text;
		char marked[M6H_AXIS_LINE + 64];
		int kind = each_kind(text, &rest);
		if (keyword(text, "configurations", &rest)) {
			i++;
			continue;
		}
		if (!kind) {
			if (keyword(text, "id", &rest))
				snprintf(marked, sizeof marked, "%s-%s", text, names[config]), text = marked;
			else if (keyword(text, "title", &rest))
				snprintf(marked, sizeof marked, "%s (%d home, %d care-of address%s)", text, homes, coas,
					 coas > 1 ? "es" : ""),
					text = marked;
			struct binding none = { 0, 0, coas };
			if (emit(file, &in[i], text, &none, out, max, &count, err, errlen))
				return -1;
			i++;
			continue;
		}
		/* a run of lines with the same prefix is one block, repeated whole:
		 * each BU is followed by its own expect */
		int end = i;
		while (end < n && each_kind(in[end].text, &rest) == kind)
			end++;
		int h_max = kind != 3 ? homes : 0, c_max = kind != 2 ? coas : 0;
		for (int h = h_max ? 1 : 0; h <= h_max; h++)
			for (int c = c_max ? 1 : 0; c <= c_max; c++)
				for (int k = i; k < end; k++) {
					struct binding b = { h, c, coas };
					each_kind(in[k].text, &rest);
					if (emit(file, &in[k], rest, &b, out, max, &count, err, errlen))
						return -1;
				}
		i = end;
	}
	return count;
}
