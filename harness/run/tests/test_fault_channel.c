/* test_fault_channel.c - what the root side takes from a case that asks
 * for a link fault (fault_channel.h, linkfault.h): every field checked
 * before anything is made, over the real channel too. No request here is
 * valid, so nothing touches a network. */
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "../fault_channel.h"
#include "topo.h"
#include "m6test.h"

/* A loss on link 1 of the care-of address 2001:db8:2::5, valid on two links. */
static struct m6h_linkfault loss(void)
{
	struct m6h_linkfault f = { .link = 1, .kind = M6H_FAULT_LOSS, .dir = M6H_DIR_FROM_IUT, .pct = 100 };
	m6t_addr(f.addr, "2001:db8:2::5");
	f.has_addr = 1;
	return f;
}

static int check(const struct m6h_linkfault *f, int n_links, bool shared)
{
	struct m6h_fault_request req = { .op = M6H_FAULT_OP_APPLY, .f = *f };
	char err[200];
	return m6h_fault_request_check(&req, n_links, shared, err, sizeof err);
}

static void links_of_the_run_only(void)
{
	struct m6h_linkfault f = loss();

	CHECK_INT(check(&f, 2, false), 0);
	f.link = 0;
	CHECK_INT(check(&f, 2, false), 0);
	f.link = 2;
	CHECK_INT(check(&f, 2, false), -1); /* the run has links 0 and 1 */
	CHECK_INT(check(&f, 3, false), 0);
	f.link = 3;
	CHECK_INT(check(&f, 3, false), -1);
	f.link = -1;
	CHECK_INT(check(&f, 3, false), -1);
	f.link = 1;
	CHECK_INT(check(&f, 0, false), -1); /* --iut-if: not the tool's network */
	CHECK_INT(check(&f, 9, false), -1);
}

static void percent_0_to_100(void)
{
	struct m6h_linkfault f = loss();
	int32_t cases[][2] = { { 0, 0 }, { 1, 0 }, { 50, 0 }, { 100, 0 }, { 101, -1 }, { -1, -1 }, { 1000, -1 } };

	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		f.pct = cases[i][0];
		CHECK_INT(check(&f, 2, false), cases[i][1]);
	}
}

static void documentation_addresses_only(void)
{
	struct m6h_linkfault f = loss();

	m6t_addr(f.addr, "2001:db9::5");
	CHECK_INT(check(&f, 2, false), -1);
	m6t_addr(f.addr, "fe80::1");
	CHECK_INT(check(&f, 2, false), -1);
	f = loss();
	f.has_addr = 0; /* an address that would be ignored: the request is not whole */
	CHECK_INT(check(&f, 2, false), -1);
	f.has_addr = 2;
	CHECK_INT(check(&f, 2, false), -1);
	memset(f.addr, 0, sizeof f.addr);
	f.has_addr = 0;
	CHECK_INT(check(&f, 2, false), 0); /* the whole link's loss */
	char err[200];
	f.lane = M6H_LANES_MAX; /* no such test network */
	CHECK_INT(m6h_linkfault_check(&f, 2, err, sizeof err), -1);
	f.lane = M6H_LANES_MAX - 1;
	CHECK_INT(m6h_linkfault_check(&f, 2, err, sizeof err), 0);

	struct m6h_linkfault g = { 0 };
	CHECK_INT(m6h_linkfault_set_addr(&g, "2001:db8:3::1:7"), 0);
	CHECK_INT(g.has_addr, 1);
	CHECK_INT(g.addr[0], 0x20);
	CHECK_INT(g.addr[15], 7);
	CHECK_INT(m6h_linkfault_set_addr(&g, "2001:db9::1"), -1);
	CHECK_INT(m6h_linkfault_set_addr(&g, "192.0.2.1"), -1);
	CHECK_INT(m6h_linkfault_set_addr(&g, "2001:db8::1; drop table"), -1);
	CHECK_INT(m6h_linkfault_set_addr(&g, ""), -1);
}

static void kinds_and_their_fields(void)
{
	struct m6h_linkfault down = { .link = 1, .kind = M6H_FAULT_DOWN };
	struct m6h_linkfault delay = { .link = 1, .kind = M6H_FAULT_DELAY, .ms = 200 };
	struct m6h_linkfault f;

	CHECK_INT(check(&down, 2, false), 0);
	CHECK_INT(check(&delay, 2, false), 0);
	f = down;
	f.dir = M6H_DIR_TO_IUT; /* a link goes down both ways */
	CHECK_INT(check(&f, 2, false), -1);
	f = down;
	f.pct = 10;
	CHECK_INT(check(&f, 2, false), -1);
	f = down;
	f.ms = 10;
	CHECK_INT(check(&f, 2, false), -1);
	f = delay;
	f.ms = 0;
	CHECK_INT(check(&f, 2, false), -1);
	f.ms = M6H_FAULT_MAX_MS + 1;
	CHECK_INT(check(&f, 2, false), -1);
	f.ms = M6H_FAULT_MAX_MS;
	CHECK_INT(check(&f, 2, false), 0);
	f = delay;
	f.dir = 3;
	CHECK_INT(check(&f, 2, false), -1);
	f = delay;
	f.has_addr = 1;
	m6t_addr(f.addr, "2001:db8:2::5");
	CHECK_INT(check(&f, 2, false), -1); /* a delay is for the whole link */
	f = loss();
	f.ms = 5;
	CHECK_INT(check(&f, 2, false), -1);
	for (int32_t kind = -1; kind < 6; kind++) {
		f = down;
		f.kind = kind;
		CHECK_INT(check(&f, 2, false), kind == M6H_FAULT_DOWN || kind == M6H_FAULT_LOSS ? 0 : -1); /* a loss of 0% is one */
	}
}

/* Other cases on the same links: only the loss of one address. */
static void shared_links(void)
{
	struct m6h_linkfault down = { .link = 1, .kind = M6H_FAULT_DOWN };
	struct m6h_linkfault delay = { .link = 1, .kind = M6H_FAULT_DELAY, .ms = 200 };
	struct m6h_linkfault whole = { .link = 1, .kind = M6H_FAULT_LOSS, .pct = 100 };
	struct m6h_linkfault one = loss();

	CHECK_INT(check(&one, 2, true), 0);
	CHECK_INT(check(&down, 2, true), -1);
	CHECK_INT(check(&delay, 2, true), -1);
	CHECK_INT(check(&whole, 2, true), -1);
}

static void requests(void)
{
	char err[200];
	struct m6h_fault_request clear = { .op = M6H_FAULT_OP_CLEAR };

	CHECK_INT(m6h_fault_request_check(&clear, 2, true, err, sizeof err), 0);
	clear.f.link = 1; /* a clear carries nothing */
	CHECK_INT(m6h_fault_request_check(&clear, 2, true, err, sizeof err), -1);
	struct m6h_fault_request odd = { .op = 7, .f = loss() };
	CHECK_INT(m6h_fault_request_check(&odd, 2, false, err, sizeof err), -1);
	odd.op = 0;
	CHECK_INT(m6h_fault_request_check(&odd, 2, false, err, sizeof err), -1);
}

/* The same checks through a service: refused with the reason, the
 * service still there for the next request; a request of the wrong size
 * refused; no channel outside a run. */
static void through_the_channel(void)
{
	struct m6h_fault_service svc;
	char err[200] = "";

	CHECK_INT(m6h_fault_service_start(&svc, 0, 2, 2, false, err, sizeof err), 0);
	struct m6h_linkfault f = loss();
	f.pct = 101;
	CHECK_INT(m6h_fault_request(&svc.ends[0], &f, err, sizeof err), -1);
	CHECK(strstr(err, "0 to 100") != NULL);
	f = loss();
	f.link = 2;
	CHECK_INT(m6h_fault_request(&svc.ends[1], &f, err, sizeof err), -1);
	CHECK(strstr(err, "links 0 to 1") != NULL);
	m6t_addr(f.addr, "2001:db9::1");
	f.link = 1;
	CHECK_INT(m6h_fault_request(&svc.ends[0], &f, err, sizeof err), -1);
	CHECK(strstr(err, "2001:db8::/32") != NULL);
	CHECK_INT(m6h_fault_clear(&svc.ends[0], err, sizeof err), 0);

	struct m6h_fault_status st;
	char big[sizeof(struct m6h_fault_request) + 8] = { 0 };
	CHECK_INT(send(svc.ends[1].fd, "abc", 3, 0), 3);
	CHECK_INT(recv(svc.ends[1].fd, &st, sizeof st, 0), (ssize_t)sizeof st);
	CHECK_INT(st.status, -1);
	CHECK(strstr(st.err, "3 bytes") != NULL);
	CHECK_INT(send(svc.ends[1].fd, big, sizeof big, 0), (ssize_t)sizeof big);
	CHECK_INT(recv(svc.ends[1].fd, &st, sizeof st, 0), (ssize_t)sizeof st);
	CHECK_INT(st.status, -1);
	CHECK_INT(m6h_fault_clear(&svc.ends[1], err, sizeof err), 0);
	m6h_fault_service_stop(&svc);
	CHECK_INT(svc.pid, 0);

	CHECK_INT(m6h_fault_request(NULL, &f, err, sizeof err), -1);
	CHECK(strstr(err, "within a run") != NULL);
	CHECK_INT(m6h_fault_service_start(&svc, 0, 9, 2, false, err, sizeof err), -1);
}

int main(void)
{
	M6T_RUN(links_of_the_run_only);
	M6T_RUN(percent_0_to_100);
	M6T_RUN(documentation_addresses_only);
	M6T_RUN(kinds_and_their_fields);
	M6T_RUN(shared_links);
	M6T_RUN(requests);
	M6T_RUN(through_the_channel);
	return m6t_finish("test_fault_channel");
}
