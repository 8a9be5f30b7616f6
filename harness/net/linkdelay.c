/* linkdelay.c - a delay line on one direction of a link: tc mirred to a
 * tap, a relay process, PACKET_QDISC_BYPASS out again (linkdelay.h). */
#include <errno.h>
#include <fcntl.h>
#include <linux/if_packet.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmdrun.h"
#include "linkdelay.h"
#include "topo.h"

#define QUEUE 512 /* frames held at once; more arriving meanwhile are dropped, as a full link would */

struct held {
	int64_t due_ns;
	uint16_t len;
	uint8_t frame[2048];
};

static int64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Holds what arrives on tap for ms, then sends it out through out. Runs
 * until the tap is gone. */
static void relay(int tap, int out, int ms)
{
	static struct held q[QUEUE];
	unsigned head = 0, tail = 0; /* q[head % QUEUE .. tail % QUEUE) is held */
	uint8_t drop[2048];

	for (;;) {
		int64_t wait_ns = head == tail ? -1 : q[head % QUEUE].due_ns - now_ns();
		struct pollfd p = { .fd = tap, .events = POLLIN };
		int n = poll(&p, 1, wait_ns < 0 ? (head == tail ? -1 : 0) : (int)(wait_ns / 1000000) + 1);
		if (n < 0 && errno != EINTR)
			return;
		if (n > 0 && (p.revents & (POLLERR | POLLHUP | POLLNVAL)))
			return;
		if (n > 0 && (p.revents & POLLIN)) {
			struct held *h = tail - head < QUEUE ? &q[tail % QUEUE] : NULL;
			ssize_t got = read(tap, h ? h->frame : drop, sizeof drop);
			if (got < 0 && errno != EINTR && errno != EAGAIN)
				return;
			if (got > 0 && h) {
				h->len = (uint16_t)got;
				h->due_ns = now_ns() + (int64_t)ms * 1000000;
				tail++;
			}
		}
		for (int64_t now = now_ns(); head != tail && q[head % QUEUE].due_ns <= now; head++)
			if (send(out, q[head % QUEUE].frame, q[head % QUEUE].len, 0) < 0 && errno != ENOBUFS &&
			    errno != ENETDOWN && errno != ENXIO)
				return;
	}
}

/* tc with args, in the IUT's namespace when in_ns. Returns its exit status. */
static int tc(int lane, bool in_ns, char *const args[])
{
	char *argv[32] = { "tc" };
	int n = 1;

	if (in_ns) {
		argv[n++] = "-n";
		argv[n++] = (char *)m6h_topo_netns(lane);
	}
	for (int i = 0; args[i] && n < 31; i++)
		argv[n++] = args[i];
	return m6h_cmd_run(argv, NULL, 0);
}

static void if_names(int lane, int k, bool to_iut, char end[16], char tap[16])
{
	char t[16], i[16];

	m6h_topo_if_names(lane, k, t, i);
	snprintf(end, 16, "%s", to_iut ? t : i);
	if (lane > 0)
		snprintf(tap, 16, "m6k%u-d%u", (unsigned)lane % M6H_LANES_MAX, (unsigned)k % M6H_TOPO_LINKS);
	else
		snprintf(tap, 16, "m6k-d%u", (unsigned)k % M6H_TOPO_LINKS);
}

/* In the relay: its namespace, the tap (no IPv6: the kernel must send
 * nothing into it) and the socket out. Returns NULL, or what failed. */
static const char *relay_setup(int lane, bool to_iut, const char *end, const char *tap_name, int *tap, int *out)
{
	struct ifreq ifr = { .ifr_flags = IFF_TAP | IFF_NO_PI };
	char path[96];
	int one = 1;

	if (!to_iut) {
		char ns_path[64];
		snprintf(ns_path, sizeof ns_path, "/run/netns/%s", m6h_topo_netns(lane));
		int ns = open(ns_path, O_RDONLY | O_CLOEXEC);
		if (ns < 0 || setns(ns, CLONE_NEWNET) < 0)
			return "cannot enter the IUT's namespace (is the network up?)";
		close(ns);
	}
	snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", tap_name);
	if ((*tap = open("/dev/net/tun", O_RDWR | O_CLOEXEC)) < 0 || ioctl(*tap, TUNSETIFF, &ifr) < 0)
		return "cannot create the tap (/dev/net/tun)";
	snprintf(path, sizeof path, "/proc/sys/net/ipv6/conf/%s/disable_ipv6", tap_name);
	int sysctl = open(path, O_WRONLY | O_CLOEXEC);
	bool off = sysctl >= 0 && write(sysctl, "1", 1) == 1;
	if (sysctl >= 0)
		close(sysctl);
	if (!off)
		return "cannot switch IPv6 off on the tap";
	int ctl = socket(AF_PACKET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (ctl < 0 || ioctl(ctl, SIOCGIFFLAGS, &ifr) < 0)
		return "cannot read the tap's flags";
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(ctl, SIOCSIFFLAGS, &ifr) < 0)
		return "cannot bring the tap up";
	close(ctl);
	struct sockaddr_ll sll = { .sll_family = AF_PACKET, .sll_ifindex = (int)if_nametoindex(end) };
	*out = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0); /* protocol 0: it receives nothing */
	if (*out < 0 || setsockopt(*out, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one) < 0 || !sll.sll_ifindex ||
	    bind(*out, (struct sockaddr *)&sll, sizeof sll) < 0)
		return "cannot open a packet socket on the link's end";
	return NULL;
}

/* The relay, in a grandchild (nobody waits for it: it lives on after a
 * `mip6kit net fault` has ended); its first word on ready: "" when set up. */
static void spawn_relay(int lane, int k, bool to_iut, int ms, int ready)
{
	char end[16], tap_name[16];
	int tap = -1, out = -1;

	if_names(lane, k, to_iut, end, tap_name);
	setsid();
	if (fork() != 0)
		_exit(0);
	const char *why = relay_setup(lane, to_iut, end, tap_name, &tap, &out);
	if (write(ready, why ? why : "", why ? strlen(why) + 1 : 1) < 0 || why)
		_exit(1);
	/* nothing of the caller's kept open (a run's sockets, a pipe to a shell) */
	int null = open("/dev/null", O_RDWR), high_tap = fcntl(tap, F_DUPFD, 100), high_out = fcntl(out, F_DUPFD, 100);
	if (dup2(null, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0 || dup2(high_tap, 3) < 0 ||
	    dup2(high_out, 4) < 0)
		_exit(1);
	close_range(5, ~0u, 0);
	relay(3, 4, ms);
	_exit(0);
}

int m6h_linkdelay_start(int lane, int k, bool to_iut, int ms, char *err, size_t errlen)
{
	char end[16], tap_name[16], said[128] = "";
	int ready[2];

	m6h_linkdelay_stop(lane, k, to_iut);
	if_names(lane, k, to_iut, end, tap_name);
	if (pipe2(ready, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		spawn_relay(lane, k, to_iut, ms, ready[1]);
	}
	close(ready[1]);
	ssize_t got = pid < 0 ? -1 : read(ready[0], said, sizeof said - 1);
	close(ready[0]);
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	if (got <= 0 || said[0]) {
		snprintf(err, errlen, "delay on link %d: %s", k, got > 0 ? said : "the relay did not start");
		return -1;
	}
	char *redirect[] = { "filter", "add", "dev", end, "egress", "protocol", "all", "u32", "match", "u32", "0", "0",
			     "action", "mirred", "egress", "redirect", "dev", tap_name, NULL };
	if (tc(lane, !to_iut, (char *[]){ "qdisc", "add", "dev", end, "clsact", NULL }) || tc(lane, !to_iut, redirect)) {
		m6h_linkdelay_stop(lane, k, to_iut);
		snprintf(err, errlen, "delay on link %d: tc cannot redirect %s's frames to %s", k, end, tap_name);
		return -1;
	}
	return 0;
}

void m6h_linkdelay_stop(int lane, int k, bool to_iut)
{
	char end[16], tap_name[16];

	if_names(lane, k, to_iut, end, tap_name);
	tc(lane, !to_iut, (char *[]){ "qdisc", "del", "dev", end, "clsact", NULL });
	/* the relay sees its tap go and ends */
	if (to_iut)
		m6h_cmd_run((char *const[]){ "ip", "link", "del", tap_name, NULL }, NULL, 0);
	else
		m6h_cmd_run((char *const[]){ "ip", "-n", (char *)m6h_topo_netns(lane), "link", "del", tap_name, NULL }, NULL, 0);
}
