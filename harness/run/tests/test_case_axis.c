/* test_case_axis.c - case templates over seed 003's configurations
 * (case_axis.h): what each configuration expands to, and the refusals. */
#include "../case_axis.h"
#include "m6test.h"

static struct m6h_line in[8], out[64];

static int lines(const char *const *text)
{
	int n = 0;
	for (; text[n]; n++) {
		in[n].no = n + 1;
		snprintf(in[n].text, sizeof in[n].text, "%s", text[n]);
	}
	return n;
}

static const char *const template[] = {
	"id HA-X",
	"title T",
	"configurations 1x1 nxn",
	"each-hoa-coa send bu hao={h} seq={j} bid={j},coa={c} src={c}",
	"each-hoa-coa expect ba status=0",
	"each-hoa expect echo-request tag={i} tunnel={iut},{c*}",
	NULL,
};

static void configurations_are_read(void)
{
	char err[200];
	int n = lines(template);

	CHECK_INT(m6h_axis_configs("f", in, n, err, sizeof err), 1 << 0 | 1 << 3);
	CHECK_INT(m6h_axis_configs("f", in, 2, err, sizeof err), 0); /* no such line: a plain case */
	snprintf(in[0].text, sizeof in[0].text, "configurations 1x1 2x2");
	CHECK_INT(m6h_axis_configs("f", in, n, err, sizeof err), -1);
	CHECK(strstr(err, "f:1: configurations takes 1x1, 1xn, nx1 and nxn, each once, not '2x2'") != NULL);
	snprintf(in[0].text, sizeof in[0].text, "configurations 1xn 1xn");
	CHECK_INT(m6h_axis_configs("f", in, n, err, sizeof err), -1);
	snprintf(in[0].text, sizeof in[0].text, "configurations nx1");
	CHECK_INT(m6h_axis_configs("f", in, n, err, sizeof err), -1); /* a second line */
	CHECK(strstr(err, "a second 'configurations' line") != NULL);
}

static void one_by_one(void)
{
	char err[200];
	int n = lines(template);
	int m = m6h_axis_expand("f", in, n, 0, out, 64, err, sizeof err);

	CHECK_INT(m, 5);
	CHECK(!strcmp(out[0].text, "id HA-X-1x1"));
	CHECK(!strcmp(out[1].text, "title T (1 home, 1 care-of address)"));
	CHECK(!strcmp(out[2].text, "send bu hao={hoa} seq=1 bid=1,coa={coa1} src={coa1}"));
	CHECK_INT(out[2].no, 4);
	CHECK(!strcmp(out[3].text, "expect ba status=0"));
	CHECK(!strcmp(out[4].text, "expect echo-request tag=1 tunnel={iut},{coa1}"));
}

/* A block of lines with one prefix repeats whole: each BU before its BA. */
static void n_by_n(void)
{
	char err[200];
	int n = lines(template);
	int m = m6h_axis_expand("f", in, n, 3, out, 64, err, sizeof err);

	CHECK_INT(m, 2 + 8 + 2);
	CHECK(!strcmp(out[0].text, "id HA-X-nxn"));
	CHECK(!strcmp(out[2].text, "send bu hao={hoa} seq=1 bid=1,coa={coa1} src={coa1}"));
	CHECK(!strcmp(out[3].text, "expect ba status=0"));
	CHECK(!strcmp(out[4].text, "send bu hao={hoa} seq=2 bid=2,coa={coa2} src={coa2}"));
	CHECK(!strcmp(out[8].text, "send bu hao={hoa2} seq=2 bid=2,coa={coa2} src={coa2}"));
	CHECK(!strcmp(out[11].text, "expect echo-request tag=2 tunnel={iut},{coa1}|tunnel={iut},{coa2}"));
	CHECK_INT(m6h_axis_expand("f", in, n, 3, out, 11, err, sizeof err), -1); /* out is too small */
	CHECK(strstr(err, "expands to more than 11 lines") != NULL);
}

static void placeholders_need_their_loop(void)
{
	static const char *const bad[] = { "id A", "send bu hao={h}", NULL };
	static const char *const bad_coa[] = { "id A", "each-hoa send bu src={c}", NULL };
	char err[200];

	CHECK_INT(m6h_axis_expand("f", in, lines(bad), 0, out, 64, err, sizeof err), -1);
	CHECK(strstr(err, "f:2: {h} outside the each-* lines that give it a value") != NULL);
	CHECK_INT(m6h_axis_expand("f", in, lines(bad_coa), 1, out, 64, err, sizeof err), -1);
	CHECK(strstr(err, "{c} outside") != NULL);
}

int main(void)
{
	M6T_RUN(configurations_are_read);
	M6T_RUN(one_by_one);
	M6T_RUN(n_by_n);
	M6T_RUN(placeholders_need_their_loop);
	return m6t_finish("test_case_axis");
}
