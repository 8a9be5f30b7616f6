/*
 * fault_channel.h - link faults (linkfault.h) asked for by a case, which
 * runs without root (unpriv.h), and made by the root side of the run.
 *
 * Before the privilege drop, the root side starts a service: a process
 * that keeps root and holds one end of a SOCK_SEQPACKET socketpair per
 * job; the job's process gets the other end (struct m6h_target.faults).
 * A case sends a fixed-size request and reads a fixed-size status back:
 *
 *   m6h_fault_request(t->faults, &f, err, sizeof err)   a fault on a link
 *   m6h_fault_clear(t->faults, err, sizeof err)         the case's faults gone
 *
 * The service checks every field before it acts (fault_request.c): the
 * link one of the run's links, the kind and direction known, the
 * percentage 0 to 100, the address in 2001:db8::/32, the unused fields
 * zero; with --jobs above 1, other cases share the links, so only loss for
 * one address (the case's own care-of address) is taken. It keeps what
 * each job made and takes exactly that away when the job asks (after each
 * case, group.c) and when the group ends (the ends close); the root side
 * clears every fault of the network when the service died, and at the
 * run's teardown regardless (m6h_topo_lane_down). Faults go to the
 * service's lane (topo.h), whatever lane a request names.
 */
#ifndef M6H_FAULT_CHANNEL_H
#define M6H_FAULT_CHANNEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "linkfault.h"

#define M6H_FAULT_CHANNELS 8   /* jobs of a run at most (run.h M6H_JOBS_MAX) */
#define M6H_FAULTS_PER_JOB 16  /* faults a case may hold at once */

enum m6h_fault_op { M6H_FAULT_OP_APPLY = 1, M6H_FAULT_OP_CLEAR };

/* What a case sends: fixed size, nothing but numbers. */
struct m6h_fault_request {
	int32_t op; /* enum m6h_fault_op */
	struct m6h_linkfault f; /* APPLY: the fault; CLEAR: all zero */
};

/* What the service answers. */
struct m6h_fault_status {
	int32_t status; /* 0 done, -1 refused or failed */
	char err[200];  /* why, terminated */
};

/* The case side's end. */
struct m6h_fault_channel {
	int fd;
};

struct m6h_fault_service {
	pid_t pid; /* the service process, 0: none */
	int lane;  /* the test network its faults go to (a request's lane is overwritten) */
	int n;     /* channels in use */
	int n_links;
	struct m6h_fault_channel ends[M6H_FAULT_CHANNELS]; /* the jobs' ends */
};

/* Checks a request for a run with n_links links (0: not the tool's
 * network, --iut-if: nothing is taken), shared when other cases run on
 * the links at the same time. Returns 0, or -1 with the reason in err. */
int m6h_fault_request_check(const struct m6h_fault_request *req, int n_links, bool shared, char *err,
			    size_t errlen);

/* Starts the service for jobs channels on lane's network of n_links
 * links. Returns 0, or -1 with err. */
int m6h_fault_service_start(struct m6h_fault_service *svc, int lane, int jobs, int n_links, bool shared, char *err,
			    size_t errlen);

/* Closes the jobs' ends and waits until the service has taken its
 * faults away; when it died instead, clears every fault of its lane.
 * (The run's teardown, m6h_topo_down, clears them all in any case.) */
void m6h_fault_service_stop(struct m6h_fault_service *svc);

/* The case side: applies f. Returns 0, or -1 with the reason in err
 * (refused, failed, no channel outside a run). */
int m6h_fault_request(const struct m6h_fault_channel *ch, const struct m6h_linkfault *f, char *err,
		      size_t errlen);

/* The case side: every fault this job made taken away. */
int m6h_fault_clear(const struct m6h_fault_channel *ch, char *err, size_t errlen);

#endif
