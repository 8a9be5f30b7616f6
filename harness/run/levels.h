/*
 * levels.h - verdicts weighed by the requirement level (RFC 2119) of what
 * a case checks, the way the IPv6 Ready conformance suites score PASS,
 * WARN and FAIL: a case fails only for a MUST (or MUST NOT, or a
 * processing rule the RFC states without a keyword); a case that checks
 * only SHOULDs warns instead; one that checks only a MAY is n/a, with a
 * note that the optional behaviour is not there.
 */
#ifndef M6H_LEVELS_H
#define M6H_LEVELS_H

#include "case.h"
#include "requirements.h"
#include "runner.h"

enum m6h_level { M6H_LEVEL_MAY, M6H_LEVEL_SHOULD, M6H_LEVEL_MUST };

/* The strongest level among the rows case c checks; a row the table does
 * not hold counts as MUST. */
int m6h_case_level(const struct m6h_case *c, const struct m6h_reqs *t);

/* A failed r of a case at that level becomes warn (SHOULD) or n/a (MAY),
 * its why kept after a note; other verdicts stay. */
void m6h_verdict_apply_level(struct m6h_result *r, int level);

#endif
