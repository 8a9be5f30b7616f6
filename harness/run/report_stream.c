/* report_stream.c - a case's stream in the reports (report_stream.h). */
#include "report_stream.h"

#define STRIP_LEFT 110 /* room for the rows' names */
#define STRIP_W 800    /* the time axis */
#define STRIP_ROW 22

/* The figures in words, the same in summary.txt and report.html. */
static void figures(FILE *f, const struct m6h_stream_result *s)
{
	fprintf(f, "stream: %d sent, %d received, %d lost, %d duplicated", s->sent, s->received, s->lost,
		s->duplicated);
	if (s->ba_ms >= 0 && (s->dead || s->live))
		fprintf(f, "; BA %d ms into the stream", s->ba_ms);
	if (s->live && s->failover_ms >= 0)
		fprintf(f, "; failover %d ms (to the first packet at {%s})", s->failover_ms, m6h_stream_at_name(s->live));
	else if (s->live)
		fprintf(f, "; failover: none (no packet at {%s} after the BA)", m6h_stream_at_name(s->live));
	if (s->dead && s->dead_after_ba >= 0)
		fprintf(f, "; %d at {%s} (dead) sent after the BA", s->dead_after_ba, m6h_stream_at_name(s->dead));
}

void m6h_report_stream_line(FILE *f, const struct m6h_stream_result *s)
{
	if (!s->checked)
		return;
	fprintf(f, "             ");
	figures(f, s);
	fprintf(f, "\n");
}

void m6h_report_stream_properties(FILE *f, const struct m6h_stream_result *s)
{
	if (!s->checked)
		return;
	const struct {
		const char *name;
		int value;
	} p[] = { { "sent", s->sent },		     { "received", s->received },
		  { "lost", s->lost },		     { "duplicated", s->duplicated },
		  { "failover_ms", s->failover_ms }, { "dead_after_ba", s->dead_after_ba } };
	fprintf(f, "      <properties>");
	for (size_t i = 0; i < sizeof p / sizeof p[0]; i++)
		fprintf(f, "<property name=\"mip6kit.stream.%s\" value=\"%d\"/>", p[i].name, p[i].value);
	fprintf(f, "</properties>\n");
}

/* The rows: dead= and live= first, then every other address a point came out at. */
static int strip_rows(const struct m6h_stream_result *s, int rows[M6H_AT_KINDS])
{
	bool used[M6H_AT_KINDS] = { false };
	int n = 0;

	for (int i = 0; i < s->n_points; i++)
		used[s->points[i].at] = true;
	if (s->dead)
		rows[n++] = s->dead, used[s->dead] = false;
	if (s->live)
		rows[n++] = s->live, used[s->live] = false;
	for (int at = 0; at < M6H_AT_KINDS; at++)
		if (used[at])
			rows[n++] = at;
	return n;
}

static int x_of(const struct m6h_stream_result *s, int ms)
{
	int span = s->span_ms > 0 ? s->span_ms : 1;
	if (ms > span)
		ms = span;
	return STRIP_LEFT + (int)((long)ms * STRIP_W / span);
}

void m6h_report_stream_html(FILE *f, const struct m6h_stream_result *s)
{
	int rows[M6H_AT_KINDS];

	if (!s->checked)
		return;
	int n = strip_rows(s, rows), h = 30 + n * STRIP_ROW;
	fprintf(f, "<p>");
	figures(f, s);
	if (s->n_rx > s->n_points)
		fprintf(f, " (the time line shows %d of the %d receptions, evenly picked)", s->n_points, s->n_rx);
	fprintf(f, "</p>\n<svg class=\"strip\" width=\"%d\" height=\"%d\" xmlns=\"http://www.w3.org/2000/svg\">\n",
		STRIP_LEFT + STRIP_W + 60, h);
	for (int r = 0; r < n; r++) {
		int y = 10 + r * STRIP_ROW;
		fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">{%s}%s</text>", STRIP_LEFT - 8, y + 14,
			m6h_stream_at_name(rows[r]), rows[r] == s->dead ? " dead" : rows[r] == s->live ? " live" : "");
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" class=\"row\"/>\n", STRIP_LEFT, y + 2,
			STRIP_W, STRIP_ROW - 4);
		for (int i = 0; i < s->n_points; i++)
			if (s->points[i].at == rows[r])
				fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"rx\"><title>packet %d, %d ms, "
					   "link %d</title></line>",
					x_of(s, s->points[i].ms), y + 4, x_of(s, s->points[i].ms), y + STRIP_ROW - 4,
					s->points[i].index, s->points[i].ms, s->points[i].link);
		fprintf(f, "\n");
	}
	if (s->ba_ms >= 0)
		fprintf(f, "<line x1=\"%d\" y1=\"4\" x2=\"%d\" y2=\"%d\" class=\"ba\"/><text x=\"%d\" y=\"%d\">BA %d ms</text>\n",
			x_of(s, s->ba_ms), x_of(s, s->ba_ms), h - 12, x_of(s, s->ba_ms) + 3, h - 2, s->ba_ms);
	fprintf(f, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">0</text><text x=\"%d\" y=\"%d\" "
		   "text-anchor=\"end\">%d ms</text>\n</svg>\n",
		STRIP_LEFT, h - 2, STRIP_LEFT + STRIP_W + 50, h - 2, s->span_ms);
}
