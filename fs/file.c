/*
 * Open files and descriptor tables: reference counts on struct file, the
 * lowest-free-first fd allocator with its growing table and close-on-exec
 * bits, dup/dup2/dup3, and the fork/exit/exec hooks.  Takes the table as
 * an argument (never current), so the host tests drive it directly.
 */
#include <file.h>
#include <sched.h>
#include <slab.h>
#include <string.h>

/* A slot alloc_fd handed out that fd_install has not filled yet: not open for anyone else. */
#define FD_RESERVED	((struct file *)1)

struct file *alloc_file(const struct path *p, unsigned int flags, const struct file_operations *fop)
{
	struct file *f = kzalloc(sizeof(*f), GFP_KERNEL);

	if (!f)
		return NULL;
	f->f_op = fop;
	f->f_path = *p;
	f->f_flags = flags;
	f->f_count = 1;
	return f;
}

void fput(struct file *f)
{
	if (--f->f_count > 0)
		return;
	if (f->f_op && f->f_op->release)
		f->f_op->release(f);
	kfree(f);
}

static size_t bitmap_bytes(unsigned int nbits)
{
	return (nbits + 31) / 32 * sizeof(u32);
}

/* Grow the table to hold fd nr: 0, or -EMFILE past the limit, -ENOMEM. */
static int expand_files(struct files_struct *files, unsigned int nr)
{
	unsigned int max = files->max_fds ? files->max_fds : NR_OPEN_DEFAULT;
	struct file **fd;
	u32 *bits;

	if (nr >= RLIMIT_NOFILE_DEFAULT)
		return -EMFILE;
	while (max <= nr)
		max *= 2;
	max = min(max, (unsigned int)RLIMIT_NOFILE_DEFAULT);
	fd = kzalloc(max * sizeof(*fd), GFP_KERNEL);
	bits = kzalloc(bitmap_bytes(max), GFP_KERNEL);
	if (!fd || !bits) {
		kfree(fd);
		kfree(bits);
		return -ENOMEM;
	}
	if (files->max_fds) {
		memcpy(fd, files->fd, files->max_fds * sizeof(*fd));
		memcpy(bits, files->close_on_exec, bitmap_bytes(files->max_fds));
	}
	kfree(files->fd);
	kfree(files->close_on_exec);
	files->fd = fd;
	files->close_on_exec = bits;
	files->max_fds = max;
	return 0;
}

struct files_struct *files_alloc(void)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (files && expand_files(files, 0)) {
		kfree(files);
		return NULL;
	}
	return files;
}

void files_free(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd] && files->fd[fd] != FD_RESERVED)
			fput(files->fd[fd]);
	kfree(files->fd);
	kfree(files->close_on_exec);
	kfree(files);
}

bool get_close_on_exec(const struct files_struct *files, unsigned int fd)
{
	return fd < files->max_fds && (files->close_on_exec[fd / 32] >> (fd % 32) & 1);
}

void set_close_on_exec(struct files_struct *files, unsigned int fd, bool on)
{
	if (fd >= files->max_fds)
		return;
	if (on)
		files->close_on_exec[fd / 32] |= 1u << (fd % 32);
	else
		files->close_on_exec[fd / 32] &= ~(1u << (fd % 32));
}

int alloc_fd(struct files_struct *files, unsigned int start, bool cloexec)
{
	unsigned int fd = start;
	int err;

	while (fd < files->max_fds && files->fd[fd])
		fd++;
	if (fd >= files->max_fds) {
		err = expand_files(files, fd);
		if (err)
			return err;
	}
	files->fd[fd] = FD_RESERVED;
	set_close_on_exec(files, fd, cloexec);
	return (int)fd;
}

void fd_install(struct files_struct *files, unsigned int fd, struct file *f)
{
	files->fd[fd] = f;
}

void put_unused_fd(struct files_struct *files, unsigned int fd)
{
	if (fd < files->max_fds && files->fd[fd] == FD_RESERVED)
		files->fd[fd] = NULL;
}

/* The file at fd without a new reference, or NULL. */
static struct file *fd_file(const struct files_struct *files, unsigned int fd)
{
	struct file *f = fd < files->max_fds ? files->fd[fd] : NULL;

	return f == FD_RESERVED ? NULL : f;
}

struct file *fget_files(struct files_struct *files, unsigned int fd)
{
	struct file *f = fd_file(files, fd);

	return f ? get_file(f) : NULL;
}

int close_fd(struct files_struct *files, unsigned int fd)
{
	struct file *f = fd_file(files, fd);

	if (!f)
		return -EBADF;
	files->fd[fd] = NULL;
	set_close_on_exec(files, fd, false);
	fput(f);
	return 0;
}

int do_dup(struct files_struct *files, unsigned int oldfd, unsigned int start, bool cloexec)
{
	struct file *f = fd_file(files, oldfd);
	int fd;

	if (!f)
		return -EBADF;
	if (start >= RLIMIT_NOFILE_DEFAULT)
		return -EINVAL;
	fd = alloc_fd(files, start, cloexec);
	if (fd >= 0)
		fd_install(files, (unsigned int)fd, get_file(f));
	return fd;
}

int do_dup3(struct files_struct *files, unsigned int oldfd, unsigned int newfd, unsigned int flags,
	    bool dup3_mode)
{
	struct file *f = fd_file(files, oldfd), *old;
	int err;

	if (dup3_mode && (flags & ~O_CLOEXEC))
		return -EINVAL;
	if (dup3_mode && oldfd == newfd)
		return -EINVAL;
	if (!f)
		return -EBADF;
	if (newfd >= RLIMIT_NOFILE_DEFAULT)
		return -EBADF;
	if (oldfd == newfd)
		return (int)newfd;
	if (newfd >= files->max_fds) {
		err = expand_files(files, newfd);
		if (err)
			return err == -EMFILE ? -EBADF : err;
	}
	old = files->fd[newfd];
	files->fd[newfd] = get_file(f);
	set_close_on_exec(files, newfd, flags & O_CLOEXEC);
	if (old && old != FD_RESERVED)
		fput(old);
	return (int)newfd;
}

int files_fork(struct task_struct *child, struct task_struct *parent)
{
	struct files_struct *pf = parent->files, *cf = files_alloc();

	child->fs = kmalloc(sizeof(*child->fs), GFP_KERNEL);
	if (!cf || !child->fs || (pf->max_fds > cf->max_fds && expand_files(cf, pf->max_fds - 1))) {
		if (cf)
			files_free(cf);
		kfree(child->fs);
		child->fs = NULL;
		return -ENOMEM;
	}
	for (unsigned int fd = 0; fd < pf->max_fds; fd++) {
		struct file *f = fd_file(pf, fd);

		if (f) {
			cf->fd[fd] = get_file(f);
			set_close_on_exec(cf, fd, get_close_on_exec(pf, fd));
		}
	}
	*child->fs = *parent->fs;
	child->files = cf;
	return 0;
}

void files_exit(struct task_struct *t)
{
	if (t->files)
		files_free(t->files);
	kfree(t->fs);
	t->files = NULL;
	t->fs = NULL;
}

void files_exec(struct task_struct *t)
{
	struct files_struct *files = t->files;

	for (unsigned int fd = 0; files && fd < files->max_fds; fd++)
		if (get_close_on_exec(files, fd))
			close_fd(files, fd);
}
