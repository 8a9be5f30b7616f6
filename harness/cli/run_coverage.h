/*
 * run_coverage.h - `mip6kit run --coverage`: each row of the requirements
 * table and the cases that check it, or why none can over the wire.
 */
#ifndef M6_RUN_COVERAGE_H
#define M6_RUN_COVERAGE_H

#include "case.h"

/* Prints the table for SUITES/requirements.tsv and cases[0..n). Returns
 * 0, or 2 when the table cannot be read. */
int run_coverage(const char *suites, const struct m6h_case *cases, int n);

#endif
