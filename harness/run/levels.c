/* levels.c - verdicts by requirement level (levels.h). */
#include <stdio.h>
#include <string.h>

#include "levels.h"

static int row_level(const struct m6h_req *row)
{
	if (!row || !strncmp(row->level, "MUST", 4) || !strcmp(row->level, "rule"))
		return M6H_LEVEL_MUST;
	return !strncmp(row->level, "SHOULD", 6) ? M6H_LEVEL_SHOULD : M6H_LEVEL_MAY;
}

int m6h_case_level(const struct m6h_case *c, const struct m6h_reqs *t)
{
	int level = M6H_LEVEL_MAY;

	for (int i = 0; i < c->n_reqs; i++) {
		int l = row_level(m6h_reqs_find(t, c->reqs[i]));
		if (l > level)
			level = l;
	}
	return level;
}

void m6h_verdict_apply_level(struct m6h_result *r, int level)
{
	char why[sizeof r->why];
	const char *note = level == M6H_LEVEL_SHOULD ? "a SHOULD is not met (warn, not fail)"
						     : "the optional (MAY) behaviour is not there";

	if (r->verdict != M6H_FAIL || level == M6H_LEVEL_MUST)
		return;
	snprintf(why, sizeof why, "%s", r->why);
	r->verdict = level == M6H_LEVEL_SHOULD ? M6H_WARN : M6H_NOT_APPLICABLE;
	/* the note first; the original reason cut to what still fits */
	snprintf(r->why, sizeof r->why, "%s: %.*s", note, (int)(sizeof r->why - strlen(note) - 3), why);
}
