/* replay_run.c - the root side of `mip6kit replay` (replay.h): the run
 * folder, the test network, the IUT per capture, the link; the replays
 * and the reports without root. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "replay.h"
#include "replay_report.h"
#include "run_iut.h"
#include "topo.h"
#include "unpriv.h"

static volatile int stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* "mip6kit replay: " and the problem on standard error; returns 2. */
__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mip6kit replay: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 2;
}

/* reports/<run-id>/ with cases/ and iut.log (its descriptor kept by root). */
static int make_dir(const struct m6r_options *o, char *dir, size_t cap, char *run_id, size_t idcap, int *log_fd)
{
	time_t t = time(NULL);
	char stamp[32], sub[700];

	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
	mkdir(o->reports, 0755);
	for (int k = 0; k < 100; k++) {
		snprintf(run_id, idcap, k ? "replay-%s-%d" : "replay-%s", stamp, k);
		snprintf(dir, cap, "%s/%s", o->reports, run_id);
		if (mkdir(dir, 0755) == 0)
			break;
		if (errno != EEXIST)
			return -1;
	}
	snprintf(sub, sizeof sub, "%s/cases", dir);
	if (mkdir(sub, 0755))
		return -1;
	snprintf(sub, sizeof sub, "%s/iut.log", dir);
	*log_fd = open(sub, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_APPEND, 0644);
	return *log_fd < 0 ? -1 : 0;
}

/* A capture's name in cases/: its file name without .pcap/.pcapng,
 * numbered when several captures are replayed. */
static void capture_name(const char *path, int i, int n, char *out, size_t cap)
{
	char copy[512];
	snprintf(copy, sizeof copy, "%s", path);
	char *base = basename(copy), *dot = strrchr(base, '.');
	if (dot && (!strcmp(dot, ".pcap") || !strcmp(dot, ".pcapng")))
		*dot = '\0';
	if (n > 1)
		snprintf(out, cap, "%03d-%s", i + 1, base);
	else
		snprintf(out, cap, "%s", base);
}

/* One capture: the IUT started (unless it lives elsewhere, or runs
 * already with --one-iut), the link opened, the replay without root, the
 * IUT stopped (not with --one-iut). */
static void replay_one(const struct m6r_options *o, struct run_iut *iut, struct m6h_target *t,
		       const struct m6r_capture *c, const char *dir, struct m6r_result *r)
{
	char err[300], tester[16], iut_name[16];

	m6h_topo_if_names(0, 0, tester, iut_name);
	t->links[0] = m6h_link_open(o->iut_if ? o->iut_if : tester, "ip6", err, sizeof err);
	if (!t->links[0]) {
		snprintf(r->why, sizeof r->why, "%.250s", err);
		return;
	}
	bool start = !o->iut_if && iut->pid <= 0; /* --one-iut: started once, for the first */
	if (start && run_iut_start(iut, o->settings ? o->settings : "", err, sizeof err) < 0) {
		snprintf(r->why, sizeof r->why, "cannot start the IUT: %.200s", err);
	} else {
		struct m6r_job job = { o, t, c, dir, r };
		int rc = m6h_unprivileged(dir, m6r_replay_capture, &job, &stop);
		r->status = rc >= 0 && rc <= 2 ? rc : 2;
		if (rc < 0 || rc > 2)
			snprintf(r->why, sizeof r->why, "the replay process died or could not drop root");
	}
	if (!o->one_iut)
		run_iut_stop(iut);
	m6h_link_close(t->links[0]);
	t->links[0] = NULL;
}

/* --stop-on-diff after a difference in capture i - 1: the captures from
 * i on that were read are skipped (one that could not be read still
 * makes the exit status 2). */
static void skip_rest(const struct m6r_capture *caps, struct m6r_result *res, int i, int n)
{
	for (; i < n; i++) {
		if (!caps[i].n)
			continue;
		res[i].status = M6R_SKIPPED;
		snprintf(res[i].why, sizeof res[i].why, "an earlier capture differed (--stop-on-diff)");
	}
}

/* --keep-addresses: the IUT must be the network's. Returns 0, or -1 with why in err. */
static int check_keep(const struct m6r_options *o, const struct m6r_capture *c, const char *iut_addr, char *err,
		      size_t cap)
{
	m6_addr6 a;
	inet_pton(AF_INET6, iut_addr, a.a);
	if (!o->keep_addresses || !memcmp(&a, &c->iut, sizeof a))
		return 0;
	snprintf(err, cap, "--keep-addresses needs the IUT at %s in the capture (see --iut-addr)", iut_addr);
	return -1;
}

/* Every capture read; one that cannot be (or cannot be told apart) is
 * not replayed, with why, and the others go on. Returns 0, or 2 for a bad
 * --iut-addr. */
static int load_all(const struct m6r_options *o, char *const *paths, int n, struct m6r_capture *caps,
		    struct m6r_result *res, const char *iut_addr)
{
	char err[300];
	m6_addr6 given;
	bool have = o->iut_addr && inet_pton(AF_INET6, o->iut_addr, given.a) == 1;

	if (o->iut_addr && !have)
		return fail("--iut-addr %s is no IPv6 address", o->iut_addr);
	for (int i = 0; i < n; i++) {
		res[i] = (struct m6r_result){ .status = 2 };
		capture_name(paths[i], i, n, res[i].name, sizeof res[i].name);
		err[0] = '\0';
		if (m6r_capture_load(paths[i], have ? &given : NULL, &caps[i], err, sizeof err) == 0 &&
		    check_keep(o, &caps[i], iut_addr, err, sizeof err))
			m6r_capture_free(&caps[i]); /* not replayed */
		if (!caps[i].n)
			snprintf(res[i].why, sizeof res[i].why, "%.250s", err);
	}
	return 0;
}

int m6r_replay(const struct m6r_options *o, char *const *paths, int n)
{
	static struct m6r_capture caps[M6R_CAPTURES_MAX];
	static struct m6h_target t;
	char dir[600], run_id[64], err[300], mac[32];
	int log_fd = -1;
	/* the test network's IUT address; --iut-addr names the capture's IUT (and an --iut-if IUT's) */
	const char *iut_addr = o->iut_if && o->iut_addr ? o->iut_addr : RUN_IUT_ADDR;

	if (n > M6R_CAPTURES_MAX)
		return fail("at most %d captures at once", M6R_CAPTURES_MAX);
	struct m6r_result *res = mmap(NULL, (size_t)n * sizeof *res, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED)
		return fail("out of memory");
	int rc = load_all(o, paths, n, caps, res, iut_addr);
	if (rc)
		return rc;
	if (make_dir(o, dir, sizeof dir, run_id, sizeof run_id, &log_fd))
		return fail("cannot create the run folder under %s: %s", o->reports, strerror(errno));
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	t = (struct m6h_target){ .n_links = 1, .time_scale = o->time_scale, .run_tag = 0x5ea1, .stop = &stop };
	snprintf(t.iut_addr, sizeof t.iut_addr, "%s", iut_addr);
	struct run_iut iut = { .cmd = o->iut_cmd, .fault = o->fault, .log_fd = log_fd };
	if (o->iut_if) {
		if (m6h_parse_mac(o->iut_mac, t.iut_mac[0]))
			return fail("--iut-if needs --iut-mac aa:bb:cc:dd:ee:ff");
	} else {
		struct m6h_topo_opts topo = { .lane = 0, .n_links = 1 };
		if (o->iut_cmd)
			topo.iut_addrs[topo.n_iut_addrs++] = RUN_IUT_ADDR "/64";
		if (m6h_topo_lock(err, sizeof err) || m6h_topo_up(&topo, err, sizeof err) < 0)
			return fail("test network: %s", err);
		if (m6h_topo_iut_mac(0, 0, mac, sizeof mac) < 0 || m6h_parse_mac(mac, t.iut_mac[0]))
			return m6h_topo_lane_down(0), fail("cannot read the IUT's MAC address");
	}
	for (int i = 0; i < n && !stop; i++) {
		if (!o->quiet && caps[i].n)
			printf("%s (%d exchanges)\n", paths[i], caps[i].n);
		fflush(stdout);
		if (caps[i].n)
			replay_one(o, &iut, &t, &caps[i], dir, &res[i]);
		if (res[i].status == 2)
			fprintf(stderr, "mip6kit replay: %s: not replayed: %s\n", paths[i], res[i].why);
		if (o->stop_on_diff && res[i].status == 1) {
			skip_rest(caps, res, i + 1, n);
			break;
		}
	}
	run_iut_stop(&iut);
	if (!o->iut_if)
		m6h_topo_lane_down(0);
	struct m6r_report rep = { o, paths, caps, res, n, dir, run_id };
	rc = m6h_unprivileged(dir, m6r_report_write, &rep, &stop);
	for (int i = 0; i < n; i++)
		m6r_capture_free(&caps[i]);
	if (stop)
		return fail("interrupted; the network was taken down");
	if (rc != 0)
		return 2;
	int worst = 0;
	for (int i = 0; i < n; i++)
		if (res[i].status != M6R_SKIPPED && res[i].status > worst)
			worst = res[i].status;
	return worst;
}
