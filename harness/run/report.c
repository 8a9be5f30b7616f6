/* report.c - the text summary and the JUnit XML of a run (report.h). */
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "report_stream.h"
#include "version.h"

/* The worst verdict first: fail, inconclusive, warn, pass, n/a (a
 * requirement is n/a only when all of its cases are). */
static int severity(int v)
{
	static const int rank[] = { [M6H_PASS] = 1, [M6H_FAIL] = 4, [M6H_INCONCLUSIVE] = 3,
				    [M6H_NOT_APPLICABLE] = 0, [M6H_WARN] = 2 };
	return rank[v];
}

struct req_total {
	char id[24];
	int worst, cases;
};

static int collect_requirements(const struct m6h_case *cases, const struct m6h_result *results, int n,
				struct req_total *reqs, int max)
{
	int n_reqs = 0;

	for (int i = 0; i < n; i++)
		for (int k = 0; k < cases[i].n_reqs; k++) {
			int j = 0;
			while (j < n_reqs && strcmp(reqs[j].id, cases[i].reqs[k]))
				j++;
			if (j == n_reqs) {
				if (n_reqs == max)
					continue;
				snprintf(reqs[j].id, sizeof reqs[j].id, "%s", cases[i].reqs[k]);
				reqs[j].worst = results[i].verdict;
				reqs[j].cases = 0;
				n_reqs++;
			}
			reqs[j].cases++;
			if (severity(results[i].verdict) > severity(reqs[j].worst))
				reqs[j].worst = results[i].verdict;
		}
	return n_reqs;
}

void m6h_report_summary(FILE *out, const struct m6h_run_info *info, const struct m6h_case *cases,
			const struct m6h_result *results, int n)
{
	static struct req_total reqs[1024];
	int by_verdict[M6H_VERDICTS] = { 0 };

	for (int i = 0; i < n; i++)
		by_verdict[results[i].verdict]++;
	fprintf(out, "run %s against %s, %d case%s in %.1f s (their timeouts add up to %.0f s)\n", info->run_id,
		info->iut, n, n == 1 ? "" : "s", info->seconds, info->timeouts_s);
	if (info->long_left)
		fprintf(out, "%d long case%s not run (--long)\n", info->long_left, info->long_left == 1 ? "" : "s");
	fprintf(out, "made by %s\n", m6k_version_line());
	fprintf(out, "%s\n\n", info->assumptions);
	int invalid = 0;
	for (int i = 0; i < n; i++)
		invalid += results[i].n_invalid;
	if (invalid)
		fprintf(out, "findings: the IUT sent %d frame%s that %s (listed by case below)\n\n", invalid,
			invalid == 1 ? "" : "s", invalid == 1 ? "is not a valid packet" : "are not valid packets");
	fprintf(out, "%-13s %5s\n", "verdict", "cases");
	for (int v = 0; v < M6H_VERDICTS; v++)
		fprintf(out, "%-13s %5d\n", m6h_verdict_name(v), by_verdict[v]);
	int n_reqs = collect_requirements(cases, results, n, reqs, 1024);
	int req_verdict[M6H_VERDICTS] = { 0 };
	for (int j = 0; j < n_reqs; j++)
		req_verdict[reqs[j].worst]++;
	fprintf(out, "\nrequirements checked: %d (", n_reqs);
	for (int v = 0; v < M6H_VERDICTS; v++)
		fprintf(out, "%s%d %s", v ? ", " : "", req_verdict[v], m6h_verdict_name(v));
	fprintf(out, "; a requirement takes the worst verdict of its cases)\n");
	for (int j = 0; j < n_reqs; j++)
		if (reqs[j].worst == M6H_FAIL || reqs[j].worst == M6H_INCONCLUSIVE || reqs[j].worst == M6H_WARN)
			fprintf(out, "  %-14s %s (%d case%s)\n", reqs[j].id, m6h_verdict_name(reqs[j].worst),
				reqs[j].cases, reqs[j].cases == 1 ? "" : "s");
	fprintf(out, "\n");
	for (int i = 0; i < n; i++) {
		fprintf(out, "%-12s %-14s %s\n", m6h_verdict_name(results[i].verdict), cases[i].id,
			cases[i].title);
		if (results[i].verdict != M6H_PASS)
			fprintf(out, "             %s\n", results[i].why);
		if (results[i].n_invalid)
			fprintf(out, "             the IUT sent %d invalid frame%s (cases/%s.pcap): %.*s\n",
				results[i].n_invalid, results[i].n_invalid == 1 ? "" : "s", cases[i].id,
				(int)sizeof results[i].invalid, results[i].invalid);
		m6h_report_stream_line(out, &results[i].stream);
	}
}

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\n' || *s == '\t')
				fputc(*s, f);
		}
	}
}

/* How to reproduce a failing case alone: its pcap replayed against the
 * same IUT started with the case's settings (harness/replay/). */
static void replay_hint(FILE *f, const struct m6h_run_info *info, const struct m6h_case *c)
{
	char settings[M6H_CASE_SETTINGS * 41] = "";

	for (int k = 0; k < c->n_settings; k++)
		snprintf(settings + strlen(settings), sizeof settings - strlen(settings), "%s%s", k ? " " : "",
			 c->settings[k]);
	fprintf(f, " Reproduce it alone: mip6kit replay ");
	xml_text(f, info->dir);
	fprintf(f, "/cases/");
	xml_text(f, c->id);
	fprintf(f, ".pcap");
	if (info->replay_opts[0]) {
		fputc(' ', f);
		xml_text(f, info->replay_opts);
	}
	if (settings[0]) {
		fprintf(f, " --iut-settings '");
		xml_text(f, settings);
		fputc('\'', f);
	}
}

static void write_junit(FILE *f, const struct m6h_run_info *info, const struct m6h_case *cases,
			const struct m6h_result *results, int n)
{
	int failures = 0, skipped = 0, errors = 0;

	for (int i = 0; i < n; i++) {
		failures += results[i].verdict == M6H_FAIL;
		errors += results[i].verdict == M6H_INCONCLUSIVE;
		skipped += results[i].verdict == M6H_NOT_APPLICABLE;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"mip6kit\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" "
		   "time=\"%.3f\">\n", n, failures, errors, skipped, info->seconds);
	fprintf(f, "  <testsuite name=\"mip6kit.%s\" tests=\"%d\" failures=\"%d\" errors=\"%d\" skipped=\"%d\" "
		   "time=\"%.3f\">\n", info->run_id, n, failures, errors, skipped, info->seconds);
	fprintf(f, "    <properties><property name=\"mip6kit.version\" value=\"%s\"/>"
		   "<property name=\"mip6kit.commit\" value=\"", M6K_VERSION);
	xml_text(f, m6k_commit());
	fprintf(f, "\"/><property name=\"iut\" value=\"");
	xml_text(f, info->iut);
	fprintf(f, "\"/><property name=\"assumptions\" value=\"");
	xml_text(f, info->assumptions);
	fprintf(f, "\"/></properties>\n");
	for (int i = 0; i < n; i++) {
		const struct m6h_case *c = &cases[i];
		const struct m6h_result *r = &results[i];
		char reqs[256] = "";
		for (int k = 0; k < c->n_reqs; k++)
			snprintf(reqs + strlen(reqs), sizeof reqs - strlen(reqs), "%s%s", k ? " " : "", c->reqs[k]);
		fprintf(f, "    <testcase classname=\"%s\" name=\"", c->role);
		xml_text(f, c->id);
		fprintf(f, ": ");
		xml_text(f, c->title);
		/* to the microsecond: against a fast IUT most cases take less than a millisecond */
		fprintf(f, "\" time=\"%.6f\">\n", r->seconds);
		m6h_report_stream_properties(f, &r->stream);
		const char *tag = r->verdict == M6H_FAIL ? "failure"
				  : r->verdict == M6H_INCONCLUSIVE ? "error"
				  : r->verdict == M6H_NOT_APPLICABLE ? "skipped" : NULL;
		if (tag) {
			fprintf(f, "      <%s message=\"", tag);
			xml_text(f, r->why);
			fprintf(f, " [requirements: %s]", reqs);
			if (r->verdict != M6H_NOT_APPLICABLE)
				replay_hint(f, info, c);
			fprintf(f, "\"/>\n");
		}
		fprintf(f, "      <system-out>requirements: %s", reqs);
		if (r->verdict == M6H_WARN) {
			fprintf(f, "\nwarn: ");
			xml_text(f, r->why);
		}
		fprintf(f, "</system-out>\n");
		fprintf(f, "    </testcase>\n");
	}
	fprintf(f, "  </testsuite>\n</testsuites>\n");
}

int m6h_report_write(const char *dir, const struct m6h_run_info *info, const struct m6h_case *cases,
		     const struct m6h_result *results, int n)
{
	char path[512];

	snprintf(path, sizeof path, "%s/summary.txt", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	m6h_report_summary(f, info, cases, results, n);
	if (fclose(f))
		return -1;
	snprintf(path, sizeof path, "%s/junit.xml", dir);
	f = fopen(path, "w");
	if (!f)
		return -1;
	write_junit(f, info, cases, results, n);
	return fclose(f) ? -1 : 0;
}
