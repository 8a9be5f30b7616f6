/* test_data.c - data packets (ICMPv6 Echo Request/Reply, UDP) instead of
 * an MH: m6_data_encode -> m6_pkt_decode gives every field back in every
 * packet layout; the checksum takes the home address of a HAO and the
 * final destination of an RH2 (checked against a plain RFC 1071 sum
 * written here); the checksum knobs; cut and garbled frames; the spec
 * words; and the printed line, which builds the same packet again. */
#include <stdlib.h>

#include "m6print.h"
#include "m6spec.h"
#include "samples.h"

static struct m6_pkt pkt;
static struct m6_build b;
static uint8_t frame[4096];
static char err[256];

static int link_of(const struct m6_pkt_spec *spec)
{
	return spec->eth ? M6_LINK_ETHERNET : M6_LINK_RAW;
}

static int encode_sample(const struct data_sample *s, const struct m6_enc_knobs *k)
{
	int n = m6_data_encode(&s->spec, &s->data, k, frame, sizeof frame);
	if (n < 0) {
		fprintf(stderr, "%s: encode failed (%d)\n", s->name, n);
		exit(2);
	}
	return n;
}

static bool has_reason(uint8_t reason, uint8_t severity)
{
	for (int i = 0; i < pkt.diags.n; i++)
		if (pkt.diags.d[i].reason == reason && pkt.diags.d[i].severity == severity)
			return true;
	return false;
}

/* The upper-layer checksum field and the offset of the upper-layer header. */
static size_t upper_off(void)
{
	return pkt.has_udp ? pkt.udp.off : pkt.icmp6.off;
}

static uint16_t wire_csum(void)
{
	return pkt.has_udp ? pkt.udp.checksum : pkt.icmp6.checksum;
}

/* RFC 1071 over the RFC 8200 s8.1 pseudo-header, written out plainly:
 * what a checksum over src -> dst must be. */
static uint16_t plain_checksum(const m6_addr6 *src, const m6_addr6 *dst, uint8_t nxt, const uint8_t *p,
			       size_t len, size_t csum_at)
{
	uint32_t sum = 0;

	for (int i = 0; i < 16; i += 2)
		sum += (uint32_t)(src->a[i] << 8 | src->a[i + 1]) + (uint32_t)(dst->a[i] << 8 | dst->a[i + 1]);
	sum += (uint32_t)(len >> 16) + (uint32_t)(len & 0xffff) + nxt;
	for (size_t i = 0; i < len; i += 2) {
		uint8_t hi = i == csum_at ? 0 : p[i];
		uint8_t lo = i + 1 >= len || i + 1 == csum_at + 1 ? 0 : p[i + 1];
		sum += (uint32_t)(hi << 8 | lo);
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

static void check_fields(const struct data_sample *s)
{
	const struct m6_data *d = &pkt.data, *w = &s->data;

	CHECK(pkt.has_data && !pkt.has_mh);
	CHECK_INT(d->proto, w->proto);
	CHECK_INT(d->type, w->type);
	CHECK_INT(d->id, w->id);
	CHECK_INT(d->seq, w->seq);
	CHECK_INT(d->sport, w->sport);
	CHECK_INT(d->dport, w->dport);
	CHECK_INT(d->len, w->len);
	CHECK_INT(d->wire_len, w->len);
	CHECK_MEM(d->bytes, w->bytes, w->len);
	CHECK_INT(pkt.upper, w->proto);
	CHECK_INT(pkt.has_udp, w->proto == M6_IPPROTO_UDP);
	CHECK_INT(pkt.has_icmp6, w->proto == M6_IPPROTO_ICMPV6);
}

static void test_every_layout_round_trips(void)
{
	for (int i = 0; i < n_data_samples; i++) {
		const struct data_sample *s = &data_samples[i];
		int n = encode_sample(s, NULL);
		CHECK_INT(m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt), M6_OK);
		check_fields(s);
		CHECK(m6_pkt_valid(&pkt));
		CHECK_INT(pkt.n_ip, s->spec.tunnel ? 2 + s->spec.n_nested : 1);
		const struct m6_ip6 *ip = &pkt.ip[pkt.n_ip - 1];
		CHECK_MEM(ip->src.a, s->spec.src.a, 16);
		CHECK_MEM(ip->dst.a, s->spec.dst.a, 16);
		CHECK_INT(ip->n_ext, s->spec.hbh + s->spec.hao + s->spec.rh2 + s->spec.frag);
		bool csum_ok = pkt.has_udp ? pkt.udp.csum_checked && pkt.udp.csum_ok
					   : pkt.icmp6.csum_checked && pkt.icmp6.csum_ok;
		CHECK(csum_ok);
		if (pkt.has_udp)
			CHECK_INT(pkt.udp.len, 8 + s->data.len);
		CHECK_INT(upper_off() + 8 + s->data.len, n);
	}
}

/* RFC 6275 s6.3, s6.1.1 and RFC 8200 s8.1: the home address is the
 * source and the RH2's address the destination of the pseudo-header; in
 * a tunnel, the inner header's addresses. */
static void test_checksum_takes_home_address_and_final_destination(void)
{
	for (int i = 0; i < n_data_samples; i++) {
		const struct data_sample *s = &data_samples[i];
		int n = encode_sample(s, NULL);
		m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt);
		const m6_addr6 *src = s->spec.hao ? &s->spec.hoa : &s->spec.src;
		const m6_addr6 *dst = s->spec.rh2 ? &s->spec.rh2_addr : &s->spec.dst;
		size_t off = upper_off(), at = pkt.has_udp ? 6 : 2;
		uint16_t want = plain_checksum(src, dst, s->data.proto, frame + off, (size_t)n - off, at);
		if (s->data.proto == M6_IPPROTO_UDP && want == 0)
			want = 0xffff;
		CHECK_INT(wire_csum(), want);
		if (s->spec.hao || s->spec.rh2) /* the addresses of the IPv6 header give another sum */
			CHECK(plain_checksum(&s->spec.src, &s->spec.dst, s->data.proto, frame + off,
					     (size_t)n - off, at) != want);
	}
}

static void test_checksum_knobs(void)
{
	const struct data_sample *echo = &data_samples[0], *udp = &data_samples[3];
	struct m6_enc_knobs bad = { .csum_bad = true }, set = { .csum_set = true, .csum = 0x1234 };

	for (int k = 0; k < 2; k++) {
		const struct data_sample *s = k ? udp : echo;
		int n = encode_sample(s, NULL);
		m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt);
		uint16_t good = wire_csum();
		size_t at = upper_off() + (k ? 6 : 2);
		n = encode_sample(s, &bad);
		CHECK_INT(m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt), M6_OK);
		CHECK_INT(wire_csum(), good ^ 1);
		CHECK(!m6_pkt_valid(&pkt) && pkt.has_data);
		CHECK(k ? pkt.udp.csum_checked && !pkt.udp.csum_ok : pkt.icmp6.csum_checked && !pkt.icmp6.csum_ok);
		CHECK_INT(pkt.diags.n, 1);
		CHECK_INT(pkt.diags.d[0].reason, M6_R_BAD_CHECKSUM);
		CHECK_INT(pkt.diags.d[0].action, M6_ACT_DISCARD);
		CHECK_INT(pkt.diags.d[0].offset, at);
		n = encode_sample(s, &set);
		m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt);
		CHECK_INT(wire_csum(), 0x1234);
		CHECK(!m6_pkt_valid(&pkt));
		/* not verified: no verdict */
		m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), false, &pkt);
		CHECK(m6_pkt_valid(&pkt));
		CHECK(k ? !pkt.udp.csum_checked : !pkt.icmp6.csum_checked);
	}
}

/* RFC 768: a UDP sum of zero is sent as 0xffff; RFC 8200 s8.1: a zero
 * checksum is wrong in IPv6. */
static void test_udp_zero_checksum(void)
{
	struct data_sample s = data_samples[3];
	struct m6_enc_knobs zero = { .csum_set = true, .csum = 0 };

	s.data.len = 2;
	memset(s.data.bytes, 0, 2);
	int n = encode_sample(&s, NULL);
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	/* Data equal to the checksum over zero data brings the sum to zero. */
	s.data.bytes[0] = (uint8_t)(pkt.udp.checksum >> 8);
	s.data.bytes[1] = (uint8_t)pkt.udp.checksum;
	n = encode_sample(&s, NULL);
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK_INT(pkt.udp.checksum, 0xffff);
	CHECK(pkt.udp.csum_ok && m6_pkt_valid(&pkt));
	n = encode_sample(&s, &zero);
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK_INT(pkt.udp.checksum, 0);
	CHECK(!pkt.udp.csum_ok && has_reason(M6_R_BAD_CHECKSUM, M6_SEV_ERROR));
}

static void test_encoder_refuses(void)
{
	struct data_sample s = data_samples[0];

	s.data.type = 135; /* Neighbor Solicitation is not a data packet */
	CHECK_INT(m6_data_encode(&s.spec, &s.data, NULL, frame, sizeof frame), M6_ERR_ARG);
	s.data.proto = 6;
	CHECK_INT(m6_data_encode(&s.spec, &s.data, NULL, frame, sizeof frame), M6_ERR_ARG);
	s = data_samples[3];
	s.data.len = M6_DATA_MAX + 1;
	CHECK_INT(m6_data_encode(&s.spec, &s.data, NULL, frame, sizeof frame), M6_ERR_ARG);
	s.data.len = M6_DATA_MAX;
	CHECK_INT(m6_data_encode(&s.spec, &s.data, NULL, frame, 40 + 8 + M6_DATA_MAX - 1), M6_ERR_NOSPACE);
	CHECK_INT(m6_data_encode(&s.spec, &s.data, NULL, frame, 40 + 8 + M6_DATA_MAX), 40 + 8 + M6_DATA_MAX);
}

/* Cut at every length: never read past the end; the header makes a data
 * packet, a cut in its data a note and no checksum verdict. */
static void test_cut_at_every_length(void)
{
	for (int i = 0; i < n_data_samples; i++) {
		const struct data_sample *s = &data_samples[i];
		int n = encode_sample(s, NULL);
		m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt);
		size_t off = upper_off();
		for (int len = 0; len < n; len++) {
			uint8_t *cut = malloc((size_t)len + 1); /* exactly len: ASan sees a read past it */
			if (!cut)
				exit(2);
			memcpy(cut, frame, (size_t)len);
			int rc = m6_pkt_decode(cut, (size_t)len, link_of(&s->spec), true, &pkt);
			free(cut);
			CHECK(rc == M6_OK || rc == M6_ERR_TRUNCATED);
			CHECK_INT(pkt.has_data, (size_t)len >= off + 8);
			if (!pkt.has_data)
				continue;
			CHECK_INT(pkt.data.len, (size_t)len - off - 8);
			CHECK_INT(pkt.data.wire_len, s->data.len);
			CHECK(!pkt.icmp6.csum_checked && !pkt.udp.csum_checked);
			CHECK(has_reason(M6_R_TRUNC_PAYLOAD, M6_SEV_NOTE) && m6_pkt_valid(&pkt));
		}
	}
}

/* Every single-byte change of the upper-layer message is caught by the
 * checksum; a change anywhere decodes without reading out of bounds. */
static void test_every_byte_changed(void)
{
	for (int i = 0; i < n_data_samples; i++) {
		const struct data_sample *s = &data_samples[i];
		int n = encode_sample(s, NULL);
		m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt);
		size_t off = upper_off();
		for (int at = 0; at < n; at++) {
			frame[at] ^= 0x41;
			int rc = m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt);
			CHECK(rc == M6_OK || rc == M6_ERR_TRUNCATED || rc == M6_ERR_INVALID);
			if ((size_t)at >= off)
				CHECK(!m6_pkt_valid(&pkt));
			frame[at] ^= 0x41;
		}
	}
}

/* The UDP Length against the IPv6 payload (RFC 768, RFC 8200 s8.1). */
static void test_udp_length(void)
{
	const struct data_sample *s = &data_samples[3]; /* raw, 15 data octets */
	int n = encode_sample(s, NULL);
	size_t len_at = 40 + 4;

	frame[len_at + 1] = 7; /* below the header's 8 */
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(pkt.has_udp && has_reason(M6_R_IP_PLEN, M6_SEV_ERROR) && !pkt.udp.csum_checked);
	frame[len_at + 1] = (uint8_t)(8 + s->data.len + 1); /* past the payload */
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(has_reason(M6_R_IP_PLEN, M6_SEV_ERROR) && !m6_pkt_valid(&pkt));
	/* shorter than the payload: the datagram ends there, the rest trails */
	struct data_sample shorter = *s;
	shorter.data.len = 5;
	n = encode_sample(&shorter, NULL);
	frame[5] = (uint8_t)(frame[5] + 10); /* IPv6 Payload Length */
	memset(frame + n, 0xee, 10);
	m6_pkt_decode(frame, (size_t)n + 10, M6_LINK_RAW, true, &pkt);
	CHECK(m6_pkt_valid(&pkt) && pkt.udp.csum_ok);
	CHECK(has_reason(M6_R_IP_PLEN, M6_SEV_NOTE));
	CHECK_INT(pkt.data.len, 5);
	/* a payload too short for a header is no UDP datagram */
	n = encode_sample(s, NULL);
	frame[4] = 0;
	frame[5] = 7;
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(!pkt.has_udp && !pkt.has_data && pkt.upper == M6_IPPROTO_UDP);
}

/* A first fragment with more to come: its checksum covers the whole
 * datagram, which is not here. */
static void test_first_fragment_is_not_verified(void)
{
	const struct data_sample *s = &data_samples[4]; /* with a Fragment header */
	int n = encode_sample(s, NULL);

	m6_pkt_decode(frame, (size_t)n, M6_LINK_ETHERNET, true, &pkt);
	CHECK(pkt.udp.csum_checked);
	const struct m6_ip6 *ip = &pkt.ip[0];
	size_t frag = ip->ext[ip->n_ext - 1].off;
	frame[frag + 3] |= 1; /* M */
	m6_pkt_decode(frame, (size_t)n, M6_LINK_ETHERNET, true, &pkt);
	CHECK(pkt.has_data && !pkt.udp.csum_checked && m6_pkt_valid(&pkt));
}

/* More data than M6_DATA_MAX: the first M6_DATA_MAX octets are kept. */
static void test_long_data_is_cut(void)
{
	struct data_sample s = data_samples[3];
	size_t extra = 100;

	s.data.len = M6_DATA_MAX;
	memset(s.data.bytes, 0x77, M6_DATA_MAX);
	int n = encode_sample(&s, NULL);
	memset(frame + n, 0x77, extra);
	size_t ulen = 8 + M6_DATA_MAX + extra;
	frame[4] = (uint8_t)(ulen >> 8); /* IPv6 Payload Length */
	frame[5] = (uint8_t)ulen;
	frame[44] = (uint8_t)(ulen >> 8); /* UDP Length */
	frame[45] = (uint8_t)ulen;
	struct m6_pseudo ps = { s.spec.src, s.spec.dst };
	uint16_t c = m6_upper_checksum(&ps, M6_IPPROTO_UDP, frame + 40, ulen, 6);
	frame[46] = (uint8_t)(c >> 8);
	frame[47] = (uint8_t)c;
	m6_pkt_decode(frame, 40 + ulen, M6_LINK_RAW, true, &pkt);
	CHECK(m6_pkt_valid(&pkt) && pkt.udp.csum_ok);
	CHECK_INT(pkt.data.len, M6_DATA_MAX);
	CHECK_INT(pkt.data.wire_len, M6_DATA_MAX + extra);
}

/* An echo with a Code other than 0 is an ICMPv6 message, not a data packet. */
static void test_echo_code_not_zero(void)
{
	int n = encode_sample(&data_samples[0], NULL);

	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	size_t code = pkt.icmp6.off + 1;
	frame[code] = 1;
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, false, &pkt);
	CHECK(pkt.has_icmp6 && !pkt.has_data);
	CHECK_INT(pkt.icmp6.param, 0x12340001);
}

/* ---- spec words ---------------------------------------------------- */

static int parse(const char *spec)
{
	return m6_spec_parse(spec, &b, err, sizeof err);
}

static void test_spec_words(void)
{
	CHECK_INT(parse("echo-request id=0x1234 seq=7 data=70696E67"), M6_OK);
	CHECK(b.is_data);
	CHECK_INT(b.data.proto, M6_IPPROTO_ICMPV6);
	CHECK_INT(b.data.type, M6_ICMP6_ECHO_REQUEST);
	CHECK_INT(b.data.id, 0x1234);
	CHECK_INT(b.data.seq, 7);
	CHECK_INT(b.data.len, 4);
	CHECK_MEM(b.data.bytes, "ping", 4);
	CHECK_INT(parse("echo-reply"), M6_OK);
	CHECK_INT(b.data.type, M6_ICMP6_ECHO_REPLY);
	CHECK_INT(b.data.id + b.data.seq + b.data.len, 0);
	CHECK_INT(parse("udp"), M6_OK);
	CHECK_INT(b.data.proto, M6_IPPROTO_UDP);
	CHECK_INT(b.data.sport, 49152);
	CHECK_INT(b.data.dport, 9);
	CHECK_INT(parse("udp sport=0 dport=65535 data= csum=bad hao=2001:db8:2::100 rh2=2001:db8:2::1 "
			"dstopts-first hbh frag=3 hlim=9 tunnel=2001:db8::1,2001:db8::2 noeth"),
		  M6_OK);
	CHECK_INT(b.data.sport, 0);
	CHECK_INT(b.data.dport, 65535);
	CHECK(b.knobs.csum_bad && b.pkt.hao && b.pkt.rh2 && b.pkt.hao_before_rh2 && b.pkt.hbh);
	CHECK(b.pkt.frag && b.pkt.tunnel && !b.pkt.eth && b.pkt.hlim == 9);
	CHECK_INT(parse("bu seq=3"), M6_OK); /* an MH spec after a data one */
	CHECK(!b.is_data);
}

static void check_error(const char *spec, const char *want)
{
	CHECK_INT(parse(spec), M6_ERR_ARG);
	if (strcmp(err, want)) {
		CHECK(!"error message differs");
		fprintf(stderr, "  '%s': got '%s', want '%s'\n", spec, err, want);
	}
}

static void test_spec_errors(void)
{
	check_error("echo-request lifetime=4", "lifetime: not a field of echo-request");
	check_error("echo-reply A", "A: not a flag of echo-reply");
	check_error("udp bid=1", "bid: udp carries no mobility options (only a Mobility Header does)");
	check_error("udp pad1 verbatim", "pad1: udp carries no mobility options (only a Mobility Header does)");
	check_error("echo-request hdrlen=2", "hdrlen: only for Mobility Header messages, not for echo-request");
	check_error("udp trunc=4", "trunc: only for Mobility Header messages, not for udp");
	check_error("udp sign=0102030405060708090a0b0c0d0e0f1011121314",
		    "sign: only for Mobility Header messages, not for udp");
	check_error("echo-request mh-only", "mh-only: only for Mobility Header messages, not for echo-request");
	check_error("udp mhres=1", "mhres: not a field of udp");
	check_error("udp id=1", "id: not a field of udp");
	check_error("udp seq=1", "seq: not a field of udp");
	check_error("echo-request sport=1", "sport: not a field of echo-request");
	check_error("bu id=1", "id: not a field of bu");
	check_error("bu data=00", "data: not a field of bu");
	check_error("udp dport=65536", "dport=65536: dport out of range 0-65535");
	check_error("udp data=123", "data=123: data: odd number of hex digits (3)");
	check_error("udp data=0g", "data=0g: bad hex '0g'");
	check_error("echo-request seq=1 seq=2", "seq=2: seq given twice");
	check_error("udp echo-request", "echo-request: the message is the first word, and only one");
	check_error("echo", "echo: the first word must be the message: brr hoti coti hot cot bu ba be or mh=N, "
			    "an ICMPv6 message: rs ra ns na dhaad-req dhaad-rep mps mpa, "
			    "or a data packet: echo-request echo-reply udp");
	static char long_spec[2 * M6_DATA_MAX + 64];
	int n = snprintf(long_spec, sizeof long_spec, "udp data=");
	memset(long_spec + n, 'a', 2 * (M6_DATA_MAX + 1));
	long_spec[n + 2 * (M6_DATA_MAX + 1)] = 0;
	static char long_err[sizeof long_spec + 64]; /* the error names the whole word */
	CHECK_INT(m6_spec_parse(long_spec, &b, long_err, sizeof long_err), M6_ERR_ARG);
	CHECK(strstr(long_err, ": data takes 0-2048 octets, got 2049") != NULL);
}

/* ---- printing ------------------------------------------------------ */

static const char *print_with(void (*printer)(struct m6_buf *, const struct m6_pkt *,
					      const struct m6_frame_info *))
{
	static char mem[1 << 14];
	struct m6_buf out;
	struct m6_frame_info fi = { .frame = 1 };

	m6_buf_init(&out, mem, sizeof mem - 1, NULL);
	printer(&out, &pkt, &fi);
	out.p[out.len] = 0;
	return out.p;
}

static void test_lines(void)
{
	static const char *const want[] = {
		"1 2001:db8:3::100 > 2001:db8:1::1 echo-request id=4660 seq=1 data=70696e67 hao=2001:db8:2::100 : valid\n",
		"1 2001:db8:1::1 > 2001:db8:3::100 echo-reply id=4660 seq=65535 data=706f6e6721 rh2=2001:db8:2::100 : valid\n",
		"1 2001:db8:2::100 > 2001:db8:4::1 echo-request id=0 seq=7 tunnel=2001:db8:3::100,2001:db8:1::1 : valid\n",
		"1 2001:db8:3::100 > 2001:db8:1::1 udp sport=49152 dport=9 data=746167676564206461746167726"
		"16d : valid\n",
		"1 2001:db8:3::100 > 2001:db8:1::1 udp sport=5000 dport=6000 data=6f6464 hao=2001:db8:2::100 : valid\n",
		"1 2001:db8:3::100 > 2001:db8:1::1 udp sport=1 dport=65535 data=626f7468 rh2=2001:db8:2::100 "
		"hao=2001:db8:2::200 tunnel=2001:db8:1::1,2001:db8:3::100 : valid\n",
		"1 2001:db8:3::100 > 2001:db8:1::1 udp sport=0 dport=0 hao=2001:db8:2::100 rh2=2001:db8:2::200 : valid\n",
		"1 2001:db8:4::1 > 2001:db8:1::3 echo-request id=0 seq=3 tunnel=2001:db8:1::1,2001:db8:2::9 "
		"tunnel2=2001:db8:1::1,2001:db8:1::2 hlim=19 : valid\n",
	};
	CHECK_INT(n_data_samples, sizeof want / sizeof want[0]);
	for (int i = 0; i < n_data_samples; i++) {
		const struct data_sample *s = &data_samples[i];
		int n = encode_sample(s, NULL);
		m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt);
		const char *got = print_with(m6_print_line);
		if (strcmp(got, want[i])) {
			CHECK(!"line differs");
			fprintf(stderr, "  got  %s  want %s", got, want[i]);
		}
	}
	struct m6_enc_knobs bad = { .csum_bad = true };
	int n = encode_sample(&data_samples[3], &bad);
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(strstr(print_with(m6_print_line), " : INVALID bad-checksum@46 discard\n") != NULL);
}

/* What the line says between "DST " and " : " builds the same packet. */
static void test_line_builds_the_packet_again(void)
{
	for (int i = 0; i < n_data_samples; i++) {
		const struct data_sample *s = &data_samples[i];
		if (s->spec.hbh || s->spec.frag || s->spec.hao_before_rh2)
			continue; /* layout the line does not show */
		static uint8_t first[4096];
		int n = encode_sample(s, NULL);
		memcpy(first, frame, (size_t)n);
		m6_pkt_decode(frame, (size_t)n, link_of(&s->spec), true, &pkt);
		char spec[8192], src[64], dst[64];
		const char *line = print_with(m6_print_line);
		const char *from = strchr(strstr(line, " > ") + 3, ' ') + 1, *to = strstr(line, " : ");
		inet_ntop(AF_INET6, s->spec.src.a, src, sizeof src);
		inet_ntop(AF_INET6, s->spec.dst.a, dst, sizeof dst);
		snprintf(spec, sizeof spec, "%.*s src=%s dst=%s %s", (int)(to - from), from, src, dst,
			 s->spec.eth ? "" : "noeth");
		CHECK_INT(parse(spec), M6_OK);
		int again = m6_build_encode(&b, frame, sizeof frame);
		CHECK_INT(again, n);
		CHECK(again == n && !memcmp(frame, first, (size_t)n));
	}
}

/* RFC 2473 s4: tunnels nested five deep (the most a default Tunnel
 * Encapsulation Limit of 4 lets through) are walked to the packet, each
 * level its own word; one more level is a note, and the walk stops. */
static void test_nested_tunnels(void)
{
	char spec[1024] = "echo-request id=1 seq=2 noeth tunnel=2001:db8:1::1,2001:db8:2::9";
	static uint8_t deeper[4096];

	for (int level = 2; level <= M6_MAX_IP - 1; level++)
		snprintf(spec + strlen(spec), sizeof spec - strlen(spec), " tunnel%d=2001:db8:1::1,2001:db8:1::%d",
			 level, level);
	CHECK_INT(parse(spec), M6_OK);
	int n = m6_build_encode(&b, frame, sizeof frame);
	CHECK_INT(m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK_INT(pkt.n_ip, M6_MAX_IP);
	CHECK(pkt.has_data && m6_pkt_valid(&pkt) && pkt.icmp6.csum_ok);
	CHECK_INT(pkt.ip[M6_MAX_IP - 2].nxt, M6_IPPROTO_IPV6);
	CHECK_INT(pkt.ip[M6_MAX_IP - 2].plen, n - 40 * (M6_MAX_IP - 1));
	const char *line = print_with(m6_print_line);
	CHECK(strstr(line, " tunnel=2001:db8:1::1,2001:db8:2::9 tunnel2=2001:db8:1::1,2001:db8:1::2 ") != NULL);
	CHECK(strstr(line, " tunnel5=2001:db8:1::1,2001:db8:1::5 : valid\n") != NULL);

	struct m6_tunnel around = { .dst = pkt.ip[0].src };
	int more = m6_ip6_forward(frame, (size_t)n, &around, deeper, sizeof deeper);
	CHECK_INT(more, n + 40);
	CHECK_INT(m6_pkt_decode(deeper, (size_t)more, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK_INT(pkt.n_ip, M6_MAX_IP);
	CHECK(!pkt.has_data && pkt.upper == M6_IPPROTO_IPV6 && m6_pkt_valid(&pkt));
	CHECK(has_reason(M6_R_TUNNEL_DEPTH, M6_SEV_NOTE));

	CHECK_INT(parse("echo-request tunnel2=2001:db8:1::1,2001:db8:1::2"), M6_ERR_ARG);
	CHECK(strstr(err, "tunnel2 needs the levels around it first") != NULL);
	CHECK_INT(parse("echo-request tunnel=2001:db8:1::1,2001:db8:1::2 tunnel3=2001:db8:1::1,2001:db8:1::3"),
		  M6_ERR_ARG);
}

/* RFC 2473 s3: a tunnel's payload is the packet it carries. Octets after
 * it inside the outer Payload Length (an entry point that took a link's
 * padding along) are a note, named on the line after the tunnel's word;
 * a nested level is judged against the level around it. */
static void test_tunnel_excess(void)
{
	CHECK_INT(parse("echo-request id=1 seq=2 noeth tunnel=2001:db8:1::1,2001:db8:2::9 "
			"tunnel2=2001:db8:1::1,2001:db8:1::2"),
		  M6_OK);
	int n = m6_build_encode(&b, frame, sizeof frame);
	CHECK_INT(m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK(!m6_tunnel_excess(&pkt, 0) && !m6_tunnel_excess(&pkt, 1) && !m6_tunnel_excess(&pkt, 2));
	CHECK(!m6_tunnel_excess(&pkt, -1) && !has_reason(M6_R_TUNNEL_EXCESS, M6_SEV_NOTE));

	/* six octets more in the middle level's payload (and so in the outer's) */
	memset(frame + n, 0, 6);
	for (int level = 0; level < 2; level++) {
		uint16_t plen = (uint16_t)((frame[40 * level + 4] << 8 | frame[40 * level + 5]) + 6);
		frame[40 * level + 4] = (uint8_t)(plen >> 8);
		frame[40 * level + 5] = (uint8_t)plen;
	}
	CHECK_INT(m6_pkt_decode(frame, (size_t)n + 6, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK(!m6_tunnel_excess(&pkt, 0) && m6_tunnel_excess(&pkt, 1));
	CHECK(pkt.has_data && m6_pkt_valid(&pkt) && has_reason(M6_R_TUNNEL_EXCESS, M6_SEV_NOTE));
	const char *line = print_with(m6_print_line);
	CHECK(strstr(line, " tunnel=2001:db8:1::1,2001:db8:2::9 tunnel2=2001:db8:1::1,2001:db8:1::2 "
			   "tunnel-excess : valid\n") != NULL);

	/* the outer level alone: its excess is the inner packet's trailer */
	frame[44] = (uint8_t)((pkt.ip[1].plen - 6) >> 8);
	frame[45] = (uint8_t)(pkt.ip[1].plen - 6);
	CHECK_INT(m6_pkt_decode(frame, (size_t)n + 6, M6_LINK_RAW, true, &pkt), M6_OK);
	CHECK(m6_tunnel_excess(&pkt, 0) && !m6_tunnel_excess(&pkt, 1));
	CHECK(strstr(print_with(m6_print_line), ",2001:db8:2::9 tunnel-excess tunnel2=") != NULL);
}

static void test_json_and_verbose(void)
{
	int n = encode_sample(&data_samples[0], NULL);

	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	const char *json = print_with(m6_print_json);
	CHECK(strstr(json, "\"icmp6\":{\"offset\":64,\"type\":128,\"code\":0,\"checksum\":") != NULL);
	CHECK(strstr(json, ",\"checksum_ok\":true,\"param\":305397761,\"id\":4660,\"seq\":1,"
			   "\"data_len\":4,\"data\":\"70696e67\"}") != NULL);
	CHECK(strstr(print_with(m6_print_verbose), "\n  icmp6 offset 64 type 128 code 0 checksum ") != NULL);
	n = encode_sample(&data_samples[6], NULL);
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, false, &pkt);
	json = print_with(m6_print_json);
	CHECK(strstr(json, "\"udp\":{\"offset\":88,\"sport\":0,\"dport\":0,\"len\":8,\"checksum\":") != NULL);
	CHECK(strstr(json, "\"checksum_ok\":null,\"data_len\":0,\"data\":\"\"}") != NULL);
	CHECK(strstr(print_with(m6_print_verbose), " checksum_ok - data_len 0 data \"\"\n") != NULL);
}

int main(void)
{
	samples_init();
	M6T_RUN(test_every_layout_round_trips);
	M6T_RUN(test_checksum_takes_home_address_and_final_destination);
	M6T_RUN(test_checksum_knobs);
	M6T_RUN(test_udp_zero_checksum);
	M6T_RUN(test_encoder_refuses);
	M6T_RUN(test_cut_at_every_length);
	M6T_RUN(test_every_byte_changed);
	M6T_RUN(test_udp_length);
	M6T_RUN(test_first_fragment_is_not_verified);
	M6T_RUN(test_long_data_is_cut);
	M6T_RUN(test_echo_code_not_zero);
	M6T_RUN(test_spec_words);
	M6T_RUN(test_spec_errors);
	M6T_RUN(test_lines);
	M6T_RUN(test_line_builds_the_packet_again);
	M6T_RUN(test_nested_tunnels);
	M6T_RUN(test_tunnel_excess);
	M6T_RUN(test_json_and_verbose);
	return m6t_finish("test_data");
}
