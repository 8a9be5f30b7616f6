/*
 * version.h - which mip6kit this is: the release (set here, the one place;
 * the Makefile reads it for the man pages) and the commit it was built
 * from (`git describe --always --dirty` at build time, passed in by the
 * Makefile as M6K_COMMIT; "unknown" outside a git checkout). Printed by
 * `mip6kit --version` and written into every report.
 */
#ifndef M6K_VERSION_H
#define M6K_VERSION_H

#define M6K_VERSION "0.9.0"

/* The commit, e.g. "cb9f6f9-dirty", or "unknown". */
const char *m6k_commit(void);

/* "mip6kit 0.9.0 (commit cb9f6f9-dirty)" */
const char *m6k_version_line(void);

#endif
