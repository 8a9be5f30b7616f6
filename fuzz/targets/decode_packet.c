/* decode_packet - fuzz target: a whole frame through the packet decoder.
 * The first input octet picks the link type, the rest is the frame; the
 * checksum is verified, then the decoded MH is validated in both roles. */
#include "m6codec.h"
#include "fuzz_target.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct m6_pkt pkt;

	if (size < 1)
		return 0;
	m6_pkt_decode(data + 1, size - 1, data[0] % 5, true, &pkt);
	if (!pkt.has_mh)
		return 0;
	for (uint8_t role = M6_ROLE_CN; role <= M6_ROLE_HA; role++) {
		struct m6_validate_ctx ctx = { .role = role, .must_answer_unknown = true };
		struct m6_diags v = { 0 };
		m6_validate(&pkt.msg, &pkt, &ctx, &v);
	}
	return 0;
}
