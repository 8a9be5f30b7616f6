/* csum.c - the MH checksum: Internet checksum (RFC 1071) over the IPv6
 * pseudo-header (RFC 8200 s8.1) and the MH with its Checksum field taken
 * as zero (RFC 6275 s6.1.1). On the decode hot path, so it sums 32-bit
 * big-endian words into a 64-bit accumulator and folds once. */
#include "internal.h"

static uint64_t sum_be32(const uint8_t *p, size_t len, uint64_t acc)
{
	struct m6_rd r;

	m6_rd_init(&r, p, len);
	while (m6_rd_left(&r) >= 4)
		acc += m6_rd_be32(&r);
	if (m6_rd_left(&r) >= 2)
		acc += (uint64_t)m6_rd_be16(&r) << 16;
	if (m6_rd_left(&r) == 1)
		acc += (uint64_t)m6_rd_u8(&r) << 8; /* the high octet of a last, odd word */
	return acc;
}

static uint16_t fold(uint64_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)acc;
}

uint16_t m6_mh_checksum(const struct m6_pseudo *ps, const uint8_t *mh, size_t len)
{
	uint64_t acc = 0;

	acc = sum_be32(ps->src.a, 16, acc);
	acc = sum_be32(ps->dst.a, 16, acc);
	acc += (uint64_t)len + M6_IPPROTO_MH;
	acc = sum_be32(mh, len, acc);
	/* Take the stored Checksum (octets 4-5) back out: it counts as zero. */
	if (len >= 6) {
		struct m6_rd r;
		m6_rd_init(&r, mh + 4, 2);
		acc += 0xffff - m6_rd_be16(&r); /* ones-complement subtraction */
	}
	return (uint16_t)~fold(acc);
}
