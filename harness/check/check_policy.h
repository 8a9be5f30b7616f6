/* check_policy.h - the policy `mip6kit check` judges by (check.h's
 * struct m6c_policy), from `mip6kit run`'s profile and settings. */
#ifndef M6C_CHECK_POLICY_H
#define M6C_CHECK_POLICY_H

#include <stddef.h>

#include "check.h"

/* Nothing said: every answer the RFCs allow (nonces: 240 s, RFC 6275 s12). */
void m6c_policy_default(struct m6c_policy *p);

/* A profile (`mip6kit run --profile`): a feature claimed "no" at the
 * role means its BUs are refused (mcoa 166, bulk 168, home-binding 169).
 * Returns 0, or -1 with the problem on standard error. */
int m6c_policy_profile(struct m6c_policy *p, const char *path, int role);

/* Settings "NAME=VALUE ..." (`mip6kit run --iut-settings`, a case's
 * setting lines): the prohibitions, return-home, max-lifetime,
 * nonce-lifetime, refresh-lead; the others do not change what an answer
 * may be.
 * Returns 0, or -1 with why in err. */
int m6c_policy_settings(struct m6c_policy *p, const char *settings, char *err, size_t cap);

#endif
