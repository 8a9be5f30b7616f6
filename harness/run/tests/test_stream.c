/* test_stream.c - a stream's bookkeeping without a network (stream.h). */
#include "../stream.h"
#include "m6test.h"

enum { DEAD = M6H_AT_COA1, LIVE = M6H_AT_COA1 + 1 };

/* 10 packets every 10 ms; the BA came at 35 ms, between packets 3 and 4. */
static double sent[10] = { 0, 10, 20, 30, 40, 50, 60, 70, 80, 90 };

static void counts(void)
{
	/* 0-3 at dead, 3 twice; 5-9 at live; 4 lost */
	const struct m6h_stream_rx rx[] = {
		{ 0, DEAD, 0, 1 }, { 1, DEAD, 0, 11 }, { 2, DEAD, 0, 21 }, { 3, DEAD, 0, 31 }, { 3, DEAD, 0, 32 },
		{ 5, LIVE, 0, 51 }, { 6, LIVE, 0, 61 }, { 7, LIVE, 0, 71 }, { 8, LIVE, 0, 81 }, { 9, LIVE, 0, 91 },
	};
	struct m6h_stream_figures f;

	m6h_stream_judge(rx, 10, sent, 10, 35, DEAD, LIVE, &f);
	CHECK_INT(f.sent, 10);
	CHECK_INT(f.received, 9);
	CHECK_INT(f.lost, 1);
	CHECK_INT(f.duplicated, 1);
	CHECK_INT(f.failover_ms, 16); /* 51 - 35 */
	CHECK_INT(f.dead_after_ba, 0);
}

/* A packet already sent when the BA came may still take the old
 * binding; one sent after it may not. */
static void dead_counts_only_packets_sent_after_the_ba(void)
{
	const struct m6h_stream_rx rx[] = {
		{ 3, DEAD, 0, 36 }, /* sent at 30, before the BA at 35: allowed */
		{ 4, DEAD, 0, 41 }, /* sent at 40: counts */
		{ 5, DEAD, 0, 51 }, { 5, DEAD, 0, 52 }, /* a duplicate counts twice */
		{ 6, LIVE, 0, 61 },
	};
	struct m6h_stream_figures f;

	m6h_stream_judge(rx, 5, sent, 7, 35, DEAD, LIVE, &f);
	CHECK_INT(f.dead_after_ba, 3);
	CHECK_INT(f.failover_ms, 26);
	CHECK_INT(f.lost, 3); /* 0, 1, 2 */
	CHECK_INT(f.duplicated, 1);
}

static void without_ba_or_addresses(void)
{
	const struct m6h_stream_rx rx[] = { { 0, LIVE, 0, 1 }, { 1, DEAD, 0, 11 } };
	struct m6h_stream_figures f;

	m6h_stream_judge(rx, 2, sent, 2, -1, DEAD, LIVE, &f);
	CHECK_INT(f.failover_ms, -1);
	CHECK_INT(f.dead_after_ba, -1);
	CHECK_INT(f.received, 2);
	m6h_stream_judge(rx, 2, sent, 2, 5, 0, 0, &f);
	CHECK_INT(f.failover_ms, -1);
	CHECK_INT(f.dead_after_ba, -1);
	/* live before the BA does not count as the failover */
	m6h_stream_judge(rx, 1, sent, 2, 5, DEAD, LIVE, &f);
	CHECK_INT(f.failover_ms, -1);
	CHECK_INT(f.dead_after_ba, 0);
}

/* Indexes out of range are ignored, never used to index. */
static void foreign_indexes(void)
{
	const struct m6h_stream_rx rx[] = { { -1, LIVE, 0, 1 }, { 2, LIVE, 0, 21 }, { 1000000, LIVE, 0, 30 } };
	struct m6h_stream_figures f;

	m6h_stream_judge(rx, 3, sent, 2, -1, 0, 0, &f);
	CHECK_INT(f.received, 0);
	CHECK_INT(f.lost, 2);
}

/* The schedule: due at start + i x every, the waits bounded by the next. */
static void schedule_and_tags(void)
{
	static struct m6h_stream st;
	int index;

	st.every_ms = 20;
	st.count = 3;
	m6h_stream_start(&st, m6h_stream_base(5), 100.0);
	CHECK_INT(m6h_stream_due(&st, 100.0), 0);
	m6h_stream_sent(&st, 100.0);
	CHECK_INT(m6h_stream_due(&st, 100.010), -1);
	CHECK(m6h_stream_wait_ms(&st, 100.010, 1000) <= 11);
	CHECK_INT(m6h_stream_wait_ms(&st, 100.010, 5), 5);
	CHECK_INT(m6h_stream_due(&st, 100.020), 1);
	m6h_stream_sent(&st, 100.020);
	m6h_stream_sent(&st, 100.040);
	CHECK_INT(m6h_stream_due(&st, 200.0), -1); /* all sent */
	CHECK_INT(m6h_stream_wait_ms(&st, 200.0, 700), 700);
	CHECK(m6h_stream_owns(&st, m6h_stream_base(5) + 2, &index));
	CHECK_INT(index, 2);
	CHECK(!m6h_stream_owns(&st, m6h_stream_base(5) + 3, &index)); /* never sent */
	CHECK(!m6h_stream_owns(&st, m6h_stream_base(4) + 2, &index)); /* another case's */
	CHECK(!m6h_stream_owns(&st, 7, &index));                     /* the case's own tag */
	CHECK(m6h_stream_base(4) + M6H_STREAM_COUNT_MAX <= m6h_stream_base(5));
	CHECK(m6h_stream_end(&st, 1500) > 101.5 && m6h_stream_end(&st, 1500) < 101.55);
}

/* More receptions than a result holds: evenly picked, first and last kept. */
static void record_picks_points(void)
{
	static struct m6h_stream st;
	static struct m6h_stream_result r;
	struct m6h_stream_figures f = { 0 };

	st.every_ms = 1;
	st.count = 300;
	m6h_stream_start(&st, m6h_stream_base(0), 0.0);
	for (int i = 0; i < 300; i++) {
		m6h_stream_sent(&st, i / 1000.0);
		m6h_stream_received(&st, i, LIVE, 1, i / 1000.0 + 0.0005);
	}
	m6h_stream_ba(&st, 0.1);
	m6h_stream_record(&st, &f, DEAD, LIVE, 0.4, &r);
	CHECK_INT(r.n_points, M6H_STREAM_POINTS);
	CHECK_INT(r.n_rx, 300);
	CHECK_INT(r.points[0].index, 0);
	CHECK_INT(r.points[M6H_STREAM_POINTS - 1].index, 299);
	CHECK_INT(r.ba_ms, 100);
	CHECK_INT(r.span_ms, 400);
	CHECK_INT(r.points[1].link, 1);
}

/* The root side's view: whatever a case process wrote, within bounds. */
static void sanitize_bounds_everything(void)
{
	static struct m6h_stream_result r;

	memset(&r, 0xff, sizeof r);
	r.sent = 5000;
	r.received = 9000;
	r.n_points = 100000;
	r.points[3].index = 60000;
	r.points[3].at = 200;
	r.points[3].link = 9;
	r.points[3].ms = -7;
	r.failover_ms = -50;
	r.dead = 99;
	m6h_stream_result_sanitize(&r);
	CHECK_INT(r.checked, 0);
	CHECK_INT(r.sent, M6H_STREAM_COUNT_MAX);
	CHECK_INT(r.received, M6H_STREAM_COUNT_MAX);
	CHECK(r.lost >= 0 && r.lost <= r.sent);
	CHECK(r.duplicated >= 0 && r.duplicated <= r.received);
	CHECK_INT(r.n_points, M6H_STREAM_POINTS);
	CHECK(r.points[3].index < M6H_STREAM_COUNT_MAX);
	CHECK(r.points[3].at < M6H_AT_KINDS);
	CHECK(r.points[3].link < M6H_STREAM_LINKS);
	CHECK_INT(r.points[3].ms, 0);
	CHECK_INT(r.failover_ms, -1);
	CHECK(r.dead >= 0 && r.dead < M6H_AT_KINDS);
	CHECK_INT(r.n_rx, 0);
	CHECK(!strcmp(m6h_stream_at_name(r.dead), "cn"));
	CHECK(!strcmp(m6h_stream_at_name(-3), "?"));
	CHECK_INT(m6h_stream_at_parse("coa2", 4), LIVE);
	CHECK_INT(m6h_stream_at_parse("coa", 3), 0);
}

int main(void)
{
	M6T_RUN(counts);
	M6T_RUN(dead_counts_only_packets_sent_after_the_ba);
	M6T_RUN(without_ba_or_addresses);
	M6T_RUN(foreign_indexes);
	M6T_RUN(schedule_and_tags);
	M6T_RUN(record_picks_points);
	M6T_RUN(sanitize_bounds_everything);
	return m6t_finish("test_stream");
}
