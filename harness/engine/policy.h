/* policy.h - the settings of the reference HA/CN, each named after the
 * answer it changes (RFC 5648 s6.2, s6.3; RFC 6275 s10.3.1). A new
 * policy takes effect for the next packet (m6e_set_policy). */
#ifndef M6E_POLICY_H
#define M6E_POLICY_H

#include "m6codec.h"

#define M6E_MAX_PREFIXES 8
#define M6E_MAX_BIDS 16            /* BID options handled in one BU */
#define M6E_CN_MAX_LIFETIME 105    /* MAX_RR_BINDING_LIFETIME, 420 s in 4 s units */

struct m6e_prefix {
	m6_addr6 prefix;
	uint8_t plen;
};

struct m6e_policy {
	bool mcoa_prohibited;         /* BUs with BID options: 166 MCOA PROHIBITED */
	bool bulk_prohibited;         /* HA: several BIDs in one BU: 168 */
	bool simultaneous_prohibited; /* a BID with the H flag: 169 */
	uint8_t return_home_status;   /* a home binding accepted: 0, or 5 (RETURNHOME WO/NDP) */
	uint32_t max_bindings;        /* all home addresses together; beyond: 130 */
	uint16_t max_per_hoa;         /* bindings of one home address; beyond: 130 */
	uint16_t max_bids_per_bu;     /* BID options in one BU (<= M6E_MAX_BIDS); beyond: 130 */
	uint16_t max_lifetime;        /* HA: granted lifetime cap, 4 s units */
	uint8_t n_home_prefixes;      /* HA: home addresses outside them: 132 */
	bool dad;                     /* HA: Duplicate Address Detection for a new home
					 address before the BA; defended: 134 (dad.h) */
	bool alternatives;            /* where the RFCs allow several answers, the other
					 one (bu_plan.c, engine_bu.c, README) */
	struct m6e_prefix home_prefixes[M6E_MAX_PREFIXES];
};

/* A policy that accepts everything RFC 5648 allows, within the limits. */
void m6e_policy_default(struct m6e_policy *p);

/* Is a inside prefix pf? */
bool m6e_prefix_holds(const struct m6e_prefix *pf, const m6_addr6 *a);
/* Is addr inside one of the policy's home prefixes? */
bool m6e_policy_home_addr(const struct m6e_policy *p, const m6_addr6 *addr);

#endif
