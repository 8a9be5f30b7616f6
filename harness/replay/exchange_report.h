/*
 * exchange_report.h - one exchange of a replay as the reports show it:
 * a line in cases/<name>.txt ("[3/7] differs frame 5 -> 6: ... (1 answer
 * recorded, 1 now); note: ..." with the fix-ups and a lifetime's end judged
 * by time, then one line per difference), a line on the terminal, and a
 * row of cases/<name>.html with the recorded and the replayed exchange side
 * by side, each difference highlighted under it.
 */
#ifndef M6R_EXCHANGE_REPORT_H
#define M6R_EXCHANGE_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "diff.h"

struct m6r_shown {
	FILE *txt, *html;
	bool quiet;                  /* no terminal line */
	const struct m6r_capture *c;
	int i;                       /* the exchange */
	const struct m6r_frame *sent; /* the request as sent (its number in the new capture) */
	const struct m6r_frame *got; /* the replayed answers */
	int n_got;
	const char *note;            /* the fix-ups and an expiry edge (expiry.h), "" for none */
};

void m6r_report_exchange(const struct m6r_shown *s, const struct m6r_diff *d, int nd);

/* A frame's summary line (the codec's), without its frame number;
 * pkt is scratch. */
void m6r_line_of(const struct m6r_frame *f, struct m6_pkt *pkt, char *out, size_t cap);

/* s with <, > and & escaped. */
void m6r_html_text(FILE *f, const char *s);

#endif
