/* fault_request.c - what the fault service takes from a case
 * (fault_channel.h): nothing is made before this says yes. */
#include <stdio.h>
#include <string.h>

#include "fault_channel.h"

int m6h_fault_request_check(const struct m6h_fault_request *req, int n_links, bool shared, char *err,
			    size_t errlen)
{
	static const struct m6h_linkfault none;

	if (n_links < 1) {
		snprintf(err, errlen, "no link faults on an IUT outside the tool's network (--iut-if)");
		return -1;
	}
	if (req->op == M6H_FAULT_OP_CLEAR) {
		if (memcmp(&req->f, &none, sizeof none) == 0)
			return 0;
		snprintf(err, errlen, "a clear request carries no fault");
		return -1;
	}
	if (req->op != M6H_FAULT_OP_APPLY) {
		snprintf(err, errlen, "unknown request %d", (int)req->op);
		return -1;
	}
	if (m6h_linkfault_check(&req->f, n_links, err, errlen))
		return -1;
	if (shared && (req->f.kind != M6H_FAULT_LOSS || !req->f.has_addr)) {
		snprintf(err, errlen, "other cases share the links (--jobs above 1): only loss for one address is "
				      "taken; run this case with --jobs 1");
		return -1;
	}
	return 0;
}
