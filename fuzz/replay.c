/* replay.c - main() for a fuzz target built without a fuzzing engine:
 * feeds every file named on the command line (directories are walked one
 * level deep) to LLVMFuzzerTestOneInput, so that a corpus, with every past
 * finding in it, is a regression test. Prints "<target>: N passed, 0
 * failed"; a finding aborts under the sanitizers. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "targets/fuzz_target.h"

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

int main(int argc, char **argv)
{
	int total = 0;

	for (int i = 1; i < argc; i++) {
		int r = replay_path(argv[i]);
		if (r < 0)
			return 2;
		total += r;
	}
	const char *name = strrchr(argv[0], '/');
	printf("%s: %d passed, 0 failed\n", name ? name + 1 : argv[0], total);
	return 0;
}
