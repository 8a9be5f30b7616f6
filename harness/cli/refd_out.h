/*
 * refd_out.h - where and when `mip6kit refd` sends what its engine
 * produces: the link and MAC address of the destination (learned from the
 * frames received, as a neighbor cache would; multicast by RFC 2464 s7),
 * and after how long (--reply-delay: a uniform pseudo-random delay, in
 * order per destination).
 */
#ifndef M6H_REFD_OUT_H
#define M6H_REFD_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "m6codec.h"

#define REFD_NEIGHBORS 64
#define REFD_QUEUE 256
#define REFD_FRAME_MAX (2048 + 14)

struct refd_neighbor {
	m6_addr6 addr;
	uint8_t mac[6];
	uint8_t link;
	bool used;
};

struct refd_frame {
	uint64_t due_ms;
	uint64_t order;      /* queued this many frames after the first */
	m6_addr6 dst;        /* IPv6 destination: frames to one go in order */
	uint16_t len;
	uint8_t link;
	uint8_t bytes[REFD_FRAME_MAX];
};

struct refd_out {
	struct refd_neighbor nb[REFD_NEIGHBORS];
	unsigned nb_next;    /* the entry replaced next when all are used */
	uint32_t delay_min_ms, delay_max_ms;
	uint64_t rng;
	uint64_t queued;
	unsigned n;
	struct refd_frame q[REFD_QUEUE];
};

void refd_out_init(struct refd_out *o, uint32_t delay_min_ms, uint32_t delay_max_ms, uint64_t seed);

/* A frame came from mac on link with IPv6 source src: replies to src go there. */
void refd_out_learn(struct refd_out *o, const m6_addr6 *src, const uint8_t mac[6], int link);

/* Where a packet to dst goes: a multicast address (ff00::/8) to
 * 33:33:dst[12..15] on link 0 (the home link), a learned address where
 * it was learned; else false (the caller uses the frame being answered). */
bool refd_out_route(const struct refd_out *o, const m6_addr6 *dst, uint8_t mac[6], int *link);

/* Is a --reply-delay in force (else frames leave at once)? */
bool refd_out_delayed(const struct refd_out *o);

/* Queues frame[0..len) for link, to leave at now + a drawn delay but not
 * before a frame queued earlier for the same dst. false: the queue is
 * full or the frame too long (it is not sent). */
bool refd_out_queue(struct refd_out *o, const m6_addr6 *dst, int link, const uint8_t *frame,
		    size_t len, uint64_t now_ms);

/* The frame due first if it is due at now_ms (the caller sends it, then
 * calls refd_out_pop), else NULL. */
const struct refd_frame *refd_out_next_due(const struct refd_out *o, uint64_t now_ms);
void refd_out_pop(struct refd_out *o, const struct refd_frame *f);

/* Milliseconds until the next frame is due (at most cap_ms). */
int refd_out_wait_ms(const struct refd_out *o, uint64_t now_ms, int cap_ms);

#endif
