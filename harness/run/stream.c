/* stream.c - the bookkeeping of a case's data stream (stream.h). */
#include <string.h>

#include "stream.h"

_Static_assert(M6H_STREAM_COUNT_MAX <= 1024 && M6H_STREAM_COUNT_MAX <= UINT16_MAX,
	       "a stream's tags fit the 1024 numbers m6h_stream_base leaves each case");

static const char *const at_names[M6H_AT_KINDS] = { "other", "hoa", "coa1", "coa2", "coa3", "coa4", "cn" };

const char *m6h_stream_at_name(int at)
{
	return at >= 0 && at < M6H_AT_KINDS ? at_names[at] : "?";
}

int m6h_stream_at_parse(const char *name, int len)
{
	for (int at = M6H_AT_HOA; at < M6H_AT_KINDS; at++)
		if ((int)strlen(at_names[at]) == len && !strncmp(name, at_names[at], (size_t)len))
			return at;
	return 0;
}

void m6h_stream_judge(const struct m6h_stream_rx *rx, int n_rx, const double *sent_ms, int n_sent, double ba_ms,
		      int dead, int live, struct m6h_stream_figures *out)
{
	static unsigned char seen[M6H_STREAM_COUNT_MAX]; /* receptions per packet, up to 2 */

	if (n_sent < 0)
		n_sent = 0;
	if (n_sent > M6H_STREAM_COUNT_MAX)
		n_sent = M6H_STREAM_COUNT_MAX;
	memset(seen, 0, sizeof seen);
	*out = (struct m6h_stream_figures){ .sent = n_sent, .failover_ms = -1, .dead_after_ba = -1 };
	bool moved = ba_ms >= 0;
	if (moved && dead)
		out->dead_after_ba = 0;
	double first_live = -1;
	for (int i = 0; i < n_rx; i++) {
		const struct m6h_stream_rx *p = &rx[i];
		if (p->index < 0 || p->index >= n_sent)
			continue;
		if (seen[p->index] < 2)
			seen[p->index]++;
		if (!moved)
			continue;
		if (dead && p->at == dead && sent_ms[p->index] > ba_ms)
			out->dead_after_ba++;
		if (live && p->at == live && p->ms >= ba_ms && (first_live < 0 || p->ms < first_live))
			first_live = p->ms;
	}
	for (int i = 0; i < n_sent; i++) {
		out->received += seen[i] > 0;
		out->duplicated += seen[i] > 1;
	}
	out->lost = n_sent - out->received;
	if (first_live >= 0)
		out->failover_ms = (int)(first_live - ba_ms + 0.5);
}

static int32_t clamp(int32_t v, int32_t lo, int32_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void m6h_stream_result_sanitize(struct m6h_stream_result *r)
{
	r->checked = r->checked == 1;
	r->sent = clamp(r->sent, 0, M6H_STREAM_COUNT_MAX);
	r->received = clamp(r->received, 0, r->sent);
	r->lost = clamp(r->lost, 0, r->sent);
	r->duplicated = clamp(r->duplicated, 0, r->received);
	r->failover_ms = clamp(r->failover_ms, -1, M6H_STREAM_MS_MAX);
	r->dead_after_ba = clamp(r->dead_after_ba, -1, M6H_STREAM_RX_MAX);
	r->dead = clamp(r->dead, 0, M6H_AT_KINDS - 1);
	r->live = clamp(r->live, 0, M6H_AT_KINDS - 1);
	r->ba_ms = clamp(r->ba_ms, -1, M6H_STREAM_MS_MAX);
	r->span_ms = clamp(r->span_ms, 0, M6H_STREAM_MS_MAX);
	r->n_rx = clamp(r->n_rx, 0, INT32_MAX);
	r->n_points = clamp(r->n_points, 0, M6H_STREAM_POINTS);
	for (int i = 0; i < r->n_points; i++) {
		struct m6h_stream_point *p = &r->points[i];
		if (p->index >= M6H_STREAM_COUNT_MAX)
			p->index = 0;
		if (p->at >= M6H_AT_KINDS)
			p->at = M6H_AT_OTHER;
		if (p->link >= M6H_STREAM_LINKS)
			p->link = 0;
		p->ms = clamp(p->ms, 0, M6H_STREAM_MS_MAX);
	}
}

uint32_t m6h_stream_base(int index)
{
	return M6H_STREAM_TAG_BASE + (((uint32_t)index & 0xfffff) << 10);
}

void m6h_stream_start(struct m6h_stream *st, uint32_t base, double now)
{
	st->on = true;
	st->base = base;
	st->start = now;
	st->n_sent = st->n_rx = st->n_rx_all = 0;
	st->ba_ms = -1;
	st->stopped[0] = '\0';
}

static double due_at(const struct m6h_stream *st, int i)
{
	return st->start + (double)i * st->every_ms / 1000.0;
}

int m6h_stream_due(const struct m6h_stream *st, double now)
{
	if (!st->on || st->stopped[0] || st->n_sent >= st->count || st->n_sent >= M6H_STREAM_COUNT_MAX)
		return -1;
	return now >= due_at(st, st->n_sent) ? st->n_sent : -1;
}

void m6h_stream_sent(struct m6h_stream *st, double now)
{
	if (st->n_sent < M6H_STREAM_COUNT_MAX)
		st->sent_ms[st->n_sent++] = (now - st->start) * 1000;
}

int m6h_stream_wait_ms(const struct m6h_stream *st, double now, int left)
{
	if (!st->on || st->stopped[0] || st->n_sent >= st->count)
		return left;
	int until = (int)((due_at(st, st->n_sent) - now) * 1000) + 1; /* +1: not a ms early */
	return until < 0 ? 0 : until < left ? until : left;
}

bool m6h_stream_owns(const struct m6h_stream *st, uint32_t tag, int *index)
{
	if (!st->on || tag < st->base || tag - st->base >= (uint32_t)st->n_sent)
		return false;
	*index = (int)(tag - st->base);
	return true;
}

void m6h_stream_received(struct m6h_stream *st, int index, int at, int link, double now)
{
	st->n_rx_all++;
	if (st->n_rx < M6H_STREAM_RX_MAX)
		st->rx[st->n_rx++] = (struct m6h_stream_rx){ .index = index, .at = at, .link = link,
							     .ms = (now - st->start) * 1000 };
}

void m6h_stream_ba(struct m6h_stream *st, double now)
{
	if (st->on)
		st->ba_ms = (now - st->start) * 1000;
}

double m6h_stream_end(const struct m6h_stream *st, int window_ms)
{
	int last = st->count > 0 ? st->count - 1 : 0;
	return due_at(st, last) + window_ms / 1000.0;
}

void m6h_stream_record(const struct m6h_stream *st, const struct m6h_stream_figures *f, int dead, int live,
		       double now, struct m6h_stream_result *out)
{
	memset(out, 0, sizeof *out);
	out->checked = 1;
	out->sent = f->sent;
	out->received = f->received;
	out->lost = f->lost;
	out->duplicated = f->duplicated;
	out->failover_ms = f->failover_ms;
	out->dead_after_ba = f->dead_after_ba;
	out->dead = dead;
	out->live = live;
	out->ba_ms = st->ba_ms < 0 ? -1 : (int32_t)(st->ba_ms + 0.5);
	out->span_ms = (int32_t)((now - st->start) * 1000 + 0.5);
	out->n_rx = st->n_rx_all;
	/* evenly picked, first and last included, when there are more than fit */
	int n = st->n_rx < M6H_STREAM_POINTS ? st->n_rx : M6H_STREAM_POINTS;
	for (int k = 0; k < n; k++) {
		int i = n < st->n_rx && n > 1 ? (int)((long)k * (st->n_rx - 1) / (n - 1)) : k;
		const struct m6h_stream_rx *p = &st->rx[i];
		out->points[k] = (struct m6h_stream_point){ .index = (uint16_t)p->index, .at = (uint8_t)p->at,
							    .link = (uint8_t)p->link,
							    .ms = (int32_t)(p->ms + 0.5) };
	}
	out->n_points = n;
}
