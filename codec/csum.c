/* csum.c - the MH checksum: Internet checksum (RFC 1071) over the IPv6
 * pseudo-header (RFC 8200 s8.1) and the MH with its Checksum field taken
 * as zero (RFC 6275 s6.1.1). On the decode hot path: it adds 32-bit words
 * in host order into a 64-bit accumulator and folds once; RFC 1071 s2(B)
 * makes the byte order a final swap. */
#include "internal.h"

static uint64_t sum_words(const uint8_t *p, size_t len, uint64_t acc)
{
	uint32_t w;
	uint16_t h;

	for (; len >= 16; p += 16, len -= 16) {
		uint32_t a, b, c, d;
		memcpy(&a, p, 4);
		memcpy(&b, p + 4, 4);
		memcpy(&c, p + 8, 4);
		memcpy(&d, p + 12, 4);
		acc += (uint64_t)a + b + c + d;
	}
	for (; len >= 4; p += 4, len -= 4) {
		memcpy(&w, p, 4);
		acc += w;
	}
	if (len >= 2) {
		memcpy(&h, p, 2);
		acc += h;
		p += 2;
		len -= 2;
	}
	if (len) { /* an odd last octet is the high half of a zero-padded word */
		uint8_t last[2] = { p[0], 0 };
		memcpy(&h, last, 2);
		acc += h;
	}
	return acc;
}

static uint16_t fold(uint64_t acc)
{
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return (uint16_t)acc;
}

/* A host-order 16-bit sum as the network-order value it stands for. */
static uint16_t to_network_order(uint16_t v)
{
	const uint16_t one = 1;
	uint8_t first;

	memcpy(&first, &one, 1);
	return first ? (uint16_t)(v << 8 | v >> 8) : v;
}

uint16_t m6_upper_checksum(const struct m6_pseudo *ps, uint8_t nxt, const uint8_t *data,
			   size_t len, size_t csum_off)
{
	uint8_t tail[8] = { 0 };
	uint64_t acc = 0;

	/* Pseudo-header: addresses, 32-bit length, three zero octets, nxt. */
	tail[0] = (uint8_t)(len >> 24);
	tail[1] = (uint8_t)(len >> 16);
	tail[2] = (uint8_t)(len >> 8);
	tail[3] = (uint8_t)len;
	tail[7] = nxt;
	acc = sum_words(ps->src.a, 16, acc);
	acc = sum_words(ps->dst.a, 16, acc);
	acc = sum_words(tail, 8, acc);
	acc = sum_words(data, len, acc);
	/* Take the stored Checksum back out: it counts as zero. Summing in
	 * host order, its place in a 16-bit word depends on csum_off's parity. */
	if (csum_off + 2 <= len) {
		uint8_t w[4] = { 0 };
		memcpy(w + (csum_off & 1), data + csum_off, 2);
		uint32_t stored;
		memcpy(&stored, w, 4);
		acc += 0xffffffffull - stored; /* ones-complement subtraction */
	}
	return (uint16_t)~to_network_order(fold(acc));
}

uint16_t m6_mh_checksum(const struct m6_pseudo *ps, const uint8_t *mh, size_t len)
{
	return m6_upper_checksum(ps, M6_IPPROTO_MH, mh, len, 4);
}
