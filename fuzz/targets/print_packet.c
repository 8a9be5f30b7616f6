/* print_packet - fuzz target: a decoded frame through the three printers
 * (summary line, -v, JSON). The first input octet holds the options: bits
 * 0-2 the link type (mod 5), bit 3 skip checksum verification, bit 4 the
 * role to validate in (CN, HA), bits 4-7 the capacity of a small output
 * buffer; the rest is the frame. Every printer writes into a large
 * buffer (the reference) and must hold:
 *   - JSON: exactly one JSON value and a newline (json_syntax.h);
 *     summary line: one line; -v: lines, no NUL;
 *   - the same bytes through a small buffer that flushes into a sink;
 *   - a prefix of them, marked overflow, through a small buffer without
 *     a sink (what does not fit is cut). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "m6print.h"
#include "fuzz_target.h"
#include "json_syntax.h"

typedef void (*printer_fn)(struct m6_buf *, const struct m6_pkt *, const struct m6_frame_info *);

static void fail(const char *printer, const char *what)
{
	fprintf(stderr, "print_packet: %s: %s\n", printer, what);
	abort();
}

/* The printer's output through a buffer of cap bytes flushing into a
 * memory stream: must equal ref[0..ref_len). */
static void same_through_sink(printer_fn print, const char *name, const struct m6_pkt *pkt,
			      const struct m6_frame_info *fi, size_t cap, const char *ref,
			      size_t ref_len)
{
	char *streamed = NULL;
	size_t streamed_len = 0;
	FILE *sink = open_memstream(&streamed, &streamed_len);
	char *mem = malloc(cap); /* exactly cap: ASan sees a write past it */
	struct m6_buf b;

	if (!sink || !mem) {
		if (sink)
			fclose(sink);
		free(streamed);
		free(mem);
		return; /* out of memory: nothing to compare */
	}
	m6_buf_init(&b, mem, cap, sink);
	print(&b, pkt, fi);
	bool flushed = m6_buf_flush(&b);
	fclose(sink);
	if (!flushed || b.overflow || streamed_len != ref_len || memcmp(streamed, ref, ref_len))
		fail(name, "a small buffer with a sink wrote other bytes than a large one");
	free(streamed);
	free(mem);
}

/* The printer's output into cap bytes without a sink: a prefix of ref,
 * and overflow set exactly when ref did not fit. */
static void prefix_when_cut(printer_fn print, const char *name, const struct m6_pkt *pkt,
			    const struct m6_frame_info *fi, size_t cap, const char *ref,
			    size_t ref_len)
{
	char *mem = malloc(cap);
	struct m6_buf b;

	if (!mem)
		return;
	m6_buf_init(&b, mem, cap, NULL);
	print(&b, pkt, fi);
	if (b.len > cap || b.len > ref_len || memcmp(mem, ref, b.len))
		fail(name, "a cut output is not a prefix of the whole");
	if (b.overflow != (ref_len > cap))
		fail(name, "overflow not set exactly when the output did not fit");
	free(mem);
}

static void check_shape(const char *name, const char *s, size_t n)
{
	if (!n || s[n - 1] != '\n' || memchr(s, '\0', n))
		fail(name, "output is not whole lines of text");
	if (!strcmp(name, "json") && !json_line_ok(s, n))
		fail(name, "not one JSON value and a newline");
	if (!strcmp(name, "line") && memchr(s, '\n', n - 1))
		fail(name, "more than one line");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct m6_pkt pkt;
	static char ref[1 << 18];
	static const struct {
		printer_fn print;
		const char *name;
	} printers[] = {
		{ m6_print_line, "line" },
		{ m6_print_verbose, "verbose" },
		{ m6_print_json, "json" },
	};

	if (size < 1)
		return 0;
	const uint8_t opts = data[0];
	const size_t cap = 1 + (size_t)(opts >> 4) * 17;
	m6_pkt_decode(data + 1, size - 1, (opts & 7) % 5, !(opts & 8), &pkt);
	if (pkt.has_mh) {
		struct m6_validate_ctx ctx = { .role = (opts & 16) ? M6_ROLE_HA : M6_ROLE_CN,
					       .must_answer_unknown = true };
		m6_validate(&pkt.msg, &pkt, &ctx, &pkt.diags);
	}
	/* Capture-record values as a pcap file could hold them. */
	struct m6_frame_info fi = { .frame = size, .ts_sec = -(int64_t)size * 86400,
				    .ts_usec = 999999, .caplen = (uint32_t)(size - 1),
				    .len = UINT32_MAX };
	for (size_t i = 0; i < sizeof printers / sizeof printers[0]; i++) {
		struct m6_buf b;
		m6_buf_init(&b, ref, sizeof ref, NULL);
		printers[i].print(&b, &pkt, &fi);
		if (b.overflow)
			fail(printers[i].name, "a packet's output does not fit 256 KiB");
		check_shape(printers[i].name, ref, b.len);
		same_through_sink(printers[i].print, printers[i].name, &pkt, &fi, cap, ref, b.len);
		prefix_when_cut(printers[i].print, printers[i].name, &pkt, &fi, cap, ref, b.len);
	}
	return 0;
}
