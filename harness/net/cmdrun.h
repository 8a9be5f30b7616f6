/* cmdrun.h - runs a system command (ip, nft, tc) by fork and exec, no
 * shell: the test network's pieces (topo.c, linkfault.c) build their
 * objects with it. */
#ifndef M6H_CMDRUN_H
#define M6H_CMDRUN_H

#include <stddef.h>

/* Runs argv (searched on PATH); its standard output into out (terminated)
 * when out is not NULL, else discarded; standard error discarded.
 * Returns its exit status, or -1 when it could not run or was killed. */
int m6h_cmd_run(char *const argv[], char *out, size_t outlen);

#endif
