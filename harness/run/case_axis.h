/*
 * case_axis.h - one case template over seed 003's configurations (s4: a
 * mobile node with x home addresses and y care-of addresses, each 1 or
 * n; here n is 2). A case file that says
 *
 *     configurations 1x1 1xn nx1 nxn
 *
 * becomes one case per configuration named (id HA-CFG-01-nx1, its title
 * ending in "(2 home, 1 care-of address)"). In its steps:
 *
 *   each-hoa STEP        STEP once per home address: {h} is it ({hoa},
 *                        {hoa2}), {i} its number (1, 2)
 *   each-coa STEP        STEP once per care-of address: {c} ({coa1},
 *                        {coa2}), {j} its number
 *   each-hoa-coa STEP    STEP once per pair, home addresses outer
 *
 * Consecutive lines with the same each-* prefix are one block, repeated
 * whole (a BU and the expect of its BA, then the next pair's).
 *   a word with {c*}     the word once per care-of address, joined by
 *                        '|' (one of them: tunnel={iut},{c*})
 *
 * Expansion is text only, before the lines are parsed, so every other
 * rule of the case language holds for what comes out.
 */
#ifndef M6H_CASE_AXIS_H
#define M6H_CASE_AXIS_H

#include <stddef.h>

#define M6H_AXIS_CONFIGS 4  /* 1x1 1xn nx1 nxn */
#define M6H_AXIS_LINE 1024
#define M6H_AXIS_LINES 256  /* lines of a case file, and of what one expands to */

struct m6h_line {
	int no;                 /* in the case file, for messages */
	char text[M6H_AXIS_LINE];
};

/* The configurations a template names, as bits (1 << k, k as in
 * m6h_axis_name); 0 for a plain case. -1 with the problem in err for a
 * bad or second configurations line ("FILE:LINE: ..."). */
int m6h_axis_configs(const char *file, const struct m6h_line *lines, int n, char *err, size_t errlen);

/* "1x1", "1xn", "nx1", "nxn". */
const char *m6h_axis_name(int config);

/* The lines of configuration config into out[0..max): each-* lines
 * repeated, placeholders of the axis replaced, the configurations line
 * left out, the id and title marked. Returns the count, or -1 with the
 * problem in err. */
int m6h_axis_expand(const char *file, const struct m6h_line *in, int n, int config, struct m6h_line *out, int max,
		    char *err, size_t errlen);

#endif
