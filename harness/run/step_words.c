/* step_words.c - the words of stream, stream-check and link-fault (step_words.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "step_words.h"
#include "stream.h"

#define FAULT_LINK_MAX 2 /* links=3: the home link (0) and two more (topo.h) */

/* "KEY=N" with N in lo..hi into *out; 0 when word is not KEY=, 1 taken, -1 bad. */
static int number_word(const char *word, const char *key, long lo, long hi, int *out)
{
	size_t k = strlen(key);
	char *end;

	if (strncmp(word, key, k))
		return 0;
	long v = strtol(word + k, &end, 10);
	if (end == word + k || *end || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 1;
}

int m6h_stream_words(struct m6h_step *s, const char **why)
{
	char spec[M6H_TEXT] = "";
	size_t used = 0;

	s->every_ms = s->count = 0;
	for (char *w = strtok(s->text, " \t"); w; w = strtok(NULL, " \t")) {
		int r = number_word(w, "every=", 1, M6H_STREAM_EVERY_MAX, &s->every_ms);
		if (r < 0)
			return *why = "every= takes 1 to 10000 milliseconds", -1;
		if (r == 0 && (r = number_word(w, "count=", 1, M6H_STREAM_COUNT_MAX, &s->count)) < 0)
			return *why = "count= takes 1 to 1000 packets", -1;
		if (r)
			continue;
		if (!strncmp(w, "tag=", 4))
			return *why = "the stream tags its packets itself: no tag= in its spec", -1;
		used += (size_t)snprintf(spec + used, sizeof spec - used, "%s%s", used ? " " : "", w);
	}
	if (!s->every_ms || !s->count)
		return *why = "stream takes 'SPEC every=MS count=N'", -1;
	if (!spec[0])
		return *why = "stream needs the spec of a data packet", -1;
	if ((long)(s->count - 1) * s->every_ms > M6H_STREAM_SPAN_MAX)
		return *why = "a stream lasts at most 60000 ms ((count - 1) x every)", -1;
	strcpy(s->text, spec);
	return 0;
}

/* "dead={coa1}": one of the case's addresses as a placeholder. */
static int address_word(const char *word, const char *key, int *at)
{
	size_t k = strlen(key), n = strlen(word);

	if (strncmp(word, key, k))
		return 0;
	if (n < k + 3 || word[k] != '{' || word[n - 1] != '}')
		return -1;
	*at = m6h_stream_at_parse(word + k + 1, (int)(n - k - 2));
	return *at ? 1 : -1;
}

int m6h_stream_check_words(struct m6h_step *s, const char **why)
{
	s->dead = s->live = 0;
	s->max_lost = -1;
	s->max_dead = 0;
	for (char *w = strtok(s->text, " \t"); w; w = strtok(NULL, " \t")) {
		int r = address_word(w, "dead=", &s->dead);
		if (!r)
			r = address_word(w, "live=", &s->live);
		if (r < 0)
			return *why = "dead= and live= take {hoa}, {coa1}..{coa4} or {cn}", -1;
		if (!r && (r = number_word(w, "max-lost=", 0, M6H_STREAM_COUNT_MAX, &s->max_lost)) < 0)
			return *why = "max-lost= takes 0 to 1000 packets", -1;
		if (!r && (r = number_word(w, "max-dead=", 0, M6H_STREAM_RX_MAX, &s->max_dead)) < 0)
			return *why = "max-dead= takes 0 to 4096 packets", -1;
		if (!r)
			return *why = "stream-check takes dead=, live=, max-lost= and max-dead=", -1;
	}
	if (s->dead && s->dead == s->live)
		return *why = "dead= and live= name the same address", -1;
	s->text[0] = '\0';
	return 0;
}

static int direction_word(const char *w, struct m6h_linkfault *f)
{
	if (!strcmp(w, "to-iut"))
		f->dir = M6H_DIR_TO_IUT;
	else if (!strcmp(w, "from-iut"))
		f->dir = M6H_DIR_FROM_IUT;
	else
		return 0;
	return 1;
}

int m6h_link_fault_words(struct m6h_step *s, const char **why)
{
	struct m6h_linkfault *f = &s->fault;
	char addr[M6H_TEXT] = "";
	char *link = strtok(s->text, " \t"), *kind = strtok(NULL, " \t"), *w;

	memset(f, 0, sizeof *f);
	*why = "link-fault takes 'LINK down|clear', 'LINK loss PCT [to-iut|from-iut] [addr=ADDR]' or "
	       "'LINK delay MS [to-iut|from-iut]'";
	if (!kind || number_word(link, "", 0, FAULT_LINK_MAX, &f->link) != 1)
		return -1;
	if (!strcmp(kind, "down") || !strcmp(kind, "clear")) {
		bool clear = !strcmp(kind, "clear");
		s->kind = clear ? M6H_STEP_LINK_CLEAR : M6H_STEP_LINK_FAULT;
		f->kind = clear ? 0 : M6H_FAULT_DOWN;
		s->text[0] = '\0';
		return strtok(NULL, " \t") ? -1 : 0;
	}
	if (strcmp(kind, "loss") && strcmp(kind, "delay"))
		return -1;
	bool loss = !strcmp(kind, "loss");
	f->kind = loss ? M6H_FAULT_LOSS : M6H_FAULT_DELAY;
	if (!(w = strtok(NULL, " \t")) ||
	    number_word(w, "", loss ? 0 : 1, loss ? 100 : M6H_FAULT_MAX_MS, loss ? &f->pct : &f->ms) != 1)
		return *why = loss ? "loss takes 0 to 100 percent" : "delay takes 1 to 10000 ms", -1;
	while ((w = strtok(NULL, " \t")) != NULL) {
		if (direction_word(w, f))
			continue;
		if (!loss || strncmp(w, "addr=", 5) || !w[5] || addr[0])
			return -1;
		strcpy(addr, w + 5);
	}
	strcpy(s->text, addr);
	return 0;
}

int m6h_stream_steps_check(const struct m6h_case *c, int *line, const char **why)
{
	int streams = 0, open = -1;

	for (int i = 0; i < c->n_steps; i++) {
		const struct m6h_step *s = &c->steps[i];
		*line = s->line;
		if (s->kind == M6H_STEP_STREAM && streams++)
			return *why = "a case has one stream", -1;
		if (s->kind == M6H_STEP_STREAM)
			open = i;
		if (s->kind == M6H_STEP_STREAM_CHECK && open < 0)
			return *why = "stream-check without a stream before it", -1;
		if (s->kind == M6H_STEP_STREAM_CHECK)
			open = -1;
	}
	if (open >= 0) {
		*line = c->steps[open].line;
		return *why = "a stream needs a stream-check after it", -1;
	}
	return 0;
}
