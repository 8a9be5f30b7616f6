/* nonce.c - the correspondent node's rotating nonces (nonce.h). */
#include <string.h>

#include "nonce.h"


/* splitmix64: a small, well-mixed generator; the nonces need to be
 * unpredictable only to the peer, and the engine must be deterministic. */
static uint64_t next_random(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

void m6e_nonces_init(struct m6e_nonces *n, uint64_t period_ms, uint64_t lifetime_ms, uint64_t seed,
		     uint16_t first_index)
{
	/* Every nonce still acceptable must keep its slot: at most SLOTS of
	 * them may start within one lifetime (both ends included). */
	uint64_t min_period_ms = lifetime_ms / (M6E_NONCE_SLOTS - 1) + 1;

	memset(n, 0, sizeof *n);
	n->period_ms = period_ms < min_period_ms ? min_period_ms : period_ms;
	n->lifetime_ms = lifetime_ms;
	n->rng = seed;
	n->next_index = first_index;
}

static struct m6e_nonce *newest(struct m6e_nonces *n)
{
	return n->count ? &n->slot[(uint16_t)(n->next_index - 1) % M6E_NONCE_SLOTS] : NULL;
}

const struct m6e_nonce *m6e_nonce_current(struct m6e_nonces *n, uint64_t now_ms)
{
	struct m6e_nonce *cur = newest(n);

	if (cur && now_ms - cur->started_ms < n->period_ms)
		return cur;
	struct m6e_nonce *s = &n->slot[n->next_index % M6E_NONCE_SLOTS];
	uint64_t r = next_random(&n->rng);
	s->index = n->next_index++;
	s->started_ms = now_ms;
	memcpy(s->value, &r, M6E_NONCE_LEN);
	if (n->count < M6E_NONCE_SLOTS)
		n->count++;
	return s;
}

const struct m6e_nonce *m6e_nonce_find(const struct m6e_nonces *n, uint16_t index, uint64_t now_ms)
{
	/* Only the last `count` indices were issued and are still in their slots. */
	uint16_t age = (uint16_t)(n->next_index - 1 - index);
	if (!n->count || age >= n->count)
		return NULL;
	const struct m6e_nonce *s = &n->slot[index % M6E_NONCE_SLOTS];
	if (s->index != index || now_ms - s->started_ms > n->lifetime_ms)
		return NULL;
	return s;
}
