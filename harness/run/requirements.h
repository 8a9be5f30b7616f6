/*
 * requirements.h - suites/requirements.tsv (format in suites/README.md),
 * read once: the id, level, role, text and note of every row, for the
 * reports, the verdicts' levels and `mip6kit run --coverage`.
 */
#ifndef M6H_REQUIREMENTS_H
#define M6H_REQUIREMENTS_H

struct m6h_req {
	char id[32];
	char role[16];
	char level[16];     /* MUST, MUST NOT, SHOULD, SHOULD NOT, MAY or rule */
	char *text;
	char *note;
};

struct m6h_reqs {
	struct m6h_req *rows;
	int n;
};

/* Reads the table at path (the header line skipped). Returns 0, or -1
 * with errno set; *t is then empty. */
int m6h_reqs_load(const char *path, struct m6h_reqs *t);
/* The row of that id, or NULL. */
const struct m6h_req *m6h_reqs_find(const struct m6h_reqs *t, const char *id);
void m6h_reqs_free(struct m6h_reqs *t);

#endif
