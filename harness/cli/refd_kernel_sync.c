/* refd_kernel_sync.c - the kernel follows the binding cache, one home
 * address at a time (refd_kernel.h): its tunnel, the care-of addresses
 * it may reverse tunnel from, the addresses proxied for it. */
#include <stdio.h>
#include <string.h>

#include "refd_kernel_internal.h"

static bool same(const m6_addr6 *x, const m6_addr6 *y)
{
	return !memcmp(x, y, sizeof *x);
}

static struct kernel_entry *find(struct refd_kernel *k, uint8_t kind, const m6_addr6 *a, const m6_addr6 *b)
{
	for (size_t i = 0; i < k->n_entries; i++) {
		struct kernel_entry *en = &k->entries[i];
		if (en->kind == kind && same(&en->a, a) && (!b || same(&en->b, b)))
			return en;
	}
	return NULL;
}

static void remember(struct refd_kernel *k, uint8_t kind, const m6_addr6 *a, const m6_addr6 *b)
{
	if (k->n_entries == KERNEL_MAX_INSTALLED) {
		fprintf(stderr, "mip6kit refd: kernel: more than %d entries, one is not tracked\n",
			KERNEL_MAX_INSTALLED);
		return;
	}
	static const m6_addr6 none;
	k->entries[k->n_entries++] = (struct kernel_entry){ .kind = kind, .a = *a, .b = b ? *b : none };
}

static void forget(struct refd_kernel *k, struct kernel_entry *en)
{
	*en = k->entries[--k->n_entries];
}

static void text(const m6_addr6 *a, char out[INET6_ADDRSTRLEN + 4], bool host_route)
{
	inet_ntop(AF_INET6, a->a, out, INET6_ADDRSTRLEN);
	if (host_route)
		strcat(out, "/128");
}

/* The home address into the tunnel entry point, and from there to coa
 * (NULL: no tunnel). */
static int set_tunnel(struct refd_kernel *k, const m6_addr6 *hoa, const m6_addr6 *coa)
{
	char h[INET6_ADDRSTRLEN + 4], c[INET6_ADDRSTRLEN + 4];

	text(hoa, h, true);
	if (!coa) {
		int rc = KCMD("ip", "-6", "route", "del", h, "table", KERNEL_TUNNEL_TABLE);
		return KCMD("ip", "-6", "route", "del", h, "dev", KERNEL_ENTRY_IF) | rc;
	}
	text(coa, c, false);
	if (KCMD("ip", "-6", "route", "replace", h, "encap", "seg6", "mode", "encap.red", "segs", c, "dev", k->home_if,
		 "table", KERNEL_TUNNEL_TABLE, "proto", KERNEL_RTPROTO))
		return -1;
	return KCMD("ip", "-6", "route", "replace", h, "via", KERNEL_EXIT_HOP, "dev", KERNEL_ENTRY_IF, "proto",
		    KERNEL_RTPROTO);
}

/* The nft set holds (care-of address, inner source) as the packet shows
 * them: the inner source as a 128-bit number. */
static int set_reverse(const m6_addr6 *hoa, const m6_addr6 *coa, bool on)
{
	char c[INET6_ADDRSTRLEN + 4], element[160];
	int n = 0;

	text(coa, c, false);
	n += snprintf(element + n, sizeof element - (size_t)n, "{ %s . 0x", c);
	for (int i = 0; i < 16; i++)
		n += snprintf(element + n, sizeof element - (size_t)n, "%02x", hoa->a[i]);
	snprintf(element + n, sizeof element - (size_t)n, " }");
	return KCMD("nft", on ? "add" : "delete", "element", "ip6", KERNEL_NFT_TABLE, "reverse", element);
}

static int set_proxy(struct refd_kernel *k, const m6_addr6 *a, bool on)
{
	char t[INET6_ADDRSTRLEN + 4];

	text(a, t, false);
	return KCMD("ip", "-6", "neigh", on ? "add" : "del", "proxy", t, "dev", k->home_if);
}

/* Which care-of address carries the home address's packets: the highest
 * BID away from home with an IPv6 care-of address (refd's engine takes the
 * lowest by default: the cases must hold for any choice). */
static const struct m6e_binding *tunnel_binding(const struct m6e_bcache *bc, const struct m6e_home *home)
{
	const struct m6e_binding *best = NULL;

	for (const struct m6e_binding *b = home ? m6e_bc_first(bc, home) : NULL; b; b = m6e_bc_next(bc, b))
		if ((b->flags & M6E_BF_HOME_REG) && !(b->flags & M6E_BF_AT_HOME) && !b->coa_v4 &&
		    (!best || b->bid > best->bid))
			best = b;
	return best;
}

static bool reverse_bound(const struct m6e_bcache *bc, const struct m6e_home *home, const m6_addr6 *coa)
{
	for (const struct m6e_binding *b = home ? m6e_bc_first(bc, home) : NULL; b; b = m6e_bc_next(bc, b))
		if ((b->flags & M6E_BF_HOME_REG) && !b->coa_v4 && same(&b->coa, coa))
			return true;
	return false;
}

static void sync_tunnel(struct refd_kernel *k, const struct m6e_bcache *bc, const struct m6e_home *home,
			const m6_addr6 *hoa)
{
	const struct m6e_binding *b = tunnel_binding(bc, home);
	struct kernel_entry *en = find(k, KERNEL_TUNNEL, hoa, NULL);

	if (b && (!en || !same(&en->b, &b->coa)) && set_tunnel(k, hoa, &b->coa) == 0) {
		if (en)
			en->b = b->coa;
		else
			remember(k, KERNEL_TUNNEL, hoa, &b->coa);
	} else if (!b && en) {
		set_tunnel(k, hoa, NULL);
		forget(k, en);
	}
}

static void sync_reverse(struct refd_kernel *k, const struct m6e_bcache *bc, const struct m6e_home *home,
			 const m6_addr6 *hoa)
{
	for (size_t i = 0; i < k->n_entries; i++) {
		struct kernel_entry *en = &k->entries[i];
		if (en->kind == KERNEL_REVERSE && same(&en->a, hoa) && !reverse_bound(bc, home, &en->b)) {
			set_reverse(hoa, &en->b, false);
			forget(k, en);
			i--;
		}
	}
	for (const struct m6e_binding *b = home ? m6e_bc_first(bc, home) : NULL; b; b = m6e_bc_next(bc, b))
		if ((b->flags & M6E_BF_HOME_REG) && !b->coa_v4 && !find(k, KERNEL_REVERSE, hoa, &b->coa) &&
		    set_reverse(hoa, &b->coa, true) == 0)
			remember(k, KERNEL_REVERSE, hoa, &b->coa);
}

static void sync_proxy(struct refd_kernel *k, const struct m6e_engine *e, const m6_addr6 *a)
{
	struct kernel_entry *en = find(k, KERNEL_PROXY, a, NULL);
	bool want = m6e_proxies(e, a);

	if (want && !en && set_proxy(k, a, true) == 0)
		remember(k, KERNEL_PROXY, a, NULL);
	else if (!want && en) {
		set_proxy(k, a, false);
		forget(k, en);
	}
}

static void sync_hoa(struct refd_kernel *k, const struct m6e_engine *e, const m6_addr6 *hoa)
{
	const struct m6e_bcache *bc = m6e_cache(e);
	const struct m6e_home *home = m6e_bc_home(bc, hoa);
	/* s10.4.1: the link-local address with the home address's interface identifier */
	m6_addr6 link_local = { .a = { 0xfe, 0x80 } };

	memcpy(link_local.a + 8, hoa->a + 8, 8);
	sync_tunnel(k, bc, home, hoa);
	sync_reverse(k, bc, home, hoa);
	sync_proxy(k, e, hoa);
	sync_proxy(k, e, &link_local);
}

void refd_kernel_note(struct refd_kernel *k, const struct m6e_event *ev)
{
	if (!k || (ev->kind != M6E_EV_ADDED && ev->kind != M6E_EV_UPDATED && ev->kind != M6E_EV_REMOVED &&
		   ev->kind != M6E_EV_EXPIRED))
		return;
	for (size_t i = 0; i < k->n_pending; i++)
		if (same(&k->pending[i], &ev->hoa))
			return;
	if (k->n_pending < KERNEL_MAX_PENDING)
		k->pending[k->n_pending++] = ev->hoa;
	else
		k->sync_all = true;
}

void refd_kernel_sync(struct refd_kernel *k, const struct m6e_engine *e)
{
	if (!k)
		return;
	for (size_t i = 0; i < k->n_pending; i++)
		sync_hoa(k, e, &k->pending[i]);
	k->n_pending = 0;
	if (!k->sync_all)
		return;
	k->sync_all = false;
	/* every home address the kernel holds something for; an entry may
	 * go while its address is synced, so walk a copy of the addresses */
	static m6_addr6 held[KERNEL_MAX_INSTALLED];
	size_t n = 0;
	for (size_t i = 0; i < k->n_entries; i++)
		if (k->entries[i].kind != KERNEL_PROXY)
			held[n++] = k->entries[i].a;
	for (size_t i = 0; i < n; i++)
		sync_hoa(k, e, &held[i]);
}
