/* exchange_report.c - one exchange of a replay in cases/<name>.txt, on
 * the terminal and in cases/<name>.html (exchange_report.h). */
#include <stdio.h>
#include <string.h>

#include "exchange_report.h"
#include "m6print.h"

/* A frame's summary line (the codec's), without its frame number. */
void m6r_line_of(const struct m6r_frame *f, struct m6_pkt *pkt, char *out, size_t cap)
{
	struct m6_buf b;
	struct m6_frame_info fi = { .frame = 0 };

	m6_pkt_decode(f->bytes, f->len, f->link, true, pkt);
	m6_buf_init(&b, out, cap - 1, NULL);
	m6_print_line(&b, pkt, &fi);
	out[b.len ? b.len - 1 : 0] = '\0';
	char *sp = strchr(out, ' '); /* "0 SRC > DST ...": the number off */
	if (sp)
		memmove(out, sp + 1, strlen(sp));
}

static const char *kind_word(int k)
{
	return k == M6R_MISSING ? "missing" : k == M6R_EXTRA ? "extra" : "changed";
}

void m6r_html_text(FILE *f, const char *s)
{
	for (; *s; s++)
		if (*s == '<')
			fputs("&lt;", f);
		else if (*s == '>')
			fputs("&gt;", f);
		else if (*s == '&')
			fputs("&amp;", f);
		else
			fputc(*s, f);
}

void m6r_report_exchange(const struct m6r_shown *s, const struct m6r_diff *d, int nd)
{
	const struct m6r_exchange *x = &s->c->x[s->i];
	static struct m6_pkt pkt;
	char line[300], sent_line[300];
	FILE *txt = s->txt, *html = s->html;
	int i = s->i, n_got = s->n_got;
	const char *note = s->note;

	m6r_line_of(s->sent, &pkt, sent_line, sizeof sent_line);

	fprintf(txt, "[%d/%d] %-7s frame %llu -> %llu: %s (%d answer%s recorded, %d now)%s%s\n", i + 1, s->c->n,
		nd ? "differs" : "same", (unsigned long long)x->req.number, (unsigned long long)s->sent->number, sent_line,
		x->n_ans, x->n_ans == 1 ? "" : "s", n_got, note[0] ? "; note: " : "", note);
	if (!s->quiet)
		printf("  [%d/%d] %-7s %s\n", i + 1, s->c->n, nd ? "differs" : "same", sent_line);
	for (int k = 0; k < nd; k++)
		fprintf(txt, "    %s %s: recorded frame %llu '%s', replayed frame %llu '%s' [%s]%s%s\n",
			kind_word(d[k].kind), d[k].kind == M6R_CHANGED ? d[k].field : "answer",
			(unsigned long long)d[k].rec_frame, d[k].rec, (unsigned long long)d[k].new_frame, d[k].got,
			d[k].reqs, d[k].rule[0] ? "; the request: " : "", d[k].rule);
	/* report.html: the exchange side by side, differing fields highlighted */
	fprintf(html, "<tr class=%s><td>%d</td><td>", nd ? "differs" : "same", i + 1);
	m6r_line_of(&x->req, &pkt, line, sizeof line);
	fprintf(html, "%llu &rarr; ", (unsigned long long)x->req.number);
	m6r_html_text(html, line);
	for (int k = 0; k < x->n_ans; k++) {
		m6r_line_of(&x->ans[k], &pkt, line, sizeof line);
		fprintf(html, "<br>%llu &larr; ", (unsigned long long)x->ans[k].number);
		m6r_html_text(html, line);
	}
	fprintf(html, "</td><td>%llu &rarr; ", (unsigned long long)s->sent->number);
	m6r_html_text(html, sent_line);
	for (int j = 0; j < n_got; j++) {
		m6r_line_of(&s->got[j], &pkt, line, sizeof line);
		fprintf(html, "<br>%llu &larr; ", (unsigned long long)s->got[j].number);
		m6r_html_text(html, line);
	}
	fprintf(html, "</td></tr>\n");
	for (int k = 0; k < nd; k++) {
		fprintf(html, "<tr class=diff><td></td><td colspan=2>%s <b>", kind_word(d[k].kind));
		m6r_html_text(html, d[k].kind == M6R_CHANGED ? d[k].field : "answer");
		fprintf(html, "</b>: recorded <mark>");
		m6r_html_text(html, d[k].rec);
		fprintf(html, "</mark> replayed <mark>");
		m6r_html_text(html, d[k].got);
		fprintf(html, "</mark> [%s]</td></tr>\n", d[k].reqs);
	}
	if (note[0]) {
		fprintf(html, "<tr class=note><td></td><td colspan=2>note: ");
		m6r_html_text(html, note);
		fprintf(html, "</td></tr>\n");
	}
}
