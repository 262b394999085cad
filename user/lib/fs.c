/* File-system wrappers: see fs.h. */
#include <stdarg.h>
#include "fs.h"
#include "ulib.h"

/* The mode of O_CREAT is optional, as in C's open(2): 0644 when not given. */
long open(const char *path, int flags) { return syscall3(__NR_open, (long)path, flags, 0644); }

long openat(int dfd, const char *path, int flags, ...)
{
	va_list ap;
	int mode;

	va_start(ap, flags);
	mode = flags & O_CREAT ? va_arg(ap, int) : 0;
	va_end(ap);
	return syscall4(__NR_openat, dfd, path, flags, mode);
}
long close(int fd) { return syscall1(__NR_close, fd); }
long read(int fd, void *buf, size_t n) { return syscall3(__NR_read, fd, (long)buf, (long)n); }
long lseek(int fd, long off, int whence) { return syscall3(__NR_lseek, fd, off, whence); }

long llseek(int fd, long long off, long long *result, int whence)
{
	return syscall5(__NR__llseek, fd, (long)(off >> 32), (long)(unsigned long)off, result, whence);
}

/* EABI: the 64-bit position goes in an even register pair, r4:r5; r3 is padding. */
long pread64(int fd, void *buf, size_t n, long long pos)
{
	return syscall6(__NR_pread64, fd, (long)buf, (long)n, 0, (long)(unsigned long)pos, (long)(pos >> 32));
}

long readv(int fd, const struct iovec *iov, int n) { return syscall3(__NR_readv, fd, (long)iov, n); }
long writev(int fd, const struct iovec *iov, int n) { return syscall3(__NR_writev, fd, (long)iov, n); }
long stat64(const char *path, struct stat64 *st) { return syscall2(__NR_stat64, path, st); }
long lstat64(const char *path, struct stat64 *st) { return syscall2(__NR_lstat64, path, st); }
long fstat64(int fd, struct stat64 *st) { return syscall2(__NR_fstat64, fd, st); }

long fstatat64(int dfd, const char *path, struct stat64 *st, int flags)
{
	return syscall4(__NR_fstatat64, dfd, path, st, flags);
}

long statx(int dfd, const char *path, int flags, unsigned int mask, struct statx *sx)
{
	return syscall5(__NR_statx, dfd, path, flags, mask, sx);
}

long getdents64(int fd, void *buf, size_t n) { return syscall3(__NR_getdents64, fd, (long)buf, (long)n); }
long readlink(const char *path, char *buf, size_t n) { return syscall3(__NR_readlink, (long)path, (long)buf, (long)n); }
long getcwd(char *buf, size_t n) { return syscall2(__NR_getcwd, buf, n); }
long chdir(const char *path) { return syscall1(__NR_chdir, path); }
long fchdir(int fd) { return syscall1(__NR_fchdir, fd); }
long access(const char *path, int mode) { return syscall2(__NR_access, path, mode); }
long dup(int fd) { return syscall1(__NR_dup, fd); }
long dup2(int fd, int newfd) { return syscall2(__NR_dup2, fd, newfd); }
long dup3(int fd, int newfd, int flags) { return syscall3(__NR_dup3, fd, newfd, flags); }
long fcntl(int fd, int cmd, long arg) { return syscall3(__NR_fcntl64, fd, cmd, arg); }
long ioctl(int fd, unsigned int cmd, void *arg) { return syscall3(__NR_ioctl, fd, (long)cmd, (long)arg); }
long pipe(int fds[2]) { return syscall1(__NR_pipe, fds); }
long pipe2(int fds[2], int flags) { return syscall2(__NR_pipe2, fds, flags); }
long poll(struct pollfd *fds, unsigned int n, int timeout) { return syscall3(__NR_poll, (long)fds, (long)n, timeout); }

long select(int n, unsigned long *in, unsigned long *out, unsigned long *ex, long *timeval)
{
	return syscall5(__NR__newselect, n, in, out, ex, timeval);
}

long mount(const char *src, const char *target, const char *type, unsigned long flags, const void *data)
{
	return syscall5(__NR_mount, src, target, type, flags, data);
}

int strncmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++)
		if (*a != *b || !*a)
			return (unsigned char)*a - (unsigned char)*b;
	return 0;
}

void check_eq(int *bad, const char *what, long got, long want)
{
	if (got == want) {
		printf("ok - %s\n", what);
		return;
	}
	printf("not ok - %s: got %d, want %d\n", what, (int)got, (int)want);
	(*bad)++;
}

long read_file(const char *path, char *buf, size_t size)
{
	long fd = open(path, O_RDONLY), n = 0;
	size_t len = 0;

	if (fd < 0)
		return fd;
	while (len < size - 1 && (n = read((int)fd, buf + len, size - 1 - len)) > 0)
		len += (size_t)n;
	close((int)fd);
	buf[len] = '\0';
	return n < 0 ? n : (long)len;
}
