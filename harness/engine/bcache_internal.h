/* bcache_internal.h - what the binding cache's files share. */
#ifndef M6E_BCACHE_INTERNAL_H
#define M6E_BCACHE_INTERNAL_H

#include "bcache.h"

/* One slot per second, more than the longest lifetime (65535 x 4 s): a
 * binding is never more than one turn ahead, so a slot holds exactly the
 * bindings due in that second. 1 MiB of slot heads plus a 32 KiB bitmap. */
#define M6E_WHEEL_SLOTS (1u << 18)
#define M6E_WHEEL_MASK (M6E_WHEEL_SLOTS - 1)

uint32_t m6e_bc_hash(const struct m6e_bcache *bc, const m6_addr6 *a);
/* Puts binding i in the wheel for a lifetime starting at now_ms (sets
 * expiry_s, lifetime_s and the refresh time). */
void m6e_bc_wheel_schedule(struct m6e_bcache *bc, uint32_t i, uint32_t lifetime_s, uint64_t now_ms);
void m6e_bc_wheel_unlink(struct m6e_bcache *bc, uint32_t i);
/* The second binding i is in the wheel for. */
uint32_t m6e_bc_wheel_due(const struct m6e_bcache *bc, const struct m6e_binding *b);

#endif
