/* replay_report.c - summary.txt, junit.xml and report.html of a replay (replay_report.h). */
#include <stdio.h>
#include <string.h>

#include "replay_report.h"
#include "version.h"

static const char *status_word(int s)
{
	return s == 0 ? "same" : s == 1 ? "differs" : s == M6R_SKIPPED ? "skipped" : "not-run";
}

/* dir/cases/<name>.<ext> copied to out, through esc when given. */
static void copy_file(const char *dir, const char *name, const char *ext, FILE *out, void (*esc)(FILE *, int))
{
	char path[700];
	snprintf(path, sizeof path, "%s/cases/%s.%s", dir, name, ext);
	FILE *f = fopen(path, "r");
	if (!f)
		return;
	for (int c; (c = fgetc(f)) != EOF;)
		if (esc)
			esc(out, c);
		else
			fputc(c, out);
	fclose(f);
}

static void xml_char(FILE *out, int c)
{
	if (c == '<')
		fputs("&lt;", out);
	else if (c == '>')
		fputs("&gt;", out);
	else if (c == '&')
		fputs("&amp;", out);
	else if (c == '"')
		fputs("&quot;", out);
	else
		fputc(c, out);
}

static void xml_text(FILE *out, const char *s)
{
	for (; *s; s++)
		xml_char(out, (unsigned char)*s);
}

static void summary(FILE *out, const struct m6r_report *w)
{
	int counts[M6R_SKIPPED + 1] = { 0 }, exchanges = 0, diffs = 0;
	double seconds = 0;

	fprintf(out, "mip6kit replay %s: %s\nIUT: %s%s%s\n", w->run_id, m6k_version_line(),
		w->o->iut_cmd ? w->o->iut_cmd : w->o->iut_if ? w->o->iut_if : "the reference IUT",
		w->o->fault ? ", seeded fault " : "", w->o->fault ? w->o->fault : "");
	for (int i = 0; i < w->n; i++) {
		const struct m6r_result *r = &w->res[i];
		counts[r->status >= 0 && r->status <= M6R_SKIPPED ? r->status : 2]++;
		exchanges += r->exchanges;
		diffs += r->diffs;
		seconds += r->seconds;
		if (r->status == M6R_SKIPPED) /* nothing was replayed: only why */
			fprintf(out, "%-8s %s: %s\n", status_word(r->status), w->paths[i], r->why);
		else
			fprintf(out, "%-8s %s: %d exchanges, %d with differences, %d differences (%.3f s)%s%s\n",
				status_word(r->status), w->paths[i], r->exchanges, r->differing, r->diffs,
				r->seconds, r->why[0] ? ": " : "", r->why);
	}
	fprintf(out, "\n%d captures: %d same, %d with differences, %d not replayed; %d exchanges, %d differences, "
		     "%.1f exchanges/s\n",
		w->n, counts[0], counts[1], counts[2], exchanges, diffs, seconds > 0 ? exchanges / seconds : 0);
	if (counts[M6R_SKIPPED])
		fprintf(out, "%d captures skipped after the first difference (--stop-on-diff)\n", counts[M6R_SKIPPED]);
}

/* dir/name, created for writing (NULL on failure). */
static FILE *create(const struct m6r_report *w, const char *name)
{
	char path[700];
	snprintf(path, sizeof path, "%s/%s", w->dir, name);
	return fopen(path, "w");
}

static int write_summary(const struct m6r_report *w)
{
	FILE *f = create(w, "summary.txt");
	if (!f)
		return -1;
	summary(f, w);
	for (int i = 0; i < w->n; i++) {
		fprintf(f, "\n== %s (cases/%s.pcap)\n", w->paths[i], w->res[i].name);
		copy_file(w->dir, w->res[i].name, "txt", f, NULL);
	}
	return fclose(f);
}

static int write_junit(const struct m6r_report *w)
{
	int failures = 0, errors = 0, skipped = 0;
	FILE *f = create(w, "junit.xml");
	if (!f)
		return -1;
	for (int i = 0; i < w->n; i++) {
		failures += w->res[i].status == 1;
		errors += w->res[i].status == 2;
		skipped += w->res[i].status == M6R_SKIPPED;
	}
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuite name=\"mip6kit replay\" tests=\"%d\" "
		   "failures=\"%d\" errors=\"%d\" skipped=\"%d\">\n", w->n, failures, errors, skipped);
	for (int i = 0; i < w->n; i++) {
		const struct m6r_result *r = &w->res[i];
		fprintf(f, "  <testcase classname=\"replay\" name=\"");
		xml_text(f, w->paths[i]);
		fprintf(f, "\" time=\"%.3f\">\n", r->seconds);
		if (r->status == 1) {
			fprintf(f, "    <failure message=\"%d of %d exchanges answered differently\">", r->differing,
				r->exchanges);
			copy_file(w->dir, r->name, "txt", f, xml_char);
			fprintf(f, "</failure>\n");
		} else if (r->status == 2 || r->status == M6R_SKIPPED) {
			fprintf(f, "    <%s message=\"", r->status == 2 ? "error" : "skipped");
			xml_text(f, r->why);
			fprintf(f, "\"/>\n");
		}
		fprintf(f, "  </testcase>\n");
	}
	fprintf(f, "</testsuite>\n");
	return fclose(f);
}

static int write_html(const struct m6r_report *w)
{
	FILE *f = create(w, "report.html");
	if (!f)
		return -1;
	fprintf(f, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>mip6kit replay %s</title>\n"
		   "<style>body{font-family:sans-serif}table{border-collapse:collapse}td,th{border:1px solid #ccc;"
		   "padding:2px 6px;font-family:monospace;font-size:12px;vertical-align:top}tr.differs{background:#fee}"
		   "tr.diff td{color:#900}mark{background:#fc6}tr.note td{color:#555}</style></head><body>\n<pre>",
		w->run_id);
	static char text[65536]; /* a line per capture */
	FILE *mem = fmemopen(text, sizeof text, "w");
	if (mem) {
		summary(mem, w);
		fputc('\0', mem);
		fclose(mem);
		text[sizeof text - 1] = '\0';
		xml_text(f, text);
	}
	fprintf(f, "</pre>\n");
	for (int i = 0; i < w->n; i++) {
		int status = w->res[i].status;
		fprintf(f, "<details%s><summary>%s ", status == 1 || status == 2 ? " open" : "", status_word(status));
		xml_text(f, w->paths[i]);
		fprintf(f, "</summary>\n");
		copy_file(w->dir, w->res[i].name, "html", f, NULL);
		fprintf(f, "</details>\n");
	}
	fprintf(f, "</body></html>\n");
	return fclose(f);
}

int m6r_report_write(void *arg)
{
	const struct m6r_report *w = arg;

	if (!w->o->quiet) {
		printf("\n");
		summary(stdout, w);
	}
	if (write_summary(w) || write_junit(w) || write_html(w)) {
		fprintf(stderr, "mip6kit replay: cannot write the reports in %s\n", w->dir);
		return 1;
	}
	printf("%sreports: %s/ (summary.txt, junit.xml, report.html, cases/*.pcap: the new captures)\n", w->o->quiet ? "" : "\n", w->dir);
	return 0;
}
