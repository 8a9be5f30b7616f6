/* nd_internal.h - the tables of nd_types.c, shared by the ND decoder,
 * encoder, validator and spec words (internal). */
#ifndef M6_ND_INTERNAL_H
#define M6_ND_INTERNAL_H

#include <string.h>

#include "internal.h"

struct m6_nd_info {
	uint8_t type;
	const char *word;      /* spec keyword and decode-line word */
	const char *name;      /* RFC name */
	uint8_t fixed_len;     /* octets before options or addresses: the shortest valid message */
	bool options;          /* ND options follow the fixed part */
};

struct m6_ndopt_info {
	uint8_t type;
	const char *name;
	uint8_t len;           /* the one valid Length (8-octet units); 0: 1 or more */
};

const struct m6_nd_info *m6i_nd_info(uint8_t type);
const struct m6_nd_info *m6i_nd_info_by_word(const char *word, size_t n);
const struct m6_ndopt_info *m6i_ndopt_info(uint8_t type);

#endif
