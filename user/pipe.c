/*
 * Pipes: order, end of file, EPIPE and SIGPIPE, the
 * 64 KiB buffer (Linux's 16 pages) filled without blocking, the
 * atomic-write rule for PIPE_BUF, data that wraps around the ring, poll,
 * and dup2 of a pipe onto stdout.  Errors are Linux's (user/lib/fs.h).
 */
#include "lib/fs.h"
#include "lib/procs.h"
#include "lib/ulib.h"

#define PIPE_SIZE	65536
#define PIPE_BUF	4096
#define UNMAPPED	((void *)0x20000000)

static int bad;
static unsigned char chunk[PIPE_BUF + 1000];

/* The byte stream the fill test writes: byte number i is i % 251. */
static void pattern(unsigned char *p, size_t n, unsigned long from)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)((from + i) % 251);
}

static long mismatches(const unsigned char *p, size_t n, unsigned long from)
{
	long wrong = 0;

	for (size_t i = 0; i < n; i++)
		wrong += p[i] != (from + i) % 251;
	return wrong;
}

static void test_order_and_ends(void)
{
	int fds[2];
	char buf[32];
	int avail = -1;
	struct stat64 st;

	check_eq(&bad, "pipe", pipe(fds), 0);
	check_eq(&bad, "... read end is fd 3, write end 4", fds[0] * 10 + fds[1], 34);
	check_eq(&bad, "write abc", write(fds[1], "abc", 3), 3);
	check_eq(&bad, "write defg", write(fds[1], "defg", 4), 4);
	check_eq(&bad, "FIONREAD counts 7", (ioctl(fds[0], FIONREAD, &avail), avail), 7);
	check_eq(&bad, "one read gets both writes", read(fds[0], buf, sizeof(buf)), 7);
	check_eq(&bad, "... in order", strncmp(buf, "abcdefg", 7), 0);
	check_eq(&bad, "fstat64 of a pipe is S_IFIFO", (fstat64(fds[0], &st), st.st_mode & S_IFMT), S_IFIFO);
	check_eq(&bad, "lseek on a pipe is ESPIPE", lseek(fds[0], 0, SEEK_SET), -ESPIPE);
	check_eq(&bad, "pread64 on a pipe is ESPIPE", pread64(fds[0], buf, 1, 0), -ESPIPE);
	check_eq(&bad, "write to the read end is EBADF", write(fds[0], "x", 1), -EBADF);
	check_eq(&bad, "read from the write end is EBADF", read(fds[1], buf, 1), -EBADF);
	write(fds[1], "xy", 2);
	check_eq(&bad, "close the write end", close(fds[1]), 0);
	check_eq(&bad, "what was written before is still read", read(fds[0], buf, sizeof(buf)), 2);
	check_eq(&bad, "then end of file: 0", read(fds[0], buf, sizeof(buf)), 0);
	close(fds[0]);
	sigaction_simple(SIGPIPE, SIG_IGN, 0, 0);
	pipe(fds);
	close(fds[0]);
	check_eq(&bad, "write with no reader, SIGPIPE ignored: EPIPE", write(fds[1], "x", 1), -EPIPE);
	close(fds[1]);
	sigaction_simple(SIGPIPE, SIG_DFL, 0, 0);
	check_eq(&bad, "pipe into an unmapped array is EFAULT", pipe(UNMAPPED), -EFAULT);
	check_eq(&bad, "pipe2 with a bad flag is EINVAL", pipe2(fds, 1), -EINVAL);
	check_eq(&bad, "pipe2 O_CLOEXEC", pipe2(fds, O_CLOEXEC), 0);
	check_eq(&bad, "... both ends FD_CLOEXEC", fcntl(fds[0], F_GETFD, 0) + fcntl(fds[1], F_GETFD, 0), 2);
	close(fds[0]);
	close(fds[1]);
}

/* Fill without blocking, free 1000 bytes, then write across the end of the ring and read it all back. */
static void test_fill_and_wrap(void)
{
	static unsigned char all[PIPE_SIZE];
	int fds[2];
	long n, total = 0;

	check_eq(&bad, "pipe2 O_NONBLOCK", pipe2(fds, O_NONBLOCK), 0);
	check_eq(&bad, "read of an empty pipe with a writer is EAGAIN", read(fds[0], chunk, 1), -EAGAIN);
	while (pattern(chunk, PIPE_BUF, (unsigned long)total), (n = write(fds[1], chunk, PIPE_BUF)) > 0)
		total += n;
	check_eq(&bad, "the pipe holds 65536 bytes", total, PIPE_SIZE);
	check_eq(&bad, "... then a write is EAGAIN", n, -EAGAIN);
	check_eq(&bad, "read 1000 from the full pipe", read(fds[0], all, 1000), 1000);
	check_eq(&bad, "... the first 1000 bytes", mismatches(all, 1000, 0), 0);
	pattern(chunk, sizeof(chunk), (unsigned long)total);
	check_eq(&bad, "a 4096-byte write into 1000 free bytes is EAGAIN (atomic)", write(fds[1], chunk, PIPE_BUF), -EAGAIN);
	check_eq(&bad, "a 5096-byte write goes in partly: 1000", write(fds[1], chunk, sizeof(chunk)), 1000);
	n = read(fds[0], all, sizeof(all));
	check_eq(&bad, "read back everything: 65536", n, PIPE_SIZE);
	check_eq(&bad, "... in order across the end of the ring", mismatches(all, (size_t)n, 1000), 0);
	close(fds[0]);
	close(fds[1]);
}

static void test_poll(void)
{
	int fds[2];
	struct pollfd p[2];

	pipe(fds);
	p[0] = (struct pollfd){ fds[0], POLLIN, 0 };
	p[1] = (struct pollfd){ fds[1], POLLOUT, 0 };
	check_eq(&bad, "poll: only the write end is ready", poll(p, 2, 0), 1);
	check_eq(&bad, "... POLLOUT", p[1].revents, POLLOUT);
	write(fds[1], "z", 1);
	check_eq(&bad, "poll after a write: both", poll(p, 2, 0), 2);
	check_eq(&bad, "... POLLIN on the read end", p[0].revents, POLLIN);
	close(fds[1]);
	p[1].fd = -1;
	read(fds[0], chunk, 1);
	check_eq(&bad, "poll with the writer gone: the read end", poll(p, 2, 0), 1);
	check_eq(&bad, "... POLLHUP", p[0].revents, POLLHUP);
	close(fds[0]);
	check_eq(&bad, "poll of a closed fd: POLLNVAL", (poll(p, 1, 0), p[0].revents), POLLNVAL);
}

/* _newselect over one 32-bit word of fds (a pipe is fds 3 and 4 here). */
static void test_select(void)
{
	int fds[2];
	unsigned long in, out;
	long zero[2] = { 0, 0 };

	pipe(fds);
	in = 1ul << fds[0];
	out = 1ul << fds[1];
	check_eq(&bad, "select: an empty pipe's write end only", select(8, &in, &out, 0, zero), 1);
	check_eq(&bad, "... read set cleared, write set kept", (long)(in * 1000 + out), (long)(1ul << fds[1]));
	write(fds[1], "s", 1);
	in = 1ul << fds[0];
	check_eq(&bad, "select after a write: the read end", select(8, &in, 0, 0, zero), 1);
	check_eq(&bad, "... its bit set", (long)in, (long)(1ul << fds[0]));
	in = 1ul << 7;
	check_eq(&bad, "select of a closed fd is EBADF", select(8, &in, 0, 0, zero), -EBADF);
	check_eq(&bad, "select with n = -1 is EINVAL", select(-1, 0, 0, 0, zero), -EINVAL);
	zero[1] = 1000000;
	check_eq(&bad, "select with 1000000 microseconds is EINVAL", select(8, 0, 0, 0, zero), -EINVAL);
	close(fds[0]);
	close(fds[1]);
}

static void test_dup2_stdout(void)
{
	static const char text[] = "this line goes through the pipe\n";
	char buf[64];
	int fds[2];
	long saved = dup(1);
	struct iovec iov[2] = { { "ab", 2 }, { "cde", 3 } };
	char x[2], y[3];
	struct iovec in[2] = { { x, 2 }, { y, 3 } };
	long onto;

	pipe(fds);
	onto = dup2(fds[1], 1);		/* no check line until stdout is back: it would go into the pipe */
	printf("%s", text);
	dup2((int)saved, 1);
	close((int)saved);
	check_eq(&bad, "dup2 the write end onto stdout", onto, 1);
	check_eq(&bad, "printf's line came out of the pipe", read(fds[0], buf, sizeof(buf)), (long)sizeof(text) - 1);
	check_eq(&bad, "... the same bytes", strncmp(buf, text, sizeof(text) - 1), 0);
	check_eq(&bad, "writev of 2 + 3 bytes", writev(fds[1], iov, 2), 5);
	check_eq(&bad, "readv into 2 + 3 bytes", readv(fds[0], in, 2), 5);
	check_eq(&bad, "... in order", strncmp(x, "ab", 2) + strncmp(y, "cde", 3), 0);
	close(fds[0]);
	close(fds[1]);
}

/* With SIGPIPE at its default, a write to a pipe nobody reads kills the writer (Linux's pipe_write). */
static void test_sigpipe_kills(void)
{
	int fds[2], status = 0;
	long pid;

	pipe(fds);
	close(fds[0]);
	pid = fork();
	if (pid == 0) {
		write(fds[1], "x", 1);
		exit(0);	/* not reached: SIGPIPE ends it first */
	}
	close(fds[1]);
	check_eq(&bad, "a child writing to a pipe with no reader", wait4(pid, &status, 0, 0), pid);
	check_eq(&bad, "... is killed by SIGPIPE (wait status 13)", status, SIGPIPE);
}

int main(int argc, char **argv, char **envp)
{
	test_order_and_ends();
	test_sigpipe_kills();
	test_fill_and_wrap();
	test_poll();
	test_select();
	test_dup2_stdout();
	printf("pipe: %s\n", bad ? "FAILED" : "all passed");
	return bad != 0;
}
