/*
 * execve against Linux's behaviour: a forked (and a vforked) child runs
 * another program with our argv and envp, `#!` scripts run their
 * interpreter, and the errors leave the caller running its own image:
 * ENOENT, EACCES, ENOEXEC, EFAULT for each kind of bad pointer, and E2BIG
 * for one argument longer than Linux's MAX_ARG_STRLEN (32 pages).  The
 * scripts are the user/<name>.sh files of the initramfs (mk/user.mk).
 */
#include "lib/procs.h"
#include "lib/ulib.h"

#define ENOENT		2
#define E2BIG		7
#define ENOEXEC		8
#define EACCES		13
#define MAX_ARG_STRLEN	(32 * 4096)	/* Linux's include/uapi/linux/binfmts.h */
#define EXITED(code)	((code) << 8)

static char huge[MAX_ARG_STRLEN + 4096];

/* Run path with argv in a child (forked, or vforked); the child's wait status, or 0x7fff if execve failed. */
static int run(const char *path, char *const argv[], char *const envp[], int use_vfork)
{
	int status = -1;
	long pid = use_vfork ? vfork() : fork();

	if (pid == 0) {
		execve(path, argv, envp);
		exit(0x7f);
	}
	wait4(pid, &status, 0, 0);
	return status;
}

static void test_runs(void)
{
	char *argv[] = { "/bin/argv", "a", "b c", 0 };
	char *envp[] = { "X=1", 0 };
	char *noargs[] = { 0 };
	char *script_argv[] = { "ignored-argv0", "one", 0 };

	check(run("/bin/argv", argv, envp, 0) == EXITED(0), "fork + execve /bin/argv a 'b c' with X=1", 0, 0);
	check(run("/bin/exit42", noargs, envp, 0) == EXITED(42), "execve /bin/exit42: status 42", 0, EXITED(42));
	check(run("/bin/exit42", noargs, envp, 1) == EXITED(42), "vfork + execve /bin/exit42: status 42", 0,
	      EXITED(42));
	check(run("/bin/script.sh", script_argv, envp, 0) == EXITED(0),
	      "#!/bin/argv -x script: interpreter, its argument, the script, argv[1..]", 0, 0);
	check(run("/bin/script-noarg.sh", script_argv, envp, 0) == EXITED(42),
	      "#! with blanks and no argument runs /bin/exit42", 0, EXITED(42));
}

static void test_errors(void)
{
	char *argv[] = { "x", 0 };
	char *bad_string[] = { "x", (char *)0xffff0000, 0 };
	char *big[] = { "x", huge, 0 };
	long r;

	r = execve("/bin/nonexistent", argv, 0);
	check(r == -ENOENT, "a missing file: ENOENT", r, -ENOENT);
	r = execve("/bin/noexec.sh", argv, 0);
	check(r == -EACCES, "a file without execute permission: EACCES", r, -EACCES);
	r = execve("/bin/badexec.sh", argv, 0);
	check(r == -ENOEXEC, "neither ELF nor #!: ENOEXEC", r, -ENOEXEC);
	r = execve("/bin/badinterp.sh", argv, 0);
	check(r == -ENOENT, "a #! interpreter that does not exist: ENOENT", r, -ENOENT);
	r = execve((const char *)0xffff0000, argv, 0);
	check(r == -EFAULT, "a kernel address as the path: EFAULT", r, -EFAULT);
	r = execve("/bin/hello", (char *const *)0xffff0000, 0);
	check(r == -EFAULT, "a kernel address as argv: EFAULT", r, -EFAULT);
	r = execve("/bin/hello", bad_string, 0);
	check(r == -EFAULT, "a kernel address as argv[1]: EFAULT", r, -EFAULT);
	r = syscall3(__NR_execve, (long)"/bin/hello", (long)argv, 0x10);
	check(r == -EFAULT, "an unmapped envp: EFAULT", r, -EFAULT);
	memset(huge, 'a', sizeof(huge) - 1);
	r = execve("/bin/hello", big, 0);
	check(r == -E2BIG, "an argument longer than MAX_ARG_STRLEN: E2BIG", r, -E2BIG);
	check(1, "after every failed execve the old image still runs", 0, 0);
}

int main(int argc, char **argv, char **envp)
{
	test_runs();
	test_errors();
	printf("execve: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed ? 1 : 0;
}
