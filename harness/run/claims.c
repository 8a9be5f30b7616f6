/* claims.c - what the IUT supports and can be set up with (claims.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "claims.h"
#include "run.h"
#include "settings.h"
#include "unpriv.h"

static const char *const names[M6H_FEATURES] = { "mcoa", "bulk", "ipv4coa", "rr", "home-binding",
							"data-plane", "dhaad", "mpd" };
/* "settings yes" in a profile: the --iut-cmd applies M6K_SETTINGS */
#define SETTINGS_CLAIM "settings"

static int role_index(const char *role)
{
	return strcmp(role, "cn") == 0;
}

static int feature_index(const char *name)
{
	for (int i = 0; i < M6H_FEATURES; i++)
		if (!strcmp(name, names[i]))
			return i;
	return -1;
}

/* "settings max-lifetime role": the names of the settings the user's
 * command applies (the others' cases are n/a). */
static int settings_names(struct m6h_features *f, const char *line, int n)
{
	const char *p = line + strspn(line, " \t") + strlen(SETTINGS_CLAIM);

	for (p += strspn(p, " \t"); *p && *p != '#' && *p != '\n'; p += strspn(p, " \t\n")) {
		char word[48];
		size_t len = strcspn(p, " \t\n#");
		snprintf(word, sizeof word, "%.*s", (int)len, p);
		if (!m6h_setting_known_name(word))
			return m6h_run_fail("%s:%d: unknown setting '%s' ('mip6kit run --help' lists them)", f->o->profile, n,
				    word);
		if (f->o->iut_cmd && strlen(f->applies) + len + 2 < sizeof f->applies)
			snprintf(f->applies + strlen(f->applies), sizeof f->applies - strlen(f->applies), "%s%s",
				 f->applies[0] ? " " : "", word);
		p += len;
	}
	return 0;
}

static int load_profile(struct m6h_features *f)
{
	char line[256], name[64], value[16];
	int n = 0;
	FILE *file = fopen(f->o->profile, "r");

	if (!file)
		return m6h_run_fail("%s: %s", f->o->profile, strerror(errno));
	while (fgets(line, sizeof line, file)) {
		n++;
		if (line[0] == '#' || sscanf(line, "%63s %15s", name, value) < 1)
			continue;
		int k = feature_index(name);
		bool yes_no = !strcmp(value, "yes") || !strcmp(value, "no");
		if (k < 0 && !strcmp(name, SETTINGS_CLAIM) && !yes_no) {
			if (settings_names(f, line, n))
				return fclose(file), 2;
			continue;
		}
		if ((k < 0 && strcmp(name, SETTINGS_CLAIM)) || !yes_no) {
			fclose(file);
			return m6h_run_fail("%s:%d: want 'NAME yes|no' with NAME one of mcoa, bulk, ipv4coa, rr, "
				    "home-binding, data-plane, dhaad, mpd, settings, or 'settings NAME...'",
				    f->o->profile, n);
		}
		if (k < 0)
			f->settable = f->o->iut_cmd && !strcmp(value, "yes");
		else
			f->claimed[k][0] = f->claimed[k][1] = !strcmp(value, "yes");
	}
	fclose(file);
	return 0;
}

/* SUITES/probes/<feature>.case probes at the role it names,
 * <feature>-ha.case and <feature>-cn.case where a feature is probed at
 * both. */
static int load_probes(struct m6h_features *f)
{
	static const char *const suffixes[] = { "", "-ha", "-cn" };
	char path[600], err[512];
	struct m6h_case c;

	for (int k = 0; k < M6H_FEATURES; k++)
		for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
			snprintf(path, sizeof path, "%s/probes/%s%s.case", f->o->suites, names[k], suffixes[i]);
			if (i > 0 && access(path, F_OK))
				continue;
			if (m6h_case_load(path, &c, err, sizeof err))
				return m6h_run_fail("%s", err);
			f->probes[k][role_index(c.role)] = c;
		}
	return 0;
}

int m6h_features_load(struct m6h_features *f, const struct m6h_run_options *o)
{
	memset(f, 0, sizeof *f);
	f->o = o;
	f->probing = !o->profile && (o->iut_cmd || o->iut_if || o->iut_bridge); /* the reference IUT claims all */
	f->settable = !o->iut_cmd && !o->iut_if && !o->iut_bridge;
	for (int k = 0; k < M6H_FEATURES; k++)
		f->claimed[k][0] = f->claimed[k][1] = true;
	if (o->profile)
		return load_profile(f);
	return f->probing ? load_probes(f) : 0;
}

/* Can the IUT have this setting? It is one every IUT has (dad=yes), one
 * the IUT is declared to have (--iut-settings), or one the run can give
 * it (the reference IUT; a user's command that applies it; links=N for a
 * guest with a bridged interface on each of the N links). */
static bool setting_ok(const struct m6h_features *f, const char *setting)
{
	char declared[256], want[64], name[32];

	if (m6h_setting_inherent(setting) || f->settable || m6h_setting_named(setting, f->applies))
		return true;
	if (f->o->iut_bridge && !strncmp(setting, "links=", 6))
		return m6h_list_item(f->o->iut_bridge, m6h_settings_links(setting) - 1, name, sizeof name) == 0;
	snprintf(declared, sizeof declared, " %s ", f->o->iut_settings ? f->o->iut_settings : "");
	snprintf(want, sizeof want, " %s ", setting);
	return strstr(declared, want) != NULL;
}

/* The first setting of c the IUT cannot have, or -1. */
static int missing_setting(const struct m6h_features *f, const struct m6h_case *c)
{
	for (int i = 0; i < c->n_settings; i++)
		if (!setting_ok(f, c->settings[i]))
			return i;
	return -1;
}

/* The first feature of c the IUT lacks at c's role, or -1. */
static int missing_feature(const struct m6h_features *f, const struct m6h_case *c)
{
	int r = role_index(c->role);

	for (int i = 0; i < c->n_features; i++) {
		int k = feature_index(c->features[i]);
		if (k < 0 || !f->claimed[k][r])
			return i;
	}
	return -1;
}

bool m6h_case_applies(const struct m6h_features *f, const struct m6h_case *c)
{
	return missing_setting(f, c) < 0 && missing_feature(f, c) < 0;
}

void m6h_case_na_why(const struct m6h_features *f, const struct m6h_result *probes, const struct m6h_case *c,
		     char *why, size_t cap)
{
	int i = missing_setting(f, c), r = role_index(c->role);

	why[0] = '\0';
	if (i >= 0) {
		snprintf(why, cap, "needs the IUT set up with '%s'%s", c->settings[i],
			 f->o->iut_if || f->o->iut_bridge ? ": an IUT reached through --iut-if or --iut-bridge is not "
							    "started by the run (declare what it is with --iut-settings; "
							    "bridge an interface per link for links=N)"
				      : ": say 'settings yes' (or 'settings NAME...') in the profile once your "
					"--iut-cmd applies M6K_SETTINGS");
		return;
	}
	if ((i = missing_feature(f, c)) < 0)
		return;
	int k = feature_index(c->features[i]);
	if (k >= 0 && f->probing && !f->probes[k][r].id[0])
		snprintf(why, cap, "no probe finds out whether the IUT supports '%s' as %s", c->features[i], c->role);
	else if (k >= 0 && f->probing)
		snprintf(why, cap, "the IUT does not support '%s' as %s: probe %s: %.500s", c->features[i], c->role,
			 f->probes[k][r].id, probes[2 * k + r].why);
	else
		snprintf(why, cap, "the IUT does not claim '%s'", c->features[i]);
}

void m6h_features_probe(const struct m6h_features *f, const struct m6h_target *t, const char *dir,
			struct m6h_result *probes, int first_index)
{
	char path[600];

	if (!f->probing)
		return;
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, 65535);
	snprintf(path, sizeof path, "%s/probes.pcap", dir);
	pcap_dumper_t *dump = dead ? pcap_dump_open(dead, path) : NULL;
	for (int k = 0; k < M6H_FEATURES; k++)
		for (int r = 0; r < 2; r++)
			if (f->probes[k][r].id[0] && (r ? f->o->cn : f->o->ha))
				m6h_run_case(&f->probes[k][r], first_index + 2 * k + r, t, dump, &probes[2 * k + r]);
	if (dump)
		pcap_dump_close(dump);
	if (dead)
		pcap_close(dead);
}

void m6h_features_update(struct m6h_features *f, const struct m6h_result *probes)
{
	for (int k = 0; k < M6H_FEATURES && f->probing; k++)
		for (int r = 0; r < 2; r++)
			f->claimed[k][r] = m6h_checked_verdict(&probes[2 * k + r]) == M6H_PASS;
}

void m6h_features_describe(const struct m6h_features *f, const struct m6h_result *probes, char *out, size_t cap)
{
	size_t len = (size_t)snprintf(out, cap, "Features %s:",
				      f->probing ? "found by probes (their packets: probes.pcap)"
				      : f->o->profile ? "from the profile" : "the reference IUT claims");
	for (int r = 0; r < 2 && len < cap; r++) {
		len += (size_t)snprintf(out + len, cap - len, "%s as %s:", r ? ";" : "", r ? "CN" : "HA");
		for (int k = 0; k < M6H_FEATURES && len < cap; k++)
			if (!f->probing || f->probes[k][r].id[0])
				len += (size_t)snprintf(out + len, cap - len, " %s %s", names[k],
							f->claimed[k][r] ? "yes" : "no");
	}
	if (len < cap)
		len += (size_t)snprintf(out + len, cap - len, "; %s %s", SETTINGS_CLAIM,
					f->settable ? "yes" : f->applies[0] ? f->applies : "no");
	for (int k = 0; k < M6H_FEATURES && f->probing && len < cap; k++)
		for (int r = 0; r < 2 && len < cap; r++) {
			const struct m6h_result *res = &probes[2 * k + r];
			if (f->probes[k][r].id[0] && (r ? f->o->cn : f->o->ha))
				len += (size_t)snprintf(out + len, cap - len, "\nProbe %s: %s%s%.300s",
							f->probes[k][r].id, m6h_verdict_name(res->verdict),
							res->why[0] ? ": " : "", res->why);
		}
}
