/* requirements.c - reading suites/requirements.tsv (requirements.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "requirements.h"

enum { COL_ID = 0, COL_LEVEL = 3, COL_ROLE = 4, COL_TEXT = 5, COL_NOTE = 7 };

/* Column k (from 0) of a tab-separated line, as a new string ("" if none). */
static char *column(const char *line, int k)
{
	const char *p = line;

	for (int i = 0; i < k && p; i++)
		p = strchr(p, '\t') ? strchr(p, '\t') + 1 : NULL;
	return strndup(p ? p : "", p ? strcspn(p, "\t\n") : 0);
}

static int add_row(struct m6h_reqs *t, const char *line, int *cap)
{
	if (t->n == *cap) {
		int grown = *cap ? 2 * *cap : 128;
		struct m6h_req *rows = realloc(t->rows, (size_t)grown * sizeof *rows);
		if (!rows)
			return -1;
		t->rows = rows;
		*cap = grown;
	}
	struct m6h_req *r = &t->rows[t->n];
	char *id = column(line, COL_ID), *role = column(line, COL_ROLE), *level = column(line, COL_LEVEL);
	r->text = column(line, COL_TEXT);
	r->note = column(line, COL_NOTE);
	int ok = id && role && level && r->text && r->note;
	if (ok) {
		snprintf(r->id, sizeof r->id, "%s", id);
		snprintf(r->role, sizeof r->role, "%s", role);
		snprintf(r->level, sizeof r->level, "%s", level);
		t->n++;
	} else {
		free(r->text);
		free(r->note);
	}
	free(id);
	free(role);
	free(level);
	return ok ? 0 : -1;
}

int m6h_reqs_load(const char *path, struct m6h_reqs *t)
{
	char *line = NULL;
	size_t len = 0;
	int cap = 0, rc = 0;
	FILE *f = fopen(path, "r");

	*t = (struct m6h_reqs){ NULL, 0 };
	if (!f)
		return -1;
	while (rc == 0 && getline(&line, &len, f) > 0)
		if (strncmp(line, "id\t", 3) && line[0] != '\n')
			rc = add_row(t, line, &cap);
	free(line);
	fclose(f);
	if (rc < 0) {
		m6h_reqs_free(t);
		errno = ENOMEM;
	}
	return rc;
}

const struct m6h_req *m6h_reqs_find(const struct m6h_reqs *t, const char *id)
{
	for (int i = 0; i < t->n; i++)
		if (!strcmp(t->rows[i].id, id))
			return &t->rows[i];
	return NULL;
}

void m6h_reqs_free(struct m6h_reqs *t)
{
	for (int i = 0; i < t->n; i++) {
		free(t->rows[i].text);
		free(t->rows[i].note);
	}
	free(t->rows);
	*t = (struct m6h_reqs){ NULL, 0 };
}
