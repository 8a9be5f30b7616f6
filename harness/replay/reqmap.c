/* reqmap.c - which rows of suites/requirements.tsv an answer's fields
 * belong to (diff.h). */
#include <stdio.h>
#include <string.h>

#include "diff.h"
#include "reason_req.h"

/* The rows of an answer kind as a whole. */
static const char *kind_reqs(const struct m6_pkt *ans)
{
	if (ans->has_mh)
		switch (ans->msg.type) {
		case M6_MH_BA: return "MIP6-9.5.4-1";
		case M6_MH_HOT: return "MIP6-9.4.1-2";
		case M6_MH_COT: return "MIP6-9.4.2-2";
		case M6_MH_BRR: return "MIP6-9.5.5-1";
		case M6_MH_BE: return ans->msg.u.be.status == M6_BE_UNKNOWN_MH_TYPE ? "MIP6-9.2-4" : "MIP6-9.3.1-2";
		default: return "MIP6-9.2-4";
		}
	if (ans->has_nd && ans->nd.type == M6_ICMP6_DHAAD_REP)
		return "MIP6-10.5-1";
	if (ans->has_nd && ans->nd.type == M6_ICMP6_MPA)
		return "MIP6-10.6-1";
	if (ans->has_icmp6 && ans->icmp6.type == M6_ICMP6_PARAM_PROBLEM)
		return "MIP6-9.2-2 MIP6-9.2-3";
	if (ans->n_ip > 1)
		return "MIP6-10.4.2-1";
	return ans->has_data ? "MIP6-9.3.2-1" : "-";
}

const char *m6r_field_reqs(const struct m6_pkt *ans, const char *section, const char *key)
{
	if (ans->has_mh && ans->msg.type == M6_MH_BA) {
		if (!strncmp(key, "seq", 3))
			return "MIP6-9.5.1-4";
		if (!strncmp(key, "lifetime", 8))
			return "MIP6-9.5.2-1 MIP6-10.3.1-4";
		if (!strcmp(key, "authenticator"))
			return "MIP6-9.5.4-2";
		if (!strncmp(section, "ext", 3) || !strncmp(section, "ip", 2))
			return "MIP6-9.5.4-3";
		if (!strncmp(section, "options", 7))
			return strstr(key, "status") ? "MCOA-6.2-15 MCOA-6.2-17" : "MCOA-6.2-12 MCOA-6.2-13";
	}
	return kind_reqs(ans);
}

void m6r_answer_reqs(const struct m6_pkt *ans, const struct m6_pkt *req, int role, struct m6r_diff *d)
{
	struct m6_diags diags = { 0 };
	struct m6_validate_ctx ctx = { .role = (uint8_t)role, .must_answer_unknown = true };
	size_t used = (size_t)snprintf(d->reqs, sizeof d->reqs, "%s", kind_reqs(ans)), rule = 0;

	for (int i = 0; i < req->diags.n; i++)
		diags.d[diags.n++] = req->diags.d[i];
	if (req->has_mh)
		m6_validate(&req->msg, req, &ctx, &diags);
	d->rule[0] = '\0';
	for (int i = 0; i < diags.n; i++) {
		const struct m6_diag *g = &diags.d[i];
		const char *id = m6c_reason_req(g->reason);
		if (id && !strstr(d->reqs, id) && used < sizeof d->reqs)
			used += (size_t)snprintf(d->reqs + used, sizeof d->reqs - used, " %s", id);
		if (g->severity == M6_SEV_ERROR && rule < sizeof d->rule)
			rule += (size_t)snprintf(d->rule + rule, sizeof d->rule - rule, "%s%s: %s", rule ? "; " : "",
						 m6_reason_name(g->reason), m6_action_name(g->action));
	}
}
