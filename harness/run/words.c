/* words.c - matching a case's expected words against a decode line (words.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

#define WORD_MAX 768

/* Does the line word at p (n octets of word before its end) hold word? */
static bool ends_word(const char *p, size_t n, bool prefix)
{
	return prefix || p[n] == ' ' || p[n] == '\0' || p[n] == ',';
}

/* "NAME=LO..HI": does the line have a word NAME=V with V in range? */
static bool in_range(const char *line, const char *word, const char *dots)
{
	const char *eq = strchr(word, '=');
	char *end;

	if (!eq || eq > dots)
		return false;
	size_t name = (size_t)(eq - word) + 1; /* "NAME=" */
	unsigned long lo = strtoul(eq + 1, NULL, 10), hi = strtoul(dots + 2, NULL, 10);
	for (const char *p = line; *p; p += strcspn(p, " "), p += strspn(p, " ")) {
		if (strncmp(p, word, name))
			continue;
		unsigned long v = strtoul(p + name, &end, 10);
		if (end != p + name && ends_word(end, 0, false) && v >= lo && v <= hi)
			return true;
	}
	return false;
}

/* Is word (one alternative, without '!') in the decode line? */
static bool word_in(const char *line, const char *alt)
{
	char word[WORD_MAX];
	snprintf(word, sizeof word, "%s", alt);
	size_t n = strlen(word);
	bool prefix = n > 0 && word[n - 1] == '*';
	const char *dots = strstr(word, "..");

	if (dots)
		return in_range(line, word, dots);
	if (prefix)
		word[--n] = '\0';
	for (const char *p = line; n && (p = strstr(p, word)) != NULL; p++)
		if ((p == line || p[-1] == ' ') && ends_word(p, n, prefix))
			return true;
	return false;
}

bool m6h_has_words(const char *line, const char *want)
{
	char w[WORD_MAX];

	snprintf(w, sizeof w, "%s", want);
	for (char *save = NULL, *tok = strtok_r(w, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		bool negated = tok[0] == '!' && tok[1];
		bool found = false;
		tok += negated;
		for (char *alt = tok; !found && *alt; alt += strcspn(alt, "|") + (alt[strcspn(alt, "|")] == '|')) {
			char one[WORD_MAX];
			snprintf(one, sizeof one, "%.*s", (int)strcspn(alt, "|"), alt);
			found = word_in(line, one);
		}
		if (found == negated)
			return false;
	}
	return true;
}
