/* timing.c - the tester's waits, from the RFCs' timing (timing.h). */
#include <string.h>

#include "timing.h"

/* Is word (whole) in text? */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = text; (p = strstr(p, word)) != NULL; p++)
		if ((p == text || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

bool m6h_step_may_dad(const struct m6h_case *c, int i)
{
	if (i < 0 || i >= c->n_steps)
		return false;
	const struct m6h_step *s = &c->steps[i];
	const char *spec = s->kind == M6H_STEP_SEND || s->kind == M6H_STEP_POLL ? s->text : "";

	return !strncmp(spec, "bu ", 3) && has_word(spec, "H") && !has_word(spec, "lifetime=0") &&
	       !has_word(spec, "lifetime_s=0");
}

/* The last step before i that sent a packet, or -1. */
static int last_send(const struct m6h_case *c, int i)
{
	while (--i >= 0 && c->steps[i].kind != M6H_STEP_SEND)
		;
	return i;
}

int m6h_step_window_ms(const struct m6h_case *c, int i, double scale)
{
	const struct m6h_step *s = &c->steps[i];
	double ms = M6H_ANSWER_MS * M6H_MARGIN;

	if (s->within_ms)
		ms = s->within_ms;
	else if (s->kind == M6H_STEP_EXPECT_DAD)
		ms = M6H_DAD_MS * M6H_MARGIN;
	else if (m6h_step_may_dad(c, s->kind == M6H_STEP_POLL ? i : last_send(c, i)))
		return m6h_dad_window_ms(scale);
	return (int)(ms * scale);
}

int m6h_dad_window_ms(double scale)
{
	return (int)((M6H_ANSWER_MS + M6H_DAD_MS) * M6H_MARGIN * scale);
}

int m6h_probe_window_ms(double scale)
{
	return (int)(2 * M6H_ANSWER_MS * scale);
}
