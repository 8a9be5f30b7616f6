/* linkfault_check.c - what a link fault may be (linkfault.h): every field
 * checked, the fields a kind does not use zero, so that a request from a
 * process without root (fault_channel.h) is taken only when it is whole. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "linkfault.h"
#include "topo.h"

static bool documentation_prefix(const uint8_t a[16])
{
	return a[0] == 0x20 && a[1] == 0x01 && a[2] == 0x0d && a[3] == 0xb8;
}

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

int m6h_linkfault_check(const struct m6h_linkfault *f, int n_links, char *err, size_t errlen)
{
	const char *why = NULL;

	if (f->lane < 0 || f->lane >= M6H_LANES_MAX)
		snprintf(err, errlen, "lane %d: 0 to %d", (int)f->lane, M6H_LANES_MAX - 1);
	else if (n_links < 1 || n_links > M6H_TOPO_LINKS || f->link < 0 || f->link >= n_links)
		snprintf(err, errlen, "link %d: the network has links 0 to %d", (int)f->link,
			 (n_links < 1 ? 1 : n_links > M6H_TOPO_LINKS ? M6H_TOPO_LINKS : n_links) - 1);
	else if (f->kind < M6H_FAULT_DOWN || f->kind > M6H_FAULT_DELAY)
		snprintf(err, errlen, "unknown fault kind %d", (int)f->kind);
	else if (f->dir < M6H_DIR_BOTH || f->dir > M6H_DIR_FROM_IUT)
		snprintf(err, errlen, "unknown direction %d", (int)f->dir);
	else if (f->has_addr != 0 && f->has_addr != 1)
		snprintf(err, errlen, "bad address flag %d", (int)f->has_addr);
	else if (f->has_addr && !documentation_prefix(f->addr))
		snprintf(err, errlen, "only addresses in 2001:db8::/32");
	else if (!f->has_addr && !all_zero(f->addr, sizeof f->addr))
		snprintf(err, errlen, "an address without the address flag");
	else if (f->kind == M6H_FAULT_LOSS && (f->pct < 0 || f->pct > 100))
		snprintf(err, errlen, "loss of %d%%: 0 to 100", (int)f->pct);
	else if (f->kind == M6H_FAULT_DELAY && (f->ms < 1 || f->ms > M6H_FAULT_MAX_MS))
		snprintf(err, errlen, "delay of %d ms: 1 to %d", (int)f->ms, M6H_FAULT_MAX_MS);
	else if (f->kind != M6H_FAULT_LOSS && (f->pct || f->has_addr))
		why = "a percentage and an address are for loss only";
	else if (f->kind != M6H_FAULT_DELAY && f->ms)
		why = "milliseconds are for delay only";
	else if (f->kind == M6H_FAULT_DOWN && f->dir != M6H_DIR_BOTH)
		why = "a link goes down both ways";
	else
		return 0;
	if (why)
		snprintf(err, errlen, "%s", why);
	return -1;
}

int m6h_linkfault_set_addr(struct m6h_linkfault *f, const char *text)
{
	uint8_t a[16];

	if (inet_pton(AF_INET6, text, a) != 1 || !documentation_prefix(a))
		return -1;
	memcpy(f->addr, a, sizeof a);
	f->has_addr = 1;
	return 0;
}
