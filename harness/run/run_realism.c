/* run_realism.c - realism switches of the reference IUT (run_realism.h). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "run_realism.h"

static const struct realism {
	const char *name, *flags, *what;
} switches[] = {
	{ "dad", "--dad", "Duplicate Address Detection (1 s) before a new home registration" },
	{ "delay", "--reply-delay 50-400", "every answer 50-400 ms late, jittered" },
	{ "be1-non-mh", "--be1-for-mh no", "Binding Error 1 only for non-MH packets with a Home Address option" },
	{ "alternatives", "--alternatives", "the other answer wherever the RFCs allow two (e.g. 133 for 132)" },
	{ "slow-start", "--start-delay 10", "the daemon serves 10 s after it starts" },
};
#define N_SWITCHES (sizeof switches / sizeof switches[0])

static int add(char *flags, size_t cap, const char *more)
{
	size_t len = strlen(flags);
	int n = snprintf(flags + len, cap - len, "%s%s", len ? " " : "", more);
	return n < 0 || (size_t)n >= cap - len ? -1 : 0;
}

int run_realism_flags(const char *list, char *flags, size_t cap, char *err, size_t errlen)
{
	flags[0] = '\0';
	for (const char *p = list; *p; p += strcspn(p, ",") + (p[strcspn(p, ",")] == ',')) {
		size_t n = strcspn(p, ",");
		bool all = n == 3 && !strncmp(p, "all", 3);
		bool known = all;
		for (size_t i = 0; i < N_SWITCHES; i++) {
			if (!all && (strlen(switches[i].name) != n || strncmp(p, switches[i].name, n)))
				continue;
			known = true;
			if (!strstr(flags, switches[i].flags) && add(flags, cap, switches[i].flags))
				return snprintf(err, errlen, "too many realism switches"), -1;
		}
		if (!known)
			return snprintf(err, errlen, "unknown realism switch '%.*s' (see --help)", (int)n, p), -1;
	}
	return 0;
}

const char *run_realism_help(void)
{
	static char text[1024];

	if (text[0])
		return text;
	for (size_t i = 0; i < N_SWITCHES; i++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "  %-24s%s\n", switches[i].name,
			 switches[i].what);
	return text;
}
