/* cmdrun.c - a system command by fork and exec (cmdrun.h). */
#include <errno.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmdrun.h"

int m6h_cmd_run(char *const argv[], char *out, size_t outlen)
{
	int pipefd[2];

	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	pid_t pid = fork();
	if (pid < 0) {
		close(pipefd[0]);
		close(pipefd[1]);
		return -1;
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(pipefd[1], STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(pipefd[1]);
	size_t got = 0;
	ssize_t n;
	char sink[256];
	while ((n = read(pipefd[0], out && got + 1 < outlen ? out + got : sink,
			 out && got + 1 < outlen ? outlen - got - 1 : sizeof sink)) > 0)
		if (out && got + 1 < outlen)
			got += (size_t)n;
	if (out && outlen)
		out[got] = '\0';
	close(pipefd[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}
