/*
 * Shared by the libFuzzer targets in this folder (support.c): failing
 * with the kernel log shown, and reading operations out of the input bytes.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <types.h>

/* Report a broken invariant with the captured kernel log, then abort(). */
#define fuzz_fail(...)		fuzz_fail_(__FILE__, __LINE__, __VA_ARGS__)
#define fuzz_check(cond, ...)	do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)
void fuzz_fail_(const char *file, int line, const char *fmt, ...) __attribute__((noreturn, format(printf, 3, 4)));

/* True if the captured log is whole lines, each starting with prefix (or empty). */
bool fuzz_log_is_lines(const char *prefix);

/* The input as a stream: reads past its end give zero bytes. */
struct fuzz_in {
	const u8 *p;
	size_t left;
};

void fuzz_in_init(struct fuzz_in *in, const u8 *data, size_t size);
/* The next n (1..4) bytes, big-endian. */
u32 fuzz_bytes(struct fuzz_in *in, unsigned int n);
static inline u8 fuzz_u8(struct fuzz_in *in) { return (u8)fuzz_bytes(in, 1); }
static inline u32 fuzz_u32(struct fuzz_in *in) { return fuzz_bytes(in, 4); }

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

#endif
