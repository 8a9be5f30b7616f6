/*
 * report_stream.h - a case's stream (stream.h) in the reports: a line of
 * summary.txt, <properties> of its JUnit testcase, and a time line in
 * report.html (inline SVG: x the time since the stream's start, one row
 * per address packets came out at, a mark per packet, the BA marked).
 * Each writes nothing for a case without a checked stream; the record
 * has been through m6h_stream_result_sanitize.
 */
#ifndef M6H_REPORT_STREAM_H
#define M6H_REPORT_STREAM_H

#include <stdio.h>

#include "stream.h"

void m6h_report_stream_line(FILE *f, const struct m6h_stream_result *s);
void m6h_report_stream_properties(FILE *f, const struct m6h_stream_result *s);
void m6h_report_stream_html(FILE *f, const struct m6h_stream_result *s);

#endif
