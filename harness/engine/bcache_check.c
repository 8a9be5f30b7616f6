/* bcache_check.c - the binding cache's invariants, walked in full (tests,
 * fuzzers; see m6e_bc_check in bcache.h). */
#include <stdarg.h>
#include <stdio.h>

#include "bcache_internal.h"

static bool broken(char *why, size_t why_len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (why_len)
		vsnprintf(why, why_len, fmt, ap);
	va_end(ap);
	return false;
}

static bool in_coa_chain(const struct m6e_bcache *bc, uint32_t i)
{
	for (const struct m6e_binding *b = m6e_bc_by_coa(bc, &bc->b[i].coa); b;
	     b = m6e_bc_next_coa(bc, b))
		if (m6e_bc_index(bc, b) == i)
			return true;
	return false;
}

static bool wheel_linked(const struct m6e_bcache *bc, uint32_t i)
{
	const struct m6e_binding *b = &bc->b[i];
	uint32_t due = m6e_bc_wheel_due(bc, b);

	uint32_t slot = due & M6E_WHEEL_MASK;
	if (due <= bc->now_s || due - bc->now_s > M6E_WHEEL_SLOTS ||
	    !(bc->wheel_used[slot / 64] & (1ull << (slot % 64))))
		return false;
	/* the head sits in the slot of its second, every other binding has
	 * a predecessor due in the same second */
	if (b->wheel_prev ? bc->b[b->wheel_prev].wheel_next != i ||
				    m6e_bc_wheel_due(bc, &bc->b[b->wheel_prev]) != due
			  : bc->wheel[slot] != i)
		return false;
	return !b->wheel_next || bc->b[b->wheel_next].wheel_prev == i;
}

static bool check_binding(const struct m6e_bcache *bc, const struct m6e_home *home, uint32_t i,
			  char *why, size_t why_len)
{
	const struct m6e_binding *b = &bc->b[i];

	if (&bc->h[b->home] != home)
		return broken(why, why_len, "binding %u is not linked back to its home", i);
	if (home->kind == M6E_HOME_MCOA && b->bid == M6E_PLAIN_BID)
		return broken(why, why_len, "BID 0 among the BID bindings of a home address");
	if (home->kind == M6E_HOME_PLAIN && b->bid != M6E_PLAIN_BID)
		return broken(why, why_len, "BID %u with a plain binding of the same home address",
			      b->bid);
	for (const struct m6e_binding *o = m6e_bc_next(bc, b); o; o = m6e_bc_next(bc, o))
		if (o->bid == b->bid)
			return broken(why, why_len, "two bindings with BID %u for one home address",
				      b->bid);
	if (!in_coa_chain(bc, i))
		return broken(why, why_len, "binding %u is not found by its care-of address", i);
	if (!wheel_linked(bc, i))
		return broken(why, why_len, "binding %u is not in the wheel at its due second", i);
	return true;
}

static bool check_home(const struct m6e_bcache *bc, const struct m6e_home *home, uint32_t *n_bindings,
		       char *why, size_t why_len)
{
	uint32_t count = 0;

	if (home->kind != M6E_HOME_PLAIN && home->kind != M6E_HOME_MCOA)
		return broken(why, why_len, "a home address record of unknown kind %u", home->kind);
	if (m6e_bc_home(bc, &home->hoa) != home)
		return broken(why, why_len, "a home address not found by its own address");
	for (uint32_t i = home->first; i; i = bc->b[i].next) {
		if (++count > bc->lim.max_per_home)
			return broken(why, why_len, "more than %u bindings for one home address",
				      bc->lim.max_per_home);
		if (!check_binding(bc, home, i, why, why_len))
			return false;
	}
	if (count == 0 || count != home->count)
		return broken(why, why_len, "a home address lists %u bindings, counts %u", count,
			      home->count);
	uint32_t n_inline = 0;
	for (int k = 0; k < M6E_HOME_INLINE; k++) {
		uint32_t i = home->inline_idx[k];
		if (i && (i > bc->b_high || &bc->h[bc->b[i].home] != home ||
			  bc->b[i].bid != home->inline_bid[k]))
			return broken(why, why_len, "a home's direct slot %d names the wrong binding", k);
		n_inline += i != 0;
	}
	if (n_inline != home->n_inline || n_inline > count)
		return broken(why, why_len, "a home counts %u direct slots, holds %u", home->n_inline,
			      n_inline);
	*n_bindings += count;
	return true;
}

bool m6e_bc_check(const struct m6e_bcache *bc, char *why, size_t why_len)
{
	uint32_t n_homes = 0, n_bindings = 0;

	for (uint32_t bucket = 0; bucket <= bc->home_mask; bucket++)
		for (uint32_t h = bc->home_bucket[bucket]; h; h = bc->h[h].hash_next) {
			n_homes++;
			if (!check_home(bc, &bc->h[h], &n_bindings, why, why_len))
				return false;
		}
	if (n_homes != bc->n_homes || n_homes > bc->lim.max_homes)
		return broken(why, why_len, "%u home addresses held, %u counted (limit %u)", n_homes,
			      bc->n_homes, bc->lim.max_homes);
	if (n_bindings != bc->n_bindings || n_bindings > bc->lim.max_bindings)
		return broken(why, why_len, "%u bindings held, %u counted (limit %u)", n_bindings,
			      bc->n_bindings, bc->lim.max_bindings);
	if (bc->n_wheel != n_bindings)
		return broken(why, why_len, "the wheel holds %u bindings, the cache %u", bc->n_wheel,
			      n_bindings);
	return true;
}
