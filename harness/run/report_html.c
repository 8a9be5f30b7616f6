/* report_html.c - reports/<run-id>/report.html: one self-contained page
 * with the summary, every case's verdict and the text of the requirements
 * it checks (failed and inconclusive cases first, a filter by verdict),
 * and a message sequence chart per case drawn as inline SVG from the
 * case's pcap, each frame with its time; hovering an arrow shows the
 * packet's decoded fields (an SVG <title>). */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "m6print.h"
#include "report.h"
#include "report_stream.h"
#include "requirements.h"
#include "version.h"

#define ROW_H 34
#define CHART_W 1050
#define LEFT_X 110 /* room on its left for the frames' times */
#define RIGHT_X 990
#define LABEL_W (RIGHT_X - LEFT_X - 20)
#define LABEL_CHARS 125 /* what fits LABEL_W at 11 px monospace; longer ones are squeezed */

static void html_text(FILE *f, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default: fputc(*s, f);
		}
}

/* A time in ms below a second (a fast IUT answers within microseconds),
 * else in s. */
static void print_time(FILE *f, double s)
{
	if (s < 1)
		fprintf(f, "%.3f ms", s * 1000);
	else
		fprintf(f, "%.3f s", s);
}

/* The decoded line and the verbose listing of one frame. */
static void describe(const uint8_t *frame, size_t len, char *line, size_t line_cap, char *detail,
		     size_t detail_cap)
{
	static struct m6_pkt pkt;
	struct m6_frame_info fi = { .frame = 0, .caplen = (uint32_t)len, .len = (uint32_t)len };
	struct m6_buf b;

	m6_pkt_decode(frame, len, M6_LINK_ETHERNET, true, &pkt);
	m6_buf_init(&b, line, line_cap - 1, NULL);
	m6_print_line(&b, &pkt, &fi);
	line[b.len ? b.len - 1 : 0] = '\0';
	m6_buf_init(&b, detail, detail_cap - 1, NULL);
	m6_print_verbose(&b, &pkt, &fi);
	detail[b.len] = '\0';
}

/* One arrow per frame of the case's pcap, tester on the left, IUT on the
 * right; a frame from the IUT's MAC goes right to left. */
static bool from_iut(const uint8_t *frame, size_t len, const uint8_t iut_macs[][6], int n_macs)
{
	for (int k = 0; len >= 12 && k < n_macs; k++)
		if (!memcmp(frame + 6, iut_macs[k], 6))
			return true;
	return false;
}

static void sequence_chart(FILE *f, const char *pcap_path, const uint8_t iut_macs[][6], int n_macs)
{
	char err[PCAP_ERRBUF_SIZE], line[1024], detail[8192];
	struct pcap_pkthdr *h;
	const u_char *data;
	pcap_t *p = pcap_open_offline(pcap_path, err);
	int rows = 0;

	if (!p) {
		fprintf(f, "<p class=note>no capture</p>\n");
		return;
	}
	while (pcap_next_ex(p, &h, &data) == 1)
		rows++;
	pcap_close(p);
	p = pcap_open_offline(pcap_path, err);
	if (!p)
		return;
	int height = 40 + rows * ROW_H;
	struct timeval t0 = { 0, 0 };
	fprintf(f, "<svg width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">\n", CHART_W, height);
	fprintf(f, "<text x=\"%d\" y=\"16\" text-anchor=\"middle\">tester (MN)</text>"
		   "<text x=\"%d\" y=\"16\" text-anchor=\"middle\">IUT</text>\n", LEFT_X, RIGHT_X);
	fprintf(f, "<line x1=\"%d\" y1=\"24\" x2=\"%d\" y2=\"%d\" class=\"life\"/>"
		   "<line x1=\"%d\" y1=\"24\" x2=\"%d\" y2=\"%d\" class=\"life\"/>\n",
		LEFT_X, LEFT_X, height, RIGHT_X, RIGHT_X, height);
	for (int i = 0; pcap_next_ex(p, &h, &data) == 1; i++) {
		bool in = from_iut(data, h->caplen, iut_macs, n_macs);
		int y = 44 + i * ROW_H;
		describe(data, h->caplen, line, sizeof line, detail, sizeof detail);
		const char *label = strchr(line, ' ') ? strchr(line, ' ') + 1 : line;
		/* the runner stamps every frame it sends or sees; the first one
		 * goes out as the case starts */
		if (i == 0)
			t0 = h->ts;
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"t\">", LEFT_X - 8, y + 4);
		print_time(f, (double)(h->ts.tv_sec - t0.tv_sec) + (double)(h->ts.tv_usec - t0.tv_usec) * 1e-6);
		fprintf(f, "</text>");
		fprintf(f, "<g class=\"msg %s\"><title>", in ? "in" : "out");
		html_text(f, detail);
		fprintf(f, "</title><line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" marker-end=\"url(#arrow)\"/>",
			in ? RIGHT_X : LEFT_X, y, in ? LEFT_X + 6 : RIGHT_X - 6, y);
		fprintf(f, "<text x=\"%d\" y=\"%d\"", LEFT_X + 10, y - 6);
		if (strlen(label) > LABEL_CHARS)
			fprintf(f, " textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\"", LABEL_W);
		fprintf(f, ">");
		html_text(f, label);
		fprintf(f, "</text></g>\n");
	}
	fprintf(f, "</svg>\n");
	pcap_close(p);
}

static const char style[] =
	"<style>body{font:14px sans-serif;margin:2em}table{border-collapse:collapse}"
	"td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}"
	".pass{color:#070}.fail{color:#b00;font-weight:bold}.inconclusive{color:#b60}.warn{color:#a70}.na{color:#777}"
	"svg text{font:11px monospace}svg .t{fill:#555}.life{stroke:#999;stroke-dasharray:4}"
	".filter label{margin-right:1.2em}"
	".msg line{stroke-width:1.5}.out line{stroke:#036}.in line{stroke:#063}"
	".strip .row{fill:#f4f4f4}.strip .rx{stroke:#063;stroke-width:2}.strip .ba{stroke:#b00;stroke-dasharray:3}"
	".msg:hover line{stroke-width:3}details{margin:.5em 0 1em 0}pre{white-space:pre-wrap}</style>\n"
	"<svg width=\"0\" height=\"0\"><defs><marker id=\"arrow\" markerWidth=\"8\" markerHeight=\"8\" "
	"refX=\"6\" refY=\"3\" orient=\"auto\"><path d=\"M0,0 L6,3 L0,6 z\"/></marker></defs></svg>\n";

static const char *verdict_class(int v)
{
	return v == M6H_NOT_APPLICABLE ? "na" : m6h_verdict_name(v);
}

/* Failed, inconclusive and warned: shown first, and opened. */
static bool needs_look(int v)
{
	return v == M6H_FAIL || v == M6H_INCONCLUSIVE || v == M6H_WARN;
}

static void write_case(FILE *f, const char *dir, const struct m6h_case *c, const struct m6h_result *r,
		       const struct m6h_reqs *table, const uint8_t iut_macs[][6], int n_macs)
{
	char path[600];

	fprintf(f, "<details data-verdict=%s%s><summary><span class=%s>%s</span> <b>", verdict_class(r->verdict),
		needs_look(r->verdict) ? " open" : "", verdict_class(r->verdict), m6h_verdict_name(r->verdict));
	html_text(f, c->id);
	fprintf(f, "</b> ");
	html_text(f, c->title);
	if (r->verdict != M6H_NOT_APPLICABLE) {
		fprintf(f, " <span class=na>(");
		print_time(f, r->seconds);
		fprintf(f, ")</span>");
	}
	fprintf(f, "</summary>\n");
	if (r->why[0]) {
		fprintf(f, "<pre>");
		html_text(f, r->why);
		fprintf(f, "</pre>\n");
	}
	if (r->n_invalid) {
		fprintf(f, "<p class=fail>Finding: the IUT sent %d frame%s that %s: ", r->n_invalid,
			r->n_invalid == 1 ? "" : "s", r->n_invalid == 1 ? "is not a valid packet" : "are not valid packets");
		html_text(f, r->invalid);
		fprintf(f, " (frame numbers of the case's pcap)</p>\n");
	}
	fprintf(f, "<table>\n");
	for (int k = 0; k < c->n_reqs; k++) {
		const struct m6h_req *req = m6h_reqs_find(table, c->reqs[k]);
		fprintf(f, "<tr><td>");
		html_text(f, c->reqs[k]);
		fprintf(f, "</td><td>");
		html_text(f, req ? req->text : "");
		fprintf(f, "</td></tr>\n");
	}
	fprintf(f, "</table>\n");
	m6h_report_stream_html(f, &r->stream);
	if (r->verdict != M6H_NOT_APPLICABLE) {
		snprintf(path, sizeof path, "%s/cases/%s.pcap", dir, c->id);
		sequence_chart(f, path, iut_macs, n_macs);
	}
	fprintf(f, "</details>\n");
}

/* The verdict filter: a case is shown while its verdict's box is ticked
 * (also as the page is loaded again, when the browser restores boxes). */
static const char filter_script[] =
	"<script>\n"
	"function m6kFilter(box) {\n"
	"  document.querySelectorAll('details[data-verdict=\"' + box.value + '\"]')\n"
	"    .forEach(function (d) { d.hidden = !box.checked; });\n"
	"}\n"
	"document.querySelectorAll('.filter input').forEach(function (box) {\n"
	"  m6kFilter(box);\n"
	"  box.addEventListener('change', function () { m6kFilter(box); });\n"
	"});\n"
	"</script>\n";

int m6h_report_html(const char *dir, const struct m6h_run_info *info, const struct m6h_case *cases,
		    const struct m6h_result *results, int n, const char *requirements,
		    const uint8_t iut_macs[][6], int n_macs)
{
	char path[600];
	struct m6h_reqs table;
	int count[M6H_VERDICTS] = { 0 };

	snprintf(path, sizeof path, "%s/report.html", dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	m6h_reqs_load(requirements, &table); /* without it the texts are left empty */
	for (int i = 0; i < n; i++)
		count[results[i].verdict]++;
	fprintf(f, "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>mip6kit run ");
	html_text(f, info->run_id);
	fprintf(f, "</title>\n%s</head><body>\n<h1>mip6kit run ", style);
	html_text(f, info->run_id);
	fprintf(f, "</h1>\n<p>IUT: ");
	html_text(f, info->iut);
	fprintf(f, "; %d cases in %.1f s", n, info->seconds);
	if (info->long_left)
		fprintf(f, " (%d long case%s not run: --long)", info->long_left, info->long_left == 1 ? "" : "s");
	fprintf(f, "; made by %s.", m6k_version_line());
	/* one line of the header per line of the assumptions */
	for (const char *line = info->assumptions; *line; line += strcspn(line, "\n") + (line[strcspn(line, "\n")] != 0)) {
		char one[600];
		snprintf(one, sizeof one, "%.*s", (int)strcspn(line, "\n"), line);
		fprintf(f, "<br>");
		html_text(f, one);
	}
	fprintf(f, "</p>\n<table><tr><th>verdict</th><th>cases</th></tr>\n");
	for (int v = 0; v < M6H_VERDICTS; v++)
		fprintf(f, "<tr><td class=%s>%s</td><td>%d</td></tr>\n", verdict_class(v), m6h_verdict_name(v),
			count[v]);
	fprintf(f, "</table>\n<h2>Cases</h2>\n<p>Failed, inconclusive and warned cases first. A chart's times are "
		   "since the case's first frame; hover over an arrow for the packet's fields.</p>\n"
		   "<p class=filter>Show:");
	for (int v = 0; v < M6H_VERDICTS; v++)
		fprintf(f, " <label><input type=checkbox value=%s checked> %s (%d)</label>", verdict_class(v),
			m6h_verdict_name(v), count[v]);
	fprintf(f, "</p>\n");
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++)
			if (needs_look(results[i].verdict) == (pass == 0))
				write_case(f, dir, &cases[i], &results[i], &table, iut_macs, n_macs);
	fprintf(f, "%s", filter_script);
	fprintf(f, "</body></html>\n");
	m6h_reqs_free(&table);
	return fclose(f) ? -1 : 0;
}
