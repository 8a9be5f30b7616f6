/* pcap_floor.c - the I/O floor for `mip6kit decode`: a libpcap read loop
 * with an empty callback over a capture. usage: pcap_floor FILE */
#include <pcap/pcap.h>
#include <stdio.h>

static void nothing(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes)
{
	(void)user;
	(void)h;
	(void)bytes;
}

int main(int argc, char **argv)
{
	char err[PCAP_ERRBUF_SIZE];

	if (argc != 2) {
		fprintf(stderr, "usage: pcap_floor FILE\n");
		return 2;
	}
	pcap_t *p = pcap_open_offline(argv[1], err);
	if (!p) {
		fprintf(stderr, "pcap_floor: %s\n", err);
		return 2;
	}
	int rc = pcap_loop(p, -1, nothing, NULL);
	pcap_close(p);
	return rc == PCAP_ERROR ? 1 : 0;
}
