/* dad.c - the home agent's Duplicate Address Detection probes (dad.h). */
#include <string.h>

#include "dad.h"


void m6e_dad_clear(struct m6e_dad *d)
{
	for (unsigned i = 0; i < M6E_DAD_SLOTS; i++)
		d->slot[i].used = false;
}

struct m6e_dad_slot *m6e_dad_find(struct m6e_dad *d, const m6_addr6 *hoa)
{
	for (unsigned i = 0; i < M6E_DAD_SLOTS; i++)
		if (d->slot[i].used && !memcmp(&d->slot[i].hoa, hoa, sizeof *hoa))
			return &d->slot[i];
	return NULL;
}

struct m6e_dad_slot *m6e_dad_park(struct m6e_dad *d, const m6_addr6 *hoa, bool link_local,
				  const uint8_t *pkt, size_t len, uint8_t link, uint64_t due_ms)
{
	if (len > M6E_DAD_PKT_MAX)
		return NULL;
	for (unsigned i = 0; i < M6E_DAD_SLOTS; i++) {
		struct m6e_dad_slot *s = &d->slot[i];
		if (s->used)
			continue;
		s->used = true;
		s->defended = false;
		s->link_local = link_local;
		s->link = link;
		s->hoa = *hoa;
		s->due_ms = due_ms;
		s->len = (uint16_t)len;
		memcpy(s->pkt, pkt, len);
		return s;
	}
	return NULL;
}

void m6e_dad_link_local(const m6_addr6 *addr, m6_addr6 *out)
{
	memset(out->a, 0, 8);
	out->a[0] = 0xfe;
	out->a[1] = 0x80;
	memcpy(out->a + 8, addr->a + 8, 8);
}

bool m6e_dad_heard(struct m6e_dad *d, const m6_addr6 *target)
{
	bool hit = false;

	for (unsigned i = 0; i < M6E_DAD_SLOTS; i++) {
		struct m6e_dad_slot *s = &d->slot[i];
		m6_addr6 ll;
		if (!s->used)
			continue;
		m6e_dad_link_local(&s->hoa, &ll);
		if (!memcmp(&s->hoa, target, sizeof *target) ||
		    (s->link_local && !memcmp(&ll, target, sizeof *target))) {
			s->defended = true;
			hit = true;
		}
	}
	return hit;
}

struct m6e_dad_slot *m6e_dad_due(struct m6e_dad *d, uint64_t now_ms)
{
	struct m6e_dad_slot *first = NULL;

	for (unsigned i = 0; i < M6E_DAD_SLOTS; i++) {
		struct m6e_dad_slot *s = &d->slot[i];
		if (s->used && s->due_ms <= now_ms && (!first || s->due_ms < first->due_ms))
			first = s;
	}
	return first;
}

int m6e_dad_build_ns(const m6_addr6 *target, uint8_t *out, size_t cap)
{
	/* RFC 4291 s2.7.1: ff02::1:ff00:0/104 and the low 24 bits of target */
	struct m6_pkt_spec spec = { .hlim = 255 };
	struct m6_nd ns = { .type = M6_ICMP6_NS, .target = *target };

	memcpy(spec.dst.a, "\xff\x02\0\0\0\0\0\0\0\0\0\x01\xff", 13);
	memcpy(spec.dst.a + 13, target->a + 13, 3);
	/* RFC 4861 s4.3: Reserved (32 bits), Target Address; RFC 4862 s5.4.2:
	 * no Source Link-Layer Address option from the unspecified address */
	return m6_nd_encode(&spec, &ns, NULL, out, cap);
}
