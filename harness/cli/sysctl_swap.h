/* sysctl_swap.h - setting a kernel sysctl and keeping its old value. */
#ifndef M6K_SYSCTL_SWAP_H
#define M6K_SYSCTL_SWAP_H

/* Writes value to the sysctl file at path (under /proc/sys); returns the
 * value it had (-1 if unreadable), or -1 when it could not be written, so
 * that a caller restores only what it changed. */
int sysctl_swap(const char *path, int value);

#endif
