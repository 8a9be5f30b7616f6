/* cmd_rr.c - `mip6kit rr`: return-routability values (RFC 6275 s5.2.5,
 * s6.2.7) from hex and address arguments, printed as lowercase hex: keygen
 * tokens, Kbm, Authenticators, and MHs signed in place. */
#include <arpa/inet.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "m6spec.h"
#include "m6codec.h"

#define NONCE_MAX 256 /* RFC 6275 leaves the nonce size open; 8 is usual */

/* Every option of every subcommand; a subcommand allows a subset. */
enum rr_opt {
	O_KCN,
	O_ADDR,
	O_NONCE,
	O_ID,
	O_HOME_TOKEN,
	O_COA_TOKEN,
	O_KBM,
	O_COA,
	O_CN,
	O_MH,
	O_COUNT
};

#define BIT(o) (1u << (o))

static const char *const opt_names[O_COUNT] = {
	[O_KCN] = "kcn",
	[O_ADDR] = "addr",
	[O_NONCE] = "nonce",
	[O_ID] = "id",
	[O_HOME_TOKEN] = "home-token",
	[O_COA_TOKEN] = "coa-token",
	[O_KBM] = "kbm",
	[O_COA] = "coa",
	[O_CN] = "cn",
	[O_MH] = "mh",
};

/* The option strings as given, parsed once the command line is known to be
 * complete (so that --help anywhere wins over a bad value before it). */
struct rr_args {
	const char *val[O_COUNT];
};

struct rr_sub {
	const char *name;
	unsigned required, optional;
	int (*run)(const struct rr_args *a);
	const char *synopsis; /* after "mip6kit rr " */
	const char *help;
};

/* Parses the value of --name into out[0..*n), min..max octets. Returns 0,
 * or 2 after printing what is wrong. */
static int parse_hex(enum rr_opt o, const char *s, uint8_t *out, size_t min, size_t max, size_t *n)
{
	size_t digits = strlen(s);

	for (size_t i = 0; i < digits; i++)
		if (m6_hex_digit(s[i]) < 0)
			return cli_fail("rr", "--%s: not a hex digit at position %zu: '%c'", opt_names[o], i + 1, s[i]);
	if (min == max && digits != 2 * min)
		return cli_fail("rr", "--%s: want %zu hex digits, got %zu", opt_names[o], 2 * min, digits);
	if (digits % 2)
		return cli_fail("rr", "--%s: odd number of hex digits (%zu)", opt_names[o], digits);
	if (digits / 2 < min || digits / 2 > max)
		return cli_fail("rr", "--%s: want %zu to %zu octets (%zu to %zu hex digits), got %zu",
			    opt_names[o], min, max, 2 * min, 2 * max, digits / 2);
	for (size_t i = 0; i < digits / 2; i++)
		out[i] = (uint8_t)(m6_hex_digit(s[2 * i]) << 4 | m6_hex_digit(s[2 * i + 1]));
	*n = digits / 2;
	return 0;
}

static int parse_hex_exact(enum rr_opt o, const char *s, uint8_t *out, size_t len)
{
	size_t n;

	return parse_hex(o, s, out, len, len, &n);
}

static int parse_addr(enum rr_opt o, const char *s, m6_addr6 *out)
{
	if (inet_pton(AF_INET6, s, out->a) != 1)
		return cli_fail("rr", "--%s: not an IPv6 address: '%s'", opt_names[o], s);
	return 0;
}

static void print_hex(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", p[i]);
	putchar('\n');
}

static int crypto_failed(void)
{
	return cli_fail("rr", "libcrypto failed");
}

static int run_token(const struct rr_args *a)
{
	uint8_t kcn[M6_KCN_LEN], nonce[NONCE_MAX], token[M6_TOKEN_LEN];
	size_t nonce_len;
	m6_addr6 addr;
	uint8_t id;

	if (!strcmp(a->val[O_ID], "home"))
		id = 0;
	else if (!strcmp(a->val[O_ID], "careof"))
		id = 1;
	else
		return cli_fail("rr", "--id: want home or careof, got '%s'", a->val[O_ID]);
	if (parse_hex_exact(O_KCN, a->val[O_KCN], kcn, sizeof kcn) ||
	    parse_addr(O_ADDR, a->val[O_ADDR], &addr) ||
	    parse_hex(O_NONCE, a->val[O_NONCE], nonce, 1, sizeof nonce, &nonce_len))
		return 2;
	if (m6_rr_keygen_token(kcn, &addr, nonce, nonce_len, id, token) < 0)
		return crypto_failed();
	print_hex(token, sizeof token);
	return 0;
}

static int run_kbm(const struct rr_args *a)
{
	uint8_t home[M6_TOKEN_LEN], coa[M6_TOKEN_LEN], kbm[M6_KBM_LEN];
	bool dereg = !a->val[O_COA_TOKEN];

	if (parse_hex_exact(O_HOME_TOKEN, a->val[O_HOME_TOKEN], home, sizeof home) ||
	    (!dereg && parse_hex_exact(O_COA_TOKEN, a->val[O_COA_TOKEN], coa, sizeof coa)))
		return 2;
	if (m6_rr_kbm(home, dereg ? NULL : coa, kbm) < 0)
		return crypto_failed();
	print_hex(kbm, sizeof kbm);
	return 0;
}

/* The arguments auth and sign share. */
static int parse_auth_args(const struct rr_args *a, uint8_t kbm[M6_KBM_LEN], m6_addr6 *coa,
			   m6_addr6 *cn, uint8_t mh[M6_MH_MAX], size_t *mh_len)
{
	if (parse_hex_exact(O_KBM, a->val[O_KBM], kbm, M6_KBM_LEN) ||
	    parse_addr(O_COA, a->val[O_COA], coa) || parse_addr(O_CN, a->val[O_CN], cn) ||
	    parse_hex(O_MH, a->val[O_MH], mh, 0, M6_MH_MAX, mh_len))
		return 2;
	return 0;
}

static int run_auth(const struct rr_args *a)
{
	uint8_t kbm[M6_KBM_LEN], mh[M6_MH_MAX], auth[M6_AUTH_LEN];
	m6_addr6 coa, cn;
	size_t mh_len;

	if (parse_auth_args(a, kbm, &coa, &cn, mh, &mh_len))
		return 2;
	if (m6_rr_authenticator(kbm, &coa, &cn, mh, mh_len, auth) < 0)
		return crypto_failed();
	print_hex(auth, sizeof auth);
	return 0;
}

static int run_sign(const struct rr_args *a)
{
	uint8_t kbm[M6_KBM_LEN], mh[M6_MH_MAX];
	m6_addr6 coa, cn;
	size_t mh_len;

	if (parse_auth_args(a, kbm, &coa, &cn, mh, &mh_len))
		return 2;
	int err = m6_rr_sign_mh(kbm, &coa, &cn, mh, mh_len);
	if (err == M6_ERR_ARG)
		return cli_fail("rr", "--mh: want an MH of (Header Len + 1) * 8 octets whose last option "
			    "is a 12-octet Binding Authorization Data ending it");
	if (err < 0)
		return crypto_failed();
	print_hex(mh, mh_len);
	return 0;
}

static const struct rr_sub subs[] = {
	{ "token", BIT(O_KCN) | BIT(O_ADDR) | BIT(O_NONCE) | BIT(O_ID), 0, run_token,
	  "token --kcn HEX40 --addr IPV6 --nonce HEX --id home|careof",
	  "Keygen token = First(64, HMAC_SHA1(Kcn, address | nonce | id)), id octet 0 for\n"
	  "home, 1 for care-of (RFC 6275 s5.2.5). --kcn is the 20-octet node secret, --addr\n"
	  "the home or care-of address, --nonce 1 to 256 octets. Prints 16 hex digits.\n" },
	{ "kbm", BIT(O_HOME_TOKEN), BIT(O_COA_TOKEN), run_kbm,
	  "kbm --home-token HEX16 [--coa-token HEX16]",
	  "Kbm = SHA1(home token | care-of token); without --coa-token, SHA1(home token)\n"
	  "(deregistration, RFC 6275 s5.2.5). Prints 40 hex digits.\n" },
	{ "auth", BIT(O_KBM) | BIT(O_COA) | BIT(O_CN) | BIT(O_MH), 0, run_auth,
	  "auth --kbm HEX40 --coa IPV6 --cn IPV6 --mh HEX",
	  "Authenticator = First(96, HMAC_SHA1(Kbm, care-of address |\n"
	  "                                     correspondent address | MH data))\n"
	  "(RFC 6275 s6.2.7). --mh is the MH data exactly as hashed: the MH with its\n"
	  "Checksum zero and without the 12 Authenticator octets (the Type and Length\n"
	  "octets of the Binding Authorization Data option stay in). Prints 24 hex digits.\n" },
	{ "sign", BIT(O_KBM) | BIT(O_COA) | BIT(O_CN) | BIT(O_MH), 0, run_sign,
	  "sign --kbm HEX40 --coa IPV6 --cn IPV6 --mh HEX",
	  "Writes the Authenticator into a whole encoded BU or BA. --mh must be exactly\n"
	  "(Header Len + 1) x 8 octets, and its last option a 12-octet Binding\n"
	  "Authorization Data that ends the message. The Authenticator covers the MH with\n"
	  "its Checksum taken as zero and without the Authenticator octets; the Checksum\n"
	  "is left as given (recompute it). Prints the signed MH in hex.\n" },
};

#define N_SUBS (sizeof subs / sizeof subs[0])

static void usage(void)
{
	printf("usage: mip6kit rr SUBCOMMAND [OPTIONS]\n\n"
	       "Return-routability values of RFC 6275 s5.2 (HMAC-SHA1, SHA-1), in lowercase hex.\n"
	       "Hex arguments take either case, without separators.\n\n");
	for (size_t i = 0; i < N_SUBS; i++)
		printf("  mip6kit rr %s\n", subs[i].synopsis);
	printf("\n'mip6kit rr SUBCOMMAND --help' describes each one.\n");
}

/* Collects the subcommand's options into *a. Returns 0 to run, 1 when help
 * was printed, 2 on a usage error. */
static int collect(const struct rr_sub *s, int argc, char **argv, struct rr_args *a)
{
	struct option longopts[O_COUNT + 2];
	unsigned allowed = s->required | s->optional;
	int n = 0;

	for (int o = 0; o < O_COUNT; o++)
		if (allowed & BIT(o))
			longopts[n++] = (struct option){ opt_names[o], required_argument, NULL, o };
	longopts[n++] = (struct option){ "help", no_argument, NULL, 'h' };
	longopts[n] = (struct option){ 0 };

	memset(a, 0, sizeof *a);
	opterr = 0;
	optind = 1;
	for (;;) {
		int c = getopt_long(argc, argv, ":h", longopts, NULL);
		if (c == -1)
			break;
		if (c == 'h') {
			printf("usage: mip6kit rr %s\n\n%s", s->synopsis, s->help);
			return 1;
		}
		if (c == ':')
			return cli_fail("rr", "%s: %s needs a value", s->name, argv[optind - 1]);
		if (c == '?') {
			const char *arg = argv[optind - 1];
			if (!strncmp(arg, "--", 2) && optopt)
				return cli_fail("rr", "%s: '%s' takes no value", s->name, arg);
			if (!strncmp(arg, "--", 2))
				return cli_fail("rr", "%s: unknown option '%s'", s->name, arg);
			return cli_fail("rr", "%s: unknown option '-%c'", s->name, optopt);
		}
		a->val[c] = optarg;
	}
	if (optind < argc)
		return cli_fail("rr", "%s: unexpected argument '%s'", s->name, argv[optind]);
	for (int o = 0; o < O_COUNT; o++)
		if ((s->required & BIT(o)) && !a->val[o])
			return cli_fail("rr", "%s: missing --%s", s->name, opt_names[o]);
	return 0;
}

int cmd_rr(int argc, char **argv)
{
	struct rr_args a;

	if (argc < 2)
		return cli_fail("rr", "missing subcommand: token, kbm, auth or sign (try 'mip6kit rr --help')");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage();
		return 0;
	}
	for (size_t i = 0; i < N_SUBS; i++) {
		if (strcmp(argv[1], subs[i].name))
			continue;
		int r = collect(&subs[i], argc - 1, argv + 1, &a);
		if (r)
			return r == 1 ? 0 : r;
		return subs[i].run(&a);
	}
	return cli_fail("rr", "unknown subcommand '%s': want token, kbm, auth or sign", argv[1]);
}
