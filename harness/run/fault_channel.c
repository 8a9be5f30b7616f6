/* fault_channel.c - the root side's fault service and the case side's
 * requests (fault_channel.h). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fault_channel.h"

/* What one job holds. */
struct held {
	int fd; /* the service's end; -1 once closed */
	int n;
	struct m6h_linkfault_undo made[M6H_FAULTS_PER_JOB];
};

/* The job's faults taken away, newest first. */
static void take_away(struct held *h)
{
	char ignored[8];

	while (h->n > 0)
		m6h_linkfault_undo(&h->made[--h->n], ignored, sizeof ignored);
}

/* One request read from h->fd, acted on and answered. Returns -1 when
 * the job's end is gone. */
static int serve_one(struct held *h, int lane, int n_links, bool shared)
{
	struct m6h_fault_request req;
	struct m6h_fault_status st = { .status = -1 };
	ssize_t got = recv(h->fd, &req, sizeof req, MSG_TRUNC);

	if (got == 0 || (got < 0 && errno != EINTR))
		return -1;
	if (got < 0)
		return 0;
	req.f.lane = lane; /* the case does not choose the network */
	if (got != (ssize_t)sizeof req)
		snprintf(st.err, sizeof st.err, "a request of %zd bytes, not %zu", got, sizeof req);
	else if (m6h_fault_request_check(&req, n_links, shared, st.err, sizeof st.err) == 0) {
		if (req.op == M6H_FAULT_OP_CLEAR) {
			take_away(h);
			st.status = 0;
		} else if (h->n == M6H_FAULTS_PER_JOB) {
			snprintf(st.err, sizeof st.err, "a case holds at most %d faults", M6H_FAULTS_PER_JOB);
		} else if (m6h_linkfault_apply(&req.f, &h->made[h->n], st.err, sizeof st.err) == 0) {
			h->n++;
			st.status = 0;
		}
	}
	st.err[sizeof st.err - 1] = '\0';
	return send(h->fd, &st, sizeof st, MSG_NOSIGNAL) == (ssize_t)sizeof st ? 0 : -1;
}

/* The service: until every job's end has closed. */
static void serve(struct held *jobs, int n, int lane, int n_links, bool shared)
{
	for (int open = n; open > 0;) {
		struct pollfd p[M6H_FAULT_CHANNELS];
		for (int w = 0; w < n; w++)
			p[w] = (struct pollfd){ .fd = jobs[w].fd, .events = POLLIN };
		if (poll(p, (nfds_t)n, -1) < 0) {
			if (errno == EINTR) /* the run's SIGINT: it closes the ends soon */
				continue;
			break;
		}
		for (int w = 0; w < n; w++)
			if (p[w].revents && serve_one(&jobs[w], lane, n_links, shared) < 0) {
				take_away(&jobs[w]);
				close(jobs[w].fd);
				jobs[w].fd = -1; /* poll skips it */
				open--;
			}
	}
	for (int w = 0; w < n; w++)
		take_away(&jobs[w]);
}

int m6h_fault_service_start(struct m6h_fault_service *svc, int lane, int jobs, int n_links, bool shared, char *err,
			    size_t errlen)
{
	static struct held held[M6H_FAULT_CHANNELS];
	int pair[2];

	*svc = (struct m6h_fault_service){ .lane = lane, .n = 0, .n_links = n_links };
	if (jobs < 1 || jobs > M6H_FAULT_CHANNELS) {
		snprintf(err, errlen, "%d jobs: 1 to %d", jobs, M6H_FAULT_CHANNELS);
		return -1;
	}
	for (; svc->n < jobs; svc->n++) {
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0) {
			snprintf(err, errlen, "socketpair: %s", strerror(errno));
			m6h_fault_service_stop(svc);
			return -1;
		}
		held[svc->n] = (struct held){ .fd = pair[0] };
		svc->ends[svc->n].fd = pair[1];
	}
	svc->pid = fork();
	if (svc->pid == 0) {
		for (int w = 0; w < svc->n; w++)
			close(svc->ends[w].fd);
		serve(held, svc->n, lane, n_links, shared);
		_exit(0);
	}
	for (int w = 0; w < svc->n; w++)
		close(held[w].fd);
	if (svc->pid < 0) {
		snprintf(err, errlen, "fork: %s", strerror(errno));
		svc->pid = 0;
		m6h_fault_service_stop(svc);
		return -1;
	}
	return 0;
}

void m6h_fault_service_stop(struct m6h_fault_service *svc)
{
	for (int w = 0; w < svc->n; w++)
		close(svc->ends[w].fd);
	svc->n = 0;
	int status = 0;
	if (svc->pid > 0)
		while (waitpid(svc->pid, &status, 0) < 0 && errno == EINTR)
			;
	if (svc->pid > 0 && svc->n_links > 0 && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		m6h_linkfault_clear_lane(svc->lane); /* whatever a service that died left */
	svc->pid = 0;
}

/* One request sent, its status read back. */
static int ask(const struct m6h_fault_channel *ch, const struct m6h_fault_request *req, char *err, size_t errlen)
{
	struct m6h_fault_status st;

	if (!ch) {
		snprintf(err, errlen, "link faults are made only within a run");
		return -1;
	}
	if (send(ch->fd, req, sizeof *req, MSG_NOSIGNAL) != (ssize_t)sizeof *req ||
	    recv(ch->fd, &st, sizeof st, 0) != (ssize_t)sizeof st) {
		snprintf(err, errlen, "the fault service does not answer");
		return -1;
	}
	st.err[sizeof st.err - 1] = '\0';
	if (st.status != 0)
		snprintf(err, errlen, "%s", st.err);
	return st.status == 0 ? 0 : -1;
}

int m6h_fault_request(const struct m6h_fault_channel *ch, const struct m6h_linkfault *f, char *err,
		      size_t errlen)
{
	struct m6h_fault_request req = { .op = M6H_FAULT_OP_APPLY, .f = *f };
	return ask(ch, &req, err, errlen);
}

int m6h_fault_clear(const struct m6h_fault_channel *ch, char *err, size_t errlen)
{
	struct m6h_fault_request req = { .op = M6H_FAULT_OP_CLEAR };
	return ask(ch, &req, err, errlen);
}
