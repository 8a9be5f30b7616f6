/* run_suites_dir.h - where `mip6kit run` finds the suites without --suites. */
#ifndef M6_RUN_SUITES_DIR_H
#define M6_RUN_SUITES_DIR_H

/* Where `make install` put the suites: PREFIX/share/mip6kit/suites,
 * compiled in. */
const char *run_suites_installed(void);

/* "suites" when the current folder has one (mip6kit run from its source
 * tree), else run_suites_installed(). */
const char *run_suites_default(void);

#endif
