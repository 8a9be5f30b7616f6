/* cli_fail.c - the one-line error every subcommand prints. */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

int cli_fail(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "mip6kit %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 2;
}
