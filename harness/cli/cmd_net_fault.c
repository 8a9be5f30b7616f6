/* cmd_net_fault.c - `mip6kit net fault`: a link fault (linkfault.h) made
 * or taken away by hand. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "linkfault.h"
#include "topo.h"

/* A whole decimal number from lo to hi into *v; -1 when text is not one. */
static int number(const char *text, int lo, int hi, int32_t *v)
{
	if (!text[0] || strspn(text, "0123456789") != strlen(text) || strlen(text) > 6)
		return -1;
	*v = atoi(text);
	return *v >= lo && *v <= hi ? 0 : -1;
}

/* --dir and --addr after loss PCT or delay MS. */
static int options(int argc, char **argv, struct m6h_linkfault *f)
{
	for (int i = 0; i < argc; i++) {
		if (i + 1 == argc)
			return cli_fail("net", "'%s' needs a value; see 'mip6kit net --help'", argv[i]);
		const char *v = argv[++i];
		if (!strcmp(argv[i - 1], "--dir") && (!strcmp(v, "to-iut") || !strcmp(v, "from-iut")))
			f->dir = !strcmp(v, "to-iut") ? M6H_DIR_TO_IUT : M6H_DIR_FROM_IUT;
		else if (!strcmp(argv[i - 1], "--dir"))
			return cli_fail("net", "--dir takes to-iut or from-iut, not '%s'", v);
		else if (!strcmp(argv[i - 1], "--addr") && f->kind == M6H_FAULT_LOSS) {
			if (m6h_linkfault_set_addr(f, v))
				return cli_fail("net", "--addr %s: only IPv6 addresses in 2001:db8::/32", v);
		} else {
			return cli_fail("net", "unexpected '%s'; see 'mip6kit net --help'", argv[i - 1]);
		}
	}
	return 0;
}

/* argv: "fault" LINK WHAT [ARGS]. */
int cmd_net_fault(int argc, char **argv)
{
	struct m6h_linkfault f = { 0 };
	char err[256];

	if (argc < 3 || number(argv[1], 0, M6H_TOPO_LINKS - 1, &f.link))
		return cli_fail("net", "fault LINK ...: LINK is 0 to %d; see 'mip6kit net --help'", M6H_TOPO_LINKS - 1);
	const char *what = argv[2];
	if ((!strcmp(what, "clear") || !strcmp(what, "up") || !strcmp(what, "down")) && argc > 3)
		return cli_fail("net", "fault %s takes nothing after it", what);
	if (m6h_topo_lock(err, sizeof err))
		return cli_fail("net", "%s", err);
	if (!strcmp(what, "clear")) {
		m6h_linkfault_clear(0, f.link);
		return 0;
	}
	if (!strcmp(what, "up")) {
		struct m6h_linkfault_undo down = { .f = { .link = f.link, .kind = M6H_FAULT_DOWN } };
		return m6h_linkfault_undo(&down, err, sizeof err) ? cli_fail("net", "%s", err) : 0;
	}
	if (!strcmp(what, "down")) {
		f.kind = M6H_FAULT_DOWN;
	} else if (!strcmp(what, "loss") && argc > 3) {
		f.kind = M6H_FAULT_LOSS;
		if (number(argv[3], 0, 100, &f.pct))
			return cli_fail("net", "loss PCT: 0 to 100, not '%s'", argv[3]);
	} else if (!strcmp(what, "delay") && argc > 3) {
		f.kind = M6H_FAULT_DELAY;
		if (number(argv[3], 1, M6H_FAULT_MAX_MS, &f.ms))
			return cli_fail("net", "delay MS: 1 to %d, not '%s'", M6H_FAULT_MAX_MS, argv[3]);
	} else {
		return cli_fail("net", "unknown fault '%s'; see 'mip6kit net --help'", what);
	}
	if (argc > 4 && options(argc - 4, argv + 4, &f))
		return 2;
	if (m6h_linkfault_apply(&f, NULL, err, sizeof err))
		return cli_fail("net", "%s", err);
	return 0;
}
