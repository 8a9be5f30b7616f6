/* mh_roundtrip - fuzz target: decode -> encode (verbatim and re-padded)
 * -> decode must agree on every field of what decoded without error.
 * The input's checksum is not verified: almost every mutation breaks it,
 * and the input would stop there. The re-encoded message is checksummed
 * over a fixed pseudo-header and must decode without error against it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m6codec.h"
#include "fuzz_target.h"

static size_t reached;

size_t fuzz_target_passed_gate(const char **gate)
{
	*gate = "reached the round trip (decoded without error)";
	return reached;
}

static void same_or_die(const struct m6_msg *a, const struct m6_msg *b, const char *how)
{
	char why[256];

	if (m6_msg_compare(a, b, why, sizeof why)) {
		fprintf(stderr, "mh_roundtrip: %s re-encode changed %s\n", how, why);
		abort();
	}
}

static const char *first_error(const struct m6_diags *d)
{
	for (int i = 0; i < d->n; i++)
		if (d->d[i].severity == M6_SEV_ERROR)
			return m6_reason_name(d->d[i].reason);
	return "no error";
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
	if (n < 0 || m6_mh_decode(out, (size_t)n, ps, 0, 0, &again, &diags) != n ||
	    m6_diags_have_error(&diags)) {
		fprintf(stderr, "mh_roundtrip: re-encode (verbatim %d) gave %d, %s\n", verbatim, n,
			first_error(&diags));
		abort();
	}
	same_or_die(msg, &again, verbatim ? "verbatim" : "re-padded");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct m6_msg msg;
	struct m6_pseudo ps;
	struct m6_diags diags = { 0 };

	if (m6_mh_decode(data, size, NULL, 0, 0, &msg, &diags) < 0 || m6_diags_have_error(&diags))
		return 0;
	reached++;
	memset(&ps, 0x20, sizeof ps);
	round_trip(&msg, &ps, true);
	round_trip(&msg, &ps, false);
	return 0;
}
