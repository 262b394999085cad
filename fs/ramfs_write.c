/*
 * Files made at run time (open with O_CREAT): the one kind of ramfs file
 * that can be written, so that a shell can redirect into a file.  Their
 * bytes live in a kmalloc buffer that doubles as it fills; the files of
 * the archive stay read-only.  Nothing is ever unlinked, so a buffer
 * lives as long as the system.
 */
#include <file.h>
#include <slab.h>
#include <string.h>
#include <uaccess.h>

#include "fs_internal.h"

#define RAMFS_WRITE_MAX	(4 * 1024 * 1024)	/* one file's ceiling: ENOSPC past it */

struct ramfs_wbuf {
	u8 *buf;
	size_t cap;
};

/* Room for size bytes, the new ones zero: 0, or -ENOSPC. */
static int wbuf_reserve(struct inode *i, size_t size)
{
	struct ramfs_wbuf *w = (struct ramfs_wbuf *)i->i_private;
	size_t cap = w->cap ? w->cap : 256;
	u8 *buf;

	if (size <= w->cap)
		return 0;
	if (size > RAMFS_WRITE_MAX)
		return -ENOSPC;
	while (cap < size)
		cap *= 2;
	buf = kzalloc(cap, GFP_KERNEL);
	if (!buf)
		return -ENOSPC;
	memcpy(buf, w->buf, i->rf.size);
	kfree(w->buf);
	w->buf = buf;
	w->cap = cap;
	i->rf.data = buf;
	return 0;
}

static long ramfs_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	struct inode *i = f->f_path.inode;
	struct ramfs_wbuf *w = (struct ramfs_wbuf *)i->i_private;
	loff_t at = f->f_flags & O_APPEND ? (loff_t)i->rf.size : *pos;
	int err;

	if (at < 0 || at + (loff_t)n > RAMFS_WRITE_MAX)
		return -ENOSPC;
	err = wbuf_reserve(i, (size_t)at + n);
	if (err)
		return err;
	if ((size_t)at > i->rf.size)
		memset(w->buf + i->rf.size, 0, (size_t)at - i->rf.size);	/* a hole reads as zeros */
	if (copy_from_user(w->buf + at, ubuf, n))
		return -EFAULT;
	i->rf.size = max(i->rf.size, (size_t)at + n);
	*pos = at + (loff_t)n;
	return (long)n;
}

const struct file_operations ramfs_rw_fops = {
	.read = ramfs_file_read,
	.write = ramfs_write,
	.llseek = ramfs_file_llseek,
};

struct inode *ramfs_create(struct inode *dir, const char *name, size_t len, u32 mode)
{
	char *copy = kmalloc(len + 1, GFP_KERNEL);
	struct ramfs_wbuf *w = kzalloc(sizeof(*w), GFP_KERNEL);
	struct inode *i = NULL;

	if (copy && w) {
		memcpy(copy, name, len);
		copy[len] = '\0';
		i = ramfs_new_inode(dir, copy, S_IFREG | (mode & 0777));
	}
	if (!i) {
		kfree(copy);
		kfree(w);
		return NULL;
	}
	i->i_fop = &ramfs_rw_fops;
	i->i_private = w;
	return i;
}

void ramfs_truncate(struct inode *i)
{
	if (i->i_fop == &ramfs_rw_fops)
		i->rf.size = 0;
}
