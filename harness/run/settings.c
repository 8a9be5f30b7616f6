/* settings.c - the IUT settings a case may need (settings.h). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "settings.h"

enum value_kind { NUMBER, SWITCH /* takes "yes" */, ROLE /* ha or cn */ };

struct setting_def {
	const char *name;
	const char *flag;     /* the `mip6kit refd` option; NULL: the run's own */
	enum value_kind kind;
	long min, max;        /* NUMBER: the range */
	bool inherent;        /* what every conforming IUT does anyway: nothing to apply */
};

static const struct setting_def defs[] = {
	{ "role", "--role", ROLE, 0, 0, false },
	{ "mcoa-prohibited", "--mcoa-prohibited", SWITCH, 0, 0, false },
	{ "bulk-prohibited", "--bulk-prohibited", SWITCH, 0, 0, false },
	{ "simultaneous-prohibited", "--simultaneous-prohibited", SWITCH, 0, 0, false },
	{ "return-home", "--return-home", NUMBER, 0, 5, false },
	/* from 1: a cap of 0 would grant every registration 0 s (status 0,
	 * lifetime 0), a deregistration in disguise */
	{ "max-lifetime", "--max-lifetime", NUMBER, 1, 65535, false },
	{ "refresh-lead", "--refresh-lead", NUMBER, 1, 262140, false },
	{ "nonce-period", "--nonce-period", NUMBER, 1, 86400, false },
	{ "nonce-period-ms", "--nonce-period-ms", NUMBER, 1, 86400000, false },
	{ "nonce-lifetime", "--nonce-lifetime", NUMBER, 1, 86400, false },
	{ "links", NULL, NUMBER, 1, 3, false },
	{ "dad", "--dad", SWITCH, 0, 0, true },
};

static const struct setting_def *find(const char *setting, const char **value)
{
	const char *eq = strchr(setting, '=');
	size_t len = eq ? (size_t)(eq - setting) : 0;

	for (size_t i = 0; eq && i < sizeof defs / sizeof defs[0]; i++)
		if (strlen(defs[i].name) == len && !strncmp(setting, defs[i].name, len)) {
			*value = eq + 1;
			return &defs[i];
		}
	return NULL;
}

const char *m6h_setting_check(const char *setting)
{
	const char *value;
	const struct setting_def *d = find(setting, &value);
	char *end;

	if (!d)
		return "unknown setting (want NAME=VALUE; 'mip6kit run --help' lists them)";
	if (d->kind == ROLE)
		return strcmp(value, "ha") && strcmp(value, "cn") ? "role takes ha or cn" : NULL;
	if (d->kind == SWITCH)
		return strcmp(value, "yes") ? "this setting takes the value yes" : NULL;
	long v = strtol(value, &end, 10);
	if (!*value || *end || v < d->min || v > d->max)
		return "the value is out of range";
	if (!strcmp(d->name, "return-home") && v != 0 && v != 5)
		return "return-home takes 0 or 5";
	return NULL;
}

int m6h_setting_flags(const char *setting, const char *flag[2], char *value, size_t cap)
{
	const char *v;
	const struct setting_def *d = find(setting, &v);

	if (!d)
		return -1;
	snprintf(value, cap, "%s", v);
	if (!d->flag) {
		flag[0] = flag[1] = NULL;
		return 0;
	}
	flag[0] = d->flag;
	flag[1] = d->kind == SWITCH ? NULL : value;
	return 0;
}

bool m6h_setting_known_name(const char *name)
{
	for (size_t i = 0; i < sizeof defs / sizeof defs[0]; i++)
		if (!strcmp(defs[i].name, name))
			return true;
	return false;
}

bool m6h_setting_inherent(const char *setting)
{
	const char *value;
	const struct setting_def *d = find(setting, &value);
	return d && d->inherent;
}

bool m6h_setting_named(const char *setting, const char *names)
{
	size_t len = strcspn(setting, "=");

	for (const char *p = names; *p; p += strcspn(p, " ,"), p += strspn(p, " ,"))
		if (strcspn(p, " ,") == len && !strncmp(p, setting, len))
			return true;
	return false;
}

int m6h_settings_links(const char *key)
{
	const char *p = strstr(key, "links=");

	return p && (p == key || p[-1] == ' ') ? atoi(p + 6) : 1;
}

const char *m6h_settings_help(void)
{
	return "  role=ha|cn                 the IUT plays only this role\n"
	       "  mcoa-prohibited=yes        BUs with BID options are refused (166)\n"
	       "  bulk-prohibited=yes        bulk registration is refused (168)\n"
	       "  simultaneous-prohibited=yes  a BID with the H flag is refused (169)\n"
	       "  return-home=0|5            the status of an accepted home binding\n"
	       "  max-lifetime=N             the HA grants at most N (4 s units, 1 to 65535)\n"
	       "  refresh-lead=S             a BRR goes out S seconds before a binding expires\n"
	       "  nonce-period=S             CN: a new nonce every S seconds\n"
	       "  nonce-period-ms=MS         CN: a new nonce every MS milliseconds\n"
	       "  nonce-lifetime=S           CN: a nonce is accepted for S seconds\n"
	       "  links=2|3                  the test network has foreign-side links besides the\n"
	       "                             home link (the IUT listens on all of them)\n"
	       "  dad=yes                    the IUT performs Duplicate Address Detection before a\n"
	       "                             home registration (RFC 6275 s10.3.1): every HA does, so\n"
	       "                             a user's IUT has nothing to apply; refd gets --dad\n";
}
