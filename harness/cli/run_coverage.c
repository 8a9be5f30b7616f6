/* run_coverage.c - `mip6kit run --coverage` (run_coverage.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "requirements.h"
#include "run_coverage.h"

#define UNTESTABLE "untestable: "

/* --coverage: each requirement row and the cases that check it. Rows
 * without a case are mobile-node behaviour, or say in their note why
 * they cannot be tested over the wire; any other is listed as not
 * covered (suites/check_requirements.py fails on those). */
int run_coverage(const char *suites, const struct m6h_case *cases, int n)
{
	char path[600];
	int by_case = 0, mn = 0, untestable = 0;
	struct m6h_reqs table;

	snprintf(path, sizeof path, "%s/requirements.tsv", suites);
	if (m6h_reqs_load(path, &table) < 0)
		return cli_fail("run", "%s: %s", path, strerror(errno));
	printf("%-14s %-6s %s\n", "requirement", "role", "checked by");
	for (int r = 0; r < table.n; r++) {
		const struct m6h_req *req = &table.rows[r];
		char by[1024] = "";
		for (int i = 0; i < n; i++)
			for (int k = 0; k < cases[i].n_reqs; k++)
				if (!strcmp(cases[i].reqs[k], req->id) && strlen(by) + 20 < sizeof by)
					snprintf(by + strlen(by), sizeof by - strlen(by), "%s%s", by[0] ? " " : "",
						 cases[i].id);
		bool is_mn = !by[0] && !strcmp(req->role, "MN");
		bool marked = !by[0] && !is_mn && !strncmp(req->note, UNTESTABLE, strlen(UNTESTABLE));
		by_case += by[0] != '\0';
		mn += is_mn;
		untestable += marked;
		if (by[0])
			printf("%-14s %-6s %s\n", req->id, req->role, by);
		else if (is_mn)
			printf("%-14s %-6s - untestable over the wire: mobile-node behaviour (the tester plays the MN)\n",
			       req->id, req->role);
		else if (marked)
			printf("%-14s %-6s - untestable over the wire: %s\n", req->id, req->role,
			       req->note + strlen(UNTESTABLE));
		else
			printf("%-14s %-6s - NOT COVERED by a case\n", req->id, req->role);
	}
	int rows = table.n;
	m6h_reqs_free(&table);
	printf("\n%d requirements: %d checked by cases, %d untestable over the wire (%d mobile-node behaviour, "
	       "%d for the reason given), %d not covered\n",
	       rows, by_case, mn + untestable, mn, untestable, rows - by_case - mn - untestable);
	return 0;
}
