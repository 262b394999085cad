/*
 * Reading directories: getdents64 and getdents in Linux's record formats
 * (include/linux/dirent.h, fs/readdir.c), over any directory's readdir
 * (fs/namei.c for the ramfs, fs/proc.c for /proc).  A directory's
 * position counts entries: 0 is ".", 1 is "..", 2 + i is entry i.
 */
#include <file.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>

#include "fs_internal.h"

/* struct linux_dirent64: d_ino u64, d_off s64, d_reclen u16, d_type u8, then the name. */
#define DIRENT64_NAME_OFF	19
/* struct linux_dirent: d_ino, d_off (longs), d_reclen u16, the name, a NUL, d_type in the last byte. */
#define DIRENT_NAME_OFF		10

static loff_t dir_llseek(struct file *f, loff_t off, int whence)
{
	if (whence == SEEK_END)
		return -EINVAL;
	return generic_file_llseek(f, off, whence, 0);
}

const struct file_operations dir_fops = {
	.llseek = dir_llseek,
};

/* Entry pos of the directory open as f ("." and ".." first). */
static int dir_entry_at(struct file *f, loff_t pos, struct dir_entry *e)
{
	const struct path *p = &f->f_path;

	if (pos < 2) {
		const struct inode *i = pos == 0 ? p->inode : p->inode->parent;

		snprintf(e->name, sizeof(e->name), "%s", pos == 0 ? "." : "..");
		e->ino = i->ino;
		e->mode = S_IFDIR;
		return 0;
	}
	return inode_readdir(p, (unsigned int)(pos - 2), e);
}

/* d_type (include/linux/fs_types.h): the mode's type bits shifted down by 12 (DT_DIR 4, DT_REG 8, DT_LNK 10). */
static u8 dtype(u32 mode)
{
	return (u8)((mode & S_IFMT) >> 12);
}

/* One record for e in rec: its length, or 0 if it does not fit in room bytes. */
static size_t fill_record(u8 *rec, size_t room, const struct dir_entry *e, loff_t next, bool is64)
{
	size_t nlen = strlen(e->name);
	size_t len = is64 ? ALIGN(DIRENT64_NAME_OFF + nlen + 1, 8) : ALIGN(DIRENT_NAME_OFF + nlen + 2, 4);

	if (len > room)
		return 0;
	memset(rec, 0, len);
	if (is64) {
		u64 ino = e->ino;
		s64 off = next;

		memcpy(rec, &ino, 8);
		memcpy(rec + 8, &off, 8);
		memcpy(rec + 16, &(u16){ (u16)len }, 2);
		rec[18] = dtype(e->mode);
		memcpy(rec + DIRENT64_NAME_OFF, e->name, nlen);
	} else {
		u32 ino = e->ino, off = (u32)next;

		memcpy(rec, &ino, 4);
		memcpy(rec + 4, &off, 4);
		memcpy(rec + 8, &(u16){ (u16)len }, 2);
		memcpy(rec + DIRENT_NAME_OFF, e->name, nlen);
		rec[len - 1] = dtype(e->mode);
	}
	return len;
}

static long do_getdents(unsigned int fd, u8 *ubuf, size_t count, bool is64)
{
	struct file *f = fget(fd);
	struct dir_entry e;
	u8 rec[DIRENT64_NAME_OFF + NAME_MAX + 8];
	long done = 0;

	if (!f)
		return -EBADF;
	if (!S_ISDIR(inode_mode(f->f_path.inode))) {
		fput(f);
		return -ENOTDIR;
	}
	while (dir_entry_at(f, f->f_pos, &e) == 0) {
		size_t len = fill_record(rec, count - (size_t)done, &e, f->f_pos + 1, is64);

		if (!len) {
			done = done ? done : -EINVAL;	/* not even one record fits */
			break;
		}
		if (copy_to_user(ubuf + done, rec, len)) {
			done = done ? done : -EFAULT;
			break;
		}
		done += (long)len;
		f->f_pos++;
	}
	fput(f);
	return done;
}

long sys_getdents64(const struct syscall_args *a)
{
	return do_getdents((unsigned int)a->arg[0], (u8 *)a->arg[1], a->arg[2], true);
}

long sys_getdents(const struct syscall_args *a)
{
	return do_getdents((unsigned int)a->arg[0], (u8 *)a->arg[1], a->arg[2], false);
}
