/* run_suites_dir.c - the default suites folder (run_suites_dir.h). */
#include <sys/stat.h>

#include "run_suites_dir.h"

/* Passed in by the Makefile from PREFIX; builds that do not go through
 * it (codec/tests/coverage.sh) get the Makefile's default PREFIX. */
#ifndef M6K_SUITES_INSTALLED
#define M6K_SUITES_INSTALLED "/usr/local/share/mip6kit/suites"
#endif

const char *run_suites_installed(void)
{
	return M6K_SUITES_INSTALLED;
}

const char *run_suites_default(void)
{
	struct stat st;

	return stat("suites", &st) == 0 && S_ISDIR(st.st_mode) ? "suites" : M6K_SUITES_INSTALLED;
}
