/* run_iut.c - starting and stopping the IUT of a run (run_iut.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "run_iut.h"
#include "settings.h"
#include "topo.h"

#define MAX_ARGS 48

/* The reference IUT's command line: refd, its fixed flags, the fault, the
 * realism flags (realism: a writable copy, argv points into it), the flags
 * of each setting, and every link of the test network. */
static int refd_argv(const char *self, const struct run_iut *iut, char *realism, char *settings,
		     const char **argv, char values[][24])
{
	int links = m6h_settings_links(settings);
	static const char *const fixed[] = { "ip", "netns", "exec", NULL /* namespace */, NULL /* self */, "refd",
					     "--iface", M6H_IUT_IF, "--home-prefix", RUN_HOME_PREFIX,
					     "--addr", RUN_IUT_ADDR, "-v" };
	int n = 0, k = 0;

	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		argv[n++] = fixed[i] ? fixed[i] : i == 3 ? m6h_topo_netns(iut->lane) : self;
	if (iut->fault) {
		argv[n++] = "--fault";
		argv[n++] = iut->fault;
	}
	for (char *save = NULL, *tok = strtok_r(realism, " ", &save); tok && n + 1 < MAX_ARGS;
	     tok = strtok_r(NULL, " ", &save))
		argv[n++] = tok;
	for (char *save = NULL, *tok = strtok_r(settings, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		const char *flag[2];
		if (n + 2 >= MAX_ARGS || m6h_setting_flags(tok, flag, values[k], sizeof values[k]) < 0)
			return -1;
		if (flag[0])
			argv[n++] = flag[0];
		if (flag[1])
			argv[n++] = flag[1];
		k++;
	}
	for (int l = 1; l < links && n + 2 < MAX_ARGS; l++, k++) {
		char tester[16];
		m6h_topo_if_names(iut->lane, l, tester, values[k]);
		argv[n++] = "--iface";
		argv[n++] = values[k];
	}
	argv[n] = NULL;
	return 0;
}

int run_iut_start(struct run_iut *iut, const char *settings, char *err, size_t errlen)
{
	char self[512], words[512], values[MAX_ARGS][24], ifs[64] = "", own[512] = "", realism[256];
	const char *argv[MAX_ARGS];
	ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);

	if (len < 0) {
		snprintf(err, errlen, "cannot find my own binary: %s", strerror(errno));
		return -1;
	}
	self[len] = '\0';
	snprintf(words, sizeof words, "%s", settings);
	snprintf(realism, sizeof realism, "%s", iut->realism ? iut->realism : "");
	if (!iut->cmd && refd_argv(self, iut, realism, words, argv, values) < 0) {
		snprintf(err, errlen, "cannot turn settings '%s' into refd flags", settings);
		return -1;
	}
	dprintf(iut->log_fd, "== the IUT starts%s%s%s%s\n", iut->lane ? " in namespace " : "",
		iut->lane ? m6h_topo_netns(iut->lane) : "", settings[0] ? " with settings: " : "", settings);
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		setpgid(0, 0);
		dup2(iut->log_fd, STDOUT_FILENO);
		dup2(iut->log_fd, STDERR_FILENO);
		for (int k = 0; k < m6h_settings_links(settings); k++) {
			char tester[16], iut_if[16];
			m6h_topo_if_names(iut->lane, k, tester, iut_if);
			snprintf(ifs + strlen(ifs), sizeof ifs - strlen(ifs), "%s%s", k ? " " : "", iut_if);
		}
		setenv("M6K_IUT_IF", M6H_IUT_IF, 1);
		setenv("M6K_IUT_IFS", ifs, 1);
		setenv("M6K_IUT_ADDR", RUN_IUT_ADDR, 1);
		setenv("M6K_HOME_PREFIX", RUN_HOME_PREFIX, 1);
		/* the run's own settings (links=N: the IUT sees M6K_IUT_IFS) are not the IUT's, nor
		 * those it has anyway (dad=yes) */
		snprintf(words, sizeof words, "%s", settings);
		for (char *save = NULL, *tok = strtok_r(words, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
			const char *flag[2];
			char value[24]; /* not values[]: argv points into it */
			if (m6h_setting_flags(tok, flag, value, sizeof value) == 0 && flag[0] &&
			    !m6h_setting_inherent(tok))
				snprintf(own + strlen(own), sizeof own - strlen(own), "%s%s", own[0] ? " " : "", tok);
		}
		setenv("M6K_SETTINGS", own, 1);
		if (iut->cmd)
			execlp("ip", "ip", "netns", "exec", m6h_topo_netns(iut->lane), "sh", "-c", iut->cmd, (char *)NULL);
		else
			execvp("ip", (char *const *)argv);
		_exit(127);
	}
	setpgid(pid, pid); /* as the child does: whichever runs first */
	iut->pid = pid;
	return 0;
}

bool run_iut_exited(struct run_iut *iut, int *status)
{
	if (iut->pid <= 0 || waitpid(iut->pid, status, WNOHANG) != iut->pid)
		return false;
	iut->pid = 0;
	return true;
}

/* The IUT runs in a process group of its own: `sh -c CMD` may fork, and
 * what CMD started must stop with it. SIGTERM to the group, and SIGKILL
 * to whatever of it is left a second later. */
void run_iut_stop(struct run_iut *iut)
{
	bool reaped = false;

	if (iut->pid <= 0)
		return;
	kill(-iut->pid, SIGTERM);
	for (int i = 0; i < 50; i++) {
		reaped |= waitpid(iut->pid, NULL, WNOHANG) == iut->pid;
		if (reaped && kill(-iut->pid, 0) < 0 && errno == ESRCH) {
			iut->pid = 0;
			return;
		}
		usleep(20000);
	}
	kill(-iut->pid, SIGKILL);
	if (!reaped)
		waitpid(iut->pid, NULL, 0);
	iut->pid = 0;
}
