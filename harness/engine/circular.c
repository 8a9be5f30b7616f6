/* circular.c - RFC 6275 s6.1.7 (RFC 3775's sentence, quoted by seed 003
 * s6.3.1): "the Binding Update MUST be silently discarded if the care-of
 * address appears as a home address in an existing Binding Cache entry,
 * with its current location creating a circular reference back to the
 * home address specified in the Binding Update (possibly through
 * additional entries)". A home address may be another's care-of address
 * (seed 003 s6.3.1, forward.c nests the tunnels); a circle may never form,
 * so the home agent's interception of its own tunnel packets ends. */
#include <string.h>

#include "bu_plan.h"
#include "engine_internal.h"

/* Home addresses followed from one care-of address at most: every entry
 * of a chain the forwarding would still take (forward.c, 5 levels) many
 * times over; past it the walk stops and the BU is taken. */
#define WALK_MAX 64

static bool listed(const m6_addr6 *list, int n, const m6_addr6 *a)
{
	for (int i = 0; i < n; i++)
		if (!memcmp(&list[i], a, sizeof *a))
			return true;
	return false;
}

/* Does coa, as a home address, lead through the cache's care-of
 * addresses (any binding, any BID) back to hoa? Breadth first. */
static bool leads_back(const struct m6e_bcache *bc, const m6_addr6 *coa, const m6_addr6 *hoa)
{
	m6_addr6 seen[WALK_MAX];
	int n = 0;

	if (!memcmp(coa, hoa, sizeof *hoa))
		return false; /* the home address itself: a deregistration or at home (RFC 5648 s6.2) */
	seen[n++] = *coa;
	for (int i = 0; i < n; i++) {
		const struct m6e_home *home = m6e_bc_home(bc, &seen[i]);
		for (const struct m6e_binding *b = home ? m6e_bc_first(bc, home) : NULL; b; b = m6e_bc_next(bc, b)) {
			if (!memcmp(&b->coa, hoa, sizeof *hoa))
				return true;
			if (n < WALK_MAX && !listed(seen, n, &b->coa))
				seen[n++] = b->coa;
		}
	}
	return false;
}

bool m6e_bu_circular(const struct m6e_bcache *bc, const m6_addr6 *hoa, const struct m6e_bu_plan *plan)
{
	if (plan->plain_op == M6E_BID_SET && leads_back(bc, &plan->plain_coa, hoa))
		return true;
	for (unsigned i = 0; i < plan->n_bids; i++) {
		const struct m6e_bid_plan *bp = &plan->bid[i];
		if (bp->op == M6E_BID_SET && bp->coa_family == 6 && leads_back(bc, &bp->coa6, hoa))
			return true;
	}
	return false;
}
