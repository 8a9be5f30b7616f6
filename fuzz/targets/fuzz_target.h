/* fuzz_target.h - the entry point every fuzz target defines. The same
 * source links with libFuzzer, with AFL++, or with replay.c into a plain
 * program that replays a corpus (what `make check` runs). */
#ifndef M6_FUZZ_TARGET_H
#define M6_FUZZ_TARGET_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Defined only by a target whose point lies behind a gate (mh_roundtrip:
 * the round trip runs only on an MH that decodes without error): the
 * number of inputs that got through so far; *gate says what they reached.
 * The replay program fails a corpus none of whose inputs got through. */
size_t fuzz_target_passed_gate(const char **gate);

#endif
