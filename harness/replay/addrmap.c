/* addrmap.c - capture addresses into the test network (addrmap.h). */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "addrmap.h"

void m6r_addrmap_init(struct m6r_addrmap *m, const m6_addr6 *iut_from, const m6_addr6 *iut_to, bool keep)
{
	memset(m, 0, sizeof *m);
	m->keep = keep;
	m->iut_from = *iut_from;
	m->iut_to = *iut_to;
	m->n = 1; /* the home prefix: the IUT's /64 */
	memcpy(m->from[0].a, iut_from->a, 8);
	memcpy(m->to[0].a, iut_to->a, 8);
}

bool m6r_documentation(const m6_addr6 *a)
{
	static const uint8_t doc[4] = { 0x20, 0x01, 0x0d, 0xb8 };
	return !memcmp(a->a, doc, 4);
}

/* Addresses that are not a node's global unicast address stay. */
static bool fixed(const m6_addr6 *a)
{
	return m6_addr_multicast(a) || m6_addr_link_local(a) || m6_addr_unspecified(a);
}

static bool taken(const struct m6r_addrmap *m, const m6_addr6 *prefix)
{
	for (int i = 0; i < m->n; i++)
		if (!memcmp(m->to[i].a, prefix->a, 8))
			return true;
	return false;
}

/* Where a new prefix goes: a documentation prefix no other prefix has
 * taken stays where it is (a capture of the test network maps onto
 * itself); any other goes to the first free 2001:db8:K::/64, K from 2. */
static void next_free(const struct m6r_addrmap *m, const m6_addr6 *a, m6_addr6 *to)
{
	static const uint8_t doc[4] = { 0x20, 0x01, 0x0d, 0xb8 };

	memset(to, 0, sizeof *to);
	memcpy(to->a, a->a, 8);
	if (m6r_documentation(a) && !taken(m, to))
		return;
	memcpy(to->a, doc, 4);
	memset(to->a + 4, 0, 4);
	for (unsigned k = 2; k < 0xffff; k++) {
		to->a[4] = (uint8_t)(k >> 8);
		to->a[5] = (uint8_t)k;
		if (!taken(m, to))
			return;
	}
}

void m6r_addrmap_apply(m6_addr6 *a, void *arg)
{
	struct m6r_addrmap *m = arg;

	if (m->keep || fixed(a))
		return;
	if (!memcmp(a, &m->iut_from, sizeof *a)) {
		*a = m->iut_to;
		return;
	}
	int i = 0;
	while (i < m->n && memcmp(m->from[i].a, a->a, 8))
		i++;
	if (i == m->n) {
		if (m->n == M6R_PREFIXES) {
			m->full = true;
			return;
		}
		memcpy(m->from[i].a, a->a, 8);
		next_free(m, a, &m->to[i]);
		m->n++;
	}
	memcpy(a->a, m->to[i].a, 8);
}

void m6r_addrmap_describe(const struct m6r_addrmap *m, char *out, size_t cap)
{
	char f[INET6_ADDRSTRLEN], t[INET6_ADDRSTRLEN];
	size_t used = 0;

	out[0] = '\0';
	if (m->keep) {
		snprintf(out, cap, "addresses kept as captured (--keep-addresses)\n");
		return;
	}
	inet_ntop(AF_INET6, m->iut_from.a, f, sizeof f);
	inet_ntop(AF_INET6, m->iut_to.a, t, sizeof t);
	used += (size_t)snprintf(out + used, cap - used, "%-40s -> %s (the IUT)\n", f, t);
	for (int i = 0; i < m->n && used < cap; i++) {
		inet_ntop(AF_INET6, m->from[i].a, f, sizeof f);
		inet_ntop(AF_INET6, m->to[i].a, t, sizeof t);
		used += (size_t)snprintf(out + used, cap - used, "%-40s -> %s/64%s\n", strcat(f, "/64"), t,
					 i == 0 ? " (home prefix)" : "");
	}
	if (m->full && used < cap)
		snprintf(out + used, cap - used, "more than %d prefixes: the rest kept as captured\n", M6R_PREFIXES);
}
