/*
 * words.h - what an expectation of a case holds a reply's decode line to
 * (suites/README.md): every word of it must be a word of the line, where
 *
 *   word       is there as it is, or with more comma-joined attributes
 *              after it ("bid=1" holds for "bid=1,coa=2001:db8::5": a BID
 *              option may carry its care-of address back)
 *   word*      a word that starts with word
 *   NAME=LO..HI  a word NAME=V with LO <= V <= HI (a lifetime the node
 *              may grant shorter than asked)
 *   a|b|c      one of them
 *   !word      not there
 */
#ifndef M6H_WORDS_H
#define M6H_WORDS_H

#include <stdbool.h>

bool m6h_has_words(const char *line, const char *want);

#endif
