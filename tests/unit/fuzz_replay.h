/* fuzz_replay.h - runs a libFuzzer target (included into the test) on
 * every file of its committed seed corpus, tests/fuzz/corpus/<name>/, so
 * the unit suite exercises it briefly on every build; bench/fuzz.sh runs
 * the targets long. A target aborts on what it finds. */
#ifndef FUZZ_REPLAY_H
#define FUZZ_REPLAY_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How many corpus files of tests/fuzz/corpus/<name> the target ran on
 * (0: none found, which a test should fail). */
static size_t fuzz_replay(const char *name)
{
	char dir[1024];
	snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", CEN_TEST_SRC_DIR, name);
	DIR *d = opendir(dir);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[2048];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		uint8_t *buf = malloc(1 << 20);
		size_t len = buf ? fread(buf, 1, 1 << 20, f) : 0;
		fclose(f);
		if (buf) {
			LLVMFuzzerTestOneInput(buf, len);
			n++;
		}
		free(buf);
	}
	closedir(d);
	return n;
}

#endif
