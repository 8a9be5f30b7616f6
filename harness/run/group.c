/* group.c - the cases of one settings group, run without root (run.h). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "levels.h"
#include "reap.h"
#include "run.h"
#include "unpriv.h"

struct group {
	struct m6h_run *s;
	struct m6h_target *t; /* one per job; copies: the start-up probe sets their probe kind */
	const struct m6h_case *cases;
	int n;
	const char *key;
	bool startup;
	int n_order, order[M6H_RUN_MAX_CASES]; /* the group's cases, longest timeout first */
};

static pcap_dumper_t *open_case_pcap(const struct m6h_run *s, const struct m6h_case *c, pcap_t **dead)
{
	char path[700];

	*dead = pcap_open_dead(DLT_EN10MB, 65535);
	snprintf(path, sizeof path, "%s/cases/%s.pcap", s->dir, c->id);
	return *dead ? pcap_dump_open(*dead, path) : NULL;
}

/* One case: n/a with the reason, or run on t into its pcap and weighed
 * by the level of what it checks. */
static void one_case(const struct group *g, const struct m6h_target *t, int i)
{
	struct m6h_run *s = g->s;
	struct m6h_result *r = &s->sh->results[i];

	if (!m6h_case_applies(&s->f, &g->cases[i])) {
		memset(r, 0, sizeof *r);
		r->verdict = M6H_NOT_APPLICABLE;
		m6h_case_na_why(&s->f, s->sh->probes, &g->cases[i], r->why, sizeof r->why);
		return;
	}
	pcap_t *dead = NULL;
	pcap_dumper_t *dump = s->o.mutation ? NULL : open_case_pcap(s, &g->cases[i], &dead);
	m6h_run_case(&g->cases[i], i, t, dump, r);
	char ignored[8]; /* the service takes them away at the group's end anyway */
	m6h_fault_clear(t->faults, ignored, sizeof ignored);
	m6h_verdict_apply_level(r, m6h_case_level(&g->cases[i], &s->reqs));
	if (dump)
		pcap_dump_close(dump);
	if (dead)
		pcap_close(dead);
}

/* A job: the group's cases that no other job has taken yet, on t. */
static void job(const struct group *g, const struct m6h_target *t)
{
	struct m6h_run *s = g->s;

	for (int k; !*s->stop && (k = __atomic_fetch_add(&s->sh->next_case[s->group], 1, __ATOMIC_SEQ_CST)) < g->n_order;) {
		int i = g->order[k];
		one_case(g, t, i);
		const struct m6h_result *r = &s->sh->results[i];
		int number = __atomic_add_fetch(&s->sh->done, 1, __ATOMIC_SEQ_CST);
		if (!s->o.quiet && !s->o.mutation)
			printf("[%3d/%d] %-12s %-14s %s (%.3f s)\n", number, g->n, m6h_verdict_name(r->verdict),
			       g->cases[i].id, g->cases[i].title, r->seconds);
		fflush(stdout);
	}
}

/* The group's cases, those that may take longest first: a long case
 * started last would keep the group (and the next) waiting alone. */
static void order_cases(struct group *g)
{
	int *o = g->order;

	g->n_order = 0;
	for (int i = 0; i < g->n; i++) {
		if (strcmp(g->s->keys[i], g->key))
			continue;
		int k = g->n_order++, ms = m6h_case_timeout_ms(&g->cases[i], 1);
		for (; k > 0 && m6h_case_timeout_ms(&g->cases[o[k - 1]], 1) < ms; k--)
			o[k] = o[k - 1];
		o[k] = i;
	}
}

/* The jobs, each in a process of its own (the runner keeps one case's
 * state per process); a signal to this one is passed on to them. */
static void run_jobs(const struct group *g)
{
	pid_t pids[M6H_JOBS_MAX];
	int jobs = g->s->o.jobs, started = 0;

	if (jobs <= 1) {
		job(g, &g->t[0]);
		return;
	}
	for (; started < jobs; started++) {
		pids[started] = fork();
		if (pids[started] < 0)
			break;
		if (pids[started] == 0) {
			job(g, &g->t[started]);
			fflush(stdout);
			_exit(0);
		}
	}
	if (started == 0) /* no process to spare: this one does it all */
		job(g, &g->t[0]);
	m6h_reap(pids, started, NULL, g->s->stop);
}

static int group_main(void *arg)
{
	const struct group *g = arg;
	struct m6h_run *s = g->s;

	if (g->startup) {
		s->sh->answered = m6h_wait_for_iut(&g->t[0], s->o.startup_s * 1000) == 0;
		s->sh->probe = g->t[0].probe;
		if (!s->sh->answered)
			return M6H_UNPRIV_UNANSWERED;
		/* the IUT's age (wait-iut-age) is known only when this run started it */
		if (s->o.iut_if || s->o.iut_bridge)
			g->t[0].up_at = 0;
		for (int w = 1; w < s->o.jobs; w++) {
			g->t[w].probe = g->t[0].probe;
			g->t[w].up_at = g->t[0].up_at;
		}
	}
	if (!g->key[0] && !s->joining) {
		m6h_features_probe(&s->f, &g->t[0], s->dir, s->sh->probes, M6H_RUN_MAX_CASES);
		m6h_features_update(&s->f, s->sh->probes);
		s->sh->probes_done = 1; /* the other lanes may start */
	}
	run_jobs(g);
	return 0;
}

int m6h_run_group_unprivileged(struct m6h_run *s, struct m6h_target *t, const struct m6h_case *cases, int n,
			       const char *key, bool startup)
{
	static struct group g;
	struct m6h_fault_service faults;
	char err[200];

	g = (struct group){ .s = s, .t = t, .cases = cases, .n = n, .key = key, .startup = startup };
	order_cases(&g);
	if (m6h_fault_service_start(&faults, s->lane, s->o.jobs, s->o.iut_if ? 0 : s->links_up, s->o.jobs > 1, err,
				    sizeof err))
		return m6h_run_fail("link faults: %s", err), -1;
	for (int w = 0; w < s->o.jobs; w++)
		t[w].faults = &faults.ends[w];
	int rc = m6h_unprivileged(s->dir, group_main, &g, s->stop);
	m6h_fault_service_stop(&faults);
	return rc;
}
