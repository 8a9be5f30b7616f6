/* fuzz_target.h - the entry point every fuzz target defines. The same
 * source links with libFuzzer, with AFL++, or with replay.c into a plain
 * program that replays a corpus (what `make check` runs). */
#ifndef M6_FUZZ_TARGET_H
#define M6_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
