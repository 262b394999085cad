/*
 * stat64, lstat64, fstat64, fstatat64 and statx in Linux's layouts for
 * ARM EABI (arch/arm/include/uapi/asm/stat.h struct stat64,
 * include/uapi/linux/stat.h struct statx), and readlink/readlinkat.
 * Every file is owned by root, with times 0 (there is no clock for files).
 */
#include <file.h>
#include <fs_stat.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>

#include "fs_internal.h"

#define STAT_BLKSIZE	4096
#define STATX_BASIC_STATS	0x000007ffU

/* The numbers stat reports for p: one inode of /proc/<pid>/ serves every pid, so the pid joins in. */
static u64 path_ino(const struct path *p)
{
	return p->pid ? (u64)p->pid << 16 | p->inode->ino : p->inode->ino;
}

static u32 path_dev(const struct path *p)
{
	return proc_owns(p->inode) ? PROC_DEV : RAMFS_DEV;
}

static u64 path_size(const struct path *p)
{
	return S_ISREG(inode_mode(p->inode)) || S_ISLNK(inode_mode(p->inode)) ? p->inode->rf.size : 0;
}

void fill_stat64(const struct path *p, struct stat64 *st)
{
	memset(st, 0, sizeof(*st));
	st->st_dev = path_dev(p);
	st->__st_ino = (u32)path_ino(p);
	st->st_ino = path_ino(p);
	st->st_mode = inode_mode(p->inode);
	st->st_nlink = S_ISDIR(st->st_mode) ? 2 : 1;
	st->st_rdev = p->inode->rdev;
	st->st_size = (s64)path_size(p);
	st->st_blksize = STAT_BLKSIZE;
	st->st_blocks = (path_size(p) + 511) / 512;
}

void fill_statx(const struct path *p, struct statx *sx)
{
	memset(sx, 0, sizeof(*sx));
	sx->stx_mask = STATX_BASIC_STATS;
	sx->stx_blksize = STAT_BLKSIZE;
	sx->stx_nlink = S_ISDIR(inode_mode(p->inode)) ? 2 : 1;
	sx->stx_mode = (u16)inode_mode(p->inode);
	sx->stx_ino = path_ino(p);
	sx->stx_size = path_size(p);
	sx->stx_blocks = (path_size(p) + 511) / 512;
	sx->stx_rdev_major = MAJOR(p->inode->rdev);
	sx->stx_rdev_minor = MINOR(p->inode->rdev);
	sx->stx_dev_major = MAJOR(path_dev(p));
	sx->stx_dev_minor = MINOR(path_dev(p));
}

static long copy_stat64(const struct path *p, void *ubuf)
{
	struct stat64 st;

	fill_stat64(p, &st);
	return copy_to_user(ubuf, &st, sizeof(st)) ? -EFAULT : 0;
}

static long do_fstatat(int dfd, const char *uname, void *ubuf, unsigned int flags)
{
	struct path p;
	int err;

	if (flags & ~(unsigned int)(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, uname, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, flags & AT_EMPTY_PATH, &p);
	return err ? err : copy_stat64(&p, ubuf);
}

long sys_stat64(const struct syscall_args *a)
{
	return do_fstatat(AT_FDCWD, (const char *)a->arg[0], (void *)a->arg[1], 0);
}

long sys_lstat64(const struct syscall_args *a)
{
	return do_fstatat(AT_FDCWD, (const char *)a->arg[0], (void *)a->arg[1], AT_SYMLINK_NOFOLLOW);
}

long sys_fstatat64(const struct syscall_args *a)
{
	return do_fstatat((int)a->arg[0], (const char *)a->arg[1], (void *)a->arg[2], (unsigned int)a->arg[3]);
}

long sys_fstat64(const struct syscall_args *a)
{
	struct file *f = fget((unsigned int)a->arg[0]);
	long err;

	if (!f)
		return -EBADF;
	err = copy_stat64(&f->f_path, (void *)a->arg[1]);
	fput(f);
	return err;
}

/* statx(dfd, path, flags, mask, buf): every basic field is filled whatever mask asks. */
long sys_statx(const struct syscall_args *a)
{
	unsigned int flags = (unsigned int)a->arg[2];
	struct statx sx;
	struct path p;
	int err;

	if (flags & ~(unsigned int)(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH | AT_STATX_SYNC_TYPE))
		return -EINVAL;
	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE)
		return -EINVAL;
	err = user_path_at((int)a->arg[0], (const char *)a->arg[1], flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
			   flags & AT_EMPTY_PATH, &p);
	if (err)
		return err;
	fill_statx(&p, &sx);
	return copy_to_user((void *)a->arg[4], &sx, sizeof(sx)) ? -EFAULT : 0;
}

static long do_readlinkat(int dfd, const char *uname, char *ubuf, long size)
{
	char *buf;
	struct path p;
	int err, len;

	if (size <= 0)
		return -EINVAL;
	err = user_path_at(dfd, uname, 0, false, &p);
	if (err)
		return err;
	if (!S_ISLNK(inode_mode(p.inode)))
		return -EINVAL;
	buf = kmalloc(PATH_MAX, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	len = inode_readlink(&p, buf, PATH_MAX);
	if (len >= 0) {
		len = min(len, (int)min(size, (long)PATH_MAX - 1));
		if (copy_to_user(ubuf, buf, (unsigned long)len))
			len = -EFAULT;
	}
	kfree(buf);
	return len;
}

long sys_readlink(const struct syscall_args *a)
{
	return do_readlinkat(AT_FDCWD, (const char *)a->arg[0], (char *)a->arg[1], (long)a->arg[2]);
}

long sys_readlinkat(const struct syscall_args *a)
{
	return do_readlinkat((int)a->arg[0], (const char *)a->arg[1], (char *)a->arg[2], (long)a->arg[3]);
}
