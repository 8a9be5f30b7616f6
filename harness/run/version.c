/* version.c - the release and the commit of this build (version.h). */
#include "version.h"

/* Builds that do not go through the Makefile (codec/tests/coverage.sh)
 * do not know their commit. */
#ifndef M6K_COMMIT
#define M6K_COMMIT "unknown"
#endif

const char *m6k_commit(void)
{
	return M6K_COMMIT;
}

const char *m6k_version_line(void)
{
	return "mip6kit " M6K_VERSION " (commit " M6K_COMMIT ")";
}
