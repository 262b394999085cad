/*
 * What the fuzz targets share: the two cmocka hooks that the host shims
 * (fake_arch.c, fake_printk.c) call through fail_msg(), turned into a
 * message and abort() so that libFuzzer saves the input; and fuzz_fail(),
 * the same for the targets' own invariant checks.  No cmocka library is
 * linked into the fuzzers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "host.h"

void print_error(const char *const format, ...)
{
	va_list ap;

	va_start(ap, format);
	vfprintf(stderr, format, ap);
	va_end(ap);
}

void _fail(const char *const file, const int line)
{
	fprintf(stderr, "fuzz: failure at %s:%d\n", file, line);
	abort();
}

void fuzz_fail_(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "fuzz: invariant broken at %s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n--- kernel log of this input ---\n%s--- end of log ---\n", host_log());
	abort();
}

bool fuzz_log_is_lines(const char *prefix)
{
	const char *line = host_log(), *eol;

	for (; *line; line = eol + 1) {
		eol = strchr(line, '\n');
		if (!eol || strncmp(line, prefix, strlen(prefix)) != 0)
			return false;
	}
	return true;
}

void fuzz_in_init(struct fuzz_in *in, const u8 *data, size_t size)
{
	in->p = data;
	in->left = size;
}

u32 fuzz_bytes(struct fuzz_in *in, unsigned int n)
{
	u32 v = 0;

	while (n--) {
		v <<= 8;
		if (in->left) {
			v |= *in->p++;
			in->left--;
		}
	}
	return v;
}
