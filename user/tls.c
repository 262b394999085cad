/*
 * The ARM TLS register: set_tls (0xf0005) sets TPIDRURO, which user code
 * reads with mrc; get_tls (0xf0006) returns it.  Each process keeps its
 * own across switches (a child that sets another value and runs while the
 * parent sleeps in wait4), fork and clone inherit it, CLONE_SETTLS sets
 * the child's, and execve starts the new image with 0 (Linux's
 * flush_thread clears tp_value).
 */
#include "lib/procs.h"
#include "lib/ulib.h"

#define EXITED(code)	((code) << 8)

static void test_inherit_and_switch(void)
{
	int status = -1;
	long pid;

	pid = fork();
	if (pid == 0) {
		int ok = read_tpidruro() == 0x12345678;

		set_tls(0xcafe0001);
		exit(ok && read_tpidruro() == 0xcafe0001 ? 0 : 1);
	}
	wait4(pid, &status, 0, 0);
	check(status == EXITED(0), "fork: the child starts with the parent's TLS and sets its own", status, 0);
	check(read_tpidruro() == 0x12345678, "the parent's TPIDRURO is its own again after the child ran",
	      (long)read_tpidruro(), 0x12345678);
	pid = clone(SIGCHLD | CLONE_SETTLS, 0, 0, 0xbeef0002, 0);
	if (pid == 0)
		exit(read_tpidruro() == 0xbeef0002 ? 0 : 1);
	wait4(pid, &status, 0, 0);
	check(status == EXITED(0), "clone with CLONE_SETTLS: the child's TPIDRURO is the tls argument", status, 0);
}

static void test_exec(void)
{
	char *argv[] = { "/bin/tls", "--after-exec", 0 };
	int status = -1;
	long pid = fork();

	if (pid == 0) {
		execve("/bin/tls", argv, 0);
		exit(2);
	}
	wait4(pid, &status, 0, 0);
	check(status == EXITED(0), "execve starts the new image with TPIDRURO 0", status, 0);
}

int main(int argc, char **argv, char **envp)
{
	if (argc == 2 && !strcmp(argv[1], "--after-exec"))
		return read_tpidruro() == 0 && get_tls() == 0 ? 0 : 1;
	check(set_tls(0x12345678) == 0, "set_tls returns 0", 0, 0);
	check(read_tpidruro() == 0x12345678, "mrc p15 TPIDRURO reads what set_tls wrote", (long)read_tpidruro(),
	      0x12345678);
	check(get_tls() == 0x12345678, "get_tls returns it", get_tls(), 0x12345678);
	test_inherit_and_switch();
	test_exec();
	printf("tls: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed ? 1 : 0;
}
