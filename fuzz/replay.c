/* replay.c - main() for a fuzz target built without a fuzzing engine:
 * feeds every file of each corpus named on the command line (a directory,
 * walked one level deep, or a single file) to LLVMFuzzerTestOneInput, so
 * that a corpus, with every past finding in it, is a regression test.
 * A finding aborts under the sanitizers. Each corpus is one check: it
 * passes when it holds at least one file and, for a target with a gate
 * (fuzz_target_passed_gate), at least one of its files got through.
 * Ends with "<target>: N passed, N failed". */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "targets/fuzz_target.h"

/* Weak: targets without a gate do not define it (the address is NULL). */
extern size_t fuzz_target_passed_gate(const char **gate) __attribute__((weak));

static unsigned char buf[1 << 20];

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	LLVMFuzzerTestOneInput(buf, n);
	return 1;
}

/* The number of files replayed, -1 when path cannot be read. */
static int replay_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path);
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	int count = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char child[4096];
		snprintf(child, sizeof child, "%s/%s", path, e->d_name);
		int r = replay_file(child);
		if (r < 0) {
			closedir(d);
			return -1;
		}
		count += r;
	}
	closedir(d);
	return count;
}

static size_t passed_gate(const char **gate)
{
	*gate = NULL;
	return fuzz_target_passed_gate ? fuzz_target_passed_gate(gate) : 0;
}

int main(int argc, char **argv)
{
	const char *name = strrchr(argv[0], '/');
	int passed = 0, failed = 0;

	name = name ? name + 1 : argv[0];
	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS_DIR|FILE...\n", name);
		failed++;
	}
	for (int i = 1; i < argc; i++) {
		const char *gate;
		size_t before = passed_gate(&gate);
		int n = replay_path(argv[i]);
		size_t through = passed_gate(&gate) - before;

		if (n <= 0) {
			printf("FAIL %s: %s\n", argv[i], n == 0 ? "no files" : "cannot be read");
			failed++;
			continue;
		}
		printf("%s %s: %d files replayed without a crash", gate && !through ? "FAIL" : "ok  ",
		       argv[i], n);
		if (gate)
			printf(", %zu %s", through, gate);
		printf("\n");
		if (gate && !through)
			failed++;
		else
			passed++;
	}
	printf("%s: %d passed, %d failed\n", name, passed, failed);
	return failed ? 1 : 0;
}
