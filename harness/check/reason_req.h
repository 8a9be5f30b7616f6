/*
 * reason_req.h - the row of suites/requirements.tsv a codec validation
 * reason comes from: what a receiver must do with such a request (silent
 * discard, ICMPv6 Parameter Problem, Binding Error, BA status). One map
 * for `mip6kit check` (the answer a request is owed) and `mip6kit replay`
 * (the rows a differing answer belongs to).
 */
#ifndef M6C_REASON_REQ_H
#define M6C_REASON_REQ_H

#include <stdint.h>

/* In: reason, an enum m6_reason value.
 * Returns the requirement id (a static string), or NULL for a reason no
 * row names. */
const char *m6c_reason_req(uint8_t reason);

#endif
