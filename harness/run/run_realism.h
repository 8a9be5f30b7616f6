/*
 * run_realism.h - the reference IUT's realism switches as `mip6kit run
 * --realism` names them: each makes refd behave the way real stacks do
 * where our own model would be kinder (harness/engine/README.md), so that
 * a case that passes only against the kind model shows up. make check
 * runs the suites under each.
 */
#ifndef M6_RUN_REALISM_H
#define M6_RUN_REALISM_H

#include <stddef.h>

/* Turns a comma-separated list of names ("dad,delay", or "all") into the
 * refd flags, space-separated, in flags. Returns 0, or -1 with the name
 * that is not known in err. */
int run_realism_flags(const char *list, char *flags, size_t cap, char *err, size_t errlen);

/* The names and what each does, one per line, for --help. */
const char *run_realism_help(void);

#endif
