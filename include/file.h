/*
 * Open files and the per-process descriptor table (fs/file.c), with
 * Linux's names: a struct file is one open (its position, flags and
 * operations), shared by every descriptor dup'ed or inherited from it and
 * freed when the last reference goes; a files_struct maps small integers
 * to files, lowest free first, with a close-on-exec bit each.  Flag
 * values are Linux's ARM ones (arch/arm/include/uapi/asm/fcntl.h,
 * include/uapi/asm-generic/fcntl.h).
 */
#ifndef FILE_H
#define FILE_H

#include <fs.h>
#include <types.h>

#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECTORY	00040000	/* ARM's value */
#define O_NOFOLLOW	00100000	/* ARM's value */
#define O_DIRECT	00200000
#define O_LARGEFILE	00400000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

#define FD_CLOEXEC	1
#define NR_OPEN_DEFAULT	64	/* the table's first size; it doubles up to RLIMIT_NOFILE */
#define RLIMIT_NOFILE_DEFAULT 1024	/* Linux's INR_OPEN_CUR: fds 0..1023 */

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

/* poll bits (include/uapi/asm-generic/poll.h). */
#define POLLIN		0x0001
#define POLLPRI		0x0002
#define POLLOUT		0x0004
#define POLLERR		0x0008
#define POLLHUP		0x0010
#define POLLNVAL	0x0020
#define POLLRDNORM	0x0040
#define POLLWRNORM	0x0100

struct task_struct;

/*
 * What a kind of file does.  read and write take a user buffer (they copy
 * with copy_to_user/copy_from_user) and return bytes or -errno; pos is the
 * file's position to use and advance.  A NULL read/write is -EINVAL; a
 * NULL llseek is the generic one for files with a size (fs/read_write.c);
 * a NULL ioctl is -ENOTTY; a NULL poll means always readable and writable.
 */
struct file_operations {
	int (*open)(struct file *f);		/* NULL: nothing to set up */
	long (*read)(struct file *f, char *ubuf, size_t n, loff_t *pos);
	long (*write)(struct file *f, const char *ubuf, size_t n, loff_t *pos);
	loff_t (*llseek)(struct file *f, loff_t off, int whence);
	long (*ioctl)(struct file *f, unsigned int cmd, unsigned long arg);
	unsigned int (*poll)(struct file *f);
	void (*release)(struct file *f);
};

struct file {
	const struct file_operations *f_op;
	struct path f_path;
	loff_t f_pos;
	unsigned int f_flags;		/* O_ACCMODE, O_APPEND, O_NONBLOCK ... (not O_CLOEXEC: that is per fd) */
	int f_count;			/* descriptors and in-flight calls holding it */
	void *private_data;		/* the pipe, the /proc text ... */
};

/* The descriptor table; the fd array and the close-on-exec bitmap grow together. */
struct files_struct {
	unsigned int max_fds;
	struct file **fd;
	u32 *close_on_exec;
};

/* Where relative paths start, per task (Linux's fs_struct). */
struct fs_struct {
	struct path root, pwd;
};

/* A new open of p with fop and flags, one reference; NULL when out of memory. */
struct file *alloc_file(const struct path *p, unsigned int flags, const struct file_operations *fop);
static inline struct file *get_file(struct file *f) { f->f_count++; return f; }
/* Drop a reference; the last one calls release and frees the file. */
void fput(struct file *f);

/* An empty table, or NULL when out of memory. */
struct files_struct *files_alloc(void);
/* Close every descriptor and free the table. */
void files_free(struct files_struct *files);

/*
 * The lowest free descriptor >= start, reserved for the caller to fill
 * with fd_install (FD_CLOEXEC set if cloexec), growing the table: or
 * -EMFILE at RLIMIT_NOFILE_DEFAULT, -ENOMEM.
 */
int alloc_fd(struct files_struct *files, unsigned int start, bool cloexec);
void fd_install(struct files_struct *files, unsigned int fd, struct file *f);
/* Release a descriptor alloc_fd reserved but that was never filled. */
void put_unused_fd(struct files_struct *files, unsigned int fd);

/* The file at fd with a new reference (drop it with fput), or NULL if fd is not open. */
struct file *fget_files(struct files_struct *files, unsigned int fd);
/* Close fd: 0, or -EBADF. */
int close_fd(struct files_struct *files, unsigned int fd);

/* dup (start 0) and F_DUPFD/F_DUPFD_CLOEXEC: the new fd, or -EBADF, -EMFILE, -EINVAL (start too big). */
int do_dup(struct files_struct *files, unsigned int oldfd, unsigned int start, bool cloexec);
/*
 * dup2/dup3: make newfd refer to oldfd's file, closing what newfd held;
 * Linux's errors: -EBADF (oldfd not open, newfd out of range), -EINVAL
 * (dup3 with oldfd == newfd or flags other than O_CLOEXEC).  dup2 of an
 * open fd onto itself returns it unchanged (dup3_mode false).
 */
int do_dup3(struct files_struct *files, unsigned int oldfd, unsigned int newfd, unsigned int flags,
	    bool dup3_mode);

bool get_close_on_exec(const struct files_struct *files, unsigned int fd);
void set_close_on_exec(struct files_struct *files, unsigned int fd, bool on);

/*
 * The process hooks (wired into fork, exit and execve by the process
 * code): copy the parent's table (each file gains a reference) and working
 * directory into the child; close everything at exit; close the
 * FD_CLOEXEC descriptors at exec.  files_fork returns 0 or -ENOMEM.
 */
int files_fork(struct task_struct *child, struct task_struct *parent);
void files_exit(struct task_struct *t);
void files_exec(struct task_struct *t);

/*
 * A first process's files: fds 0, 1 and 2 on /dev/console, the root as
 * its working directory.  0, or -ENOMEM (fs/open.c).
 */
int files_init_console(struct task_struct *t);

/* The current task's file at fd with a reference, or NULL (fs/open.c). */
struct file *fget(unsigned int fd);

/* Open p (a looked-up path) with flags: the new file, or NULL with *err (fs/open.c). */
struct file *vfs_open(const struct path *p, unsigned int flags, int *err);

/* Generic operations for files whose bytes are in memory (fs/read_write.c). */
loff_t generic_file_llseek(struct file *f, loff_t off, int whence, loff_t size);
long simple_read_from_buffer(char *ubuf, size_t n, loff_t *pos, const void *from, size_t available);

#endif
