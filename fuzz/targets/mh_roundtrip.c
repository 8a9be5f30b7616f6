/* mh_roundtrip - fuzz target: decode -> encode (verbatim and re-padded)
 * -> decode must agree on every field of what decoded without error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m6codec.h"
#include "fuzz_target.h"

static void same_or_die(const struct m6_msg *a, const struct m6_msg *b, const char *how)
{
	char why[256];

	if (m6_msg_compare(a, b, why, sizeof why)) {
		fprintf(stderr, "mh_roundtrip: %s re-encode changed %s\n", how, why);
		abort();
	}
}

static void round_trip(const struct m6_msg *msg, const struct m6_pseudo *ps, bool verbatim)
{
	static struct m6_msg again;
	static uint8_t out[2 * M6_MH_MAX];
	struct m6_enc_knobs knobs = { .verbatim = verbatim };
	struct m6_diags diags = { 0 };

	int n = m6_msg_encode(msg, ps, &knobs, out, sizeof out);
	if (n == M6_ERR_ARG)
		return; /* re-padding pushed it past 2048 octets: not encodable */
	if (n < 0 || m6_mh_decode(out, (size_t)n, ps, 0, 0, &again, &diags) != n) {
		fprintf(stderr, "mh_roundtrip: re-encode (verbatim %d) gave %d\n", verbatim, n);
		abort();
	}
	same_or_die(msg, &again, verbatim ? "verbatim" : "re-padded");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct m6_msg msg;
	struct m6_pseudo ps;
	struct m6_diags diags = { 0 };

	memset(&ps, 0x20, sizeof ps);
	if (m6_mh_decode(data, size, &ps, 0, 0, &msg, &diags) < 0 || m6_diags_have_error(&diags))
		return 0;
	round_trip(&msg, &ps, true);
	round_trip(&msg, &ps, false);
	return 0;
}
