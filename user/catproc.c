/*
 * Every regular file of /proc, read with open/read and printed between
 * "catproc: begin /proc/<name>" and "catproc: end /proc/<name> <n> bytes",
 * so the boot case can set each beside the shell's `cat` of the same file
 * in the same boot; then /proc/self and /proc/<pid>/ in Linux's formats.
 */
#include "lib/fs.h"
#include "lib/ulib.h"

#define TEXT_MAX	(256 * 1024)
#define STAT_FIELDS	52	/* Linux 6.1's /proc/<pid>/stat (fs/proc/array.c) */

static int bad;
static char text[TEXT_MAX];

/* The whole file at path into text (NUL-terminated): its length, or -errno. */
static long slurp(const char *path)
{
	return read_file(path, text, sizeof(text));
}

static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++)
		if (!strncmp(hay, needle, n))
			return 1;
	return 0;
}

static void show_all(void)
{
	static char ents[4096];
	char path[300];
	long fd = open("/proc", O_RDONLY | O_DIRECTORY), n, files = 0;

	check_eq(&bad, "open /proc", fd >= 0, 1);
	while ((n = getdents64(fd, ents, sizeof(ents))) > 0) {
		for (long off = 0; off < n; off += ((struct linux_dirent64 *)(ents + off))->d_reclen) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(ents + off);
			long len;

			if (d->d_type != DT_REG)
				continue;
			memcpy(path, "/proc/", 6);
			memcpy(path + 6, d->d_name, strlen(d->d_name) + 1);
			len = slurp(path);
			printf("catproc: begin %s\n", path);
			if (len > 0)
				write(1, text, (size_t)len);
			printf("catproc: end %s %d bytes\n", path, (int)len);
			check_eq(&bad, path, len > 0, 1);
			files++;
		}
	}
	close(fd);
	printf("catproc: %d files\n", (int)files);
}

/* prefix followed by pid in decimal, into out. */
static void put_pid(char *out, const char *prefix, int pid)
{
	char digits[12];
	int n = 0;

	do
		digits[n++] = (char)('0' + pid % 10);
	while ((pid /= 10));
	memcpy(out, prefix, strlen(prefix));
	out += strlen(prefix);
	while (n)
		*out++ = digits[--n];
	*out = '\0';
}

static int count_fields(const char *s)
{
	int n = 0;

	for (const char *p = s; *p && *p != '\n'; p++)
		n += (p == s || p[-1] == ' ') && *p != ' ';
	return n;
}

static void test_self(void)
{
	char buf[32], want[64];
	int pid = (int)getpid();
	long n = readlink("/proc/self", buf, sizeof(buf) - 1);

	buf[n > 0 ? n : 0] = '\0';
	printf("catproc: pid %d, /proc/self -> %s\n", pid, buf);
	check_eq(&bad, "readlink /proc/self is the pid", n > 0 && (int)n == (int)strlen(buf), 1);
	check_eq(&bad, "slurp /proc/self/stat", slurp("/proc/self/stat") > 0, 1);
	printf("catproc: stat %s", text);
	check_eq(&bad, "/proc/self/stat has Linux's 52 fields", count_fields(text), STAT_FIELDS);
	check_eq(&bad, "... pid and (comm) first", contains(text, "(catproc) R "), 1);
	check_eq(&bad, "slurp /proc/self/status", slurp("/proc/self/status") > 0, 1);
	check_eq(&bad, "... Name:\\tcatproc", contains(text, "Name:\tcatproc\n"), 1);
	put_pid(want, "Pid:\t", pid);
	check_eq(&bad, "... Pid: the pid", contains(text, want), 1);
	check_eq(&bad, "... State: R (running)", contains(text, "State:\tR (running)\n"), 1);
	check_eq(&bad, "slurp /proc/self/maps", slurp("/proc/self/maps") > 0, 1);
	check_eq(&bad, "... the text segment first, at 0x10000", strncmp(text, "00010000-", 9), 0);
	check_eq(&bad, "/proc/self/cmdline ends with a NUL", (n = slurp("/proc/self/cmdline")) > 1 && text[n - 1] == 0, 1);
	put_pid(want, "/proc/", pid);
	memcpy(want + strlen(want), "/status", 8);
	check_eq(&bad, "/proc/<pid>/status by number", slurp(want) > 0 && contains(text, "Name:\tcatproc\n"), 1);
	check_eq(&bad, "/proc/99999/stat is ENOENT", slurp("/proc/99999/stat"), -ENOENT);
	check_eq(&bad, "/proc/self/nope is ENOENT", slurp("/proc/self/nope"), -ENOENT);
	put_pid(want, "", pid);
	check_eq(&bad, "... and the link's target", strcmp(buf, want), 0);
}

int main(int argc, char **argv, char **envp)
{
	show_all();
	test_self();
	printf("catproc: %s\n", bad ? "FAILED" : "all passed");
	return bad != 0;
}
