/* mutation.c - `mip6kit run --mutation`: the suites against each seeded
 * fault of the reference IUT (run.h). A fault is caught when at least one
 * case fails or warns (inconclusive does not count); root reads only the
 * checked verdicts, and names cases from its own copy of them. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "faults.h"
#include "run.h"
#include "unpriv.h"

/* Is name in the comma-separated list (NULL: every name is)? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
	return list == NULL;
}

/* The same line on standard output and in mutation.txt. */
__attribute__((format(printf, 2, 3))) static void say(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	fflush(stdout);
}

int m6h_run_mutation(struct m6h_run *s, const struct m6h_case *cases, int n)
{
	int caught = 0, total = 0, bad;

	for (int i = 0; m6h_fault_at(i); i++) {
		const struct m6h_fault *fault = m6h_fault_at(i);
		if (!listed(s->o.mutation_only, m6h_fault_name(fault)))
			continue;
		total++;
		s->iut.fault = s->o.fault = m6h_fault_name(fault);
		if (m6h_run_pass(s, cases, n, &bad))
			return 2;
		char by[2048] = "";
		for (int k = 0; k < n; k++) {
			int v = m6h_checked_verdict(&s->sh->results[k]);
			if ((v == M6H_FAIL || v == M6H_WARN) && strlen(by) + 80 < sizeof by)
				snprintf(by + strlen(by), sizeof by - strlen(by), "%s%s (%s)", by[0] ? ", " : "",
					 cases[k].id, cases[k].reqs[0]);
		}
		caught += by[0] != '\0';
		say(s->mutation_txt, "%-7s %-22s %s\n        caught by: %s\n", by[0] ? "caught" : "MISSED",
		    m6h_fault_name(fault), m6h_fault_text(fault), by[0] ? by : "no case");
	}
	say(s->mutation_txt, "\nmutation score: %d of %d seeded faults caught (%.0f%%)\n", caught, total,
	    total ? 100.0 * caught / total : 0.0);
	fclose(s->mutation_txt);
	printf("reports: %s/mutation.txt\n", s->dir);
	return caught == total ? 0 : 1;
}
