/*
 * linkfault.h - faults on a link of the test network (topo.h), made and
 * removed by the tool like the rest of it:
 *
 * Names are those of lane 0 (topo.h); another lane's tester ends are
 * m6kL-tK, its chains lL_tK_..., its delay taps m6kL-dK.
 *
 *   down   the tester's end m6k-tK down: the IUT's end m6k-iK loses carrier
 *   loss   PCT percent of the frames lost in one direction or both, by an
 *          nftables rule in table "netdev m6k_faults" on the tester's end:
 *          towards the IUT in the egress hook of m6k-tK (chain l0_tK_to_iut,
 *          "fwd to" tap m6k-sink, which nobody reads: a drop there would
 *          be an error for the sender), from the IUT in its ingress hook
 *          (chain l0_tK_from_iut, "drop"); with an
 *          address, only the packets from it (towards the IUT) or to it
 *          (from the IUT): one care-of address dies, the others live.
 *          Packet taps (libpcap, tcpdump) see an arriving frame before the
 *          ingress hook, so the tester's capture still sees what the IUT
 *          sends to a dead care-of address: it can count it.
 *   delay  MS milliseconds added to every frame in one direction or both
 *          (linkdelay.h: the kernel here has no netem).
 *
 * Only the network's own interfaces, and only addresses in 2001:db8::/32.
 * m6h_topo_down() clears every fault first (a table left by a killed run
 * would hook the next run's interfaces of the same names again).
 */
#ifndef M6H_LINKFAULT_H
#define M6H_LINKFAULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define M6H_FAULT_TABLE "m6k_faults" /* family netdev */
#define M6H_FAULT_MAX_MS 10000

enum m6h_fault_kind { M6H_FAULT_DOWN = 1, M6H_FAULT_LOSS, M6H_FAULT_DELAY };
enum m6h_fault_dir { M6H_DIR_BOTH = 0, M6H_DIR_TO_IUT, M6H_DIR_FROM_IUT };

/* Plain fixed-size data: it also travels as a request (fault_channel.h). */
struct m6h_linkfault {
	int32_t lane;     /* the test network (topo.h); a run's fault service sets its own */
	int32_t link;     /* 0 (home) to M6H_TOPO_LINKS - 1 */
	int32_t kind;     /* enum m6h_fault_kind */
	int32_t dir;      /* enum m6h_fault_dir; loss and delay */
	int32_t pct;      /* loss: 0 to 100 */
	int32_t ms;       /* delay: 1 to M6H_FAULT_MAX_MS */
	int32_t has_addr; /* loss: only packets from/to addr */
	uint8_t addr[16]; /* in 2001:db8::/32 */
};

/* What applying a fault made, to take exactly that away again (the rules
 * of one case, not those of another on the same link). */
struct m6h_linkfault_undo {
	struct m6h_linkfault f;
	uint64_t handle[2]; /* loss: the rules' nftables handles (to-iut, from-iut; 0: none) */
};

/* Checks every field of f against a network of n_links links; 0, or -1
 * with the reason in err. */
int m6h_linkfault_check(const struct m6h_linkfault *f, int n_links, char *err, size_t errlen);

/* "2001:db8:2::5" into f->addr (has_addr set); -1 when it is not an IPv6
 * address in 2001:db8::/32. */
int m6h_linkfault_set_addr(struct m6h_linkfault *f, const char *text);

/* Applies f (checked first, against the links that exist); undo, when
 * not NULL, receives what it made. Returns 0, or -1 with one line in err. */
int m6h_linkfault_apply(const struct m6h_linkfault *f, struct m6h_linkfault_undo *undo, char *err,
			size_t errlen);

/* Takes away what one m6h_linkfault_apply made. Returns 0, or -1 with err. */
int m6h_linkfault_undo(const struct m6h_linkfault_undo *u, char *err, size_t errlen);

/* Every fault on link k of a lane gone: its rules, its delays, its end up again. */
void m6h_linkfault_clear(int lane, int k);

/* Every fault of a lane's links gone (its network is about to go). */
void m6h_linkfault_clear_lane(int lane);

/* Every fault of every link gone, the table too (even with no network). */
void m6h_linkfault_clear_all(void);

#endif
