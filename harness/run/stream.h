/*
 * stream.h - the bookkeeping of a case's data stream ("stream SPEC
 * every=MS count=N", judged by "stream-check", suites/README.md), with
 * no clock and no network: the runner passes the time in, sends what
 * m6h_stream_due says is due and hands every tagged frame it receives to
 * m6h_stream_received. Packet i carries the tag base + i.
 *
 * The figures (m6h_stream_judge):
 *   sent        packets the stream sent
 *   received    of them, those received at least once
 *   lost        sent - received
 *   duplicated  of them, those received more than once
 *   failover_ms from the BA that moved the traffic (the last BA with a
 *               status below 128 received while the stream ran) to the
 *               first stream packet received at the live address after
 *               it; -1 with no live address, no such BA or no such packet
 *   dead_after_ba  stream packets received at the dead address that the
 *               tester sent after it had received that BA (a packet
 *               already on its way when the BA left the HA may still use
 *               the old binding: one the tester sent after receiving the
 *               BA cannot have reached the HA before the BA left it);
 *               -1 with no dead address or no such BA
 */
#ifndef M6H_STREAM_H
#define M6H_STREAM_H

#include <stdbool.h>
#include <stdint.h>

#define M6H_STREAM_COUNT_MAX 1000   /* packets a stream sends at most */
#define M6H_STREAM_EVERY_MAX 10000  /* ms between two packets at most */
#define M6H_STREAM_SPAN_MAX 60000   /* ms from the first packet to the last at most */
#define M6H_STREAM_RX_MAX 4096      /* receptions kept (duplicates included) */
#define M6H_STREAM_POINTS 128       /* receptions in a case's result, for the report's time line */
#define M6H_STREAM_MS_MAX 600000    /* any time of a stream's record: the root side clamps to it */
#define M6H_STREAM_LINKS 4          /* = M6H_LINKS_MAX (linkio.h; runner.c checks) */
#define M6H_STREAM_TAG_BASE 0x40000000u /* stream tags start here: a case's own tags stay below */
#define M6H_STREAM_SPEC 900

/* Where a stream packet came out: the case address it was sent to (the
 * tunnel's outer destination when it came tunnelled). */
enum m6h_stream_at {
	M6H_AT_OTHER = 0,
	M6H_AT_HOA,
	M6H_AT_COA1, /* .. M6H_AT_COA1 + 3 for {coa4} */
	M6H_AT_CN = M6H_AT_COA1 + 4,
	M6H_AT_KINDS
};

/* "other", "hoa", "coa1".."coa4", "cn"; "?" for a value out of range. */
const char *m6h_stream_at_name(int at);

/* The placeholder name ("coa1", ...) as an M6H_AT_ value; 0 when none. */
int m6h_stream_at_parse(const char *name, int len);

struct m6h_stream_rx {
	int index;  /* the packet's number in the stream: tag - base */
	int at;     /* enum m6h_stream_at */
	int link;   /* the link it came on */
	double ms;  /* since the stream's first packet */
};

struct m6h_stream_figures {
	int sent, received, lost, duplicated, failover_ms, dead_after_ba;
};

/* The figures of a stream that sent n_sent packets, packet i at
 * sent_ms[i], and received rx[0..n_rx) (receptions with an index out of
 * range are ignored); ba_ms < 0 when no BA came; dead and live are
 * M6H_AT_ values, 0 for none. */
void m6h_stream_judge(const struct m6h_stream_rx *rx, int n_rx, const double *sent_ms, int n_sent, double ba_ms,
		      int dead, int live, struct m6h_stream_figures *out);

/* One reception as a case's result keeps it. */
struct m6h_stream_point {
	uint16_t index;
	uint8_t at;
	uint8_t link;
	int32_t ms;
};

/* A case's stream as it goes to the reports: fixed size, and the root
 * side reads it only after m6h_stream_result_sanitize. */
struct m6h_stream_result {
	int32_t checked;        /* 1: a stream-check step judged the stream */
	int32_t sent, received, lost, duplicated;
	int32_t failover_ms;    /* -1: none */
	int32_t dead_after_ba;  /* -1: no dead= */
	int32_t dead, live;     /* M6H_AT_ values of dead= and live=, 0: none */
	int32_t ba_ms;          /* when the BA came, since the stream's start; -1: none */
	int32_t span_ms;        /* the stream's start to the end of its check */
	int32_t n_rx;           /* receptions in all; points holds up to M6H_STREAM_POINTS of them */
	int32_t n_points;
	struct m6h_stream_point points[M6H_STREAM_POINTS];
};

/* Every count clamped and every index bounded: what a case process wrote
 * is not trusted. */
void m6h_stream_result_sanitize(struct m6h_stream_result *r);

/* A stream while its case runs. */
struct m6h_stream {
	bool on;               /* started (the stream step ran) */
	char spec[M6H_STREAM_SPEC]; /* the full build spec, placeholders filled, without tag= */
	int link;              /* the link it goes out on */
	int every_ms, count;
	uint32_t base;         /* tag of packet 0 */
	double start;          /* the clock at packet 0 (s) */
	int n_sent;
	double sent_ms[M6H_STREAM_COUNT_MAX];
	int n_rx;
	struct m6h_stream_rx rx[M6H_STREAM_RX_MAX];
	int n_rx_all;          /* receptions, also those beyond rx[] */
	double ba_ms;          /* the last BA status < 128 since start; -1: none */
	char stopped[200];     /* why it stopped before count: a packet that could not go out */
};

/* The stream's tag base for the case numbered index in the run. */
uint32_t m6h_stream_base(int index);

/* Starts st (spec, link, every_ms, count already set; now: the clock). */
void m6h_stream_start(struct m6h_stream *st, uint32_t base, double now);

/* The number of the packet due at now, or -1 (none yet, or all sent). */
int m6h_stream_due(const struct m6h_stream *st, double now);

/* Packet n_sent went out at now. */
void m6h_stream_sent(struct m6h_stream *st, double now);

/* How long a wait of left ms may last before the next packet is due. */
int m6h_stream_wait_ms(const struct m6h_stream *st, double now, int left);

/* Is tag one of the stream's packets? *index its number. */
bool m6h_stream_owns(const struct m6h_stream *st, uint32_t tag, int *index);

/* Packet index came out at at (enum m6h_stream_at), on link, at now. */
void m6h_stream_received(struct m6h_stream *st, int index, int at, int link, double now);

/* A BA with a status below 128 came at now. */
void m6h_stream_ba(struct m6h_stream *st, double now);

/* When everything has been sent and the answer window after the last packet has passed (s). */
double m6h_stream_end(const struct m6h_stream *st, int window_ms);

/* The stream's record for the reports: figures f, dead and live, the
 * receptions (evenly picked when more than fit), the end at now. */
void m6h_stream_record(const struct m6h_stream *st, const struct m6h_stream_figures *f, int dead, int live,
		       double now, struct m6h_stream_result *out);

#endif
