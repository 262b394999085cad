/*
 * The records stat-like calls hand to user space (include/fs_stat.h)
 * against Linux's layouts, written here as offset tables: struct stat64
 * for ARM EABI (arch/arm/include/uapi/asm/stat.h; its 64-bit members
 * 8-byte aligned, 104 bytes) and struct statx (include/uapi/linux/stat.h,
 * 256 bytes).  The host is i386, whose ABI aligns 64-bit members to 4:
 * the header must force the ARM placement for this to pass.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <fs_stat.h>
#include "host.h"

struct field {
	const char *name;
	size_t offset, want;
};

#define F(type, member, at)	{ #member, offsetof(struct type, member), at }

static void check_fields(const struct field *f, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].offset != f[i].want)
			fail_msg("%s at %zu, Linux has it at %zu", f[i].name, f[i].offset, f[i].want);
}

static void test_stat64_layout(void **state)
{
	static const struct field f[] = {
		F(stat64, st_dev, 0), F(stat64, __st_ino, 12), F(stat64, st_mode, 16), F(stat64, st_nlink, 20),
		F(stat64, st_uid, 24), F(stat64, st_gid, 28), F(stat64, st_rdev, 32), F(stat64, st_size, 48),
		F(stat64, st_blksize, 56), F(stat64, st_blocks, 64), F(stat64, st_atime, 72),
		F(stat64, st_atime_nsec, 76), F(stat64, st_mtime, 80), F(stat64, st_ctime, 88), F(stat64, st_ino, 96),
	};

	(void)state;
	check_fields(f, sizeof(f) / sizeof(f[0]));
	assert_int_equal(sizeof(struct stat64), 104);
}

static void test_statx_layout(void **state)
{
	static const struct field f[] = {
		F(statx, stx_mask, 0), F(statx, stx_blksize, 4), F(statx, stx_attributes, 8), F(statx, stx_nlink, 16),
		F(statx, stx_uid, 20), F(statx, stx_gid, 24), F(statx, stx_mode, 28), F(statx, stx_ino, 32),
		F(statx, stx_size, 40), F(statx, stx_blocks, 48), F(statx, stx_attributes_mask, 56),
		F(statx, stx_atime, 64), F(statx, stx_btime, 80), F(statx, stx_ctime, 96), F(statx, stx_mtime, 112),
		F(statx, stx_rdev_major, 128), F(statx, stx_rdev_minor, 132), F(statx, stx_dev_major, 136),
		F(statx, stx_dev_minor, 140),
	};

	(void)state;
	check_fields(f, sizeof(f) / sizeof(f[0]));
	assert_int_equal(sizeof(struct statx), 256);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat64_layout),
		cmocka_unit_test(test_statx_layout),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
