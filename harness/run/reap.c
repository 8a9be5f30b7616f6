/* reap.c - waiting for a run's child processes (reap.h). */
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/wait.h>

#include "reap.h"

/* signal() installs handlers with SA_RESTART, under which a wait never
 * returns EINTR: clear it for SIG, keeping the action in saved. */
static void interrupt_waits(int sig, struct sigaction *saved)
{
	struct sigaction sa;

	sigaction(sig, NULL, saved);
	sa = *saved;
	if (sa.sa_handler != SIG_DFL && sa.sa_handler != SIG_IGN) {
		sa.sa_flags &= ~SA_RESTART;
		sigaction(sig, &sa, NULL);
	}
}

void m6h_reap(const pid_t *pids, int n, int *statuses, const volatile int *stop)
{
	struct sigaction saved_int, saved_term;
	bool passed_on = false;

	interrupt_waits(SIGINT, &saved_int);
	interrupt_waits(SIGTERM, &saved_term);
	for (int w = 0; w < n; w++) {
		int status = -1;
		for (;;) {
			if (stop && *stop && !passed_on) {
				for (int k = w; k < n; k++)
					kill(pids[k], SIGTERM);
				passed_on = true;
			}
			if (waitpid(pids[w], &status, 0) == pids[w])
				break;
			if (errno != EINTR) {
				status = -1;
				break;
			}
		}
		if (statuses)
			statuses[w] = status;
	}
	sigaction(SIGINT, &saved_int, NULL);
	sigaction(SIGTERM, &saved_term, NULL);
}
