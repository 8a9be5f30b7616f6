/* bcache_wheel.c - binding lifetimes on a timing wheel: one slot per
 * second, a doubly linked list of the bindings due in it, and a bitmap of
 * the slots in use so that a tick skips empty seconds 64 at a time. */
#include "bcache_internal.h"

uint32_t m6e_bc_wheel_due(const struct m6e_bcache *bc, const struct m6e_binding *b)
{
	return b->refresh_due ? b->expiry_s - bc->lim.refresh_lead_s : b->expiry_s;
}

static void wheel_link(struct m6e_bcache *bc, uint32_t i, uint32_t due)
{
	uint32_t slot = due & M6E_WHEEL_MASK;
	uint32_t head = bc->wheel[slot];

	bc->b[i].wheel_prev = 0;
	bc->b[i].wheel_next = head;
	if (head)
		bc->b[head].wheel_prev = i;
	bc->wheel[slot] = i;
	bc->wheel_used[slot / 64] |= 1ull << (slot % 64);
	bc->n_wheel++;
}

void m6e_bc_wheel_unlink(struct m6e_bcache *bc, uint32_t i)
{
	struct m6e_binding *b = &bc->b[i];
	uint32_t slot = m6e_bc_wheel_due(bc, b) & M6E_WHEEL_MASK;

	if (b->wheel_prev)
		bc->b[b->wheel_prev].wheel_next = b->wheel_next;
	else
		bc->wheel[slot] = b->wheel_next;
	if (b->wheel_next)
		bc->b[b->wheel_next].wheel_prev = b->wheel_prev;
	if (!bc->wheel[slot])
		bc->wheel_used[slot / 64] &= ~(1ull << (slot % 64));
	b->wheel_prev = b->wheel_next = 0;
	bc->n_wheel--;
}

/* now_ms as a second of the wheel, rounded up (a lifetime is never cut
 * short) and never before the last tick. */
static uint32_t wheel_second(const struct m6e_bcache *bc, uint64_t now_ms)
{
	uint64_t s = now_ms > bc->base_ms ? (now_ms - bc->base_ms + 999) / 1000 : 0;

	if (s < bc->now_s)
		return bc->now_s;
	return s > UINT32_MAX - M6E_WHEEL_SLOTS ? UINT32_MAX - M6E_WHEEL_SLOTS : (uint32_t)s;
}

void m6e_bc_wheel_schedule(struct m6e_bcache *bc, uint32_t i, uint32_t lifetime_s, uint64_t now_ms)
{
	struct m6e_binding *b = &bc->b[i];
	uint32_t lead = bc->lim.refresh_lead_s;

	if (lifetime_s == 0)
		lifetime_s = 1;
	if (lifetime_s > M6E_WHEEL_SLOTS - 2)
		lifetime_s = M6E_WHEEL_SLOTS - 2;
	b->lifetime_s = lifetime_s;
	b->expiry_s = wheel_second(bc, now_ms) + lifetime_s;
	b->refresh_due = lead && lifetime_s > lead;
	wheel_link(bc, i, m6e_bc_wheel_due(bc, b));
}

uint32_t m6e_bc_remaining_s(const struct m6e_bcache *bc, const struct m6e_binding *b)
{
	return b->expiry_s > bc->now_s ? b->expiry_s - bc->now_s : 0;
}

/* Everything in the slot of second sec is due now: a binding at its
 * refresh time is reported and moved to its expiry; the others expire. */
static uint32_t run_slot(struct m6e_bcache *bc, uint32_t sec, m6e_bc_visit refresh,
			 m6e_bc_visit expired, void *ctx)
{
	uint32_t slot = sec & M6E_WHEEL_MASK, removed = 0, i;

	bc->now_s = sec;
	while ((i = bc->wheel[slot]) != 0) {
		struct m6e_binding *b = &bc->b[i];
		if (b->refresh_due) {
			m6e_bc_wheel_unlink(bc, i);
			b->refresh_due = 0;
			wheel_link(bc, i, b->expiry_s);
			if (refresh)
				refresh(ctx, bc, b);
		} else {
			if (expired)
				expired(ctx, bc, b);
			m6e_bc_remove(bc, b);
			removed++;
		}
	}
	return removed;
}

uint32_t m6e_bc_tick(struct m6e_bcache *bc, uint64_t now_ms, m6e_bc_visit refresh,
		     m6e_bc_visit expired, void *ctx)
{
	uint64_t target = now_ms > bc->base_ms ? (now_ms - bc->base_ms) / 1000 : 0;
	uint32_t removed = 0;

	if (target <= bc->now_s)
		return 0;
	if (target > UINT32_MAX - M6E_WHEEL_SLOTS)
		target = UINT32_MAX - M6E_WHEEL_SLOTS;
	/* Every binding is due within one turn of the wheel: a longer jump
	 * needs one turn of walking, not one per second. */
	uint32_t span = target - bc->now_s > M6E_WHEEL_SLOTS ? M6E_WHEEL_SLOTS
							     : (uint32_t)(target - bc->now_s);
	uint32_t sec = bc->now_s + 1;
	while (span > 0 && bc->n_bindings > 0) {
		uint32_t slot = sec & M6E_WHEEL_MASK, bit = slot % 64;
		uint32_t width = 64 - bit < span ? 64 - bit : span;
		uint64_t window = width == 64 ? ~0ull : (1ull << width) - 1;
		uint64_t used;
		/* re-read after each slot: a refresh may move a binding later
		 * into this same word */
		while ((used = (bc->wheel_used[slot / 64] >> bit) & window) != 0)
			removed += run_slot(bc, sec + (uint32_t)__builtin_ctzll(used), refresh,
					    expired, ctx);
		sec += width;
		span -= width;
	}
	bc->now_s = (uint32_t)target;
	return removed;
}
