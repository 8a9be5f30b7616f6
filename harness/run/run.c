/* run.c - the root side of a conformance run (run.h): the run folder, the
 * test network, the IUT and the handles; the cases and the reports run
 * without root (group.c, unpriv.h). */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "reap.h"
#include "report.h"
#include "run.h"
#include "run_realism.h"
#include "settings.h"
#include "unpriv.h"
#include "version.h"

#define ASSUMPTIONS "MN-HA IPsec is assumed off at the IUT (home registrations are sent unprotected)."

int m6h_run_fail(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mip6kit run: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	return 2;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* A case's settings as one key in a fixed order ("" for none): cases with
 * the same key run against one start of the IUT. */
static void settings_key(const struct m6h_case *c, char *out)
{
	const char *sorted[M6H_CASE_SETTINGS];

	for (int i = 0; i < c->n_settings; i++) {
		int k = i;
		for (; k > 0 && strcmp(sorted[k - 1], c->settings[i]) > 0; k--)
			sorted[k] = sorted[k - 1];
		sorted[k] = c->settings[i];
	}
	out[0] = '\0';
	for (int i = 0; i < c->n_settings; i++)
		sprintf(out + strlen(out), "%s%s", i ? " " : "", sorted[i]);
}

/* A new file in the run folder, never through a link (the folder is
 * handed to nobody later; root keeps the descriptor). */
static FILE *create_file(const struct m6h_run *s, const char *name, const char *mode)
{
	char path[600];

	snprintf(path, sizeof path, "%s/%s", s->dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_APPEND, 0644);
	FILE *f = fd >= 0 ? fdopen(fd, mode) : NULL;
	if (fd >= 0 && !f)
		close(fd);
	return f;
}

/* reports/<run-id>/ and its cases/ folder, owned by root until the first
 * unprivileged process takes them; iut.log and mutation.txt in it. */
static int make_run_dir(struct m6h_run *s)
{
	time_t t = time(NULL);
	char stamp[32], cases[600];

	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
	mkdir(s->o.reports, 0755);
	for (int k = 0; k < 100; k++) {
		snprintf(s->run_id, sizeof s->run_id, k ? "%s-%d" : "%s", stamp, k);
		snprintf(s->dir, sizeof s->dir, "%s/%s", s->o.reports, s->run_id);
		if (mkdir(s->dir, 0755) == 0)
			break;
		if (errno != EEXIST)
			return m6h_run_fail("cannot create a run folder under %s: %s", s->o.reports, strerror(errno));
	}
	snprintf(cases, sizeof cases, "%s/cases", s->dir);
	FILE *log = create_file(s, "iut.log", "a");
	s->mutation_txt = s->o.mutation ? create_file(s, "mutation.txt", "w") : NULL;
	if (mkdir(cases, 0755) || !log || (s->o.mutation && !s->mutation_txt))
		return m6h_run_fail("cannot fill the run folder %s: %s", s->dir, strerror(errno));
	s->iut.log_fd = fileno(log); /* kept open for the whole run */
	return 0;
}

int m6h_run_prepare(struct m6h_run *s, const struct m6h_case *cases, int n)
{
	char err[200], table[600];

	s->sh = mmap(NULL, sizeof *s->sh, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (s->sh == MAP_FAILED)
		return m6h_run_fail("out of memory");
	if (s->o.realism && run_realism_flags(s->o.realism, s->realism_flags, sizeof s->realism_flags, err, sizeof err))
		return m6h_run_fail("--realism: %s", err);
	s->iut = (struct run_iut){ .cmd = s->o.iut_cmd, .fault = s->o.fault, .realism = s->realism_flags };
	for (int i = 0; i < n; i++)
		settings_key(&cases[i], s->keys[i]);
	snprintf(table, sizeof table, "%s/requirements.tsv", s->o.suites);
	if (m6h_reqs_load(table, &s->reqs) < 0)
		return m6h_run_fail("%s: %s", table, strerror(errno));
	if (m6h_features_load(&s->f, &s->o))
		return 2;
	s->started = now_s();
	struct stat st;
	s->iut_log_from = s->o.iut_log && stat(s->o.iut_log, &st) == 0 ? (long)st.st_size : 0; /* only what this run adds */
	return make_run_dir(s);
}

/* The network up with that many links (built again when the number
 * changes); t[0] filled but for its links. */
static int set_up_network(struct m6h_run *s, struct m6h_target *t, int links)
{
	char err[256], mac[32];

	snprintf(t->iut_addr, sizeof t->iut_addr, "%s", s->o.iut_addr ? s->o.iut_addr : RUN_IUT_ADDR);
	t->stop = s->stop;
	t->shared = s->o.jobs > 1;
	t->time_scale = s->o.time_scale;
	t->run_tag = s->o.run_tag;
	t->n_links = links;
	if (s->o.iut_if) {
		if (!s->o.iut_mac || m6h_parse_mac(s->o.iut_mac, t->iut_mac[0]) < 0)
			return m6h_run_fail("--iut-if needs --iut-mac aa:bb:cc:dd:ee:ff");
		memcpy(s->sh->iut_mac[0], t->iut_mac[0], 6);
		return 0;
	}
	if (s->links_up == links)
		return 0;
	struct m6h_topo_opts topo = { .lane = s->lane, .n_links = links };
	static char bridged[M6H_TOPO_LINKS][32];
	for (int k = 0; k < links && s->o.iut_bridge; k++)
		if (m6h_list_item(s->o.iut_bridge, k, bridged[k], sizeof bridged[k]) == 0)
			topo.bridge[k] = bridged[k];
	if (s->o.iut_cmd)
		topo.iut_addrs[topo.n_iut_addrs++] = RUN_IUT_ADDR "/64";
	if (m6h_topo_up(&topo, err, sizeof err) < 0)
		return m6h_run_fail("test network: %s", err);
	s->topo = true;
	s->links_up = links;
	for (int k = 0; k < links; k++) {
		if (s->o.iut_bridge ? m6h_list_item(s->o.iut_mac, k, mac, sizeof mac) || m6h_parse_mac(mac, t->iut_mac[k])
				    : m6h_topo_iut_mac(s->lane, k, mac, sizeof mac) < 0 || m6h_parse_mac(mac, t->iut_mac[k]) < 0)
			return m6h_run_fail("cannot read the MAC address of the IUT on link %d%s", k,
				    s->o.iut_bridge ? " (--iut-mac: one per bridged interface)" : "");
		memcpy(s->sh->iut_mac[k], t->iut_mac[k], 6);
	}
	return 0;
}

/* The network up with that many links (built again when the number
 * changes); the targets (one per job, t[0..o.jobs)) filled but for their
 * links. */
static int set_up(struct m6h_run *s, struct m6h_target *t, int links)
{
	int rc = set_up_network(s, t, links);

	for (int w = 1; w < s->o.jobs; w++) {
		struct m6h_link *own[M6H_LINKS_MAX];
		memcpy(own, t[w].links, sizeof own);
		t[w] = t[0];
		memcpy(t[w].links, own, sizeof own);
	}
	return rc;
}

/* The links opened afresh, a set per job (a capture handle read by one
 * process is not read by another), and the IUT started with settings,
 * unless it lives elsewhere. */
static int start_iut(struct m6h_run *s, struct m6h_target *t, const char *settings)
{
	char err[300], name[16], iut_name[16];

	for (int w = 0; w < s->o.jobs; w++)
		for (int k = 0; k < t->n_links; k++) {
			m6h_topo_if_names(s->lane, k, name, iut_name);
			t[w].links[k] = m6h_link_open(s->o.iut_if ? s->o.iut_if : name, "ip6", err, sizeof err);
			if (!t[w].links[k])
				return m6h_run_fail("%s", err);
		}
	if (!s->o.iut_if && !s->o.iut_bridge && run_iut_start(&s->iut, settings, err, sizeof err) < 0)
		return m6h_run_fail("cannot start the IUT: %s", err);
	return 0;
}

/* --iut-log: what the IUT wrote to its own log file since from, appended
 * to iut.log (for an IUT whose output the run cannot capture). Returns
 * the file's size now. */
static long copy_iut_log(const struct m6h_run *s, long from)
{
	char buf[4096];
	size_t n;
	FILE *f = s->o.iut_log ? fopen(s->o.iut_log, "r") : NULL;

	if (!f)
		return from;
	bool header = false;
	if (fseek(f, from, SEEK_SET) == 0)
		while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
			if (!header)
				dprintf(s->iut.log_fd, "== from %s:\n", s->o.iut_log);
			header = true;
			if (write(s->iut.log_fd, buf, n) < 0)
				break;
		}
	long end = ftell(f);
	fclose(f);
	return end < 0 ? from : end;
}

/* The IUT stopped and every job's links closed. */
static void stop_iut(struct m6h_run *s, struct m6h_target *t)
{
	s->iut_log_from = copy_iut_log(s, s->iut_log_from);
	run_iut_stop(&s->iut);
	for (int w = 0; w < M6H_JOBS_MAX; w++)
		for (int k = 0; k < M6H_LINKS_MAX; k++) {
			if (t[w].links[k])
				m6h_link_close(t[w].links[k]);
			t[w].links[k] = NULL;
		}
}

static void tear_down(struct m6h_run *s, struct m6h_target *t)
{
	stop_iut(s, t);
	if (s->topo)
		m6h_topo_lane_down(s->lane);
	s->topo = false;
	s->links_up = 0;
}

/* The group's cases without root, the start-up probe first. An IUT that
 * answers none is reported and the cases run anyway (they end at their
 * deadlines), unless it has exited. Returns 0, -1 when they could not be
 * run, -2 when the IUT could not be. */
static int run_cases(struct m6h_run *s, struct m6h_target *t, const struct m6h_case *cases, int n,
		     const char *key)
{
	int status, rc = m6h_run_group_unprivileged(s, t, cases, n, key, true);
	int probe = s->sh->probe;

	for (int w = 0; w < s->o.jobs; w++)
		t[w].probe = probe >= 0 && probe < M6H_PROBE_KINDS ? probe : 0;
	if (rc != M6H_UNPRIV_UNANSWERED)
		return rc < 0 || rc == M6H_UNPRIV_NO_DROP ? -1 : 0;
	s->sh->unanswered = 1;
	if (run_iut_exited(&s->iut, &status))
		return m6h_run_fail("the IUT exited (status %d) before it answered; see %s/iut.log",
			    WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), s->dir),
		       -2;
	fprintf(stderr, "mip6kit run: the IUT answered none of the start-up probes (an unknown MH type, a "
			"HoTI, a BU) within %d s (--startup-wait); the cases run anyway (see %s/iut.log)\n",
		s->o.startup_s, s->dir);
	rc = m6h_run_group_unprivileged(s, t, cases, n, key, false);
	return rc < 0 || rc >= M6H_UNPRIV_UNANSWERED ? -1 : 0;
}

/* The cases of one settings key against an IUT started with them (the
 * first key, "", also runs the probes). Returns 0, -1 when they could not
 * be run, -2 when the IUT could not be. */
static int run_group(struct m6h_run *s, struct m6h_target *t, const struct m6h_case *cases, int n,
		     const char *const *keys, int group, bool joining)
{
	const char *key = keys[group];
	bool probes = !key[0] && !joining, live = probes; /* the first group also runs the probes */
	int rc;

	s->group = group;
	s->joining = joining;
	for (int i = 0; i < n; i++)
		if (!strcmp(s->keys[i], key))
			live |= m6h_case_applies(&s->f, &cases[i]); /* all n/a: the IUT is not started */
	if (!live) {
		rc = m6h_run_group_unprivileged(s, t, cases, n, key, false);
		rc = rc < 0 || rc >= M6H_UNPRIV_UNANSWERED ? -1 : 0;
	} else if (set_up(s, t, m6h_settings_links(key)) || start_iut(s, t, key)) {
		rc = -2;
	} else {
		rc = run_cases(s, t, cases, n, key);
	}
	if (probes) {
		m6h_features_update(&s->f, s->sh->probes); /* for the next groups */
		s->sh->probes_done = 1; /* also when the group could not run */
	}
	stop_iut(s, t);
	return rc;
}

/* The distinct settings keys in the order their groups are taken: "" (it
 * runs the probes), the groups on one link, then those on more (a lane's
 * network is built again only when the number of links changes). */
static int group_keys(const struct m6h_run *s, int n, const char *keys[])
{
	int n_keys = 0;

	keys[n_keys++] = "";
	for (int pass = 0; pass < 2; pass++)
		for (int i = 0; i < n; i++) {
			bool seen = false;
			for (int k = 0; k < n_keys && !seen; k++)
				seen = !strcmp(keys[k], s->keys[i]);
			if (!seen && (m6h_settings_links(s->keys[i]) > 1) == pass)
				keys[n_keys++] = s->keys[i];
		}
	return n_keys;
}

/* One lane: the groups it takes from the shared counter, one after
 * another on its own network; lane 0 begins with the first group (the
 * probes), the others wait for the features those set (they decide what
 * is n/a). With no group left to start, a lane joins one that still has
 * more cases waiting than a lane has jobs: another start of the IUT with
 * the same settings, taking from the same queue. Returns 0, -1 or -2 as
 * run_group. */
static int run_lane(struct m6h_run *s, const struct m6h_case *cases, int n, const char *const *keys, int n_keys,
		    const int *sizes)
{
	static struct m6h_target t[M6H_JOBS_MAX]; /* one per job */
	int rc = 0;

	while (s->lane > 0 && !s->sh->probes_done && !*s->stop)
		usleep(20000);
	if (s->lane > 0)
		m6h_features_update(&s->f, s->sh->probes);
	for (int g = 0; !*s->stop && !s->sh->failed && g < n_keys;
	     g = __atomic_fetch_add(&s->sh->next_group, 1, __ATOMIC_SEQ_CST)) {
		if (g == 0 && s->lane > 0)
			continue; /* lane 0's */
		rc = run_group(s, t, cases, n, keys, g, false);
		if (rc < 0)
			s->sh->failed = 1;
	}
	for (int g = 0; !*s->stop && !s->sh->failed && g < n_keys; g++)
		if (sizes[g] - __atomic_load_n(&s->sh->next_case[g], __ATOMIC_SEQ_CST) > s->o.jobs &&
		    (rc = run_group(s, t, cases, n, keys, g, true)) < 0)
			s->sh->failed = 1;
	tear_down(s, t);
	return rc;
}

/* Lanes 1 and up in processes of their own (still root: each has a
 * network and an IUT), lane 0 in this one; a signal to this one is
 * passed on to them. Returns the worst of their results. */
static int run_lanes(struct m6h_run *s, const struct m6h_case *cases, int n)
{
	static const char *keys[M6H_RUN_MAX_CASES + 1];
	static int sizes[M6H_RUN_MAX_CASES + 1]; /* each group's cases */
	int n_keys = group_keys(s, n, keys), lanes = s->o.lanes < 1 ? 1 : s->o.lanes, rc, statuses[M6H_LANES_MAX];
	pid_t pids[M6H_LANES_MAX] = { 0 };
	char err[200];

	for (int g = 0; g < n_keys; g++) {
		sizes[g] = 0;
		for (int i = 0; i < n; i++)
			sizes[g] += !strcmp(s->keys[i], keys[g]);
	}

	/* the lanes share the lock on the test network: taken before they part */
	if (!s->o.iut_if && m6h_topo_lock(err, sizeof err))
		return m6h_run_fail("test network: %s", err), -2;
	s->sh->next_group = 1;
	for (int l = 1; l < lanes; l++) {
		pids[l] = fork();
		if (pids[l] == 0) {
			s->lane = s->iut.lane = l;
			rc = run_lane(s, cases, n, keys, n_keys, sizes);
			fflush(stdout);
			_exit(-rc);
		}
		if (pids[l] < 0)
			lanes = l;
	}
	rc = run_lane(s, cases, n, keys, n_keys, sizes);
	m6h_reap(pids + 1, lanes - 1, statuses + 1, s->stop);
	for (int l = 1; l < lanes; l++) {
		int lane_rc = WIFEXITED(statuses[l]) ? -WEXITSTATUS(statuses[l]) : -1;
		rc = lane_rc < rc ? lane_rc : rc;
	}
	return rc;
}

int m6h_run_pass(struct m6h_run *s, const struct m6h_case *cases, int n, int *bad)
{
	for (int i = 0; i < n; i++) { /* until its group has run it */
		memset(&s->sh->results[i], 0, sizeof s->sh->results[i]);
		s->sh->results[i].verdict = M6H_INCONCLUSIVE;
		snprintf(s->sh->results[i].why, sizeof s->sh->results[i].why, "not run: the run stopped before it");
	}
	s->sh->done = s->sh->probes_done = s->sh->failed = 0;
	memset(s->sh->next_case, 0, sizeof s->sh->next_case);
	*bad = run_lanes(s, cases, n);
	if (*s->stop)
		return m6h_run_fail("interrupted; the network was taken down");
	if (*bad == -2)
		return 2;
	if (*bad < 0)
		return m6h_run_fail("the cases could not be run (see above)");
	for (int i = 0; i < n; i++) { /* from the verdicts alone, each checked */
		int v = m6h_checked_verdict(&s->sh->results[i]);
		*bad += v == M6H_FAIL || v == M6H_INCONCLUSIVE;
	}
	return 0;
}

struct reports {
	struct m6h_run *s;
	const struct m6h_case *cases;
	int n;
};

/* The run's IUT as `mip6kit replay` names it, for the JUnit report's
 * hint on reproducing a failing case alone. */
static void replay_options(const struct m6h_run *s, char *out, size_t cap)
{
	if (s->o.iut_cmd)
		snprintf(out, cap, "--iut-cmd '%s'", s->o.iut_cmd);
	else if (s->o.iut_if)
		snprintf(out, cap, "--iut-if %s --iut-mac %s%s%s", s->o.iut_if, s->o.iut_mac ? s->o.iut_mac : "MAC",
			 s->o.iut_addr ? " --iut-addr " : "", s->o.iut_addr ? s->o.iut_addr : "");
	else if (s->o.iut_bridge)
		snprintf(out, cap, "--iut-if IF --iut-mac %s (the guest's link)", s->o.iut_mac ? s->o.iut_mac : "MAC");
	else if (s->o.fault)
		snprintf(out, cap, "--fault %s", s->o.fault);
	size_t used = strlen(out);
	if (s->o.time_scale != 1)
		snprintf(out + used, cap - used, "%s--time-scale %g", used ? " " : "", s->o.time_scale);
}

/* The reports, written without root: the results made safe first. */
static int write_reports(void *arg)
{
	const struct reports *w = arg;
	struct m6h_run *s = w->s;
	char iut[300], assumptions[4096], addresses[400], table[600];
	double timeouts_ms = 0;

	for (int i = 0; i < w->n; i++)
		m6h_result_sanitize(&s->sh->results[i]);
	for (int i = 0; i < 2 * M6H_FEATURES; i++)
		m6h_result_sanitize(&s->sh->probes[i]);
	snprintf(iut, sizeof iut, "%s%s%s%s",
		 s->o.iut_cmd ? s->o.iut_cmd : s->o.iut_if ? s->o.iut_if : s->o.iut_bridge ? s->o.iut_bridge
											   : "the reference IUT",
		 s->o.fault ? " with a seeded fault" : "", s->o.realism ? ", realism: " : "",
		 s->o.realism ? s->o.realism : "");
	m6h_describe_addresses(s->o.run_tag, addresses, sizeof addresses);
	size_t len = (size_t)snprintf(
		assumptions, sizeof assumptions, "%s\n%s\nReply windows x %g (--time-scale).\n%s%s.\n", ASSUMPTIONS,
		addresses, s->o.time_scale,
		s->sh->unanswered ? "The IUT answered no start-up probe in time (--startup-wait); 'no reply' was told, "
				"where the IUT answered it, by a probe sent after: "
			      : "'No reply' is told by a probe sent after: ",
		m6h_probe_name(s->sh->probe));
	m6h_features_describe(&s->f, s->sh->probes, assumptions + len, sizeof assumptions - len);
	for (int i = 0; i < w->n; i++)
		timeouts_ms += m6h_case_timeout_ms(&w->cases[i], s->o.time_scale);
	char replay_opts[600] = "";
	replay_options(s, replay_opts, sizeof replay_opts);
	struct m6h_run_info info = { s->run_id, iut, assumptions, now_s() - s->started, timeouts_ms / 1000,
				     s->dir, replay_opts, s->long_left };
	printf("\n");
	m6h_report_summary(stdout, &info, w->cases, s->sh->results, w->n);
	snprintf(table, sizeof table, "%s/requirements.tsv", s->o.suites);
	if (m6h_report_write(s->dir, &info, w->cases, s->sh->results, w->n) < 0 ||
	    m6h_report_html(s->dir, &info, w->cases, s->sh->results, w->n, table, (const uint8_t(*)[6])s->sh->iut_mac,
			    s->o.iut_if ? 1 : M6H_TOPO_LINKS) < 0) {
		fprintf(stderr, "mip6kit run: cannot write the reports in %s: %s\n", s->dir, strerror(errno));
		return 1;
	}
	printf("\nreports: %s/ (summary.txt, junit.xml, cases/*.pcap)\nHTML report: %s/report.html\n", s->dir,
	       s->dir);
	return 0;
}

int m6h_run_finish(struct m6h_run *s, const struct m6h_case *cases, int n, int bad)
{
	struct reports w = { s, cases, n };
	char latest[600];

	if (m6h_unprivileged(s->dir, write_reports, &w, s->stop) != 0)
		return 2;
	snprintf(latest, sizeof latest, "%s/latest", s->o.reports);
	unlink(latest);
	if (symlink(s->run_id, latest) < 0)
		fprintf(stderr, "mip6kit run: cannot point %s at the run: %s\n", latest, strerror(errno));
	return bad ? 1 : 0;
}
