/* cli_words.c - the spec words of a command line as one spec. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

char *cli_join_words(int n, char **words)
{
	size_t len = 1;

	for (int i = 0; i < n; i++)
		len += strlen(words[i]) + 1;
	char *s = malloc(len);
	if (!s)
		return NULL;
	s[0] = '\0';
	for (int i = 0; i < n; i++) {
		strcat(s, words[i]);
		if (i + 1 < n)
			strcat(s, " ");
	}
	return s;
}
