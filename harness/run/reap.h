/* reap.h - waiting for a run's child processes, passing a stop on. */
#ifndef M6H_REAP_H
#define M6H_REAP_H

#include <sys/types.h>

/* Waits until each of the n children in pids has ended, and keeps each
 * one's wait status in statuses (may be NULL); a child that cannot be
 * waited for gets -1. Once *stop is set (a SIGINT or SIGTERM with the
 * run's handler), SIGTERM is sent to every child not yet reaped, so that
 * a stop sent to this process alone, not to its process group, reaches
 * them: meanwhile those two signals interrupt the wait instead of
 * restarting it. */
void m6h_reap(const pid_t *pids, int n, int *statuses, const volatile int *stop);

#endif
