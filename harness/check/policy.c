/* policy.c - what the IUT is set up to do where the RFCs leave it to
 * policy, from the same profile and settings `mip6kit run` takes (their
 * parsers: claims.c, settings.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_policy.h"
#include "claims.h"
#include "settings.h"

void m6c_policy_default(struct m6c_policy *p)
{
	*p = (struct m6c_policy){ .return_home = -1, .max_lifetime = -1, .nonce_lifetime_s = 240,
				  .refresh_lead_s = -1 };
}

int m6c_policy_profile(struct m6c_policy *p, const char *path, int role)
{
	struct m6h_run_options o = { .profile = path };
	struct m6h_features f;

	if (m6h_features_load(&f, &o))
		return -1;
	int r = role == M6_ROLE_CN; /* claims.h: [k][0] as HA, [k][1] as CN */
	p->told = true;
	p->mcoa_prohibited |= !f.claimed[0][r];
	p->bulk_prohibited |= !f.claimed[1][r];
	p->simul_prohibited |= !f.claimed[4][r];
	return 0;
}

int m6c_policy_settings(struct m6c_policy *p, const char *settings, char *err, size_t cap)
{
	char *copy = strdup(settings), *save = NULL;

	if (!copy) {
		snprintf(err, cap, "out of memory");
		return -1;
	}
	p->told = true;
	for (char *w = strtok_r(copy, " ,", &save); w; w = strtok_r(NULL, " ,", &save)) {
		const char *why = m6h_setting_check(w);
		if (why) {
			snprintf(err, cap, "'%s': %s", w, why);
			free(copy);
			return -1;
		}
		const char *v = strchr(w, '=') + 1;
		if (m6h_setting_named(w, "mcoa-prohibited"))
			p->mcoa_prohibited = true;
		else if (m6h_setting_named(w, "bulk-prohibited"))
			p->bulk_prohibited = true;
		else if (m6h_setting_named(w, "simultaneous-prohibited"))
			p->simul_prohibited = true;
		else if (m6h_setting_named(w, "return-home"))
			p->return_home = atoi(v);
		else if (m6h_setting_named(w, "max-lifetime"))
			p->max_lifetime = atol(v);
		else if (m6h_setting_named(w, "nonce-lifetime"))
			p->nonce_lifetime_s = atol(v);
		else if (m6h_setting_named(w, "refresh-lead"))
			p->refresh_lead_s = atol(v);
	}
	free(copy);
	return 0;
}
