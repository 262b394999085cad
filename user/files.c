/*
 * The file calls against files whose contents the test knows: the boot
 * case (tests/boot/cases_files.py) builds an initramfs with these under
 * /etc (FILES_* below are the same facts written there), runs this, and
 * checks the size this prints for /bin/hello against the built file.
 * Errors are Linux's errno values (user/lib/fs.h).
 */
#include "lib/fs.h"
#include "lib/ulib.h"

#define MOTD		"hello, files\n"	/* /etc/motd */
#define BIG_SIZE	10000			/* /etc/big: byte i is (i * 7) % 251 */
#define INNER		"inside sub\n"		/* /etc/sub/inner */
#define UNMAPPED	((void *)0x20000000)

static int bad;

static unsigned char big_byte(unsigned int i) { return (unsigned char)(i * 7 % 251); }

static int same(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

static void test_read_lseek(void)
{
	char buf[100];
	long fd = open("/etc/motd", O_RDONLY), empty;

	check_eq(&bad, "open /etc/motd gives the lowest free fd, 3", fd, 3);
	check_eq(&bad, "read /etc/motd returns its 13 bytes", read(fd, buf, sizeof(buf)), 13);
	check_eq(&bad, "the bytes are the file's", same(buf, MOTD, 13), 1);
	check_eq(&bad, "read at the end returns 0", read(fd, buf, sizeof(buf)), 0);
	empty = open("/etc/notes", O_RDONLY);
	check_eq(&bad, "read of the empty /etc/notes returns 0", read(empty, buf, 1), 0);
	close(empty);
	check_eq(&bad, "lseek SEEK_END -5", lseek(fd, -5, SEEK_END), 8);
	check_eq(&bad, "read after lseek returns 5", read(fd, buf, 5), 5);
	check_eq(&bad, "... the last 5 bytes", same(buf, "iles\n", 5), 1);
	check_eq(&bad, "lseek SEEK_CUR -2", lseek(fd, -2, SEEK_CUR), 11);
	check_eq(&bad, "lseek before the start is EINVAL", lseek(fd, -100, SEEK_SET), -EINVAL);
	check_eq(&bad, "lseek with whence 7 is EINVAL", lseek(fd, 0, 7), -EINVAL);
	check_eq(&bad, "write to a read-only fd is EBADF", write(fd, "x", 1), -EBADF);
	check_eq(&bad, "read into an unmapped buffer is EFAULT", (lseek(fd, 0, SEEK_SET), read(fd, UNMAPPED, 10)), -EFAULT);
	check_eq(&bad, "close", close(fd), 0);
	check_eq(&bad, "close again is EBADF", close(fd), -EBADF);
	check_eq(&bad, "read of a closed fd is EBADF", read(fd, buf, 1), -EBADF);
}

static void test_big(void)
{
	static char buf[3000];
	long fd = open("/etc/big", O_RDONLY), n, total = 0, wrong = 0;
	long long where = -1;

	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (long i = 0; i < n; i++)
			wrong += (unsigned char)buf[i] != big_byte((unsigned int)(total + i));
		total += n;
	}
	check_eq(&bad, "read /etc/big in 3000-byte pieces: 10000 bytes", total, BIG_SIZE);
	check_eq(&bad, "every byte is (i * 7) % 251", wrong, 0);
	check_eq(&bad, "pread64 at 9990 returns the last 10", pread64(fd, buf, 20, 9990), 10);
	check_eq(&bad, "... byte 9990", (unsigned char)buf[0], big_byte(9990));
	check_eq(&bad, "pread64 at a negative position is EINVAL", pread64(fd, buf, 1, -1), -EINVAL);
	check_eq(&bad, "_llseek to 5000", llseek(fd, 5000, &where, SEEK_SET), 0);
	check_eq(&bad, "... result 5000", (long)where, 5000);
	check_eq(&bad, "read after _llseek gets byte 5000", (read(fd, buf, 1), (unsigned char)buf[0]), big_byte(5000));
	close(fd);
}

static void test_stat(void)
{
	struct stat64 st;
	struct statx sx;
	long fd;

	check_eq(&bad, "stat64 /etc/motd", stat64("/etc/motd", &st), 0);
	check_eq(&bad, "... S_IFREG", st.st_mode & S_IFMT, S_IFREG);
	check_eq(&bad, "... mode 0644", st.st_mode & 07777, 0644);
	check_eq(&bad, "... size 13", (long)st.st_size, 13);
	check_eq(&bad, "... blksize 4096", (long)st.st_blksize, 4096);
	check_eq(&bad, "... 1 block of 512", (long)st.st_blocks, 1);
	check_eq(&bad, "stat64 /etc/link follows it: size 13", (stat64("/etc/link", &st), (long)st.st_size), 13);
	check_eq(&bad, "lstat64 /etc/link", lstat64("/etc/link", &st), 0);
	check_eq(&bad, "... S_IFLNK", st.st_mode & S_IFMT, S_IFLNK);
	check_eq(&bad, "... size is the target's length, 4", (long)st.st_size, 4);
	check_eq(&bad, "stat64 /etc is S_IFDIR", (stat64("/etc", &st), st.st_mode & S_IFMT), S_IFDIR);
	check_eq(&bad, "stat64 /dev/console is S_IFCHR", (stat64("/dev/console", &st), st.st_mode & S_IFMT), S_IFCHR);
	check_eq(&bad, "... st_rdev 5:1", (long)st.st_rdev, 0x501);
	check_eq(&bad, "fstatat64 AT_SYMLINK_NOFOLLOW sees the link",
	      (fstatat64(AT_FDCWD, "/etc/link", &st, AT_SYMLINK_NOFOLLOW), st.st_mode & S_IFMT), S_IFLNK);
	check_eq(&bad, "fstatat64 with a bad flag is EINVAL", fstatat64(AT_FDCWD, "/etc", &st, 1), -EINVAL);
	check_eq(&bad, "statx /etc/big", statx(AT_FDCWD, "/etc/big", 0, 0x7ff, &sx), 0);
	check_eq(&bad, "... size 10000", (long)sx.stx_size, BIG_SIZE);
	check_eq(&bad, "... S_IFREG", sx.stx_mode & S_IFMT, S_IFREG);
	check_eq(&bad, "... blksize 4096", (long)sx.stx_blksize, 4096);
	fd = open("/etc/big", O_RDONLY);
	check_eq(&bad, "fstat64 of an open file", (fstat64(fd, &st), (long)st.st_size), BIG_SIZE);
	check_eq(&bad, "statx AT_EMPTY_PATH of an open fd", (statx(fd, "", AT_EMPTY_PATH, 0x7ff, &sx), (long)sx.stx_size),
	      BIG_SIZE);
	check_eq(&bad, "fstat64 into NULL is EFAULT", fstat64(fd, 0), -EFAULT);
	close(fd);
	check_eq(&bad, "stat64 of an unmapped name is EFAULT", stat64(UNMAPPED, &st), -EFAULT);
	check_eq(&bad, "size of /bin/hello", (stat64("/bin/hello", &st), 0), 0);
	printf("files: /bin/hello has %d bytes\n", (int)st.st_size);
}

static void test_links(void)
{
	char buf[64];

	check_eq(&bad, "readlink /etc/link", readlink("/etc/link", buf, sizeof(buf)), 4);
	check_eq(&bad, "... is \"motd\"", same(buf, "motd", 4), 1);
	check_eq(&bad, "readlink into 2 bytes returns 2", readlink("/etc/link", buf, 2), 2);
	check_eq(&bad, "readlink of a regular file is EINVAL", readlink("/etc/motd", buf, sizeof(buf)), -EINVAL);
	check_eq(&bad, "readlink with size 0 is EINVAL", readlink("/etc/link", buf, 0), -EINVAL);
	check_eq(&bad, "absolute link /etc/abslink reads the file", (close(open("/etc/abslink", O_RDONLY)), 0), 0);
	long fd = open("/etc/dirlink/inner", O_RDONLY);
	check_eq(&bad, "a link to a directory in the middle of a path", read(fd, buf, sizeof(buf)), 11);
	check_eq(&bad, "... /etc/sub/inner's bytes", same(buf, INNER, 11), 1);
	close(fd);
	check_eq(&bad, "/etc/sub/../motd", (fd = open("/etc/sub/../motd", O_RDONLY)) >= 0, 1);
	close(fd);
	check_eq(&bad, "/../etc/./motd: .. of the root is the root", (fd = open("/../etc/./motd", O_RDONLY)) >= 0, 1);
	close(fd);
	check_eq(&bad, "a loop of links is ELOOP", open("/loop1", O_RDONLY), -ELOOP);
	check_eq(&bad, "O_NOFOLLOW on a link is ELOOP", open("/etc/link", O_RDONLY | O_NOFOLLOW), -ELOOP);
	check_eq(&bad, "a dangling link is ENOENT", open("/etc/dangling", O_RDONLY), -ENOENT);
}

static void test_errors(void)
{
	char buf[8];
	long fd;

	check_eq(&bad, "a missing file is ENOENT", open("/nonexistent", O_RDONLY), -ENOENT);
	check_eq(&bad, "an empty name is ENOENT", open("", O_RDONLY), -ENOENT);
	check_eq(&bad, "a file used as a directory is ENOTDIR", open("/etc/motd/x", O_RDONLY), -ENOTDIR);
	check_eq(&bad, "a trailing slash after a file is ENOTDIR", open("/etc/motd/", O_RDONLY), -ENOTDIR);
	check_eq(&bad, "O_DIRECTORY on a file is ENOTDIR", open("/etc/motd", O_RDONLY | O_DIRECTORY), -ENOTDIR);
	check_eq(&bad, "a directory for writing is EISDIR", open("/etc", O_WRONLY), -EISDIR);
	fd = open("/etc", O_RDONLY | O_DIRECTORY);
	check_eq(&bad, "read of a directory is EISDIR", read(fd, buf, sizeof(buf)), -EISDIR);
	check_eq(&bad, "getdents64 into 10 bytes is EINVAL", getdents64(fd, buf, 8), -EINVAL);
	close(fd);
	check_eq(&bad, "a name at an unmapped address is EFAULT", open(UNMAPPED, O_RDONLY), -EFAULT);
	check_eq(&bad, "an archive file for writing is EROFS", open("/etc/motd", O_WRONLY), -EROFS);
	check_eq(&bad, "O_TRUNC of an archive file is EROFS", open("/etc/motd", O_RDONLY | O_TRUNC), -EROFS);
	check_eq(&bad, "O_CREAT under a missing directory is ENOENT", open("/nodir/new", O_WRONLY | O_CREAT), -ENOENT);
	check_eq(&bad, "O_CREAT under a file is ENOTDIR", open("/etc/motd/new", O_WRONLY | O_CREAT), -ENOTDIR);
	check_eq(&bad, "O_CREAT|O_EXCL of an existing file is EEXIST", open("/etc/motd", O_RDONLY | O_CREAT | O_EXCL), -EEXIST);
	check_eq(&bad, "getdents64 of a file is ENOTDIR", (fd = open("/etc/motd", O_RDONLY), getdents64(fd, buf, 8)), -ENOTDIR);
	close(fd);
	check_eq(&bad, "getdents64 of a bad fd is EBADF", getdents64(77, buf, 8), -EBADF);
	check_eq(&bad, "access R_OK", access("/etc/motd", R_OK), 0);
	check_eq(&bad, "access W_OK on the initramfs is EROFS", access("/etc/motd", W_OK), -EROFS);
	check_eq(&bad, "access X_OK of a program", access("/bin/files", X_OK), 0);
	check_eq(&bad, "access X_OK of a 0644 file is EACCES", access("/etc/motd", X_OK), -EACCES);
	check_eq(&bad, "access with mode 8 is EINVAL", access("/etc/motd", 8), -EINVAL);
	check_eq(&bad, "access of a missing file is ENOENT", access("/nope", F_OK), -ENOENT);
}

/* DT_ and the record length: d_reclen = 19 + name + NUL, rounded up to 8 (include/linux/dirent.h). */
static void test_getdents(void)
{
	static const struct { const char *name; int type; } want[] = {
		{ ".", DT_DIR }, { "..", DT_DIR }, { "motd", DT_REG }, { "big", DT_REG }, { "sub", DT_DIR },
		{ "link", DT_LNK }, { "abslink", DT_LNK }, { "dirlink", DT_LNK }, { "dangling", DT_LNK },
		{ "notes", DT_REG },	/* 19 + 5 + 1 = 25: the one name here whose NUL takes it past 24 */
	};
	static char buf[512];
	long fd = open("/etc", O_RDONLY | O_DIRECTORY), n, off = 0, seen = 0, wrong = 0, badlen = 0;

	n = getdents64(fd, buf, sizeof(buf));
	while (off < n) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)(buf + off);
		size_t len = strlen(d->d_name);

		badlen += d->d_reclen != ((19 + len + 1 + 7) & ~7u);
		wrong += seen >= 10 || strcmp(d->d_name, want[seen].name) || d->d_type != want[seen].type;
		seen++;
		off += d->d_reclen;
	}
	check_eq(&bad, "getdents64 /etc lists 10 entries", seen, 10);
	check_eq(&bad, "... names and types in archive order", wrong, 0);
	check_eq(&bad, "... every d_reclen is 19 + name + 1 rounded to 8", badlen, 0);
	check_eq(&bad, "... the records fill what it returned exactly", off, n);
	check_eq(&bad, "getdents64 again at the end returns 0", getdents64(fd, buf, sizeof(buf)), 0);
	check_eq(&bad, "lseek to 0 and one small read returns whole records only",
	      (lseek(fd, 0, SEEK_SET), getdents64(fd, buf, 50)), 48);	/* "." 24 + ".." 24; "motd" needs 24 more */
	close(fd);
}

static void test_cwd(void)
{
	char buf[64];
	long fd;

	check_eq(&bad, "chdir /etc", chdir("/etc"), 0);
	check_eq(&bad, "getcwd is /etc, 5 bytes with the NUL", getcwd(buf, sizeof(buf)), 5);
	check_eq(&bad, "... the text", strcmp(buf, "/etc"), 0);
	check_eq(&bad, "getcwd into 4 bytes is ERANGE", getcwd(buf, 4), -ERANGE);
	check_eq(&bad, "a relative open from /etc", (fd = open("motd", O_RDONLY)) >= 0, 1);
	close(fd);
	check_eq(&bad, "chdir sub, getcwd /etc/sub", (chdir("sub"), getcwd(buf, sizeof(buf)), strcmp(buf, "/etc/sub")), 0);
	check_eq(&bad, "chdir to a file is ENOTDIR", chdir("/etc/motd"), -ENOTDIR);
	check_eq(&bad, "chdir to a missing directory is ENOENT", chdir("/none"), -ENOENT);
	fd = open("/etc", O_RDONLY | O_DIRECTORY);
	check_eq(&bad, "openat(/etc fd, \"big\")", openat(fd, "big", O_RDONLY) >= 0, 1);
	check_eq(&bad, "fchdir /", (close(fd), fd = open("/", O_RDONLY), fchdir(fd)), 0);
	check_eq(&bad, "... getcwd /", (getcwd(buf, sizeof(buf)), strcmp(buf, "/")), 0);
	close(fd);
	fd = open("/etc/motd", O_RDONLY);
	check_eq(&bad, "openat relative to a file is ENOTDIR", openat(fd, "x", O_RDONLY), -ENOTDIR);
	check_eq(&bad, "fchdir to a file is ENOTDIR", fchdir(fd), -ENOTDIR);
	close(fd);
	check_eq(&bad, "openat of a bad dirfd is EBADF", openat(99, "x", O_RDONLY), -EBADF);
	check_eq(&bad, "openat of an absolute name ignores the dirfd", (fd = openat(99, "/etc/motd", O_RDONLY)) >= 0, 1);
	close(fd);
}

static void test_fds(void)
{
	char a, b;
	long fd = open("/etc/big", O_RDONLY), other = open("/etc/motd", O_RDONLY), last = -1, n;

	check_eq(&bad, "dup2 onto an open fd", dup2(fd, other), other);
	check_eq(&bad, "... which now reads the other file", (read(other, &a, 1), a), big_byte(0));
	check_eq(&bad, "... sharing the position", (read(fd, &b, 1), (unsigned char)b), big_byte(1));
	check_eq(&bad, "dup2 of an fd onto itself returns it", dup2(fd, fd), fd);
	check_eq(&bad, "dup3 of an fd onto itself is EINVAL", dup3(fd, fd, 0), -EINVAL);
	check_eq(&bad, "dup3 with a bad flag is EINVAL", dup3(fd, 20, 1), -EINVAL);
	check_eq(&bad, "dup2 of a closed fd is EBADF", dup2(55, 20), -EBADF);
	check_eq(&bad, "dup2 onto 1024 is EBADF", dup2(fd, 1024), -EBADF);
	check_eq(&bad, "dup3 O_CLOEXEC", dup3(fd, 20, O_CLOEXEC), 20);
	check_eq(&bad, "... F_GETFD is FD_CLOEXEC", fcntl(20, F_GETFD, 0), FD_CLOEXEC);
	check_eq(&bad, "F_SETFD 0 clears it", (fcntl(20, F_SETFD, 0), fcntl(20, F_GETFD, 0)), 0);
	check_eq(&bad, "F_DUPFD from 30", fcntl(fd, F_DUPFD, 30), 30);
	check_eq(&bad, "F_DUPFD_CLOEXEC from 30 takes 31", fcntl(fd, F_DUPFD_CLOEXEC, 30), 31);
	check_eq(&bad, "... with FD_CLOEXEC", fcntl(31, F_GETFD, 0), FD_CLOEXEC);
	check_eq(&bad, "F_DUPFD from 1024 is EINVAL", fcntl(fd, F_DUPFD, 1024), -EINVAL);
	check_eq(&bad, "F_GETFL of a read-only file", fcntl(fd, F_GETFL, 0) & 3, O_RDONLY);
	check_eq(&bad, "F_SETFL O_NONBLOCK shows in F_GETFL",
	      (fcntl(fd, F_SETFL, O_NONBLOCK), fcntl(fd, F_GETFL, 0) & O_NONBLOCK), O_NONBLOCK);
	check_eq(&bad, "fcntl of a bad fd is EBADF", fcntl(66, F_GETFD, 0), -EBADF);
	check_eq(&bad, "ioctl TCGETS on a file is ENOTTY", ioctl(fd, TCGETS, &a), -ENOTTY);
	while ((n = dup(0)) >= 0)
		last = n;
	check_eq(&bad, "dup until it fails: EMFILE", n, -EMFILE);
	check_eq(&bad, "... after fd 1023", last, 1023);
	for (long i = 3; i <= last; i++)
		close(i);
	check_eq(&bad, "after closing, the lowest free fd is 3 again", (fd = dup(0)), 3);
	close(fd);
}

/* O_CREAT makes a writable file (only those are): write, append, truncate, a hole of zeros. */
static void test_create(void)
{
	struct stat64 st;
	char buf[16];
	long fd = openat(AT_FDCWD, "/etc/new", O_WRONLY | O_CREAT, 0666), zeros = 0;

	check_eq(&bad, "O_CREAT of /etc/new", fd >= 0, 1);
	check_eq(&bad, "write abc into it", write(fd, "abc", 3), 3);
	check_eq(&bad, "read from a write-only fd is EBADF", read(fd, buf, 1), -EBADF);
	close(fd);
	check_eq(&bad, "stat64: a regular file of 3 bytes", (stat64("/etc/new", &st), (long)st.st_size), 3);
	check_eq(&bad, "... mode 0666 less the umask 022", st.st_mode, S_IFREG | 0644);
	check_eq(&bad, "O_CREAT|O_EXCL of it now is EEXIST", open("/etc/new", O_WRONLY | O_CREAT | O_EXCL), -EEXIST);
	fd = open("/etc/new", O_WRONLY | O_APPEND);
	check_eq(&bad, "an O_APPEND write goes at the end", (lseek(fd, 0, SEEK_SET), write(fd, "de", 2)), 2);
	close(fd);
	fd = open("/etc/new", O_RDONLY);
	check_eq(&bad, "read it back: 5 bytes", read(fd, buf, sizeof(buf)), 5);
	check_eq(&bad, "... abcde", strncmp(buf, "abcde", 5), 0);
	close(fd);
	fd = open("/etc/new", O_RDWR | O_TRUNC);
	check_eq(&bad, "O_TRUNC empties it", (fstat64(fd, &st), (long)st.st_size), 0);
	check_eq(&bad, "a write at 10 leaves a hole", (lseek(fd, 10, SEEK_SET), write(fd, "x", 1)), 1);
	check_eq(&bad, "... of 10 zeros, 11 bytes in all", (lseek(fd, 0, SEEK_SET), read(fd, buf, sizeof(buf))), 11);
	for (int i = 0; i < 10; i++)
		zeros += buf[i] == 0;
	check_eq(&bad, "... the hole reads as zeros", zeros, 10);
	close(fd);
	check_eq(&bad, "O_CREAT of a name ending in / is EISDIR", open("/etc/dir/", O_WRONLY | O_CREAT), -EISDIR);
	check_eq(&bad, "O_CREAT in /proc is EACCES", open("/proc/new", O_WRONLY | O_CREAT), -EACCES);
	check_eq(&bad, "a relative O_CREAT lands in the working directory",
	      (chdir("/etc/sub"), close(open("made", O_WRONLY | O_CREAT)), access("/etc/sub/made", F_OK)), 0);
	chdir("/");
}

static void test_devices(void)
{
	char buf[16] = "xxxxxxxxxxxxxxx";
	long fd = open("/dev/null", O_RDWR), zeros = 0;

	check_eq(&bad, "write to /dev/null takes everything", write(fd, "hello", 5), 5);
	check_eq(&bad, "read of /dev/null is end of file", read(fd, buf, sizeof(buf)), 0);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	check_eq(&bad, "read of /dev/zero", read(fd, buf, sizeof(buf)), 16);
	for (int i = 0; i < 16; i++)
		zeros += buf[i] == 0;
	check_eq(&bad, "... all zeros", zeros, 16);
	close(fd);
	check_eq(&bad, "mount proc on /proc is accepted", mount("proc", "/proc", "proc", 0, 0), 0);
	check_eq(&bad, "mount of an unknown type is ENODEV", mount("x", "/etc", "ext4", 0, 0), -ENODEV);
}

int main(int argc, char **argv, char **envp)
{
	test_read_lseek();
	test_big();
	test_stat();
	test_links();
	test_errors();
	test_getdents();
	test_cwd();
	test_fds();
	test_create();
	test_devices();
	printf("files: %s\n", bad ? "FAILED" : "all passed");
	return bad != 0;
}
