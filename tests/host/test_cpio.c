/*
 * The cpio newc reader (fs/cpio.c) on the host: a good archive yields its
 * entries in order with names, modes and data as written here; every kind
 * of malformed archive is refused with -EINVAL and a phrase naming the
 * entry and the problem.  Archives are built here by hand, in the layout
 * of Linux's buffer-format.rst:
 *
 *   "070701" ino mode uid gid nlink mtime filesize devmaj devmin rdevmaj rdevmin namesize check
 *   name NUL, padded so the data starts on 4 bytes; data, padded to 4 bytes
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <cpio.h>
#include "host.h"

static char ar[1024];
static size_t len;
static char why[160];

struct seen {
	unsigned int n;
	char names[8][32];
	u32 modes[8];
	u32 sizes[8];
	char data[8][32];
};
static struct seen seen;

static int reset(void **state)
{
	(void)state;
	memset(ar, 0, sizeof(ar));
	memset(&seen, 0, sizeof(seen));
	len = 0;
	return 0;
}

/* Append one entry; namesize and filesize given explicitly so tests can lie in them. */
static void put(const char *magic, const char *name, u32 mode, const char *data, u32 namesize, u32 filesize)
{
	size_t nlen = strlen(name) + 1, dlen = data ? strlen(data) : 0;

	len += (size_t)sprintf(ar + len, "%s%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x%08x",
			       magic, 1u, mode, 0u, 0u, 1u, 0u, filesize, 0u, 0u, 0u, 0u, namesize, 0u);
	memcpy(ar + len, name, nlen);
	len += nlen;
	len = (len + 3) & ~(size_t)3;
	memcpy(ar + len, data ? data : "", dlen);
	len += dlen;
	len = (len + 3) & ~(size_t)3;
}

static void put_good(const char *name, u32 mode, const char *data)
{
	put("070701", name, mode, data, (u32)strlen(name) + 1, data ? (u32)strlen(data) : 0);
}

static void put_trailer(void)
{
	put_good("TRAILER!!!", 0, NULL);
}

static int record(const struct cpio_entry *e, void *arg)
{
	struct seen *s = arg;

	snprintf(s->names[s->n], sizeof(s->names[0]), "%s", e->name);
	s->modes[s->n] = e->mode;
	s->sizes[s->n] = e->filesize;
	snprintf(s->data[s->n], sizeof(s->data[0]), "%.*s", (int)e->filesize, (const char *)e->data);
	s->n++;
	return 0;
}

static void expect_refused(size_t n, const char *phrase)
{
	int err = cpio_walk(ar, n, NULL, NULL, why, sizeof(why));

	if (err != -EINVAL || !strstr(why, phrase))
		fail_msg("expected -EINVAL with \"%s\", got %d \"%s\"", phrase, err, why);
}

static void test_good_archive(void **state)
{
	(void)state;
	put_good("bin", 0040755, NULL);
	put_good("bin/hello", 0100755, "abcde");	/* 5 bytes: padded to 8 */
	put_good("init", 0100644, "xyz");
	put_trailer();
	assert_int_equal(cpio_walk(ar, len, record, &seen, why, sizeof(why)), 0);
	assert_int_equal(seen.n, 3);
	assert_string_equal(seen.names[0], "bin");
	assert_int_equal(seen.modes[0], 0040755);
	assert_string_equal(seen.names[1], "bin/hello");
	assert_int_equal(seen.sizes[1], 5);
	assert_string_equal(seen.data[1], "abcde");
	assert_string_equal(seen.names[2], "init");
	assert_string_equal(seen.data[2], "xyz");
	/* Anything after the trailer (Linux pads initramfs images to 512 bytes) is not read. */
	assert_int_equal(cpio_walk(ar, len + 100, NULL, NULL, why, sizeof(why)), 0);
}

static void test_truncated(void **state)
{
	(void)state;
	put_good("init", 0100644, "hello, world");
	put_trailer();
	/* The first header is 110 bytes: cut it at 60. */
	expect_refused(60, "entry 0 at offset 0x0: header truncated (60 of 110 bytes)");
	/* Header and name (110 + 5, padded to 116) present, 12 data bytes cut to 4. */
	expect_refused(120, "entry 0 (init): filesize 12 runs past the end");
	/* Everything but the trailer. */
	expect_refused(116 + 12, "ends after 1 entries without TRAILER!!!");
}

static void test_bad_magic(void **state)
{
	(void)state;
	put_good("init", 0100644, "x");
	put("070707", "bin", 0040755, NULL, 4, 0);	/* the old binary-compatible "odc" magic */
	put_trailer();
	expect_refused(len, "entry 1 at offset 0x78: bad magic \"070707\"");
}

static void test_bad_hex(void **state)
{
	(void)state;
	put_good("init", 0100644, "x");
	put_trailer();
	ar[6 + 8 * 6 + 3] = 'g';			/* filesize field: "000g0001" */
	expect_refused(len, "entry 0 at offset 0x0: field filesize \"000g0001\" is not 8 hex digits");
}

static void test_name_without_nul(void **state)
{
	(void)state;
	/* namesize 3 for "init": the 3 bytes "ini" hold no NUL. */
	put("070701", "init", 0100644, NULL, 3, 0);
	put_trailer();
	expect_refused(len, "entry 0 at offset 0x0: name is not NUL-terminated at its namesize 3");
	reset(NULL);
	/* namesize 0: not even room for a NUL. */
	put("070701", "init", 0100644, NULL, 0, 0);
	put_trailer();
	expect_refused(len, "namesize 0 runs past the end");
}

static void test_sizes_past_end(void **state)
{
	(void)state;
	put("070701", "init", 0100644, "x", 5, 0x7ffffff0);
	put_trailer();
	expect_refused(len, "entry 0 (init): filesize 2147483632 runs past the end of the archive");
	reset(NULL);
	put("070701", "init", 0100644, NULL, 0xfffffff0, 0);
	expect_refused(len, "entry 0 at offset 0x0: namesize 4294967280 runs past the end");
	reset(NULL);
	/* filesize near 4 GiB: data offset + size must not wrap to a small number. */
	put("070701", "init", 0100644, NULL, 5, 0xffffff90);
	put_trailer();
	expect_refused(len, "filesize 4294967184 runs past the end");
}

static void test_actor_stops_walk(void **state)
{
	(void)state;
	put_good("a", 0100644, "1");
	put_good("b", 0100644, "2");
	put_trailer();
	assert_int_equal(cpio_walk(ar, len, record, &seen, why, sizeof(why)), 0);
	assert_int_equal(seen.n, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_good_archive, reset),
		cmocka_unit_test_setup(test_truncated, reset),
		cmocka_unit_test_setup(test_bad_magic, reset),
		cmocka_unit_test_setup(test_bad_hex, reset),
		cmocka_unit_test_setup(test_name_without_nul, reset),
		cmocka_unit_test_setup(test_sizes_past_end, reset),
		cmocka_unit_test_setup(test_actor_stops_walk, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
