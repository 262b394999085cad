/*
 * File-system wrappers for our user programs (user/lib/fs.c): Linux's
 * calls, numbers and structures for ARM EABI, each returning -errno as
 * the kernel does.  Constants are Linux's (include/uapi/asm-generic/
 * errno-base.h, errno.h, arch/arm/include/uapi/asm/fcntl.h, stat.h,
 * include/uapi/asm-generic/termbits.h, ioctls.h, poll.h).
 */
#ifndef USER_FS_H
#define USER_FS_H

#include <stddef.h>

#define ENOENT	2
#define EINTR	4
#define EBADF	9
#define EAGAIN	11
#define EACCES	13
#define EEXIST	17
#define ENODEV	19
#define ENOTDIR	20
#define EISDIR	21
#define EINVAL	22
#define EMFILE	24
#define ENOTTY	25
#define ESPIPE	29
#define EROFS	30
#define EPIPE	32
#define ERANGE	34
#define ENAMETOOLONG 36
#define ELOOP	40

#define O_RDONLY	0
#define O_WRONLY	1
#define O_RDWR		2
#define O_CREAT		0100
#define O_EXCL		0200
#define O_TRUNC		01000
#define O_APPEND	02000
#define O_NONBLOCK	04000
#define O_DIRECTORY	040000
#define O_NOFOLLOW	0100000
#define O_CLOEXEC	02000000
#define AT_FDCWD	-100
#define AT_SYMLINK_NOFOLLOW 0x100
#define AT_EMPTY_PATH	0x1000
#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_DUPFD_CLOEXEC	1030
#define FD_CLOEXEC	1
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

#define S_IFMT		0170000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000

#define DT_CHR	2
#define DT_DIR	4
#define DT_REG	8
#define DT_LNK	10

#define POLLIN	0x1
#define POLLOUT	0x4
#define POLLHUP	0x10
#define POLLNVAL 0x20

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B

/* arch/arm/include/uapi/asm/stat.h, EABI: 104 bytes. */
struct stat64 {
	unsigned long long st_dev;
	unsigned char __pad0[4];
	unsigned long __st_ino;
	unsigned int st_mode;
	unsigned int st_nlink;
	unsigned long st_uid, st_gid;
	unsigned long long st_rdev;
	unsigned char __pad3[4];
	long long st_size;
	unsigned long st_blksize;
	unsigned long long st_blocks;
	unsigned long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
	unsigned long long st_ino;
};

struct statx_timestamp { long long tv_sec; unsigned int tv_nsec; int __reserved; };
struct statx {
	unsigned int stx_mask, stx_blksize;
	unsigned long long stx_attributes;
	unsigned int stx_nlink, stx_uid, stx_gid;
	unsigned short stx_mode, __spare0;
	unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_timestamp stx_atime, stx_btime, stx_ctime, stx_mtime;
	unsigned int stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
	unsigned long long __spare2[14];
};

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

struct termios {
	unsigned int c_iflag, c_oflag, c_cflag, c_lflag;
	unsigned char c_line, c_cc[19];
};
#define ICANON	0000002
#define ECHO	0000010
#define VMIN	6
#define VTIME	5

struct winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; };
struct pollfd { int fd; short events, revents; };
struct iovec { void *iov_base; size_t iov_len; };

long open(const char *path, int flags);
long openat(int dfd, const char *path, int flags, ...);
long close(int fd);
long read(int fd, void *buf, size_t n);
long lseek(int fd, long off, int whence);
long llseek(int fd, long long off, long long *result, int whence);
long pread64(int fd, void *buf, size_t n, long long pos);
long readv(int fd, const struct iovec *iov, int n);
long writev(int fd, const struct iovec *iov, int n);
long stat64(const char *path, struct stat64 *st);
long lstat64(const char *path, struct stat64 *st);
long fstat64(int fd, struct stat64 *st);
long fstatat64(int dfd, const char *path, struct stat64 *st, int flags);
long statx(int dfd, const char *path, int flags, unsigned int mask, struct statx *sx);
long getdents64(int fd, void *buf, size_t n);
long readlink(const char *path, char *buf, size_t n);
long getcwd(char *buf, size_t n);
long chdir(const char *path);
long fchdir(int fd);
long access(const char *path, int mode);
long dup(int fd);
long dup2(int fd, int newfd);
long dup3(int fd, int newfd, int flags);
long fcntl(int fd, int cmd, long arg);
long ioctl(int fd, unsigned int cmd, void *arg);
long pipe(int fds[2]);
long pipe2(int fds[2], int flags);
long poll(struct pollfd *fds, unsigned int n, int timeout);
long select(int n, unsigned long *in, unsigned long *out, unsigned long *ex, long *timeval);
long mount(const char *src, const char *target, const char *type, unsigned long flags, const void *data);

int strncmp(const char *a, const char *b, size_t n);

/* One check line, `ok - what` or `not ok - what: got G, want W`; counts the failures in *bad. */
void check_eq(int *bad, const char *what, long got, long want);

/* The whole file at path into buf (at most size - 1 bytes), NUL-terminated: its length, or -errno. */
long read_file(const char *path, char *buf, size_t size);

#endif
