/* run_coverage.c - `mip6kit run --coverage` (run_coverage.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "run_coverage.h"

/* Field k (from 0) of a tab-separated line into out; "" if none. */
static void tsv_field(const char *line, int k, char *out, size_t cap)
{
	const char *p = line;

	for (int i = 0; i < k && p; i++)
		p = strchr(p, '\t') ? strchr(p, '\t') + 1 : NULL;
	snprintf(out, cap, "%.*s", p ? (int)strcspn(p, "\t\n") : 0, p ? p : "");
}

#define UNTESTABLE "untestable: "

/* --coverage: each requirement row and the cases that check it. Rows
 * without a case are mobile-node behaviour, or say in their note why
 * they cannot be tested over the wire; any other is listed as not
 * covered (suites/check_requirements.py fails on those). */
int run_coverage(const char *suites, const struct m6h_case *cases, int n)
{
	char path[600], line[4096];
	int rows = 0, by_case = 0, mn = 0, untestable = 0;

	snprintf(path, sizeof path, "%s/requirements.tsv", suites);
	FILE *f = fopen(path, "r");
	if (!f)
		return cli_fail("run", "%s: %s", path, strerror(errno));
	printf("%-14s %-6s %s\n", "requirement", "role", "checked by");
	while (fgets(line, sizeof line, f)) {
		char id[32], role[16], note[2048];
		tsv_field(line, 0, id, sizeof id);
		if (!strcmp(id, "id") || !id[0])
			continue;
		tsv_field(line, 4, role, sizeof role);
		tsv_field(line, 7, note, sizeof note);
		rows++;
		char by[1024] = "";
		for (int i = 0; i < n; i++)
			for (int k = 0; k < cases[i].n_reqs; k++)
				if (!strcmp(cases[i].reqs[k], id) && strlen(by) + 20 < sizeof by)
					snprintf(by + strlen(by), sizeof by - strlen(by), "%s%s", by[0] ? " " : "",
						 cases[i].id);
		bool is_mn = !by[0] && !strcmp(role, "MN");
		bool marked = !by[0] && !is_mn && !strncmp(note, UNTESTABLE, strlen(UNTESTABLE));
		by_case += by[0] != '\0';
		mn += is_mn;
		untestable += marked;
		if (by[0])
			printf("%-14s %-6s %s\n", id, role, by);
		else if (is_mn)
			printf("%-14s %-6s - untestable over the wire: mobile-node behaviour (the tester plays the MN)\n",
			       id, role);
		else if (marked)
			printf("%-14s %-6s - untestable over the wire: %s\n", id, role, note + strlen(UNTESTABLE));
		else
			printf("%-14s %-6s - NOT COVERED by a case\n", id, role);
	}
	fclose(f);
	printf("\n%d requirements: %d checked by cases, %d untestable over the wire (%d mobile-node behaviour, "
	       "%d for the reason given), %d not covered\n",
	       rows, by_case, mn + untestable, mn, untestable, rows - by_case - mn - untestable);
	return 0;
}
