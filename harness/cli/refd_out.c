/* refd_out.c - where and when refd's replies go (refd_out.h). */
#include <string.h>

#include "refd_out.h"

void refd_out_init(struct refd_out *o, uint32_t delay_min_ms, uint32_t delay_max_ms, uint64_t seed)
{
	memset(o->nb, 0, sizeof o->nb);
	o->nb_next = 0;
	o->delay_min_ms = delay_min_ms;
	o->delay_max_ms = delay_max_ms;
	o->rng = seed * 0x9e3779b97f4a7c15ull + 0x632be59bd9b4e019ull; /* never 0 for small seeds */
	o->queued = 0;
	o->n = 0;
}

void refd_out_learn(struct refd_out *o, const m6_addr6 *src, const uint8_t mac[6], int link)
{
	struct refd_neighbor *slot = NULL;

	for (unsigned i = 0; i < REFD_NEIGHBORS && !slot; i++)
		if (o->nb[i].used && !memcmp(&o->nb[i].addr, src, sizeof *src))
			slot = &o->nb[i];
	for (unsigned i = 0; i < REFD_NEIGHBORS && !slot; i++)
		if (!o->nb[i].used)
			slot = &o->nb[i];
	if (!slot) {
		slot = &o->nb[o->nb_next];
		o->nb_next = (o->nb_next + 1) % REFD_NEIGHBORS;
	}
	slot->used = true;
	slot->addr = *src;
	memcpy(slot->mac, mac, 6);
	slot->link = (uint8_t)link;
}

bool refd_out_route(const struct refd_out *o, const m6_addr6 *dst, uint8_t mac[6], int *link)
{
	if (dst->a[0] == 0xff) {
		mac[0] = mac[1] = 0x33;
		memcpy(mac + 2, dst->a + 12, 4);
		*link = 0;
		return true;
	}
	for (unsigned i = 0; i < REFD_NEIGHBORS; i++)
		if (o->nb[i].used && !memcmp(&o->nb[i].addr, dst, sizeof *dst)) {
			memcpy(mac, o->nb[i].mac, 6);
			*link = o->nb[i].link;
			return true;
		}
	return false;
}

bool refd_out_delayed(const struct refd_out *o)
{
	return o->delay_max_ms > 0;
}

/* xorshift64*: the same --seed, the same delays. */
static uint64_t next_random(struct refd_out *o)
{
	o->rng ^= o->rng >> 12;
	o->rng ^= o->rng << 25;
	o->rng ^= o->rng >> 27;
	return o->rng * 0x2545f4914f6cdd1dull;
}

bool refd_out_queue(struct refd_out *o, const m6_addr6 *dst, int link, const uint8_t *frame,
		    size_t len, uint64_t now_ms)
{
	if (o->n == REFD_QUEUE || len > REFD_FRAME_MAX)
		return false;
	uint32_t span = o->delay_max_ms - o->delay_min_ms + 1;
	uint64_t due = now_ms + o->delay_min_ms + next_random(o) % span;
	for (unsigned i = 0; i < o->n; i++)
		if (!memcmp(&o->q[i].dst, dst, sizeof *dst) && o->q[i].due_ms > due)
			due = o->q[i].due_ms; /* in order per destination */
	struct refd_frame *f = &o->q[o->n++];
	f->due_ms = due;
	f->order = o->queued++;
	f->dst = *dst;
	f->link = (uint8_t)link;
	f->len = (uint16_t)len;
	memcpy(f->bytes, frame, len);
	return true;
}

/* The earliest due, the earliest queued among equals. */
static const struct refd_frame *first(const struct refd_out *o)
{
	const struct refd_frame *best = NULL;

	for (unsigned i = 0; i < o->n; i++) {
		const struct refd_frame *f = &o->q[i];
		if (!best || f->due_ms < best->due_ms || (f->due_ms == best->due_ms && f->order < best->order))
			best = f;
	}
	return best;
}

const struct refd_frame *refd_out_next_due(const struct refd_out *o, uint64_t now_ms)
{
	const struct refd_frame *f = first(o);
	return f && f->due_ms <= now_ms ? f : NULL;
}

void refd_out_pop(struct refd_out *o, const struct refd_frame *f)
{
	size_t i = (size_t)(f - o->q);

	if (i >= o->n)
		return;
	o->q[i] = o->q[--o->n];
}

int refd_out_wait_ms(const struct refd_out *o, uint64_t now_ms, int cap_ms)
{
	const struct refd_frame *f = first(o);

	if (!f)
		return cap_ms;
	if (f->due_ms <= now_ms)
		return 0;
	uint64_t left = f->due_ms - now_ms;
	return left < (uint64_t)cap_ms ? (int)left : cap_ms;
}
