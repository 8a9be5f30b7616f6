/* test_words.c - a case's expected words against decode lines (words.h). */
#include "../words.h"
#include "m6test.h"

static const char *const ba =
	"1 2001:db8:1::1 > 2001:db8:2::5 ba status=0 seq=1 lifetime_s=300 bid=1,coa=2001:db8:2::5 bid=2,status=167 "
	"rh2=2001:db8:1::1:1 : valid";

static void plain_words(void)
{
	CHECK(m6h_has_words(ba, "ba status=0 seq=1"));
	CHECK(!m6h_has_words(ba, "ba status=1"));
	CHECK(!m6h_has_words(ba, "seq=10"));
	CHECK(!m6h_has_words(ba, "b"));
	CHECK(m6h_has_words(ba, "2001:db8:2::5"));
}

/* A BID option may carry more attributes than the case names. */
static void attributes_after_a_comma(void)
{
	CHECK(m6h_has_words(ba, "bid=1"));
	CHECK(m6h_has_words(ba, "bid=2,status=167"));
	CHECK(m6h_has_words(ba, "bid=1,coa=2001:db8:2::5"));
	CHECK(!m6h_has_words(ba, "bid=2,status=0"));
	CHECK(!m6h_has_words(ba, "bid=3"));
	CHECK(!m6h_has_words(ba, "bid=1,h"));
}

static void prefixes_alternatives_negations(void)
{
	CHECK(m6h_has_words(ba, "rh2=*"));
	CHECK(m6h_has_words(ba, "status=132|status=0"));
	CHECK(!m6h_has_words(ba, "status=132|status=133"));
	CHECK(m6h_has_words(ba, "!bad=*"));
	CHECK(!m6h_has_words(ba, "!rh2=*"));
}

static void ranges(void)
{
	CHECK(m6h_has_words(ba, "lifetime_s=4..400"));
	CHECK(m6h_has_words(ba, "lifetime_s=300..300"));
	CHECK(!m6h_has_words(ba, "lifetime_s=4..299"));
	CHECK(!m6h_has_words(ba, "lifetime_s=301..400"));
	CHECK(!m6h_has_words(ba, "lifetim=4..400"));
	CHECK(m6h_has_words(ba, "seq=0..1 status=0..127"));
	CHECK(!m6h_has_words("ba lifetime_s=abc", "lifetime_s=0..400"));
}

int main(void)
{
	M6T_RUN(plain_words);
	M6T_RUN(attributes_after_a_comma);
	M6T_RUN(prefixes_alternatives_negations);
	M6T_RUN(ranges);
	return m6t_finish("test_words");
}
