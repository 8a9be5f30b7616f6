/*
 * settings.h - how a case needs the IUT set up (a "setting NAME=VALUE"
 * line in a case file): a policy or a timer that differs from the
 * defaults, such as a lifetime cap or a short nonce lifetime. The run
 * starts the IUT once per distinct set of settings: the reference IUT with
 * the matching `mip6kit refd` flags, a user's --iut-cmd with M6K_SETTINGS
 * in its environment. One setting is the run's own: links=N builds the
 * test network with N links (the home link and foreign-side links).
 */
#ifndef M6H_SETTINGS_H
#define M6H_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>

/* Is "NAME=VALUE" a known setting with a value it takes? NULL, or why not. */
const char *m6h_setting_check(const char *setting);

/* The refd flags for one setting: one or two words in flag[0..1]
 * (flag[1] NULL for a switch; both NULL for links=N, which the run itself
 * applies). Returns 0, or -1 for an unknown one. */
int m6h_setting_flags(const char *setting, const char *flag[2], char *value, size_t cap);

/* Is name (no "=VALUE") the name of a setting? */
bool m6h_setting_known_name(const char *name);

/* Is the setting one that every conforming IUT has anyway (dad=yes), so
 * that a user's IUT needs nothing applied for it? */
bool m6h_setting_inherent(const char *setting);

/* Is the setting's NAME in names (space- or comma-separated names)? */
bool m6h_setting_named(const char *setting, const char *names);

/* The number of links a settings key ("links=2 ...") asks the test
 * network for: 1 unless it names one. */
int m6h_settings_links(const char *key);

/* Every setting, one per line, for --help texts and docs. */
const char *m6h_settings_help(void);

#endif
