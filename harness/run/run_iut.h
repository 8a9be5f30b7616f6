/*
 * run_iut.h - the IUT process of `mip6kit run`: started in the test
 * namespace with one set of settings (settings.h), its output appended to
 * the run's iut.log, stopped again (SIGTERM to its process group, SIGKILL
 * a second later). The reference IUT gets the settings as
 * `mip6kit refd` flags; a user's command gets them in M6K_SETTINGS.
 */
#ifndef M6_RUN_IUT_H
#define M6_RUN_IUT_H

#include <stdbool.h>
#include <sys/types.h>

#define RUN_IUT_ADDR "2001:db8:1::1"
#define RUN_HOME_PREFIX "2001:db8:1::/64"

struct run_iut {
	const char *cmd;      /* the user's command, or NULL: the reference IUT */
	const char *fault;    /* reference IUT: a seeded fault, or NULL */
	const char *realism;  /* reference IUT: more refd flags, space-separated (run_realism.h), or NULL */
	int log_fd;           /* output appended here (iut.log, opened by the run) */
	int lane;             /* the test network it runs in (topo.h) */
	pid_t pid;            /* 0: not running */
};

/* Starts the IUT with settings ("NAME=VALUE NAME=VALUE", "" for none).
 * Returns 0, or -1 with why in err. */
int run_iut_start(struct run_iut *iut, const char *settings, char *err, size_t errlen);

/* Has the IUT exited on its own? Its exit status in *status. */
bool run_iut_exited(struct run_iut *iut, int *status);

/* SIGTERM to its process group, then SIGKILL to what is left after a
 * second. */
void run_iut_stop(struct run_iut *iut);

#endif
