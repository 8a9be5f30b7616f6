/* cmd_run.c - `mip6kit run`: the conformance run. Builds the test network,
 * starts the IUT in its namespace (the reference IUT, or the user's
 * command), runs the suites' cases against it at the link layer, writes
 * the reports and takes everything down again, also on SIGINT/SIGTERM. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "faults.h"
#include "levels.h"
#include "report.h"
#include "run_coverage.h"
#include "run_iut.h"
#include "run_realism.h"
#include "run_suites_dir.h"
#include "settings.h"
#include "topo.h"

#define CMD "run"
#define MAX_CASES 256
#define KEY_LEN (M6H_CASE_SETTINGS * 41)
#define ASSUMPTIONS "MN-HA IPsec is assumed off at the IUT (home registrations are sent unprotected)."

static const char usage_text[] =
	"usage: mip6kit run [OPTIONS]\n"
	"\n"
	"Runs the conformance suites against an implementation under test (IUT)\n"
	"and writes reports/<run-id>/ (summary.txt, junit.xml, report.html, one pcap\n"
	"per case); reports/latest points at the newest run.\n"
	"\n"
	"The IUT, one of:\n"
	"  (default)               the reference IUT, 'mip6kit refd', in namespace " M6H_NETNS "\n"
	"  --iut-cmd CMD           your HA/CN build, started as 'sh -c CMD' in namespace " M6H_NETNS "\n"
	"                          with M6K_IUT_IF(S), M6K_IUT_ADDR, M6K_HOME_PREFIX and\n"
	"                          M6K_SETTINGS in its environment (see below)\n"
	"  --iut-if IF --iut-mac MAC [--iut-addr ADDR]\n"
	"                          an IUT elsewhere, reached through interface IF (nothing else\n"
	"                          on that link may answer for the test addresses)\n"
	"  --iut-settings \"NAME=VALUE ...\"\n"
	"                          what the IUT already is (e.g. role=cn): cases that need\n"
	"                          exactly these settings apply without a restart\n"
	"Options:\n"
	"  --suites DIR            where the cases are: DIR/ha, DIR/cn (default ./suites\n"
	"                          when there is one, else the installed %s)\n"
	"  --role ha|cn|both       which suites (default both)\n"
	"  --case TEXT             only cases whose id contains TEXT (repeatable)\n"
	"  --profile FILE          the features the IUT claims, one 'NAME yes|no' per line\n"
	"                          (mcoa, bulk, ipv4coa, rr, home-binding, settings; or\n"
	"                          'settings NAME...', the settings your --iut-cmd applies); without\n"
	"                          one, the probes in SUITES/probes/ find out what your IUT\n"
	"                          supports, and cases that need a feature it lacks are n/a\n"
	"                          with the probe's evidence (the reference IUT claims all)\n"
	"  --fault NAME            run the reference IUT with a seeded fault (see 'mip6kit refd --help')\n"
	"  --realism LIST          run the reference IUT the way real stacks behave, with the\n"
	"                          switches named (comma-separated, or all):\n"
	"%s"
	"  --time-scale F          every reply window x F (0.1 to 100, default 1): for slow IUTs,\n"
	"                          e.g. 10 for an emulated guest; windows come from the RFCs'\n"
	"                          timing (1.5 s for an answer, 3 s when the IUT performs DAD)\n"
	"  --startup-wait S        how long the IUT has to answer a first probe after it\n"
	"                          starts (default 20 s; at once when it answers sooner)\n"
	"  --run-tag N             the tag (1 to 65535) in every address of the run (default:\n"
	"                          a new one each run, so that runs against an IUT that is not\n"
	"                          restarted meet none of an earlier run's bindings)\n"
	"  --reports DIR           where runs are written (default reports)\n"
	"  --mutation[=F1,F2,...]  run the suites against the reference IUT once per seeded\n"
	"                          fault (all, or those named) and print which cases catch\n"
	"                          each, and the mutation score; exit 1 unless all are caught\n"
	"  --coverage              print which cases check each row of the requirements\n"
	"                          table (SUITES/requirements.tsv), and what no case checks\n"
	"  -q, --quiet             no progress lines\n"
	"\n"
	"Settings: a case may need the IUT set up in a way of its own ('setting\n"
	"NAME=VALUE' in the case). The IUT is started once per distinct set: the\n"
	"reference IUT with the matching refd flags, your --iut-cmd with\n"
	"M6K_SETTINGS=\"NAME=VALUE ...\" (only when the profile says 'settings yes':\n"
	"your command applies them; otherwise, and with --iut-if, such cases are n/a).\n"
	"%s"
	"\n"
	"Exit status: 0 every applicable case passed, 1 some failed or were\n"
	"inconclusive, 2 the run itself could not be done.\n";

static volatile int stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

struct options {
	const char *suites, *reports, *iut_cmd, *iut_if, *iut_mac, *iut_addr, *profile, *fault, *realism;
	const char *iut_settings; /* what the IUT already is: "role=cn ..." */
	double time_scale;
	int startup_s;
	unsigned run_tag;
	bool ha, cn, quiet, mutation, coverage;
	const char *mutation_only; /* comma-separated fault names, NULL: all */
	const char *only[16];
	int n_only;
};

static const char *features_known[] = { "mcoa", "bulk", "ipv4coa", "rr", "home-binding" };
/* "settings yes" in a profile: the --iut-cmd applies M6K_SETTINGS */
#define SETTINGS_CLAIM "settings"
#define N_FEATURES (sizeof features_known / sizeof features_known[0])

struct run_state {
	struct options o;
	bool claimed[N_FEATURES][2]; /* per role: [k][0] as HA, [k][1] as CN */
	/* without a profile: what each feature's probe (SUITES/probes/F.case) found */
	struct m6h_case probes[N_FEATURES][2]; /* per role; id "" where the feature has no probe */
	struct m6h_result *probe_results; /* [k * 2 + role], shared with the child that runs them */
	bool probing;       /* a user's IUT without profile */
	bool settable;      /* the IUT can be started with any of a case's settings */
	char applies[256];  /* or with these (profile: 'settings NAME...') */
	struct run_iut iut;
	bool topo;
	int links_up;       /* links of the test network as built (0: none) */
	int probe;          /* the probe kind the cases used (runner.h), -1 before any group */
	bool unanswered;    /* a start-up probe got no answer in time */
	char keys[MAX_CASES][KEY_LEN]; /* each case's settings key (settings_key) */
	uint8_t iut_mac[M6H_TOPO_LINKS][6];
	char dir[512], run_id[64], iut_log[600], realism_flags[256];
	struct m6h_reqs reqs; /* SUITES/requirements.tsv: the level of what each case checks */
};

static int role_index(const char *role)
{
	return strcmp(role, "cn") == 0;
}

static int feature_index(const char *name)
{
	for (size_t i = 0; i < N_FEATURES; i++)
		if (!strcmp(name, features_known[i]))
			return (int)i;
	return -1;
}

/* "settings max-lifetime role": the names of the settings the user's
 * command applies (the others' cases are n/a). */
static int settings_names(struct run_state *s, const char *line, int n)
{
	const char *p = line + strspn(line, " \t") + strlen(SETTINGS_CLAIM);

	for (p += strspn(p, " \t"); *p && *p != '#' && *p != '\n'; p += strspn(p, " \t\n")) {
		char word[48];
		size_t len = strcspn(p, " \t\n#");
		snprintf(word, sizeof word, "%.*s", (int)len, p);
		if (!m6h_setting_known_name(word))
			return cli_fail(CMD, "%s:%d: unknown setting '%s' ('mip6kit run --help' lists them)",
					s->o.profile, n, word);
		if (s->o.iut_cmd && strlen(s->applies) + len + 2 < sizeof s->applies)
			snprintf(s->applies + strlen(s->applies), sizeof s->applies - strlen(s->applies), "%s%s",
				 s->applies[0] ? " " : "", word);
		p += len;
	}
	return 0;
}

static int load_profile(struct run_state *s)
{
	char line[256], name[64], value[16];
	int n = 0;

	for (size_t i = 0; i < N_FEATURES; i++)
		s->claimed[i][0] = s->claimed[i][1] = true;
	if (!s->o.profile)
		return 0;
	FILE *f = fopen(s->o.profile, "r");
	if (!f)
		return cli_fail(CMD, "%s: %s", s->o.profile, strerror(errno));
	while (fgets(line, sizeof line, f)) {
		n++;
		if (line[0] == '#' || sscanf(line, "%63s %15s", name, value) < 1)
			continue;
		int k = feature_index(name);
		if (k < 0 && !strcmp(name, SETTINGS_CLAIM) && strcmp(value, "yes") && strcmp(value, "no")) {
			if (settings_names(s, line, n))
				return fclose(f), 2;
			continue;
		}
		if ((k < 0 && strcmp(name, SETTINGS_CLAIM)) || (strcmp(value, "yes") && strcmp(value, "no"))) {
			fclose(f);
			return cli_fail(CMD, "%s:%d: want 'NAME yes|no' with NAME one of mcoa, bulk, "
					     "ipv4coa, rr, home-binding, settings, or 'settings NAME...'",
					s->o.profile, n);
		}
		if (k < 0)
			s->settable = s->o.iut_cmd && !strcmp(value, "yes");
		else
			s->claimed[k][0] = s->claimed[k][1] = !strcmp(value, "yes");
	}
	fclose(f);
	return 0;
}

/* Can the IUT have this setting? It is one every IUT has (dad=yes), one
 * the IUT is declared to have (--iut-settings), or one the run can give
 * it (the reference IUT; a user's command that applies it). */
static bool setting_ok(const struct run_state *s, const char *setting)
{
	char declared[256];

	if (m6h_setting_inherent(setting) || s->settable || m6h_setting_named(setting, s->applies))
		return true;
	snprintf(declared, sizeof declared, " %s ", s->o.iut_settings ? s->o.iut_settings : "");
	char want[64];
	snprintf(want, sizeof want, " %s ", setting);
	return strstr(declared, want) != NULL;
}

/* Why a case does not apply to the IUT, or NULL. */
static const char *not_applicable(const struct run_state *s, const struct m6h_case *c)
{
	static char why[700];

	for (int i = 0; i < c->n_settings; i++) {
		if (setting_ok(s, c->settings[i]))
			continue;
		snprintf(why, sizeof why, "needs the IUT set up with '%s'%s", c->settings[i],
			 s->o.iut_if ? ": an IUT reached through --iut-if is not started by the run (declare "
				       "what it is with --iut-settings)"
				     : ": say 'settings yes' (or 'settings NAME...') in the profile once your "
				       "--iut-cmd applies M6K_SETTINGS");
		return why;
	}
	int r = role_index(c->role);
	for (int i = 0; i < c->n_features; i++) {
		int k = feature_index(c->features[i]);
		if (k >= 0 && s->claimed[k][r])
			continue;
		if (k >= 0 && s->probing && !s->probes[k][r].id[0])
			snprintf(why, sizeof why, "no probe finds out whether the IUT supports '%s' as %s",
				 c->features[i], c->role);
		else if (k >= 0 && s->probing)
			snprintf(why, sizeof why, "the IUT does not support '%s' as %s: probe %s: %.500s",
				 c->features[i], c->role, s->probes[k][r].id, s->probe_results[2 * k + r].why);
		else
			snprintf(why, sizeof why, "the IUT does not claim '%s'", c->features[i]);
		return why;
	}
	return NULL;
}

/* Without a profile, the probes in SUITES/probes/ tell what the IUT
 * supports, per role: <feature>.case probes at the role it names,
 * <feature>-ha.case and <feature>-cn.case where a feature is probed at
 * both. A probe that passes claims its feature at its role. */
static int load_probes(struct run_state *s)
{
	static const char *const suffixes[] = { "", "-ha", "-cn" };
	char path[600], err[512];
	struct m6h_case c;

	for (size_t k = 0; k < N_FEATURES && s->probing; k++)
		for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
			snprintf(path, sizeof path, "%s/probes/%s%s.case", s->o.suites, features_known[k], suffixes[i]);
			if (access(path, F_OK) && i > 0)
				continue;
			if (m6h_case_load(path, &c, err, sizeof err))
				return cli_fail(CMD, "%s", err);
			s->probes[k][role_index(c.role)] = c;
		}
	return 0;
}

/* Runs the probes of the selected roles (in the unprivileged child) into
 * probes.pcap; numbered far from the suites' cases, so their addresses
 * never meet. */
static void run_probes(struct run_state *s, const struct m6h_target *t)
{
	char path[600];

	if (!s->probing)
		return;
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
	snprintf(path, sizeof path, "%s/probes.pcap", s->dir);
	pcap_dumper_t *dump = dead ? pcap_dump_open(dead, path) : NULL;
	for (size_t k = 0; k < N_FEATURES; k++)
		for (int r = 0; r < 2; r++) {
			struct m6h_result *res = &s->probe_results[2 * k + (size_t)r];
			if (!s->probes[k][r].id[0] || !(r ? s->o.cn : s->o.ha))
				continue;
			m6h_run_case(&s->probes[k][r], MAX_CASES + 2 * (int)k + r, t, dump, res);
			s->claimed[k][r] = res->verdict == M6H_PASS;
		}
	if (dump)
		pcap_dump_close(dump);
	if (dead)
		pcap_close(dead);
}

/* "as HA: mcoa yes, bulk no, ..., as CN: ..." and where that came from,
 * with each probe's evidence, for the reports. */
static void describe_features(const struct run_state *s, char *out, size_t cap)
{
	size_t len = (size_t)snprintf(out, cap, "Features %s:",
				      s->probing ? "found by probes (their packets: probes.pcap)"
				      : s->o.profile ? "from the profile" : "the reference IUT claims");
	for (int r = 0; r < 2 && len < cap; r++) {
		len += (size_t)snprintf(out + len, cap - len, "%s as %s:", r ? ";" : "", r ? "CN" : "HA");
		for (size_t k = 0; k < N_FEATURES && len < cap; k++)
			if (!s->probing || s->probes[k][r].id[0])
				len += (size_t)snprintf(out + len, cap - len, " %s %s", features_known[k],
							s->claimed[k][r] ? "yes" : "no");
	}
	if (len < cap)
		len += (size_t)snprintf(out + len, cap - len, "; %s %s", SETTINGS_CLAIM,
					s->settable ? "yes" : s->applies[0] ? s->applies : "no");
	for (size_t k = 0; k < N_FEATURES && s->probing && len < cap; k++)
		for (int r = 0; r < 2 && len < cap; r++) {
			const struct m6h_result *res = &s->probe_results[2 * k + (size_t)r];
			if (s->probes[k][r].id[0] && (r ? s->o.cn : s->o.ha))
				len += (size_t)snprintf(out + len, cap - len, "\nProbe %s: %s%s%.300s",
							s->probes[k][r].id, m6h_verdict_name(res->verdict),
							res->why[0] ? ": " : "", res->why);
		}
}

static bool selected(const struct options *o, const struct m6h_case *c)
{
	if (!o->n_only)
		return true;
	for (int i = 0; i < o->n_only; i++)
		if (strstr(c->id, o->only[i]))
			return true;
	return false;
}

static int load_cases(const struct options *o, struct m6h_case *cases, int *n)
{
	static const char *roles[] = { "ha", "cn" };
	static struct m6h_case all[MAX_CASES];
	char dir[512], err[512];
	int total = 0; /* cases of both folders: their ids must differ */

	*n = 0;
	for (int r = 0; r < 2; r++) {
		if ((r == 0 && !o->ha) || (r == 1 && !o->cn))
			continue;
		snprintf(dir, sizeof dir, "%s/%s", o->suites, roles[r]);
		int got = m6h_cases_load_dir(dir, all + total, MAX_CASES - total, err, sizeof err);
		if (got < 0 || m6h_cases_unique(all, total + got, err, sizeof err))
			return cli_fail(CMD, "%s", err);
		for (int i = total; i < total + got; i++)
			if (selected(o, &all[i]))
				cases[(*n)++] = all[i];
		total += got;
	}
	if (*n == 0)
		return cli_fail(CMD, "no case selected under %s", o->suites);
	return 0;
}

static int make_run_dir(struct run_state *s)
{
	time_t t = time(NULL);
	char stamp[32];

	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&t));
	mkdir(s->o.reports, 0755);
	for (int k = 0; k < 100; k++) {
		snprintf(s->run_id, sizeof s->run_id, k ? "%s-%d" : "%s", stamp, k);
		snprintf(s->dir, sizeof s->dir, "%s/%s", s->o.reports, s->run_id);
		if (mkdir(s->dir, 0755) == 0) {
			char cases[600];
			snprintf(s->iut_log, sizeof s->iut_log, "%s/iut.log", s->dir);
			snprintf(cases, sizeof cases, "%s/cases", s->dir);
			return mkdir(cases, 0755);
		}
		if (errno != EEXIST)
			break;
	}
	return cli_fail(CMD, "cannot create a run folder under %s: %s", s->o.reports, strerror(errno));
}

static int parse_mac(const char *text, uint8_t mac[6])
{
	unsigned v[6];
	char end;
	if (sscanf(text, "%x:%x:%x:%x:%x:%x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &end) != 6)
		return -1;
	for (int i = 0; i < 6; i++) {
		if (v[i] > 255)
			return -1;
		mac[i] = (uint8_t)v[i];
	}
	return 0;
}

/* The network up with that many links (built again when the number
 * changes); the target filled but for its links. */
static int set_up(struct run_state *s, struct m6h_target *t, int links)
{
	char err[256], mac[32];

	snprintf(t->iut_addr, sizeof t->iut_addr, "%s", s->o.iut_addr ? s->o.iut_addr : RUN_IUT_ADDR);
	t->stop = &stop;
	t->time_scale = s->o.time_scale;
	t->run_tag = s->o.run_tag;
	t->n_links = links;
	if (s->o.iut_if) {
		if (!s->o.iut_mac || parse_mac(s->o.iut_mac, t->iut_mac[0]) < 0)
			return cli_fail(CMD, "--iut-if needs --iut-mac aa:bb:cc:dd:ee:ff");
		memcpy(s->iut_mac[0], t->iut_mac[0], 6);
		return 0;
	}
	if (s->links_up == links)
		return 0;
	struct m6h_topo_opts topo = { .n_links = links };
	if (s->o.iut_cmd)
		topo.iut_addrs[topo.n_iut_addrs++] = RUN_IUT_ADDR "/64";
	if (m6h_topo_up(&topo, err, sizeof err) < 0)
		return cli_fail(CMD, "test network: %s", err);
	s->topo = true;
	s->links_up = links;
	for (int k = 0; k < links; k++) {
		if (m6h_topo_iut_mac(k, mac, sizeof mac) < 0 || parse_mac(mac, t->iut_mac[k]) < 0)
			return cli_fail(CMD, "cannot read the MAC address of the IUT on link %d", k);
		memcpy(s->iut_mac[k], t->iut_mac[k], 6);
	}
	return 0;
}

/* The links opened afresh (a capture handle read by one case runner is
 * not read by another), the IUT started with settings (unless it lives
 * elsewhere) and asked whether it is up. One that does not answer is
 * reported and the cases run anyway: they end at their deadlines as
 * failed or inconclusive. */
static int start_iut(struct run_state *s, struct m6h_target *t, const char *settings)
{
	char err[300], name[16], iut_name[16];
	int status;

	for (int k = 0; k < t->n_links; k++) {
		m6h_topo_if_names(k, name, iut_name);
		t->links[k] = m6h_link_open(s->o.iut_if ? s->o.iut_if : name, "ip6", err, sizeof err);
		if (!t->links[k])
			return cli_fail(CMD, "%s", err);
	}
	if (!s->o.iut_if && run_iut_start(&s->iut, settings, err, sizeof err) < 0)
		return cli_fail(CMD, "cannot start the IUT: %s", err);
	int answered = m6h_wait_for_iut(t, s->o.startup_s * 1000);
	s->probe = t->probe; /* what the cases use, answered or not */
	if (answered == 0)
		return 0;
	s->unanswered = true;
	if (run_iut_exited(&s->iut, &status))
		return cli_fail(CMD, "the IUT exited (status %d) before it answered; see %s/iut.log",
				WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), s->dir);
	fprintf(stderr, "mip6kit run: the IUT answered none of the start-up probes (an unknown MH type, a "
			"HoTI, a BU) within %d s (--startup-wait); the cases run anyway (see %s/iut.log)\n",
		s->o.startup_s, s->dir);
	return 0;
}

/* The IUT stopped and the links closed. */
static void stop_iut(struct run_state *s, struct m6h_target *t)
{
	run_iut_stop(&s->iut);
	for (int k = 0; k < M6H_LINKS_MAX; k++) {
		if (t->links[k])
			m6h_link_close(t->links[k]);
		t->links[k] = NULL;
	}
}

static void tear_down(struct run_state *s, struct m6h_target *t)
{
	stop_iut(s, t);
	if (s->topo)
		m6h_topo_down();
	s->topo = false;
	s->links_up = 0;
}

static pcap_dumper_t *open_case_pcap(const struct run_state *s, const struct m6h_case *c, pcap_t **dead)
{
	char path[700];

	*dead = pcap_open_dead(DLT_EN10MB, 65535);
	snprintf(path, sizeof path, "%s/cases/%s.pcap", s->dir, c->id);
	return *dead ? pcap_dump_open(*dead, path) : NULL;
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

/* The cases of one settings key; progress lines numbered from number. */
static int run_cases(struct run_state *s, const struct m6h_target *t, const struct m6h_case *cases,
		     struct m6h_result *results, int n, const char *key, int number)
{
	int bad = 0;

	for (int i = 0; i < n && !stop; i++) {
		if (strcmp(s->keys[i], key))
			continue;
		const char *na = not_applicable(s, &cases[i]);
		if (na) {
			memset(&results[i], 0, sizeof results[i]);
			results[i].verdict = M6H_NOT_APPLICABLE;
			snprintf(results[i].why, sizeof results[i].why, "%s", na);
		} else {
			pcap_t *dead = NULL;
			pcap_dumper_t *dump = s->o.mutation ? NULL : open_case_pcap(s, &cases[i], &dead);
			m6h_run_case(&cases[i], i, t, dump, &results[i]);
			m6h_verdict_apply_level(&results[i], m6h_case_level(&cases[i], &s->reqs));
			if (dump)
				pcap_dump_close(dump);
			if (dead)
				pcap_close(dead);
		}
		bad += results[i].verdict == M6H_FAIL || results[i].verdict == M6H_INCONCLUSIVE;
		if (!s->o.quiet && !s->o.mutation)
			printf("[%3d/%d] %-12s %-14s %s (%.2f s)\n", ++number, n,
			       m6h_verdict_name(results[i].verdict), cases[i].id, cases[i].title,
			       results[i].seconds);
		fflush(stdout);
	}
	return bad;
}

static int parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "suites", required_argument, NULL, 's' },   { "reports", required_argument, NULL, 'r' },
		{ "iut-cmd", required_argument, NULL, 'c' },  { "iut-if", required_argument, NULL, 'i' },
		{ "iut-mac", required_argument, NULL, 'm' },  { "iut-addr", required_argument, NULL, 'a' },
		{ "profile", required_argument, NULL, 'p' },  { "fault", required_argument, NULL, 'f' },
		{ "role", required_argument, NULL, 'R' },     { "case", required_argument, NULL, 'C' },
		{ "quiet", no_argument, NULL, 'q' },	      { "help", no_argument, NULL, 'h' },
		{ "mutation", optional_argument, NULL, 'M' },
		{ "coverage", no_argument, NULL, 'V' },
		{ "realism", required_argument, NULL, 'X' },
		{ "iut-settings", required_argument, NULL, 'S' },
		{ "time-scale", required_argument, NULL, 'T' },
		{ "startup-wait", required_argument, NULL, 'W' },
		{ "run-tag", required_argument, NULL, 'G' },
		{ NULL, 0, NULL, 0 },
	};
	int c;
	char *end;
	long v;

	*o = (struct options){ .suites = run_suites_default(), .reports = "reports", .ha = true, .cn = true,
			       .time_scale = 1, .startup_s = 20,
			       .run_tag = (unsigned)(getpid() ^ time(NULL)) % 0xffff + 1 };
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 's': o->suites = optarg; break;
		case 'r': o->reports = optarg; break;
		case 'c': o->iut_cmd = optarg; break;
		case 'i': o->iut_if = optarg; break;
		case 'm': o->iut_mac = optarg; break;
		case 'a': o->iut_addr = optarg; break;
		case 'p': o->profile = optarg; break;
		case 'f': o->fault = optarg; break;
		case 'q': o->quiet = true; break;
		case 'V': o->coverage = true; break;
		case 'X': o->realism = optarg; break;
		case 'S':
			o->iut_settings = optarg;
			for (char *save = NULL, *w = strtok_r(strdupa(optarg), " ", &save); w; w = strtok_r(NULL, " ", &save))
				if (m6h_setting_check(w))
					return cli_fail(CMD, "--iut-settings: '%s': %s", w, m6h_setting_check(w));
			break;
		case 'T':
			o->time_scale = strtod(optarg, &end);
			if (*end || !(o->time_scale >= 0.1 && o->time_scale <= 100))
				return cli_fail(CMD, "--time-scale takes 0.1 to 100, not '%s'", optarg);
			break;
		case 'W':
			v = strtol(optarg, &end, 10);
			if (*end || v < 1 || v > 3600)
				return cli_fail(CMD, "--startup-wait takes 1 to 3600 seconds, not '%s'", optarg);
			o->startup_s = (int)v;
			break;
		case 'G':
			v = strtol(optarg, &end, 0);
			if (*end || v < 1 || v > 0xffff)
				return cli_fail(CMD, "--run-tag takes 1 to 65535, not '%s'", optarg);
			o->run_tag = (unsigned)v;
			break;
		case 'M':
			o->mutation = true;
			o->mutation_only = optarg;
			break;
		case 'R':
			o->ha = !strcmp(optarg, "ha") || !strcmp(optarg, "both");
			o->cn = !strcmp(optarg, "cn") || !strcmp(optarg, "both");
			if (!o->ha && !o->cn)
				return cli_fail(CMD, "--role takes ha, cn or both");
			break;
		case 'C':
			if (o->n_only == 16)
				return cli_fail(CMD, "at most 16 --case");
			o->only[o->n_only++] = optarg;
			break;
		case 'h': printf(usage_text, run_suites_installed(), run_realism_help(), m6h_settings_help()); return 1;
		default: return cli_fail(CMD, "see 'mip6kit run --help'");
		}
	}
	if (optind != argc)
		return cli_fail(CMD, "unexpected '%s'; see 'mip6kit run --help'", argv[optind]);
	if ((o->iut_cmd != NULL) + (o->iut_if != NULL) + (o->fault != NULL) + o->mutation > 1)
		return cli_fail(CMD, "--iut-cmd, --iut-if, --fault and --mutation exclude each other");
	if (o->realism && (o->iut_cmd || o->iut_if))
		return cli_fail(CMD, "--realism switches the reference IUT; not with --iut-cmd or --iut-if");
	for (const char *p = o->mutation_only; p && *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		char name[64];
		snprintf(name, sizeof name, "%.*s", (int)strcspn(p, ","), p);
		if (!m6h_fault_find(name))
			return cli_fail(CMD, "--mutation: unknown fault '%s' ('mip6kit refd --fault list')", name);
	}
	if (o->fault && !m6h_fault_find(o->fault))
		return cli_fail(CMD, "unknown fault '%s' ('mip6kit refd --fault list' names them)", o->fault);
	return 0;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

#define NOBODY 65534

/* The tester needs root only to build the network, start the IUT and open
 * its capture and injection handles; the cases run as nobody with no
 * capabilities. The run folder is handed over so that it can write the
 * per-case captures. Returns 0 once dropped. */
static int drop_privileges(const struct run_state *s)
{
	char cases[600];

	snprintf(cases, sizeof cases, "%s/cases", s->dir);
	if (getuid() != 0)
		return 0; /* nothing to drop */
	if (chown(s->dir, NOBODY, NOBODY) || chown(cases, NOBODY, NOBODY) || setgroups(0, NULL) ||
	    setresgid(NOBODY, NOBODY, NOBODY) || setresuid(NOBODY, NOBODY, NOBODY) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return setuid(0) == 0 ? -1 : 0; /* must not be able to get root back */
}

/* The cases, in a child that drops root; results land in shared memory.
 * Returns the number of failed or inconclusive cases, or -1. */
static int run_unprivileged(struct run_state *s, const struct m6h_target *t, const struct m6h_case *cases,
			    struct m6h_result *results, int n, const char *key, int number)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return cli_fail(CMD, "fork: %s", strerror(errno)), -1;
	if (pid == 0) {
		if (drop_privileges(s)) {
			fprintf(stderr, "mip6kit run: cannot drop root privileges: %s\n", strerror(errno));
			_exit(255);
		}
		if (!key[0])
			run_probes(s, t);
		int bad = run_cases(s, t, cases, results, n, key, number);
		fflush(stdout);
		_exit(bad > 254 ? 254 : bad);
	}
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		kill(pid, SIGTERM);
	if (!WIFEXITED(status) || WEXITSTATUS(status) == 255)
		return -1;
	for (size_t k = 0; k < 2 * N_FEATURES && s->probing && !key[0]; k++)
		s->claimed[k / 2][k % 2] = s->probe_results[k].verdict == M6H_PASS; /* for the next groups */
	return WEXITSTATUS(status);
}

/* The cases of one settings key against an IUT started with them (the
 * first key, "", also runs the probes). Returns failed + inconclusive
 * cases, -1 when they could not be run, -2 when the IUT could not be. */
static int run_group(struct run_state *s, struct m6h_target *t, const struct m6h_case *cases,
		     struct m6h_result *results, int n, const char *key, int *number)
{
	bool live = !key[0]; /* the first group also runs the probes */
	int size = 0;

	for (int i = 0; i < n; i++)
		if (!strcmp(s->keys[i], key)) {
			size++;
			live |= !not_applicable(s, &cases[i]); /* all n/a: the IUT is not started */
		}
	if (live && (set_up(s, t, m6h_settings_links(key)) || start_iut(s, t, key)))
		return -2;
	int bad = run_unprivileged(s, t, cases, results, n, key, *number);
	stop_iut(s, t);
	*number += size;
	return bad;
}

/* Did a case before i have this settings key? */
static bool key_seen(const struct run_state *s, int i, const char *key)
{
	for (int j = 0; j < i; j++)
		if (!strcmp(s->keys[j], key))
			return true;
	return false;
}

/* One pass of the suites: per settings group the network (as many links
 * as it needs) and the IUT up, its cases, the IUT down; at the end the
 * network down. Returns 0, or 2 when the run could not be done. */
static int one_pass(struct run_state *s, const struct m6h_case *cases, struct m6h_result *results, int n,
		    int *bad)
{
	struct m6h_target t = { .n_links = 0 };
	int number = 0;

	*bad = 0;
	/* groups on the one-link network first: it is built again only once */
	for (int pass = 0; pass < 2; pass++)
		for (int i = pass ? 0 : -1; i < n && !stop && *bad >= 0; i++) {
			const char *key = i >= 0 ? s->keys[i] : "";
			if ((i >= 0 && (!key[0] || key_seen(s, i, key))) || (m6h_settings_links(key) > 1) != pass)
				continue;
			int got = run_group(s, &t, cases, results, n, key, &number);
			*bad = got < 0 ? got : *bad + got;
		}
	tear_down(s, &t);
	if (stop)
		return cli_fail(CMD, "interrupted; the network was taken down");
	if (*bad == -2)
		return 2;
	return *bad < 0 ? cli_fail(CMD, "the cases could not be run (see above)") : 0;
}

/* Is name in the comma-separated list (NULL: every name is)? */
static bool listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; p; p = strchr(p, ',') ? strchr(p, ',') + 1 : NULL)
		if (!strncmp(p, name, n) && (p[n] == ',' || p[n] == '\0'))
			return true;
	return list == NULL;
}

/* --mutation: the suites against each seeded fault; a fault is caught
 * when at least one case fails or warns (inconclusive does not count). */
static int mutation(struct run_state *s, const struct m6h_case *cases, struct m6h_result *results, int n)
{
	char path[600];
	int caught = 0, total = 0, bad;

	snprintf(path, sizeof path, "%s/mutation.txt", s->dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return cli_fail(CMD, "%s: %s", path, strerror(errno));
	for (int i = 0; m6h_fault_at(i); i++) {
		const struct m6h_fault *fault = m6h_fault_at(i);
		if (!listed(s->o.mutation_only, m6h_fault_name(fault)))
			continue;
		total++;
		s->iut.fault = s->o.fault = m6h_fault_name(fault);
		if (one_pass(s, cases, results, n, &bad)) {
			fclose(f);
			return 2;
		}
		char by[2048] = "";
		for (int k = 0; k < n; k++)
			if ((results[k].verdict == M6H_FAIL || results[k].verdict == M6H_WARN) &&
			    strlen(by) + 80 < sizeof by)
				snprintf(by + strlen(by), sizeof by - strlen(by), "%s%s (%s)", by[0] ? ", " : "",
					 cases[k].id, cases[k].reqs[0]);
		caught += by[0] != '\0';
		for (FILE *out = stdout;; out = f) {
			fprintf(out, "%-7s %-22s %s\n        caught by: %s\n", by[0] ? "caught" : "MISSED",
				m6h_fault_name(fault), m6h_fault_text(fault), by[0] ? by : "no case");
			if (out == f)
				break;
		}
		fflush(stdout);
	}
	for (FILE *out = stdout;; out = f) {
		fprintf(out, "\nmutation score: %d of %d seeded faults caught (%.0f%%)\n", caught, total,
			total ? 100.0 * caught / total : 0.0);
		if (out == f)
			break;
	}
	fclose(f);
	printf("reports: %s/mutation.txt\n", s->dir);
	return caught == total ? 0 : 1;
}

int cmd_run(int argc, char **argv)
{
	static struct run_state s;
	static struct m6h_case cases[MAX_CASES];
	/* shared with the unprivileged child that runs the cases */
	struct m6h_result *results = mmap(NULL, (MAX_CASES + 2 * N_FEATURES) * sizeof *results, PROT_READ | PROT_WRITE,
					  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int n, rc = parse_args(argc, argv, &s.o);

	if (rc)
		return rc == 1 ? 0 : rc;
	if (results == MAP_FAILED)
		return cli_fail(CMD, "out of memory");
	s.probe_results = results + MAX_CASES;
	s.probing = !s.o.profile && (s.o.iut_cmd || s.o.iut_if); /* the reference IUT claims all */
	s.settable = !s.o.iut_cmd && !s.o.iut_if;
	char err[200];
	if (s.o.realism && run_realism_flags(s.o.realism, s.realism_flags, sizeof s.realism_flags, err, sizeof err))
		return cli_fail(CMD, "--realism: %s", err);
	s.iut = (struct run_iut){ .cmd = s.o.iut_cmd, .fault = s.o.fault, .realism = s.realism_flags, .log = s.iut_log };
	s.probe = -1; /* until the IUT answers one */
	if (load_profile(&s) || load_probes(&s) || load_cases(&s.o, cases, &n))
		return 2;
	for (int i = 0; i < n; i++)
		settings_key(&cases[i], s.keys[i]);
	char table[600];
	snprintf(table, sizeof table, "%s/requirements.tsv", s.o.suites);
	if (m6h_reqs_load(table, &s.reqs) < 0)
		return cli_fail(CMD, "%s: %s", table, strerror(errno));
	if (s.o.coverage)
		return run_coverage(s.o.suites, cases, n);
	if (make_run_dir(&s))
		return 2;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (s.o.mutation)
		return mutation(&s, cases, results, n);
	double start = now_s();
	int bad;
	if (one_pass(&s, cases, results, n, &bad))
		return 2;
	char iut[300];
	snprintf(iut, sizeof iut, "%s%s%s%s", s.o.iut_cmd ? s.o.iut_cmd : s.o.iut_if ? s.o.iut_if : "the reference IUT",
		 s.o.fault ? " with a seeded fault" : "", s.o.realism ? ", realism: " : "",
		 s.o.realism ? s.o.realism : "");
	char assumptions[4096], addresses[400];
	m6h_describe_addresses(s.o.run_tag, addresses, sizeof addresses);
	size_t len = (size_t)snprintf(assumptions, sizeof assumptions, "%s\n%s\nReply windows x %g (--time-scale).\n%s%s.\n",
				      ASSUMPTIONS, addresses, s.o.time_scale,
				      s.unanswered ? "The IUT answered no start-up probe in time (--startup-wait); "
						     "'no reply' was told, where the IUT answered it, by a probe sent after: "
						   : "'No reply' is told by a probe sent after: ",
				      m6h_probe_name(s.probe));
	describe_features(&s, assumptions + len, sizeof assumptions - len);
	double timeouts_ms = 0;
	for (int i = 0; i < n; i++)
		timeouts_ms += m6h_case_timeout_ms(&cases[i], s.o.time_scale);
	struct m6h_run_info info = { s.run_id, iut, assumptions, now_s() - start, timeouts_ms / 1000 };
	printf("\n");
	m6h_report_summary(stdout, &info, cases, results, n);
	if (m6h_report_write(s.dir, &info, cases, results, n) < 0 ||
	    m6h_report_html(s.dir, &info, cases, results, n, table, s.iut_mac, s.o.iut_if ? 1 : M6H_TOPO_LINKS) < 0)
		return cli_fail(CMD, "cannot write the reports in %s: %s", s.dir, strerror(errno));
	char latest[600];
	snprintf(latest, sizeof latest, "%s/latest", s.o.reports);
	unlink(latest);
	if (symlink(s.run_id, latest) < 0)
		fprintf(stderr, "mip6kit run: cannot point %s at the run: %s\n", latest, strerror(errno));
	printf("\nreports: %s/ (summary.txt, junit.xml, cases/*.pcap)\nHTML report: %s/report.html\n",
	       s.dir, s.dir);
	return bad ? 1 : 0;
}
