/* spec_data.c - the data packets of the spec language: an ICMPv6 Echo
 * Request or Reply and a UDP datagram (struct m6_data), built instead of
 * an MH to carry a Home Address option the way a mobile node's traffic
 * does (RFC 6275 s9.3.1). */
#include <stdio.h>

#include "spec_internal.h"

static const struct {
	const char *name;
	uint16_t what;
	uint8_t proto, type;
} data_packets[] = {
	{ "echo-request", DATA_ECHO_REQ, M6_IPPROTO_ICMPV6, M6_ICMP6_ECHO_REQUEST },
	{ "echo-reply", DATA_ECHO_REP, M6_IPPROTO_ICMPV6, M6_ICMP6_ECHO_REPLY },
	{ "udp", DATA_UDP, M6_IPPROTO_UDP, 0 },
};

/* UDP ports when none are given: from the first dynamic port (RFC 6335)
 * to Discard (RFC 863), a service that answers nothing. */
#define DEFAULT_SPORT 49152
#define DEFAULT_DPORT 9

bool m6s_parse_data_packet(struct parse *p, struct slice tok)
{
	for (size_t i = 0; i < sizeof data_packets / sizeof data_packets[0]; i++) {
		if (!m6s_slice_is(tok, data_packets[i].name))
			continue;
		struct m6_data *d = &p->b->data;
		p->b->is_data = true;
		p->what = data_packets[i].what;
		snprintf(p->msg_name, sizeof p->msg_name, "%s", data_packets[i].name);
		d->proto = data_packets[i].proto;
		d->type = data_packets[i].type;
		if (d->proto == M6_IPPROTO_UDP) {
			d->sport = DEFAULT_SPORT;
			d->dport = DEFAULT_DPORT;
		}
		return true;
	}
	return false;
}

bool m6s_is_data_packet_name(struct slice s)
{
	for (size_t i = 0; i < sizeof data_packets / sizeof data_packets[0]; i++)
		if (m6s_slice_is(s, data_packets[i].name))
			return true;
	return false;
}

int m6s_word_id(struct parse *p, const struct word *w, struct arg *a)
{
	return m6s_get_u16(p, w->name, a->val, 0xffff, p->b->is_nd ? &p->b->nd.id : &p->b->data.id);
}

/* sport=N, dport=N */
int m6s_word_port(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_data *d = &p->b->data;

	return m6s_get_u16(p, w->name, a->val, 0xffff, w->name[0] == 's' ? &d->sport : &d->dport);
}

int m6s_word_data(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_data *d = &p->b->data;
	size_t n;

	if (m6s_parse_hex(p, w->name, a->val, d->bytes, 0, M6_DATA_MAX, &n))
		return M6_ERR_ARG;
	d->len = (uint16_t)n;
	return M6_OK;
}

/* tag=N: M6_TAG_MAGIC and N before the data (SPEC.md). */
int m6s_word_tag(struct parse *p, const struct word *w, struct arg *a)
{
	struct m6_data *d = &p->b->data;
	unsigned long v;

	if (m6s_parse_num(p, w->name, a->val, 0, 0xffffffffUL, &v))
		return M6_ERR_ARG;
	d->has_tag = true;
	d->tag = (uint32_t)v;
	return M6_OK;
}
