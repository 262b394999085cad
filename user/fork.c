/*
 * fork, vfork, clone and wait4 against Linux's behaviour: the child's
 * memory is a copy (data, bss, heap and stack: each side sees only its
 * own writes after the fork), many children reaped with their statuses,
 * WNOHANG, ECHILD, EFAULT, EINVAL.  Wait statuses are checked against
 * Linux's encoding written here: exit code << 8, or the signal number.
 */
#include "lib/procs.h"
#include "lib/ulib.h"

#define ECHILD		10
#define EINVAL		22
#define NR_CHILDREN	20
#define PATTERN_WORDS	3000		/* three pages of data */
#define EXITED(code)	((code) << 8)	/* Linux's wait status for exit(code) */
#define KILLED(sig)	(sig)		/* ... and for a kill by sig, no core */

static unsigned int data_pattern[PATTERN_WORDS] = { 1 };	/* .data */
static unsigned int bss_pattern[PATTERN_WORDS];		/* .bss */

static void fill(unsigned int *p, unsigned int n, unsigned int seed)
{
	for (unsigned int i = 0; i < n; i++)
		p[i] = seed * 2654435761u + i;
}

static int same(const unsigned int *p, unsigned int n, unsigned int seed)
{
	for (unsigned int i = 0; i < n; i++)
		if (p[i] != seed * 2654435761u + i)
			return 0;
	return 1;
}

/* Child: sees the parent's bytes, writes its own, exits 7 if all was as expected. */
static void copy_child(unsigned int *heap, unsigned int *stack)
{
	int ok = same(data_pattern, PATTERN_WORDS, 11) && same(bss_pattern, PATTERN_WORDS, 12) &&
		 same(heap, 1024, 13) && same(stack, 256, 14);

	fill(data_pattern, PATTERN_WORDS, 21);
	fill(bss_pattern, PATTERN_WORDS, 22);
	fill(heap, 1024, 23);
	fill(stack, 256, 24);
	exit(ok ? 7 : 1);
}

static void test_copy(void)
{
	unsigned int stack[256];
	unsigned int *heap = (unsigned int *)sys_brk(0);
	int status = -1;
	long pid;

	sys_brk((char *)heap + 4096);
	fill(data_pattern, PATTERN_WORDS, 11);
	fill(bss_pattern, PATTERN_WORDS, 12);
	fill(heap, 1024, 13);
	fill(stack, 256, 14);
	pid = fork();
	if (pid == 0)
		copy_child(heap, stack);
	check(pid > 0, "fork returns the child's pid in the parent", pid, 1);
	check(wait4(pid, &status, 0, 0) == pid, "wait4 returns the child's pid", pid, pid);
	check(status == EXITED(7), "the child saw the parent's data, bss, heap and stack (exit 7)", status, EXITED(7));
	check(same(data_pattern, PATTERN_WORDS, 11) && same(bss_pattern, PATTERN_WORDS, 12) &&
	      same(heap, 1024, 13) && same(stack, 256, 14),
	      "the parent's copy is untouched by the child's writes", 0, 0);
}

static void test_ids(void)
{
	long me = getpid(), pid = fork();
	int status = -1;

	if (pid == 0)
		exit(getppid() == me && gettid() == getpid() && set_tid_address(0) == getpid() ? 0 : 1);
	wait4(pid, &status, 0, 0);
	check(status == EXITED(0), "child: getppid is the parent, gettid and set_tid_address give its pid", status, 0);
}

/* Children exiting with 1..NR_CHILDREN, reaped by wait4(-1) in whatever order. */
static void test_many(void)
{
	long pids[NR_CHILDREN];
	int seen = 0, right = 0;

	for (int i = 0; i < NR_CHILDREN; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			exit(i + 1);
	}
	for (int n = 0; n < NR_CHILDREN; n++) {
		int status = -1;
		long pid = wait4(-1, &status, 0, 0);

		for (int i = 0; i < NR_CHILDREN; i++)
			if (pids[i] == pid) {
				seen++;
				right += status == EXITED(i + 1);
				pids[i] = 0;
			}
	}
	check(seen == NR_CHILDREN, "wait4(-1) reaps every one of 20 children", seen, NR_CHILDREN);
	check(right == NR_CHILDREN, "each child's status is its own exit code << 8", right, NR_CHILDREN);
	check(wait4(-1, 0, 0, 0) == -ECHILD, "then wait4(-1) gives ECHILD", wait4(-1, 0, 0, 0), -ECHILD);
}

static void test_wnohang(void)
{
	sigset64_t none = 0;
	int status = -1;
	long pid = fork(), r;

	if (pid == 0) {
		rt_sigsuspend(&none, sizeof(none));	/* until the parent's SIGTERM ends it */
		exit(1);
	}
	r = wait4(pid, &status, WNOHANG, 0);
	check(r == 0, "WNOHANG with a live child returns 0", r, 0);
	check(kill(pid, SIGTERM) == 0, "kill(child, SIGTERM)", 0, 0);
	r = wait4(pid, &status, 0, 0);
	check(r == pid && status == KILLED(SIGTERM), "the child ends with status SIGTERM (15)", status, KILLED(SIGTERM));
}

static void test_errors(void)
{
	long pid, r;

	check(wait4(-1, 0, 0, 0) == -ECHILD, "wait4 with no children: ECHILD", wait4(-1, 0, 0, 0), -ECHILD);
	check(wait4(-1, 0, 0x100, 0) == -EINVAL, "wait4 with an unknown option: EINVAL", wait4(-1, 0, 0x100, 0),
	      -EINVAL);
	pid = fork();
	if (pid == 0)
		exit(3);
	r = wait4(pid, (int *)0xffff0000, 0, 0);
	check(r == -EFAULT, "wait4 with a kernel status pointer: EFAULT", r, -EFAULT);
	r = wait4(pid, 0, 0, 0);
	check(r == -ECHILD, "the child was reaped all the same: then ECHILD", r, -ECHILD);
	r = clone(CLONE_VM | CLONE_SIGHAND | CLONE_THREAD | SIGCHLD, 0, 0, 0, 0);
	check(r == -EINVAL, "clone of a thread: EINVAL here", r, -EINVAL);
}

static int shared_word;

static void test_vfork_clone(void)
{
	int status = -1, tid = 0;
	long pid = vfork();

	if (pid == 0) {
		shared_word = 42;	/* vfork: the parent's own memory */
		exit(5);
	}
	wait4(pid, &status, 0, 0);
	check(status == EXITED(5), "vfork child exits 5", status, EXITED(5));
	check(shared_word == 42, "vfork child's write is in the parent's memory", shared_word, 42);
	pid = clone(SIGCHLD | CLONE_CHILD_SETTID, 0, 0, 0, &tid);
	if (pid == 0)
		exit(tid == getpid() ? 0 : 1);
	wait4(pid, &status, 0, 0);
	check(status == EXITED(0), "CLONE_CHILD_SETTID: the child's tid word holds its pid", status, 0);
	check(tid == 0, "... in the child's copy only", tid, 0);
	pid = fork();
	if (pid == 0)
		exit(9);
	check(wait4(0, &status, 0, 0) == pid && status == EXITED(9), "wait4(0): a child of our group", status,
	      EXITED(9));
}

/* Process groups and sessions as a shell's job control uses them. */
static void test_groups(void)
{
	sigset64_t none = 0;
	int status = -1;
	long pid = fork(), r;

	if (pid == 0) {
		rt_sigsuspend(&none, sizeof(none));
		exit(1);
	}
	check(syscall2(__NR_setpgid, pid, 0) == 0, "setpgid(child, 0): a group of its own", 0, 0);
	check(syscall1(__NR_getpgid, pid) == pid, "getpgid(child) is the child's pid", syscall1(__NR_getpgid, pid), pid);
	r = kill(-pid, SIGTERM);
	check(r == 0, "kill(-pgid, SIGTERM) reaches that group", r, 0);
	if (r)
		kill(pid, SIGTERM);	/* end it anyway, so the wait below cannot hang */
	wait4(pid, &status, 0, 0);
	check(status == KILLED(SIGTERM), "the group's one member ended with status 15", status, KILLED(SIGTERM));
	pid = fork();
	if (pid == 0)
		exit(syscall0(__NR_setsid) == getpid() && syscall1(__NR_getsid, 0) == getpid() &&
		     syscall0(__NR_getpgrp) == getpid() ? 0 : 1);
	wait4(pid, &status, 0, 0);
	check(status == EXITED(0), "child: setsid makes it leader of a new session and group", status, 0);
}

/*
 * A child that forks and exits at once leaves an orphan.  Run as init
 * (pid 1), the orphan must become our child (Linux's re-parenting to
 * init): we kill it and reap it.  Run from the kernel shell with no init
 * left, the kernel frees it when it exits (the boot case checks that no
 * page stays behind).  The child passes the orphan's pid (small at
 * boot) as its exit code.
 */
static void test_orphan(void)
{
	sigset64_t none = 0;
	int init = getpid() == 1, status = -1;
	long pid = fork(), orphan, r;

	if (pid == 0) {
		orphan = fork();
		if (orphan == 0) {
			if (init)
				rt_sigsuspend(&none, sizeof(none));
			exit(0);
		}
		exit((int)orphan & 0xff);
	}
	wait4(pid, &status, 0, 0);
	orphan = status >> 8;
	if (!init) {
		check(orphan > 0, "an orphan whose parent exited first (no init: the kernel frees it)", orphan, 1);
		/* With more than one CPU it may still run: wait until the kernel has freed it (kill finds no pid). */
		for (int i = 0; i < 1000000 && orphan > 0 && kill(orphan, 0) == 0; i++)
			syscall0(__NR_sched_yield);
		return;
	}
	kill(orphan, SIGUSR2);
	r = wait4(-1, &status, 0, 0);
	check(r == orphan && status == KILLED(SIGUSR2), "an orphan is re-parented to init (pid 1), which reaps it",
	      r, orphan);
}

int main(int argc, char **argv, char **envp)
{
	test_copy();
	test_ids();
	test_many();
	test_wnohang();
	test_errors();
	test_vfork_clone();
	test_groups();
	test_orphan();
	printf("fork: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed ? 1 : 0;
}
