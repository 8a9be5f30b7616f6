/* mh_types.c - facts about MH message types (RFC 6275 s6.1) and option
 * look-ups on decoded messages. */
#include "internal.h"

/* Octets of each type's fixed part after the 6-octet MH header. */
static const int8_t fixed_len[M6_MH_KNOWN_MAX + 1] = {
	[M6_MH_BRR] = 2,
	[M6_MH_HOTI] = 2 + M6_COOKIE_LEN,
	[M6_MH_COTI] = 2 + M6_COOKIE_LEN,
	[M6_MH_HOT] = 2 + M6_COOKIE_LEN + M6_TOKEN_LEN,
	[M6_MH_COT] = 2 + M6_COOKIE_LEN + M6_TOKEN_LEN,
	[M6_MH_BU] = 6,
	[M6_MH_BA] = 6,
	[M6_MH_BE] = 2 + 16,
};

int m6_mh_fixed_len(uint8_t type)
{
	return type <= M6_MH_KNOWN_MAX ? fixed_len[type] : -1;
}

/* The smallest MH that holds the fixed part, in Header Len units. */
int m6_mh_min_hdr_len(uint8_t type)
{
	if (type > M6_MH_KNOWN_MAX)
		return -1;
	return (6 + fixed_len[type] + 7) / 8 - 1;
}

int m6_msg_next_opt(const struct m6_msg *msg, int from, uint8_t type)
{
	for (int i = from < 0 ? 0 : from; i < msg->n_opts; i++)
		if (msg->opts[i].type == type)
			return i;
	return -1;
}

int m6_msg_count_opt(const struct m6_msg *msg, uint8_t type)
{
	int n = 0;

	for (int i = 0; i < msg->n_opts; i++)
		n += msg->opts[i].type == type;
	return n;
}
