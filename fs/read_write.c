/*
 * read, write and their vector and positional forms, lseek and _llseek,
 * with Linux's checks in Linux's order (fs/read_write.c): the fd, the
 * access mode, the buffer, then the file's own operation.  Also the
 * regular files of the initramfs, whose bytes are in memory.
 */
#include <file.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>

#include "fs_internal.h"

#define UIO_MAXIOV	1024

struct iovec {
	void *iov_base;
	size_t iov_len;
};

loff_t no_llseek(struct file *f, loff_t off, int whence)
{
	return -ESPIPE;
}

loff_t generic_file_llseek(struct file *f, loff_t off, int whence, loff_t size)
{
	loff_t base;

	switch (whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = size;
		break;
	default:
		return -EINVAL;
	}
	if (off < 0 && base + off < 0)
		return -EINVAL;
	f->f_pos = base + off;
	return f->f_pos;
}

long simple_read_from_buffer(char *ubuf, size_t n, loff_t *pos, const void *from, size_t available)
{
	size_t count;

	if (*pos < 0)
		return -EINVAL;
	if ((u64)*pos >= available || !n)
		return 0;
	count = min(n, available - (size_t)*pos);
	if (copy_to_user(ubuf, (const char *)from + *pos, count))
		return -EFAULT;
	*pos += (loff_t)count;
	return (long)count;
}

long ramfs_file_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	const struct ramfs_file *rf = &f->f_path.inode->rf;

	return simple_read_from_buffer(ubuf, n, pos, rf->data, rf->size);
}

loff_t ramfs_file_llseek(struct file *f, loff_t off, int whence)
{
	return generic_file_llseek(f, off, whence, (loff_t)f->f_path.inode->rf.size);
}

const struct file_operations ramfs_file_fops = {
	.read = ramfs_file_read,
	.llseek = ramfs_file_llseek,
};

static bool readable(const struct file *f) { return (f->f_flags & O_ACCMODE) != O_WRONLY; }
static bool writable(const struct file *f) { return (f->f_flags & O_ACCMODE) != O_RDONLY; }

/* One read or write at *pos of an open file, after Linux's checks. */
static long rw_file(struct file *f, char *ubuf, size_t n, loff_t *pos, bool write)
{
	if (write ? !writable(f) : !readable(f))
		return -EBADF;
	if (write ? !f->f_op->write : !f->f_op->read)
		return S_ISDIR(inode_mode(f->f_path.inode)) ? -EISDIR : -EINVAL;
	if (!access_ok(ubuf, n))
		return -EFAULT;
	n = min(n, (size_t)MAX_RW_COUNT);
	return write ? f->f_op->write(f, ubuf, n, pos) : f->f_op->read(f, ubuf, n, pos);
}

static long do_rw(unsigned int fd, char *ubuf, size_t n, bool write)
{
	struct file *f = fget(fd);
	long ret;

	if (!f)
		return -EBADF;
	ret = rw_file(f, ubuf, n, &f->f_pos, write);
	fput(f);
	return ret;
}

long sys_read(const struct syscall_args *a)
{
	return do_rw((unsigned int)a->arg[0], (char *)a->arg[1], a->arg[2], false);
}

long sys_write(const struct syscall_args *a)
{
	return do_rw((unsigned int)a->arg[0], (char *)a->arg[1], a->arg[2], true);
}

/* pread64/pwrite64: the EABI passes the 64-bit offset in the even pair r4:r5 (r3 is padding). */
static long do_prw(const struct syscall_args *a, bool write)
{
	struct file *f = fget((unsigned int)a->arg[0]);
	loff_t pos = (loff_t)((u64)a->arg[5] << 32 | a->arg[4]);
	long ret;

	if (!f)
		return -EBADF;
	if (pos < 0)
		ret = -EINVAL;
	else if (f->f_op->llseek == no_llseek)
		ret = -ESPIPE;
	else
		ret = rw_file(f, (char *)a->arg[1], a->arg[2], &pos, write);
	fput(f);
	return ret;
}

long sys_pread64(const struct syscall_args *a) { return do_prw(a, false); }
long sys_pwrite64(const struct syscall_args *a) { return do_prw(a, true); }

/* Each buffer in turn, stopping at a short transfer: the total, or the first error if nothing moved. */
static long do_rwv(const struct syscall_args *a, bool write)
{
	unsigned long cnt = a->arg[2];
	struct file *f;
	long total = 0;

	if (cnt > UIO_MAXIOV)
		return -EINVAL;
	f = fget((unsigned int)a->arg[0]);
	if (!f)
		return -EBADF;
	for (unsigned long i = 0; i < cnt; i++) {
		struct iovec iov;
		long ret;

		if (copy_from_user(&iov, (const struct iovec *)a->arg[1] + i, sizeof(iov))) {
			total = total ? total : -EFAULT;
			break;
		}
		if (iov.iov_len > MAX_RW_COUNT) {
			total = total ? total : -EINVAL;
			break;
		}
		ret = iov.iov_len ? rw_file(f, iov.iov_base, iov.iov_len, &f->f_pos, write) : 0;
		if (ret < 0) {
			total = total ? total : ret;
			break;
		}
		total += ret;
		if ((size_t)ret < iov.iov_len)
			break;
	}
	fput(f);
	return total;
}

long sys_readv(const struct syscall_args *a) { return do_rwv(a, false); }
long sys_writev(const struct syscall_args *a) { return do_rwv(a, true); }

static loff_t vfs_llseek(struct file *f, loff_t off, int whence)
{
	if (f->f_op->llseek)
		return f->f_op->llseek(f, off, whence);
	return generic_file_llseek(f, off, whence, 0);
}

long sys_lseek(const struct syscall_args *a)
{
	struct file *f = fget((unsigned int)a->arg[0]);
	loff_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_llseek(f, (loff_t)(long)a->arg[1], (int)a->arg[2]);
	fput(f);
	if (ret > 0x7fffffffLL)
		return -EOVERFLOW;
	return (long)ret;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence) */
long sys_llseek(const struct syscall_args *a)
{
	struct file *f = fget((unsigned int)a->arg[0]);
	loff_t ret;

	if (!f)
		return -EBADF;
	ret = vfs_llseek(f, (loff_t)((u64)a->arg[1] << 32 | a->arg[2]), (int)a->arg[4]);
	fput(f);
	if (ret < 0)
		return (long)ret;
	return copy_to_user((void *)a->arg[3], &ret, sizeof(ret)) ? -EFAULT : 0;
}
