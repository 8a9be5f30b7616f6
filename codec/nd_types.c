/* nd_types.c - what the codec knows of the ICMPv6 messages of Neighbor
 * Discovery (RFC 4861 s4) and of RFC 6275 (s6.5-s6.8), and of their
 * options (RFC 4861 s4.6, RFC 6275 s7.2-s7.4): one row a type. */
#include "nd_internal.h"

static const struct m6_nd_info types[] = {
	{ M6_ICMP6_RS, "rs", "Router Solicitation", 8, true },
	{ M6_ICMP6_RA, "ra", "Router Advertisement", 16, true },
	{ M6_ICMP6_NS, "ns", "Neighbor Solicitation", 24, true },
	{ M6_ICMP6_NA, "na", "Neighbor Advertisement", 24, true },
	{ M6_ICMP6_DHAAD_REQ, "dhaad-req", "Home Agent Address Discovery Request", 8, false },
	{ M6_ICMP6_DHAAD_REP, "dhaad-rep", "Home Agent Address Discovery Reply", 8, false },
	{ M6_ICMP6_MPS, "mps", "Mobile Prefix Solicitation", 8, false },
	{ M6_ICMP6_MPA, "mpa", "Mobile Prefix Advertisement", 8, true },
};

/* Length in 8-octet units; 0: at least 1, more allowed (link-layer
 * addresses of longer links). */
static const struct m6_ndopt_info opts[] = {
	{ M6_NDOPT_SLLA, "Source Link-Layer Address", 0 },
	{ M6_NDOPT_TLLA, "Target Link-Layer Address", 0 },
	{ M6_NDOPT_PREFIX, "Prefix Information", 4 },
	{ M6_NDOPT_MTU, "MTU", 1 },
	{ M6_NDOPT_ADVINT, "Advertisement Interval", 1 },
	{ M6_NDOPT_HAINFO, "Home Agent Information", 1 },
};

const struct m6_nd_info *m6i_nd_info(uint8_t type)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (types[i].type == type)
			return &types[i];
	return NULL;
}

const struct m6_nd_info *m6i_nd_info_by_word(const char *word, size_t n)
{
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
		if (strlen(types[i].word) == n && !memcmp(types[i].word, word, n))
			return &types[i];
	return NULL;
}

const struct m6_ndopt_info *m6i_ndopt_info(uint8_t type)
{
	for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++)
		if (opts[i].type == type)
			return &opts[i];
	return NULL;
}

bool m6_nd_type_known(uint8_t type)
{
	return m6i_nd_info(type) != NULL;
}

bool m6_nd_prefix_host_bits(const struct m6_nd_prefix *p)
{
	if (p->flags & M6_PI_R)
		return false;
	for (unsigned bit = p->plen; bit < 128; bit++)
		if (p->prefix.a[bit / 8] & (0x80 >> (bit % 8)))
			return true;
	return false;
}

const char *m6_nd_type_word(uint8_t type)
{
	const struct m6_nd_info *t = m6i_nd_info(type);
	return t ? t->word : NULL;
}

const char *m6_nd_type_name(uint8_t type)
{
	const struct m6_nd_info *t = m6i_nd_info(type);
	return t ? t->name : NULL;
}

const char *m6_ndopt_name(uint8_t type)
{
	const struct m6_ndopt_info *o = m6i_ndopt_info(type);
	return o ? o->name : NULL;
}
