/* case.c - reading conformance case files (case.h). */
#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case.h"
#include "case_axis.h"
#include "settings.h"
#include "step_words.h"

static int bad(char *err, size_t errlen, const char *file, int line, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(err, errlen, "%s:%d: %s", file, line, msg);
	return -1;
}

/* Splits "key rest" in place; returns rest ("" when none). */
static char *split_key(char *line)
{
	char *sp = line + strcspn(line, " \t");
	if (!*sp)
		return sp;
	*sp++ = '\0';
	return sp + strspn(sp, " \t");
}

static void chomp(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
}

static int copy_text(char *dst, size_t cap, const char *src)
{
	if (strlen(src) >= cap)
		return -1;
	strcpy(dst, src);
	return 0;
}

/* Trailing "within=MS", "not-before=MS" and "every=MS" words, in any
 * order, taken off the step's text: "expect WORDS... [within=MS]", "poll
 * SPEC until WORDS [not-before=MS] [every=MS] [within=MS]". -1 names the
 * bad word in why. */
static int parse_times(struct m6h_step *s, const char **why)
{
	for (;;) {
		char *w = strrchr(s->text, ' ');
		w = w ? w + 1 : s->text;
		int *into = NULL;
		size_t klen = 0;
		if (!strncmp(w, "within=", 7))
			into = &s->within_ms, klen = 7, *why = "within= takes 1 to 60000 milliseconds";
		else if (!strncmp(w, "not-before=", 11) && s->kind != M6H_STEP_POLL)
			return *why = "not-before= is a word of poll only", -1;
		else if (!strncmp(w, "not-before=", 11))
			into = &s->not_before_ms, klen = 11, *why = "not-before= takes 1 to 60000 milliseconds";
		else if (!strncmp(w, "every=", 6) && s->kind != M6H_STEP_POLL)
			return *why = "every= is a word of poll and stream only", -1;
		else if (!strncmp(w, "every=", 6))
			into = &s->every_ms, klen = 6, *why = "every= takes 1 to 10000 milliseconds";
		if (!into)
			return 0;
		char *end;
		long ms = strtol(w + klen, &end, 10);
		if (*end || ms <= 0 || ms > (into == &s->every_ms ? 10000 : 60000) || *into)
			return -1;
		*into = (int)ms;
		while (w > s->text && w[-1] == ' ')
			w--;
		*w = '\0';
	}
}

/* "wait-iut-age MS": the age in s->iut_age_ms. Returns 0, or -1 when the
 * text is no number of milliseconds in range. */
static int iut_age(struct m6h_step *s)
{
	char *end;
	long ms = strtol(s->text, &end, 10);

	if (end == s->text || *end || ms <= 0 || ms > M6H_IUT_AGE_MAX_MS)
		return -1;
	s->iut_age_ms = (int)ms;
	return 0;
}

/* Ids name files (reports/<run>/cases/<id>.pcap): no separator, no "..". */
static const char *id_problem(const char *id, size_t cap)
{
	if (!*id)
		return "needs a value";
	if (strlen(id) >= cap)
		return "too long";
	if (id[strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")])
		return "takes only letters, digits, '.', '_' and '-'";
	if (!strcmp(id, ".") || !strcmp(id, ".."))
		return "cannot be '.' or '..'";
	return NULL;
}

static int add_list(char (*list)[24], int *n, int max, char *rest)
{
	for (char *tok = strtok(rest, " \t"); tok; tok = strtok(NULL, " \t")) {
		if (*n == max || strlen(tok) >= 24)
			return -1;
		strcpy(list[(*n)++], tok);
	}
	return 0;
}

static int parse_step(struct m6h_case *c, bool given, const char *key, char *rest, int line,
		      char *err, size_t errlen)
{
	enum { NO_TEXT, TEXT, MAY_TEXT };
	static const struct {
		const char *key;
		int kind;
		int text;
	} kinds[] = {
		{ "send", M6H_STEP_SEND, TEXT },	    { "expect", M6H_STEP_EXPECT, TEXT },
		{ "expect-none", M6H_STEP_NONE, MAY_TEXT }, { "rr", M6H_STEP_RR, NO_TEXT },
		{ "rr-dereg", M6H_STEP_RR_DEREG, NO_TEXT },
		{ "poll", M6H_STEP_POLL, TEXT },	    { "hold", M6H_STEP_HOLD, TEXT },
		{ "expect-dad", M6H_STEP_EXPECT_DAD, TEXT },
		{ "stream", M6H_STEP_STREAM, TEXT },	    { "stream-check", M6H_STEP_STREAM_CHECK, MAY_TEXT },
		{ "link-fault", M6H_STEP_LINK_FAULT, TEXT },
		{ "wait-iut-age", M6H_STEP_IUT_AGE, TEXT },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (strcmp(key, kinds[i].key))
			continue;
		if (c->n_steps == M6H_CASE_STEPS)
			return bad(err, errlen, c->file, line, "more than %d steps", M6H_CASE_STEPS);
		if (kinds[i].text != MAY_TEXT && (kinds[i].text == TEXT) != (*rest != '\0'))
			return bad(err, errlen, c->file, line, kinds[i].text == TEXT ? "'%s' needs its text"
										     : "'%s' takes nothing after it",
				   key);
		struct m6h_step *s = &c->steps[c->n_steps++];
		s->kind = kinds[i].kind;
		s->given = given;
		s->line = line;
		if (copy_text(s->text, sizeof s->text, rest))
			return bad(err, errlen, c->file, line, "step text longer than %d", M6H_TEXT - 1);
		const char *why;
		if ((s->kind == M6H_STEP_EXPECT || s->kind == M6H_STEP_POLL || s->kind == M6H_STEP_EXPECT_DAD) &&
		    parse_times(s, &why))
			return bad(err, errlen, c->file, line, "%s (once)", why);
		if (s->kind == M6H_STEP_POLL && !strstr(s->text, " until "))
			return bad(err, errlen, c->file, line, "poll takes 'SPEC until WORDS'");
		if (s->kind == M6H_STEP_IUT_AGE && iut_age(s))
			return bad(err, errlen, c->file, line, "wait-iut-age takes 1 to %d milliseconds",
				   M6H_IUT_AGE_MAX_MS);
		if ((s->kind == M6H_STEP_STREAM && m6h_stream_words(s, &why)) ||
		    (s->kind == M6H_STEP_STREAM_CHECK && m6h_stream_check_words(s, &why)) ||
		    (s->kind == M6H_STEP_LINK_FAULT && m6h_link_fault_words(s, &why)))
			return bad(err, errlen, c->file, line, "%s", why);
		return 0;
	}
	return bad(err, errlen, c->file, line, "unknown keyword '%s'", key);
}

static int parse_line(struct m6h_case *c, char *text, int line, char *err, size_t errlen)
{
	char *rest = split_key(text);
	bool given = !strcmp(text, "given");

	if (given) {
		text = rest;
		rest = split_key(text);
		return parse_step(c, true, text, rest, line, err, errlen);
	}
	if (!strcmp(text, "id")) {
		const char *why = id_problem(rest, sizeof c->id);
		if (c->id[0])
			return bad(err, errlen, c->file, line, "a second 'id' line (the first is line %d)", c->id_line);
		if (why)
			return bad(err, errlen, c->file, line, "id '%s' %s", rest, why);
		strcpy(c->id, rest);
		c->id_line = line;
		return 0;
	}
	if (!strcmp(text, "long")) {
		if (*rest)
			return bad(err, errlen, c->file, line, "'long' takes nothing after it");
		c->long_case = true;
		return 0;
	}
	if (!strcmp(text, "title"))
		return copy_text(c->title, sizeof c->title, rest) ? bad(err, errlen, c->file, line, "title too long") : 0;
	if (!strcmp(text, "role")) {
		if (strcmp(rest, "ha") && strcmp(rest, "cn"))
			return bad(err, errlen, c->file, line, "role is ha or cn, not '%s'", rest);
		strcpy(c->role, rest);
		return 0;
	}
	if (!strcmp(text, "checks"))
		return add_list(c->reqs, &c->n_reqs, M6H_CASE_REQS, rest)
			       ? bad(err, errlen, c->file, line, "at most %d requirement ids", M6H_CASE_REQS)
			       : 0;
	if (!strcmp(text, "setting")) {
		const char *why = m6h_setting_check(rest);
		if (why)
			return bad(err, errlen, c->file, line, "setting '%s': %s", rest, why);
		if (c->n_settings == M6H_CASE_SETTINGS || strlen(rest) >= sizeof c->settings[0])
			return bad(err, errlen, c->file, line, "at most %d settings of up to %zu characters",
				   M6H_CASE_SETTINGS, sizeof c->settings[0] - 1);
		strcpy(c->settings[c->n_settings++], rest);
		return 0;
	}
	if (!strcmp(text, "requires"))
		return add_list(c->features, &c->n_features, M6H_CASE_FEATURES, rest)
			       ? bad(err, errlen, c->file, line, "at most %d features", M6H_CASE_FEATURES)
			       : 0;
	return parse_step(c, false, text, rest, line, err, errlen);
}

/* The lines of a case file that say something (no blank lines, no
 * comments), each trimmed, into lines[0..M6H_AXIS_LINES). Returns the
 * count, or -1 with the problem in err. */
static int read_lines(const char *path, struct m6h_line *lines, char *err, size_t errlen)
{
	char text[M6H_AXIS_LINE];
	int line = 0, n = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return bad(err, errlen, path, 0, "cannot open");
	while (fgets(text, sizeof text, f)) {
		line++;
		chomp(text);
		char *t = text + strspn(text, " \t");
		if (!*t || *t == '#')
			continue;
		if (n == M6H_AXIS_LINES) {
			fclose(f);
			return bad(err, errlen, path, line, "more than %d lines", M6H_AXIS_LINES);
		}
		lines[n].no = line;
		snprintf(lines[n++].text, sizeof lines[0].text, "%s", t);
	}
	fclose(f);
	return n;
}

/* One case from its lines. */
static int case_from_lines(const char *path, struct m6h_case *c, struct m6h_line *lines, int n, char *err,
			   size_t errlen)
{
	memset(c, 0, sizeof *c);
	snprintf(c->file, sizeof c->file, "%s", path);
	for (int i = 0; i < n; i++)
		if (parse_line(c, lines[i].text, lines[i].no, err, errlen))
			return -1;
	int last = n ? lines[n - 1].no : 0;
	if (!c->id[0] || !c->title[0] || !c->role[0] || !c->n_reqs)
		return bad(err, errlen, path, last, "a case needs id, title, role and checks");
	if (!c->n_steps)
		return bad(err, errlen, path, last, "a case needs at least one step");
	const char *why;
	int line = last;
	if (m6h_stream_steps_check(c, &line, &why))
		return bad(err, errlen, path, line, "%s", why);
	return 0;
}

static struct m6h_line file_lines[M6H_AXIS_LINES], config_lines[M6H_AXIS_LINES];

int m6h_case_load(const char *path, struct m6h_case *c, char *err, size_t errlen)
{
	int n = read_lines(path, file_lines, err, errlen);

	return n < 0 ? -1 : case_from_lines(path, c, file_lines, n, err, errlen);
}

/* The cases of one file into cases[0..max): one, or one per configuration
 * of a template (case_axis.h). Returns the count, or -1 with err. */
static int load_file(const char *path, struct m6h_case *cases, int max, char *err, size_t errlen)
{
	int n = read_lines(path, file_lines, err, errlen), loaded = 0;
	int mask = n < 0 ? -1 : m6h_axis_configs(path, file_lines, n, err, errlen);

	if (mask < 0)
		return -1;
	if (!mask && max < 1)
		return bad(err, errlen, path, 0, "too many cases");
	if (!mask)
		return case_from_lines(path, cases, file_lines, n, err, errlen) ? -1 : 1;
	for (int k = 0; k < M6H_AXIS_CONFIGS; k++) {
		if (!(mask & 1 << k))
			continue;
		int m = m6h_axis_expand(path, file_lines, n, k, config_lines, M6H_AXIS_LINES, err, errlen);
		if (m < 0 || loaded == max || case_from_lines(path, &cases[loaded], config_lines, m, err, errlen))
			return m >= 0 && loaded == max ? bad(err, errlen, path, 0, "too many cases") : -1;
		loaded++;
	}
	return loaded;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int m6h_cases_load_dir(const char *dir, struct m6h_case *cases, int max, char *err, size_t errlen)
{
	char *names[512];
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d) {
		snprintf(err, errlen, "%s: cannot open the folder", dir);
		return -1;
	}
	while ((e = readdir(d)) != NULL && n < 512) {
		size_t len = strlen(e->d_name);
		if (len > 5 && !strcmp(e->d_name + len - 5, ".case"))
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, (size_t)n, sizeof names[0], by_name);
	int loaded = 0, rc = 0;
	for (int i = 0; i < n; i++) {
		char path[512];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		int got = rc == 0 ? load_file(path, &cases[loaded], max - loaded, err, errlen) : -1;
		if (got < 0)
			rc = -1;
		else
			loaded += got;
		free(names[i]);
	}
	if (rc == 0 && m6h_cases_unique(cases, loaded, err, errlen))
		rc = -1;
	return rc < 0 ? -1 : loaded;
}

int m6h_cases_unique(const struct m6h_case *cases, int n, char *err, size_t errlen)
{
	for (int i = 1; i < n; i++)
		for (int j = 0; j < i; j++)
			if (!strcmp(cases[i].id, cases[j].id))
				return bad(err, errlen, cases[i].file, cases[i].id_line,
					   "id '%s' is already the id of %s:%d", cases[i].id, cases[j].file,
					   cases[j].id_line);
	return 0;
}
