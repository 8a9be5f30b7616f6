/* engine_internal.h - the engine's state and what its files share. */
#ifndef M6E_ENGINE_INTERNAL_H
#define M6E_ENGINE_INTERNAL_H

#include "dad.h"
#include "engine.h"
#include "reply.h"
#include "rr_cn.h"

#define M6E_OUT_MAX 2048 /* one reply: a BA with 16 BIDs, or an ICMPv6 error (<= 1280) */

struct m6e_engine {
	struct m6e_config cfg;      /* its policy as set by m6e_set_policy */
	struct m6e_policy configured; /* the policy m6e_new was given */
	struct m6e_bcache bc;
	struct m6e_rr rr;
	struct m6_pkt pkt;          /* m6e_receive_frame's decode */
	struct m6_diags verdicts;   /* m6_validate's, per packet */
	struct m6e_dad dad;         /* BUs parked for Duplicate Address Detection */
	struct m6_pkt dad_pkt;      /* a parked BU decoded again when its time comes */
	uint8_t out[M6E_OUT_MAX];
};

/* What a received MH packet says about its addresses (RFC 6275 s9.5.1):
 * the home address is the Home Address option's or the source; the
 * care-of address the Alternate Care-of Address option's or the source. */
struct m6e_rx {
	const struct m6_pkt *pkt;
	const struct m6_ip6 *ip;    /* the header the MH came under */
	const struct m6_msg *msg;
	const uint8_t *raw;
	size_t raw_len;
	bool has_hao;
	m6_addr6 hoa, coa;
	uint64_t now_ms;
	const struct m6e_sink *sink;
	uint8_t dad;                /* enum m6e_dad_outcome: a parked BU's second pass */
};

enum m6e_dad_outcome {
	M6E_DAD_NONE = 0,           /* a packet as it arrives */
	M6E_DAD_PASSED,             /* nobody defended the home address */
	M6E_DAD_FAILED,             /* somebody did: 134 */
};

void m6e_emit(const struct m6e_sink *sink, const struct m6e_event *ev);
/* The event of kind about binding b. */
struct m6e_event m6e_binding_event(uint8_t kind, const struct m6e_bcache *bc, const struct m6e_binding *b);
void m6e_drop(const struct m6e_rx *rx, uint8_t reason, uint8_t detail);
/* Hands a built reply (len from a builder: < 0 is an error) to the sink. */
int m6e_send(const struct m6e_rx *rx, const struct m6e_engine *e, int len);

/* A Binding Update that passed s9.2 (engine_bu.c). verdict_status: a BA
 * status the codec's checks want (164, 131, 168, ...), 0 for none. */
int m6e_process_bu(struct m6e_engine *e, const struct m6e_rx *rx, uint8_t verdict_status);

/* What happens to a packet after the clock was advanced (engine.c); dad
 * says whether it is a parked BU coming back (enum m6e_dad_outcome). */
int m6e_receive_now(struct m6e_engine *e, const struct m6_pkt *pkt, const uint8_t *raw, size_t raw_len,
		    uint64_t now_ms, const struct m6e_sink *sink, uint8_t dad);

/* Duplicate Address Detection (engine_dad.c). m6e_dad_start parks the BU
 * of rx and sends the probes; m6e_dad_listen marks a probe defended when
 * pkt is a Neighbor Advertisement or a DAD Neighbor Solicitation for its
 * address; m6e_dad_tick processes the BUs whose time has come. */
int m6e_dad_start(struct m6e_engine *e, const struct m6e_rx *rx);
bool m6e_dad_listen(struct m6e_engine *e, const struct m6_pkt *pkt, const uint8_t *raw, size_t raw_len);
void m6e_dad_tick(struct m6e_engine *e, uint64_t now_ms, const struct m6e_sink *sink);

#endif
