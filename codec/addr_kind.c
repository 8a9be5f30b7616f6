/* addr_kind.c - what kind of IPv6 address (m6codec.h; RFC 4291 s2.4). */
#include <string.h>

#include "m6codec.h"

bool m6_addr_unspecified(const m6_addr6 *a)
{
	static const m6_addr6 zero;
	return !memcmp(a, &zero, sizeof zero);
}

bool m6_addr_link_local(const m6_addr6 *a)
{
	return a->a[0] == 0xfe && (a->a[1] & 0xc0) == 0x80; /* fe80::/10 */
}

bool m6_addr_multicast(const m6_addr6 *a)
{
	return a->a[0] == 0xff; /* ff00::/8 */
}
