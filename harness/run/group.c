/* group.c - the cases of one settings group, run without root (run.h). */
#include <stdio.h>
#include <string.h>

#include "levels.h"
#include "run.h"
#include "unpriv.h"

struct group {
	struct m6h_run *s;
	struct m6h_target *t; /* the child's copy: the start-up probe sets its probe kind */
	const struct m6h_case *cases;
	int n, number;
	const char *key;
	bool startup;
};

static pcap_dumper_t *open_case_pcap(const struct m6h_run *s, const struct m6h_case *c, pcap_t **dead)
{
	char path[700];

	*dead = pcap_open_dead(DLT_EN10MB, 65535);
	snprintf(path, sizeof path, "%s/cases/%s.pcap", s->dir, c->id);
	return *dead ? pcap_dump_open(*dead, path) : NULL;
}

/* One case: n/a with the reason, or run into its pcap and weighed by the
 * level of what it checks. */
static void one_case(const struct group *g, int i)
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
	m6h_run_case(&g->cases[i], i, g->t, dump, r);
	m6h_verdict_apply_level(r, m6h_case_level(&g->cases[i], &s->reqs));
	if (dump)
		pcap_dump_close(dump);
	if (dead)
		pcap_close(dead);
}

static int group_main(void *arg)
{
	const struct group *g = arg;
	struct m6h_run *s = g->s;
	int number = g->number;

	if (g->startup) {
		s->sh->answered = m6h_wait_for_iut(g->t, s->o.startup_s * 1000) == 0;
		s->sh->probe = g->t->probe;
		if (!s->sh->answered)
			return M6H_UNPRIV_UNANSWERED;
	}
	if (!g->key[0]) {
		m6h_features_probe(&s->f, g->t, s->dir, s->sh->probes, M6H_RUN_MAX_CASES);
		m6h_features_update(&s->f, s->sh->probes);
	}
	for (int i = 0; i < g->n && !*s->stop; i++) {
		if (strcmp(s->keys[i], g->key))
			continue;
		one_case(g, i);
		const struct m6h_result *r = &s->sh->results[i];
		if (!s->o.quiet && !s->o.mutation)
			printf("[%3d/%d] %-12s %-14s %s (%.3f s)\n", ++number, g->n, m6h_verdict_name(r->verdict),
			       g->cases[i].id, g->cases[i].title, r->seconds);
		fflush(stdout);
	}
	return 0;
}

int m6h_run_group_unprivileged(struct m6h_run *s, struct m6h_target *t, const struct m6h_case *cases, int n,
			       const char *key, int number, bool startup)
{
	struct group g = { s, t, cases, n, number, key, startup };

	return m6h_unprivileged(s->dir, group_main, &g, s->stop);
}
