/*
 * The calls that name files: openat/open, close, chdir/fchdir/getcwd,
 * access/faccessat/faccessat2, and the steps every one of them shares
 * (copying a path in from user space, resolving it against a directory
 * fd, choosing the operations for what was found).  Semantics and errors
 * are Linux's (fs/open.c, fs/namei.c, fs/d_path.c).
 */
#include <file.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>

#include "fs_internal.h"

#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

struct file *fget(unsigned int fd)
{
	return current && current->files ? fget_files(current->files, fd) : NULL;
}

const struct ramfs_file *fget_ramfs(int fd)
{
	struct file *f = fd >= 0 ? fget((unsigned int)fd) : NULL;
	const struct ramfs_file *rf = NULL;

	if (!f)
		return NULL;
	if (f->f_op == &ramfs_file_fops)
		rf = &f->f_path.inode->rf;
	fput(f);	/* the inode outlives the file: the tree is never pruned */
	return rf;
}

int getname(const char *uname, char *buf)
{
	unsigned long addr = (unsigned long)uname;
	size_t done = 0;

	while (done < PATH_MAX) {
		size_t chunk = min(PAGE_SIZE - ((addr + done) & ~PAGE_MASK), (unsigned long)(PATH_MAX - done));

		if (copy_from_user(buf + done, uname + done, chunk))
			return -EFAULT;
		if (memchr(buf + done, '\0', chunk))
			return 0;
		done += chunk;
	}
	return -ENAMETOOLONG;
}

/* The directory open at dfd (or the working directory for AT_FDCWD); any file if !need_dir. */
static int dirfd_path(int dfd, bool need_dir, struct path *out)
{
	struct file *f;

	if (dfd == AT_FDCWD) {
		*out = current->fs->pwd;
		return 0;
	}
	f = dfd >= 0 ? fget((unsigned int)dfd) : NULL;
	if (!f)
		return -EBADF;
	*out = f->f_path;
	fput(f);
	return !need_dir || S_ISDIR(inode_mode(out->inode)) ? 0 : -ENOTDIR;
}

int user_path_at(int dfd, const char *uname, unsigned int flags, bool empty_ok, struct path *out)
{
	struct lookup_bufs *b = kmalloc(sizeof(*b), GFP_KERNEL);
	struct path start = { NULL, 0 };
	int err;

	if (!b)
		return -ENOMEM;
	err = getname(uname, b->name);
	if (!err && !b->name[0] && empty_ok)
		err = dirfd_path(dfd, false, out);		/* AT_EMPTY_PATH: the file at dfd itself */
	else if (!err) {
		if (b->name[0] != '/')
			err = dirfd_path(dfd, true, &start);
		if (!err)
			err = path_lookupat(&current->fs->root, start.inode ? &start : &current->fs->root, b->name,
					    flags, out, &b->nd);
	}
	kfree(b);
	return err;
}

/* The operations for an inode that has none of its own. */
static const struct file_operations *default_fops(const struct inode *i)
{
	switch (inode_mode(i) & S_IFMT) {
	case S_IFREG:
		return &ramfs_file_fops;
	case S_IFDIR:
		return &dir_fops;
	case S_IFCHR:
		return chrdev_fops(i->rdev);
	default:
		return NULL;
	}
}

/* Linux's open-time refusals for what the lookup found. */
static int may_open(const struct inode *i, unsigned int flags)
{
	unsigned int acc = flags & O_ACCMODE;

	if (S_ISLNK(inode_mode(i)))
		return -ELOOP;		/* only reached with O_NOFOLLOW */
	if (S_ISDIR(inode_mode(i)) && (acc != O_RDONLY || (flags & O_CREAT)))
		return -EISDIR;
	if (S_ISREG(inode_mode(i)) && !i->i_fop && (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EROFS;		/* the archive's files are read-only; only new ones are written */
	if (acc == O_ACCMODE)
		return -EINVAL;
	return 0;
}

struct file *vfs_open(const struct path *p, unsigned int flags, int *err)
{
	const struct file_operations *fop = p->inode->i_fop ? p->inode->i_fop : default_fops(p->inode);
	struct file *f;

	*err = may_open(p->inode, flags);
	if (!*err && !fop)
		*err = -ENXIO;
	if (*err)
		return NULL;
	f = alloc_file(p, flags & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC), fop);
	if (!f) {
		*err = -ENOMEM;
		return NULL;
	}
	if (fop->open) {
		*err = fop->open(f);
		if (*err) {
			fput(f);
			return NULL;
		}
	}
	return f;
}

/* The last component of name (after its last slash), cut from it: name keeps the directory part ("/x" -> "/"). */
static const char *split_last(char *name, char *dir_part)
{
	char *slash = strrchr(name, '/');

	if (!slash) {
		snprintf(dir_part, PATH_MAX, ".");
		return name;
	}
	memcpy(dir_part, name, (size_t)(slash - name) + 1);
	dir_part[slash - name + 1] = '\0';
	return slash + 1;
}

/*
 * O_CREAT of a name that is not there: find the directory that is to hold
 * it (its lookup error if there is none, as Linux checks), then make a
 * writable file there (fs/ramfs_write.c) with mode less the umask 022.
 * 0 and *out, or -errno: -EISDIR for a name ending in "/", -EACCES in /proc.
 */
static int do_creat(int dfd, const char *uname, unsigned int mode, struct path *out)
{
	struct lookup_bufs *b = kmalloc(sizeof(*b), GFP_KERNEL);
	char *dir_part = b ? kmalloc(PATH_MAX, GFP_KERNEL) : NULL;
	struct path start = { NULL, 0 }, dir;
	const char *last = NULL;
	int err = dir_part ? getname(uname, b->name) : -ENOMEM;

	if (!err)
		last = split_last(b->name, dir_part);
	if (!err && !*last)
		err = -EISDIR;
	if (!err && dir_part[0] != '/')
		err = dirfd_path(dfd, true, &start);
	if (!err)
		err = path_lookupat(&current->fs->root, start.inode ? &start : &current->fs->root, dir_part,
				    LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &dir, &b->nd);
	if (!err && dir.inode->i_op)
		err = -EACCES;		/* /proc takes no new files */
	if (!err && strlen(last) > NAME_MAX)
		err = -ENAMETOOLONG;
	if (!err) {
		out->inode = ramfs_create(dir.inode, last, strlen(last), mode & ~0022u);
		out->pid = 0;
		err = out->inode ? 0 : -ENOSPC;
	}
	kfree(dir_part);
	kfree(b);
	return err;
}

static long do_sys_openat(int dfd, const char *uname, unsigned int flags, unsigned int mode)
{
	unsigned int lflags = (flags & O_NOFOLLOW ? 0 : LOOKUP_FOLLOW) | (flags & O_DIRECTORY ? LOOKUP_DIRECTORY : 0);
	struct path p;
	struct file *f;
	int fd, err;

	err = user_path_at(dfd, uname, lflags, false, &p);
	if (!err && (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
		return -EEXIST;
	if (err == -ENOENT && (flags & O_CREAT))
		err = do_creat(dfd, uname, mode, &p);
	if (err)
		return err;
	if (flags & O_TRUNC)
		ramfs_truncate(p.inode);	/* only a file made at run time is writable at all */
	fd = alloc_fd(current->files, 0, flags & O_CLOEXEC);
	if (fd < 0)
		return fd;
	f = vfs_open(&p, flags, &err);
	if (!f) {
		put_unused_fd(current->files, (unsigned int)fd);
		return err;
	}
	fd_install(current->files, (unsigned int)fd, f);
	return fd;
}

long sys_openat(const struct syscall_args *a)
{
	return do_sys_openat((int)a->arg[0], (const char *)a->arg[1], (unsigned int)a->arg[2], (unsigned int)a->arg[3]);
}

long sys_open(const struct syscall_args *a)
{
	return do_sys_openat(AT_FDCWD, (const char *)a->arg[0], (unsigned int)a->arg[1], (unsigned int)a->arg[2]);
}

long sys_close(const struct syscall_args *a)
{
	return close_fd(current->files, (unsigned int)a->arg[0]);
}

int files_init_console(struct task_struct *t)
{
	struct path console;
	struct file *f;
	int err;

	t->files = files_alloc();
	t->fs = kmalloc(sizeof(*t->fs), GFP_KERNEL);
	if (!t->files || !t->fs)
		goto nomem;
	t->fs->root = t->fs->pwd = (struct path){ &ramfs_root, 0 };
	err = ramfs_lookup_path("/dev/console", &console);
	if (err)
		return 0;	/* no console node: the process starts without fds 0-2, as Linux's would */
	f = vfs_open(&console, O_RDWR, &err);
	if (!f)
		goto nomem;
	for (unsigned int fd = 0; fd < 3; fd++)
		fd_install(t->files, (unsigned int)alloc_fd(t->files, 0, false), fd ? get_file(f) : f);
	return 0;
nomem:
	files_exit(t);
	return -ENOMEM;
}

long sys_chdir(const struct syscall_args *a)
{
	struct path p;
	int err = user_path_at(AT_FDCWD, (const char *)a->arg[0], LOOKUP_FOLLOW | LOOKUP_DIRECTORY, false, &p);

	if (!err)
		current->fs->pwd = p;
	return err;
}

long sys_fchdir(const struct syscall_args *a)
{
	struct file *f = fget((unsigned int)a->arg[0]);
	int err = 0;

	if (!f)
		return -EBADF;
	if (S_ISDIR(inode_mode(f->f_path.inode)))
		current->fs->pwd = f->f_path;
	else
		err = -ENOTDIR;
	fput(f);
	return err;
}

/* The name of p under its parent: the pid for a /proc/<pid> directory. */
static int path_name(const struct path *p, char *buf, size_t size)
{
	if (proc_is_pid_dir(p->inode))
		return snprintf(buf, size, "%d", p->pid);
	return snprintf(buf, size, "%s", p->inode->rf.name);
}

/* Build "/a/b/c" for p from the end of buf backwards: the start of the text, or NULL if it does not fit. */
static char *d_path(const struct path *p, char *buf, size_t size)
{
	char *s = buf + size - 1, name[NAME_MAX + 1];
	struct path cur = *p;

	*s = '\0';
	if (cur.inode == current->fs->root.inode)
		*--s = '/';
	while (cur.inode != current->fs->root.inode && cur.inode->parent != cur.inode) {
		int n = path_name(&cur, name, sizeof(name));

		if (s - buf < n + 1)
			return NULL;
		s -= n;
		memcpy(s, name, (size_t)n);
		*--s = '/';
		cur.inode = cur.inode->parent;
	}
	return s;
}

long sys_getcwd(const struct syscall_args *a)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL), *s;
	unsigned long size = a->arg[1];
	long len;

	if (!buf)
		return -ENOMEM;
	s = d_path(&current->fs->pwd, buf, PATH_MAX);
	len = s ? (long)(buf + PATH_MAX - s) : -ENAMETOOLONG;
	if (len > 0 && (unsigned long)len > size)
		len = -ERANGE;
	else if (len > 0 && copy_to_user((void *)a->arg[0], s, (unsigned long)len))
		len = -EFAULT;
	kfree(buf);
	return len;
}

static long do_faccessat(int dfd, const char *uname, unsigned int mode, unsigned int flags)
{
	struct path p;
	u32 m;
	int err;

	if (mode & ~(unsigned int)(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(unsigned int)(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	err = user_path_at(dfd, uname, flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW, flags & AT_EMPTY_PATH, &p);
	if (err)
		return err;
	m = inode_mode(p.inode);
	/* We run as root: only a read-only file system, or no execute bit at all, says no. */
	if ((mode & W_OK) && !S_ISCHR(m) && !p.inode->i_fop && !p.inode->i_op)
		return -EROFS;
	if ((mode & X_OK) && !S_ISDIR(m) && !(m & 0111))
		return -EACCES;
	return 0;
}

long sys_access(const struct syscall_args *a)
{
	return do_faccessat(AT_FDCWD, (const char *)a->arg[0], (unsigned int)a->arg[1], 0);
}

long sys_faccessat(const struct syscall_args *a)
{
	return do_faccessat((int)a->arg[0], (const char *)a->arg[1], (unsigned int)a->arg[2], 0);
}

long sys_faccessat2(const struct syscall_args *a)
{
	return do_faccessat((int)a->arg[0], (const char *)a->arg[1], (unsigned int)a->arg[2], (unsigned int)a->arg[3]);
}
