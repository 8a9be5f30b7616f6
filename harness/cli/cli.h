/* cli.h - subcommands of bin/mip6kit. Each returns the process exit code:
 * 0 success, 1 the input was processed but something in it is invalid,
 * 2 usage or I/O error. Errors are one line on stderr, "mip6kit CMD: ...". */
#ifndef M6_CLI_H
#define M6_CLI_H

/* Prints "mip6kit CMD: message" on stderr; returns 2 (the usage/I-O exit code). */
int cli_fail(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* words[0..n) joined with single spaces (malloc'ed; NULL: no memory). */
char *cli_join_words(int n, char **words);

int cmd_decode(int argc, char **argv);
int cmd_build(int argc, char **argv);
int cmd_rr(int argc, char **argv);
int cmd_refd(int argc, char **argv);
int cmd_send(int argc, char **argv);
int cmd_net(int argc, char **argv);
/* `net fault ...`: argv[0] is "fault" (cmd_net_fault.c). */
int cmd_net_fault(int argc, char **argv);
int cmd_clean(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_replay(int argc, char **argv);

#endif
