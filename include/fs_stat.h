/*
 * What stat-like calls write for user space: Linux's struct stat64 for
 * ARM (arch/arm/include/uapi/asm/stat.h: glibc 2.1's layout with padding
 * around the device numbers; under the EABI the 64-bit members are 8-byte
 * aligned, 104 bytes in all) and struct statx (include/uapi/linux/stat.h,
 * 256 bytes).  fs/stat.c fills them; the host tests check the offsets.
 */
#ifndef FS_STAT_H
#define FS_STAT_H

#include <fs.h>

/* A 64-bit member 8-byte aligned as the ARM EABI places it, also in the i386 host tests (Linux's __aligned_u64). */
typedef u64 __attribute__((aligned(8))) aligned_u64;
typedef s64 __attribute__((aligned(8))) aligned_s64;

struct stat64 {
	aligned_u64 st_dev;
	u8 __pad0[4];
	u32 __st_ino;		/* the low 32 bits of st_ino, for old programs */
	u32 st_mode;
	u32 st_nlink;
	u32 st_uid;
	u32 st_gid;
	aligned_u64 st_rdev;
	u8 __pad3[4];
	aligned_s64 st_size;
	u32 st_blksize;
	aligned_u64 st_blocks;		/* 512-byte units */
	u32 st_atime, st_atime_nsec;
	u32 st_mtime, st_mtime_nsec;
	u32 st_ctime, st_ctime_nsec;
	aligned_u64 st_ino;
};

struct statx_timestamp {
	aligned_s64 tv_sec;
	u32 tv_nsec;
	s32 __reserved;
};

struct statx {
	u32 stx_mask;
	u32 stx_blksize;
	aligned_u64 stx_attributes;
	u32 stx_nlink;
	u32 stx_uid;
	u32 stx_gid;
	u16 stx_mode;
	u16 __spare0[1];
	aligned_u64 stx_ino;
	aligned_u64 stx_size;
	aligned_u64 stx_blocks;
	aligned_u64 stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	u32 stx_rdev_major, stx_rdev_minor;
	u32 stx_dev_major, stx_dev_minor;
	aligned_u64 __spare2[14];
};

/* Fill the records for p (fs/stat.c). */
void fill_stat64(const struct path *p, struct stat64 *st);
void fill_statx(const struct path *p, struct statx *sx);

#endif
