/* sysctl_swap.c - setting a kernel sysctl (sysctl_swap.h). */
#include <stdio.h>

#include "sysctl_swap.h"

int sysctl_swap(const char *path, int value)
{
	FILE *f = fopen(path, "r+");
	int old = -1;

	if (!f)
		return -1;
	if (fscanf(f, "%d", &old) != 1)
		old = -1;
	rewind(f);
	fprintf(f, "%d\n", value);
	if (fclose(f) != 0)
		return -1;
	return old;
}
