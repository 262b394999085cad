/*
 * The initramfs (fs/ramfs.c): the cpio newc archive the loader passed as
 * the initial RAM disk, unpacked into a tree of inodes (include/fs.h)
 * whose data stay where the archive lies (its memory stays reserved).
 */
#ifndef INITRAMFS_H
#define INITRAMFS_H

#include <types.h>

/* Where the loader put the initial RAM disk (from /chosen linux,initrd-start/end); size 0 if none. */
extern phys_addr_t phys_initrd_start;
extern unsigned long phys_initrd_size;

/*
 * Check [start, end) from the DTB against memblock's memory and the
 * kernel's own range, and reserve it (Linux's reserve_initrd_mem); a range
 * that is not RAM, or overlaps the kernel or its L1 table, gets one line
 * and is dropped.  Call from setup_arch after the memory banks are known.
 */
void reserve_initrd_mem(phys_addr_t start, phys_addr_t end);

/*
 * Unpack the initrd, if any, into the file table (Linux's
 * populate_rootfs): a malformed archive, or one outside lowmem, gets one
 * line and the table stays empty.  Returns the number of entries, 0 if
 * there is no usable initramfs.
 */
unsigned int populate_rootfs(void);

struct ramfs_file {
	const char *name;	/* the last component of its path */
	u32 mode;		/* cpio mode: type and permission bits */
	const void *data;
	size_t size;
};

/* The regular file at path ("/init", "bin/hello"; symlinks followed), or NULL. */
const struct ramfs_file *ramfs_lookup(const char *path);

/*
 * The open regular file of the initramfs behind fd of the current process
 * (for file-backed mmap), or NULL if fd is not open or not such a file
 * (fs/file.c).
 */
const struct ramfs_file *fget_ramfs(int fd);

#endif
