/*
 * step_words.h - the words of the steps that do not send a spec as it
 * is (suites/README.md): "stream SPEC every=MS count=N", "stream-check
 * [dead=ADDR] [live=ADDR] [max-lost=N] [max-dead=N]" and "link-fault LINK
 * down|loss PCT [to-iut|from-iut] [addr=ADDR]|delay MS [to-iut|from-iut]|clear",
 * read into the step's fields when the case is loaded.
 */
#ifndef M6H_STEP_WORDS_H
#define M6H_STEP_WORDS_H

#include "case.h"

/* s->kind and s->text set (the words after the keyword): fills the
 * step's fields and leaves in s->text what the runner expands (the
 * stream's SPEC, loss's address). Returns 0, or -1 with why. */
int m6h_stream_words(struct m6h_step *s, const char **why);
int m6h_stream_check_words(struct m6h_step *s, const char **why);
int m6h_link_fault_words(struct m6h_step *s, const char **why);

/* The order of a case's stream steps: at most one stream, each with a
 * stream-check after it, no stream-check without one. Returns 0, or -1
 * with the step at fault in *line and why. */
int m6h_stream_steps_check(const struct m6h_case *c, int *line, const char **why);

#endif
