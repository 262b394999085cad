/*
 * Pipes in one process (no fork yet): order, end of file, EPIPE, the
 * 64 KiB buffer (Linux's 16 pages) filled without blocking, the
 * atomic-write rule for PIPE_BUF, data that wraps around the ring, poll,
 * and dup2 of a pipe onto stdout.  Errors are Linux's (user/lib/fs.h).
 */
#include "lib/fs.h"
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

	check(&bad, "pipe", pipe(fds), 0);
	check(&bad, "... read end is fd 3, write end 4", fds[0] * 10 + fds[1], 34);
	check(&bad, "write abc", write(fds[1], "abc", 3), 3);
	check(&bad, "write defg", write(fds[1], "defg", 4), 4);
	check(&bad, "FIONREAD counts 7", (ioctl(fds[0], FIONREAD, &avail), avail), 7);
	check(&bad, "one read gets both writes", read(fds[0], buf, sizeof(buf)), 7);
	check(&bad, "... in order", strncmp(buf, "abcdefg", 7), 0);
	check(&bad, "fstat64 of a pipe is S_IFIFO", (fstat64(fds[0], &st), st.st_mode & S_IFMT), S_IFIFO);
	check(&bad, "lseek on a pipe is ESPIPE", lseek(fds[0], 0, SEEK_SET), -ESPIPE);
	check(&bad, "pread64 on a pipe is ESPIPE", pread64(fds[0], buf, 1, 0), -ESPIPE);
	check(&bad, "write to the read end is EBADF", write(fds[0], "x", 1), -EBADF);
	check(&bad, "read from the write end is EBADF", read(fds[1], buf, 1), -EBADF);
	write(fds[1], "xy", 2);
	check(&bad, "close the write end", close(fds[1]), 0);
	check(&bad, "what was written before is still read", read(fds[0], buf, sizeof(buf)), 2);
	check(&bad, "then end of file: 0", read(fds[0], buf, sizeof(buf)), 0);
	close(fds[0]);
	pipe(fds);
	close(fds[0]);
	check(&bad, "write with no reader is EPIPE", write(fds[1], "x", 1), -EPIPE);
	close(fds[1]);
	check(&bad, "pipe into an unmapped array is EFAULT", pipe(UNMAPPED), -EFAULT);
	check(&bad, "pipe2 with a bad flag is EINVAL", pipe2(fds, 1), -EINVAL);
	check(&bad, "pipe2 O_CLOEXEC", pipe2(fds, O_CLOEXEC), 0);
	check(&bad, "... both ends FD_CLOEXEC", fcntl(fds[0], F_GETFD, 0) + fcntl(fds[1], F_GETFD, 0), 2);
	close(fds[0]);
	close(fds[1]);
}

/* Fill without blocking, free 1000 bytes, then write across the end of the ring and read it all back. */
static void test_fill_and_wrap(void)
{
	static unsigned char all[PIPE_SIZE];
	int fds[2];
	long n, total = 0;

	check(&bad, "pipe2 O_NONBLOCK", pipe2(fds, O_NONBLOCK), 0);
	check(&bad, "read of an empty pipe with a writer is EAGAIN", read(fds[0], chunk, 1), -EAGAIN);
	while (pattern(chunk, PIPE_BUF, (unsigned long)total), (n = write(fds[1], chunk, PIPE_BUF)) > 0)
		total += n;
	check(&bad, "the pipe holds 65536 bytes", total, PIPE_SIZE);
	check(&bad, "... then a write is EAGAIN", n, -EAGAIN);
	check(&bad, "read 1000 from the full pipe", read(fds[0], all, 1000), 1000);
	check(&bad, "... the first 1000 bytes", mismatches(all, 1000, 0), 0);
	pattern(chunk, sizeof(chunk), (unsigned long)total);
	check(&bad, "a 4096-byte write into 1000 free bytes is EAGAIN (atomic)", write(fds[1], chunk, PIPE_BUF), -EAGAIN);
	check(&bad, "a 5096-byte write goes in partly: 1000", write(fds[1], chunk, sizeof(chunk)), 1000);
	n = read(fds[0], all, sizeof(all));
	check(&bad, "read back everything: 65536", n, PIPE_SIZE);
	check(&bad, "... in order across the end of the ring", mismatches(all, (size_t)n, 1000), 0);
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
	check(&bad, "poll: only the write end is ready", poll(p, 2, 0), 1);
	check(&bad, "... POLLOUT", p[1].revents, POLLOUT);
	write(fds[1], "z", 1);
	check(&bad, "poll after a write: both", poll(p, 2, 0), 2);
	check(&bad, "... POLLIN on the read end", p[0].revents, POLLIN);
	close(fds[1]);
	p[1].fd = -1;
	read(fds[0], chunk, 1);
	check(&bad, "poll with the writer gone: the read end", poll(p, 2, 0), 1);
	check(&bad, "... POLLHUP", p[0].revents, POLLHUP);
	close(fds[0]);
	check(&bad, "poll of a closed fd: POLLNVAL", (poll(p, 1, 0), p[0].revents), POLLNVAL);
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
	check(&bad, "select: an empty pipe's write end only", select(8, &in, &out, 0, zero), 1);
	check(&bad, "... read set cleared, write set kept", (long)(in * 1000 + out), (long)(1ul << fds[1]));
	write(fds[1], "s", 1);
	in = 1ul << fds[0];
	check(&bad, "select after a write: the read end", select(8, &in, 0, 0, zero), 1);
	check(&bad, "... its bit set", (long)in, (long)(1ul << fds[0]));
	in = 1ul << 7;
	check(&bad, "select of a closed fd is EBADF", select(8, &in, 0, 0, zero), -EBADF);
	check(&bad, "select with n = -1 is EINVAL", select(-1, 0, 0, 0, zero), -EINVAL);
	zero[1] = 1000000;
	check(&bad, "select with 1000000 microseconds is EINVAL", select(8, 0, 0, 0, zero), -EINVAL);
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
	check(&bad, "dup2 the write end onto stdout", onto, 1);
	check(&bad, "printf's line came out of the pipe", read(fds[0], buf, sizeof(buf)), (long)sizeof(text) - 1);
	check(&bad, "... the same bytes", strncmp(buf, text, sizeof(text) - 1), 0);
	check(&bad, "writev of 2 + 3 bytes", writev(fds[1], iov, 2), 5);
	check(&bad, "readv into 2 + 3 bytes", readv(fds[0], in, 2), 5);
	check(&bad, "... in order", strncmp(x, "ab", 2) + strncmp(y, "cde", 3), 0);
	close(fds[0]);
	close(fds[1]);
}

int main(int argc, char **argv, char **envp)
{
	test_order_and_ends();
	test_fill_and_wrap();
	test_poll();
	test_select();
	test_dup2_stdout();
	printf("pipe: %s\n", bad ? "FAILED" : "all passed");
	return bad != 0;
}
