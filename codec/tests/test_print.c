/* test_print.c - the output buffer (addresses against inet_ntop, flushing,
 * overflow) and the three packet printers on the shared samples. */
#include <stdlib.h>

#include "m6print.h"
#include "samples.h"

static uint8_t frame[4096];
static struct m6_pkt pkt;

/* Decode a sample as it comes off the wire (raw link unless it has Ethernet). */
static void decode_sample(const struct sample *s)
{
	int n = m6_pkt_encode(&s->spec, &s->msg, NULL, frame, sizeof frame);
	if (n < 0) {
		fprintf(stderr, "%s: encode failed\n", s->name);
		exit(2);
	}
	m6_pkt_decode(frame, (size_t)n, s->spec.eth ? M6_LINK_ETHERNET : M6_LINK_RAW, true, &pkt);
}

static const char *print_with(void (*printer)(struct m6_buf *, const struct m6_pkt *,
					      const struct m6_frame_info *))
{
	static char mem[1 << 16];
	struct m6_buf b;
	struct m6_frame_info fi = { .frame = 3, .ts_sec = 1700000000, .ts_usec = 42, .caplen = 100, .len = 100 };

	m6_buf_init(&b, mem, sizeof mem - 1, NULL);
	printer(&b, &pkt, &fi);
	b.p[b.len] = 0;
	return b.p;
}

static void check_addr6(const uint8_t a[16])
{
	char want[INET6_ADDRSTRLEN], got[64];
	struct m6_buf b;

	inet_ntop(AF_INET6, a, want, sizeof want);
	m6_buf_init(&b, got, sizeof got - 1, NULL);
	m6_buf_addr6(&b, (const m6_addr6 *)a);
	got[b.len] = 0;
	if (strcmp(got, want)) {
		CHECK(!"addr6 differs from inet_ntop");
		if (m6t_cur_failed <= 5)
			fprintf(stderr, "  got %s want %s\n", got, want);
	}
}

/* Random addresses with zero groups in every pattern, and the special forms. */
static void test_addr6_matches_inet_ntop(void)
{
	uint8_t a[16];
	uint32_t seed = 12345;

	for (int i = 0; i < 200000; i++) {
		unsigned zeros = (unsigned)i & 0xff; /* which of the 8 groups are zero */
		for (int g = 0; g < 8; g++) {
			seed = seed * 1103515245u + 12345u;
			unsigned v = (zeros >> g & 1) ? 0 : (seed >> 8) & (i & 256 ? 0xf : 0xffff);
			a[2 * g] = (uint8_t)(v >> 8);
			a[2 * g + 1] = (uint8_t)v;
		}
		if (i % 7 == 0) { /* IPv4-mapped */
			memset(a, 0, 10);
			a[10] = a[11] = 0xff;
		}
		check_addr6(a);
	}
	memset(a, 0, 16);
	check_addr6(a);
	a[15] = 1;
	check_addr6(a);
}

static void test_numbers_and_hex(void)
{
	char mem[128];
	struct m6_buf b;
	m6_addr4 v4 = { { 192, 0, 2, 255 } };
	const uint8_t mac[6] = { 2, 0, 0, 0xab, 0, 1 };

	m6_buf_init(&b, mem, sizeof mem - 1, NULL);
	m6_buf_u(&b, 0);
	m6_buf_char(&b, ' ');
	m6_buf_u(&b, UINT64_MAX);
	m6_buf_char(&b, ' ');
	m6_buf_hex(&b, (const uint8_t *)"\x00\xff\x1a", 3);
	m6_buf_char(&b, ' ');
	m6_buf_addr4(&b, &v4);
	m6_buf_char(&b, ' ');
	m6_buf_mac(&b, mac);
	m6_buf_char(&b, ' ');
	m6_buf_json_str(&b, "a\"b\\c\n");
	mem[b.len] = 0;
	CHECK(!strcmp(mem, "0 18446744073709551615 00ff1a 192.0.2.255 02:00:00:ab:00:01 \"a\\\"b\\\\c\\u000a\""));
}

static void test_buffer_flushes_and_cuts(void)
{
	char mem[8];
	struct m6_buf b;
	FILE *f = tmpfile();
	char back[64] = "";

	m6_buf_init(&b, mem, sizeof mem, f);
	m6_buf_str(&b, "0123456789abcdefghij");
	m6_buf_u(&b, 12345);
	CHECK(m6_buf_flush(&b));
	CHECK(!b.overflow);
	rewind(f);
	CHECK(fgets(back, sizeof back, f) != NULL);
	CHECK(!strcmp(back, "0123456789abcdefghij12345"));
	fclose(f);

	m6_buf_init(&b, mem, sizeof mem, NULL);
	m6_buf_str(&b, "0123456789");
	CHECK(b.overflow);
	CHECK_INT(b.len, sizeof mem);
}

static void test_line_reads_like_a_spec(void)
{
	decode_sample(sample_find("bu-bulk4"));
	CHECK(!strcmp(print_with(m6_print_line),
		      "3 2001:db8:2::100 > 2001:db8:1::1 bu seq=8 A H O lifetime_s=4000"
		      " bid=1,coa=2001:db8:2::5 bid=2,coa=2001:db8:3::5 bid=3,coa=2001:db8:4::5"
		      " bid=4,coa=2001:db8:5::5 : valid\n"));
	decode_sample(sample_find("bu-hao"));
	CHECK(strstr(print_with(m6_print_line), "bid=4,coa=2001:db8:5::5 hao=2001:db8:1::100 : valid") != NULL);
	decode_sample(sample_find("bu-unknown-opt"));
	CHECK(strstr(print_with(m6_print_line), " opt=200,deadbeef : valid") != NULL);
}

static void test_line_names_the_first_error(void)
{
	struct sample s = *sample_find("bu-plain");
	struct m6_enc_knobs k = { .csum_bad = true };
	int n = m6_pkt_encode(&s.spec, &s.msg, &k, frame, sizeof frame);

	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(strstr(print_with(m6_print_line), " : INVALID bad-checksum@44 discard\n") != NULL);
	k = (struct m6_enc_knobs){ .proto_set = true, .proto = 6 };
	n = m6_pkt_encode(&s.spec, &s.msg, &k, frame, sizeof frame);
	m6_pkt_decode(frame, (size_t)n, M6_LINK_RAW, true, &pkt);
	CHECK(strstr(print_with(m6_print_line), " : INVALID payload-proto@40 icmp-param-problem 40\n") != NULL);
}

/* Crude structure check: balanced brackets outside strings, one line. */
static bool json_balanced(const char *s)
{
	int depth = 0;
	bool in_str = false;

	for (; *s && *s != '\n'; s++) {
		if (in_str) {
			if (*s == '\\')
				s++;
			else if (*s == '"')
				in_str = false;
		} else if (*s == '"') {
			in_str = true;
		} else if (*s == '{' || *s == '[') {
			depth++;
		} else if (*s == '}' || *s == ']') {
			if (--depth < 0)
				return false;
		}
	}
	return depth == 0 && !in_str && s[0] == '\n' && s[1] == 0;
}

static void test_json_and_verbose_carry_the_same_keys(void)
{
	for (int i = 0; i < n_samples; i++) {
		decode_sample(&samples[i]);
		const char *j = print_with(m6_print_json);
		CHECK(json_balanced(j));
		CHECK(strstr(j, "\"valid\":true,\"errors\":[],") != NULL);
		char keyed[64];
		snprintf(keyed, sizeof keyed, "\"type\":%u,", samples[i].msg.type);
		CHECK(strstr(j, keyed) != NULL);
		const char *v = print_with(m6_print_verbose);
		CHECK(!strncmp(v, "frame 3 ts_sec 1700000000 ts_usec 42", 36));
		CHECK(strstr(v, "\n  mh offset ") != NULL);
		CHECK(strstr(v, "\n  valid true\n") != NULL);
	}
	decode_sample(sample_find("bu-bulk4"));
	const char *j = print_with(m6_print_json);
	CHECK(strstr(j, "\"seq\":8,\"flags\":49216,\"flag_names\":\"A H O\",\"lifetime\":1000,\"lifetime_s\":4000") != NULL);
	CHECK(strstr(j, "{\"type\":35,\"name\":\"Binding Identifier\",\"offset\":") != NULL);
	CHECK(strstr(j, "\"bid\":4,\"status\":0,\"flags\":0,\"h\":false,\"coa\":\"2001:db8:5::5\"}") != NULL);
	const char *v = print_with(m6_print_verbose);
	CHECK(strstr(v, "\n    options type 35 name \"Binding Identifier\" offset ") != NULL);
}

static bool json_safe(const char *s)
{
	for (; s && *s; s++)
		if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20)
			return false;
	return true;
}

/* The JSON printer writes names without escaping: they must not need it. */
static void test_names_need_no_json_escapes(void)
{
	for (int c = 0; c < 256; c++) {
		CHECK(json_safe(m6_mh_type_name((uint8_t)c)));
		CHECK(json_safe(m6_mh_type_abbrev((uint8_t)c)));
		CHECK(json_safe(m6_opt_name((uint8_t)c)));
		CHECK(json_safe(m6_ba_status_name((uint8_t)c)));
		CHECK(json_safe(m6_be_status_name((uint8_t)c)));
		CHECK(json_safe(m6_reason_name((uint8_t)c)));
		CHECK(json_safe(m6_action_name((uint8_t)c)));
		CHECK(json_safe(m6_link_name((uint8_t)c)));
	}
	CHECK(m6_reason_name(M6_R_COUNT - 1) != NULL);
	CHECK(m6_opt_name(M6_OPT_BID) != NULL && m6_ba_status_name(M6_BA_MCOA_MALFORMED) != NULL);
}

int main(void)
{
	samples_init();
	M6T_RUN(test_addr6_matches_inet_ntop);
	M6T_RUN(test_numbers_and_hex);
	M6T_RUN(test_buffer_flushes_and_cuts);
	M6T_RUN(test_line_reads_like_a_spec);
	M6T_RUN(test_line_names_the_first_error);
	M6T_RUN(test_json_and_verbose_carry_the_same_keys);
	M6T_RUN(test_names_need_no_json_escapes);
	return m6t_finish("test_print");
}
