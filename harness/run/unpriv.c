/* unpriv.c - processes of a run without root (unpriv.h). */
#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "reap.h"
#include "unpriv.h"

int m6h_checked_verdict(const struct m6h_result *r)
{
	int v = r->verdict;
	return v >= 0 && v < M6H_VERDICTS ? v : M6H_INCONCLUSIVE;
}

void m6h_result_sanitize(struct m6h_result *r)
{
	r->verdict = m6h_checked_verdict(r);
	r->why[sizeof r->why - 1] = '\0';
	r->invalid[sizeof r->invalid - 1] = '\0';
	if (r->n_invalid < 0)
		r->n_invalid = 0;
	if (r->frames < 0)
		r->frames = 0;
	if (!(r->seconds >= 0 && r->seconds < 1e6))
		r->seconds = 0;
	m6h_stream_result_sanitize(&r->stream);
}

/* The run folder handed over, then root given up for good. */
static int drop_privileges(const char *dir)
{
	char cases[600];

	if (getuid() != 0)
		return 0; /* nothing to drop */
	snprintf(cases, sizeof cases, "%s/cases", dir);
	if (chown(dir, M6H_NOBODY, M6H_NOBODY) || chown(cases, M6H_NOBODY, M6H_NOBODY) || setgroups(0, NULL) ||
	    setresgid(M6H_NOBODY, M6H_NOBODY, M6H_NOBODY) || setresuid(M6H_NOBODY, M6H_NOBODY, M6H_NOBODY) ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0))
		return -1;
	return setuid(0) == 0 ? -1 : 0; /* must not be able to get root back */
}

int m6h_unprivileged(const char *dir, int (*fn)(void *arg), void *arg, const volatile int *stop)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (drop_privileges(dir)) {
			fprintf(stderr, "mip6kit run: cannot drop root privileges: %s\n", strerror(errno));
			_exit(M6H_UNPRIV_NO_DROP);
		}
		int rc = fn(arg);
		fflush(stdout);
		_exit(rc);
	}
	m6h_reap(&pid, 1, &status, stop);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
