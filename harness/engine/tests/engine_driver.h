/* engine_driver.h - drives a reference engine message by message from
 * build specs (codec/SPEC.md) and keeps what it sends, decoded again by
 * the codec, and its events. Shared by the engine's unit tests. */
#ifndef M6E_ENGINE_DRIVER_H
#define M6E_ENGINE_DRIVER_H

#include <stdarg.h>
#include <stdlib.h>

#include "engine.h"
#include "m6spec.h"

#define HA_ADDR "2001:db8:1::1"   /* the spec language's default destination */
#define MN_COA "2001:db8:2::100"  /* and its default source */
#define MN_HOA "2001:db8:1::100"

struct driver {
	struct m6e_engine *e;
	uint64_t now_ms;
	int n_pkts, n_events;
	uint8_t pkt[8][2048];
	size_t pkt_len[8];
	struct m6e_hop hop[8];              /* where data-plane packets go (else zero) */
	struct m6_pkt decoded;              /* the last packet sent, decoded */
	struct m6e_event events[64];
	uint8_t sent[4096];                 /* the last frame drv_send built */
	size_t sent_len;
};

static struct driver drv;

static inline void drv_packet(void *ctx, const uint8_t *p, size_t len)
{
	struct driver *d = ctx;
	if (d->n_pkts < 8 && len <= sizeof d->pkt[0]) {
		memcpy(d->pkt[d->n_pkts], p, len);
		d->pkt_len[d->n_pkts++] = len;
	}
}

static inline void drv_event(void *ctx, const struct m6e_event *ev)
{
	struct driver *d = ctx;
	if (d->n_events < 64)
		d->events[d->n_events++] = *ev;
}

static inline void drv_hop_packet(void *ctx, const uint8_t *p, size_t len, const struct m6e_hop *hop)
{
	struct driver *d = ctx;
	if (d->n_pkts < 8)
		d->hop[d->n_pkts] = *hop;
	drv_packet(ctx, p, len);
}

static const struct m6e_sink drv_sink = { drv_packet, drv_event, &drv, drv_hop_packet };

/* A fresh engine (HA and CN, home prefix 2001:db8:1::/64), tweaked by
 * the caller through cfg before it is created. */
static inline void drv_start(void (*tweak)(struct m6e_config *))
{
	struct m6e_config cfg;
	m6e_config_default(&cfg);
	cfg.policy.n_home_prefixes = 1;
	m6t_addr(cfg.policy.home_prefixes[0].prefix.a, "2001:db8:1::");
	cfg.policy.home_prefixes[0].plen = 64;
	cfg.policy.max_bindings = 1024;
	m6t_addr(cfg.addr.a, HA_ADDR);
	if (tweak)
		tweak(&cfg);
	m6e_free(drv.e);
	memset(&drv, 0, sizeof drv);
	drv.now_ms = 1000000;
	drv.e = m6e_new(&cfg, drv.now_ms);
	if (!drv.e)
		exit(2);
}

/* Decodes the i-th packet sent into drv.decoded; false when none. */
static inline bool drv_decode(int i)
{
	if (i < 0 || i >= drv.n_pkts)
		return false;
	return m6_pkt_decode(drv.pkt[i], drv.pkt_len[i], M6_LINK_RAW, true, &drv.decoded) == M6_OK;
}

static inline bool drv_decode_last(void)
{
	return drv_decode(drv.n_pkts - 1);
}

/* Hands the engine a frame as it is; returns the packets it sent back. */
static inline int drv_receive(const uint8_t *frame, size_t len, int link)
{
	drv.n_pkts = drv.n_events = 0;
	memset(drv.hop, 0, sizeof drv.hop);
	m6e_receive_frame(drv.e, frame, len, link, drv.now_ms, &drv_sink);
	drv_decode_last();
	return drv.n_pkts;
}

/* Sends what the spec describes at the current time; returns the number
 * of packets the engine sent back (the last one is in drv.decoded). */
static inline int drv_send(const char *fmt, ...)
{
	char spec[512], err[160];
	static struct m6_build b;
	static uint8_t frame[4096];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(spec, sizeof spec, fmt, ap);
	va_end(ap);
	if (m6_spec_parse(spec, &b, err, sizeof err) != M6_OK) {
		fprintf(stderr, "bad test spec '%s': %s\n", spec, err);
		exit(2);
	}
	int n = m6_build_encode(&b, frame, sizeof frame);
	if (n < 0) {
		fprintf(stderr, "test spec '%s' does not encode\n", spec);
		exit(2);
	}
	memcpy(drv.sent, frame, (size_t)n);
	drv.sent_len = (size_t)n;
	return drv_receive(frame, (size_t)n, b.pkt.eth ? M6_LINK_ETHERNET : M6_LINK_RAW);
}

static inline const struct m6_msg *drv_reply(void)
{
	return drv.n_pkts && drv.decoded.has_mh ? &drv.decoded.msg : NULL;
}

/* The last reply is a BA whose checksum holds; its status, else -1. */
static inline int drv_ba_status(void)
{
	const struct m6_msg *m = drv_reply();
	if (!m || m->type != M6_MH_BA || !drv.decoded.csum_ok || !m6_pkt_valid(&drv.decoded))
		return -1;
	return m->u.ba.status;
}

/* The Status of the i-th BID option of the last reply, or -1. */
static inline int drv_bid_status(int i)
{
	const struct m6_msg *m = drv_reply();
	int k = m ? m6_msg_next_opt(m, 0, M6_OPT_BID) : -1;
	while (k >= 0 && i-- > 0)
		k = m6_msg_next_opt(m, k + 1, M6_OPT_BID);
	return k < 0 ? -1 : m->opts[k].u.bid.status;
}

static inline int drv_count_events(uint8_t kind)
{
	int n = 0;
	for (int i = 0; i < drv.n_events; i++)
		n += drv.events[i].kind == kind;
	return n;
}

static inline const struct m6e_binding *drv_binding(const char *hoa, uint16_t bid)
{
	m6_addr6 a;
	m6t_addr(a.a, hoa);
	return m6e_bc_lookup(m6e_cache(drv.e), &a, bid);
}

static inline int drv_bindings(const char *hoa)
{
	m6_addr6 a;
	m6t_addr(a.a, hoa);
	const struct m6e_home *h = m6e_bc_home(m6e_cache(drv.e), &a);
	return h ? h->count : 0;
}

static inline bool drv_cache_ok(void)
{
	char why[160];
	bool ok = m6e_bc_check(m6e_cache(drv.e), why, sizeof why);
	if (!ok)
		fprintf(stderr, "cache invariant broken: %s\n", why);
	return ok;
}

static inline bool addr_is(const m6_addr6 *a, const char *text)
{
	m6_addr6 b;
	m6t_addr(b.a, text);
	return memcmp(a->a, b.a, 16) == 0;
}

#endif
