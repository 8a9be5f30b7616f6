/* decode_mh - fuzz target: one raw Mobility Header through the decoder
 * (checksum verified against a fixed pseudo-header) and the validator in
 * both roles. Crashes, leaks and sanitizer reports are the findings. */
#include <string.h>

#include "m6codec.h"
#include "fuzz_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct m6_msg msg;
	struct m6_pseudo ps;
	struct m6_diags diags = { 0 };

	memset(&ps, 0x20, sizeof ps);
	m6_mh_decode(data, size, &ps, 0, 0, &msg, &diags);
	for (uint8_t role = M6_ROLE_CN; role <= M6_ROLE_HA; role++) {
		struct m6_validate_ctx ctx = { .role = role, .must_answer_unknown = true };
		struct m6_diags v = { 0 };
		m6_validate(&msg, NULL, &ctx, &v);
	}
	return 0;
}
