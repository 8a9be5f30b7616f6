/* policy.c - defaults and look-ups of the engine's policy (policy.h). */
#include <string.h>

#include "policy.h"

void m6e_policy_default(struct m6e_policy *p)
{
	memset(p, 0, sizeof *p);
	p->return_home_status = M6_BA_ACCEPTED;
	p->max_bindings = 1u << 20;
	p->max_per_hoa = M6E_MAX_BIDS;
	p->max_bids_per_bu = M6E_MAX_BIDS;
	p->max_lifetime = 0xffff;
}

bool m6e_prefix_holds(const struct m6e_prefix *pf, const m6_addr6 *a)
{
	unsigned full = pf->plen / 8, rest = pf->plen % 8;

	if (pf->plen > 128 || memcmp(a->a, pf->prefix.a, full))
		return false;
	if (!rest)
		return true;
	uint8_t mask = (uint8_t)(0xff << (8 - rest));
	return (a->a[full] & mask) == (pf->prefix.a[full] & mask);
}

bool m6e_policy_home_addr(const struct m6e_policy *p, const m6_addr6 *addr)
{
	for (unsigned i = 0; i < p->n_home_prefixes && i < M6E_MAX_PREFIXES; i++)
		if (m6e_prefix_holds(&p->home_prefixes[i], addr))
			return true;
	return false;
}
