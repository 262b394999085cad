/*
 * Signals against Linux's behaviour: a handler runs and returns through
 * the restorer (sigreturn and rt_sigreturn), SA_SIGINFO's siginfo, a
 * blocked signal stays pending until unblocked, SIGKILL and SIGSTOP
 * cannot be caught, SA_RESETHAND and SA_NODEFER, kill of a child, SIGCHLD
 * to the parent, default actions and the wait status they give,
 * rt_sigsuspend ending with EINTR, and the EINVAL cases.
 */
#include "lib/fs.h"
#include "lib/procs.h"
#include "lib/ulib.h"

#define EINTR	4
#define ESRCH	3
#define EINVAL	22
#define SS	sizeof(sigset64_t)

static volatile int got_sig, got_count, got_chld, nodefer_blocked = -1;
static volatile struct siginfo_head got_info;

static void handler(int sig)
{
	got_sig = sig;
	got_count++;
}

static void info_handler(int sig, struct siginfo_head *info, void *uc)
{
	got_sig = sig;
	got_info = *info;
}

static void chld_handler(int sig)
{
	got_chld++;
}

static volatile long child_pid;

/* Ends the child the parent is waiting for. */
/*
 * The child's side of "the parent sleeps first": with more than one CPU the
 * child may run before the parent has gone to sleep, so it waits until the
 * parent's /proc/<pid>/stat state (the letter after "comm) ") is S, as it
 * would have to on Linux.  Bounded: after the last try it goes on anyway.
 */
static void wait_until_parent_sleeps(void)
{
	char path[32] = "/proc/", buf[256];
	long ppid = getppid(), n;
	unsigned int len = 6, digits = 0;

	for (long p = ppid; p; p /= 10)
		digits++;
	for (long p = ppid, i = digits; i > 0; p /= 10)
		path[len + --i] = (char)('0' + p % 10);
	memcpy(path + len + digits, "/stat", 6);
	for (int tries = 0; tries < 100000; tries++) {
		long fd = open(path, 0);

		n = fd < 0 ? -1 : read((int)fd, buf, sizeof(buf) - 1);
		if (fd >= 0)
			close((int)fd);
		for (long i = 0; i + 2 < n; i++)
			if (buf[i] == ')' && buf[i + 1] == ' ' && buf[i + 2] == 'S')
				return;
		syscall0(__NR_sched_yield);
	}
}

static void kill_child_handler(int sig)
{
	got_sig = sig;
	kill(child_pid, SIGTERM);
}

/* Records whether its own signal is blocked while it runs. */
static void mask_handler(int sig)
{
	sigset64_t now;

	rt_sigprocmask(SIG_BLOCK, 0, &now, SS);
	nodefer_blocked = (now & sigbit(sig)) != 0;
}

static void test_handler(void)
{
	volatile unsigned int keep = 0x5a5a1234;

	got_sig = 0;
	check(sigaction_simple(SIGUSR1, handler, 0, 0) == 0, "rt_sigaction(SIGUSR1, handler)", 0, 0);
	kill(getpid(), SIGUSR1);
	check(got_sig == SIGUSR1, "the handler ran with signo 10, back through sigreturn", got_sig, SIGUSR1);
	check(keep == 0x5a5a1234, "the interrupted code's locals survive", keep, 0x5a5a1234);
	got_sig = 0;
	sigaction_simple(SIGUSR2, info_handler, SA_SIGINFO, 0);
	kill(getpid(), SIGUSR2);
	check(got_sig == SIGUSR2 && got_info.si_signo == SIGUSR2, "SA_SIGINFO: siginfo's si_signo, via rt_sigreturn",
	      got_info.si_signo, SIGUSR2);
	check(got_info.si_code == 0 && got_info.si_pid == getpid(), "siginfo: SI_USER from our own pid",
	      got_info.si_pid, getpid());
}

static void test_blocking(void)
{
	sigset64_t set = sigbit(SIGUSR1), pending = 0, old;

	got_sig = 0;
	sigaction_simple(SIGUSR1, handler, 0, 0);
	rt_sigprocmask(SIG_BLOCK, &set, &old, SS);
	kill(getpid(), SIGUSR1);
	check(got_sig == 0, "a blocked SIGUSR1 is not delivered", got_sig, 0);
	rt_sigpending(&pending, SS);
	check(pending == sigbit(SIGUSR1), "rt_sigpending shows it", (long)pending, (long)sigbit(SIGUSR1));
	rt_sigprocmask(SIG_UNBLOCK, &set, 0, SS);
	check(got_sig == SIGUSR1, "unblocking delivers it", got_sig, SIGUSR1);
	rt_sigprocmask(SIG_SETMASK, 0, &old, SS);
	check(old == 0, "the mask is empty again", (long)old, 0);
	set = sigbit(SIGKILL) | sigbit(SIGSTOP);
	rt_sigprocmask(SIG_BLOCK, &set, 0, SS);
	rt_sigprocmask(SIG_BLOCK, 0, &old, SS);
	check(old == 0, "SIGKILL and SIGSTOP cannot be blocked", (long)old, 0);
}

static void test_einval(void)
{
	struct k_sigaction sa = { handler, SA_RESTORER, __restore, 0 };
	sigset64_t set = 0;

	check(rt_sigaction(SIGKILL, &sa, 0, SS) == -EINVAL, "SIGKILL cannot be caught: EINVAL",
	      rt_sigaction(SIGKILL, &sa, 0, SS), -EINVAL);
	check(rt_sigaction(SIGSTOP, &sa, 0, SS) == -EINVAL, "SIGSTOP cannot be caught: EINVAL",
	      rt_sigaction(SIGSTOP, &sa, 0, SS), -EINVAL);
	check(rt_sigaction(0, &sa, 0, SS) == -EINVAL && rt_sigaction(65, &sa, 0, SS) == -EINVAL,
	      "signal 0 and 65: EINVAL", rt_sigaction(65, &sa, 0, SS), -EINVAL);
	check(rt_sigaction(SIGUSR1, &sa, 0, 4) == -EINVAL, "rt_sigaction with sigsetsize 4: EINVAL",
	      rt_sigaction(SIGUSR1, &sa, 0, 4), -EINVAL);
	check(rt_sigprocmask(SIG_BLOCK, &set, 0, 16) == -EINVAL, "rt_sigprocmask with sigsetsize 16: EINVAL",
	      rt_sigprocmask(SIG_BLOCK, &set, 0, 16), -EINVAL);
	check(rt_sigprocmask(7, &set, 0, SS) == -EINVAL, "rt_sigprocmask with how 7: EINVAL",
	      rt_sigprocmask(7, &set, 0, SS), -EINVAL);
	check(kill(getpid(), 65) == -EINVAL, "kill with signal 65: EINVAL", kill(getpid(), 65), -EINVAL);
	check(kill(getpid(), 0) == 0, "kill with signal 0 checks that we exist", kill(getpid(), 0), 0);
	check(kill(30000, 0) == -ESRCH, "kill of a pid that does not exist: ESRCH", kill(30000, 0), -ESRCH);
	check(rt_sigaction(SIGUSR1, &sa, (struct k_sigaction *)0xffff0000, SS) == -EFAULT,
	      "rt_sigaction with a kernel oact: EFAULT", 0, -EFAULT);
}

static void test_flags(void)
{
	struct k_sigaction old;

	got_count = 0;
	sigaction_simple(SIGUSR1, handler, SA_RESETHAND, 0);
	kill(getpid(), SIGUSR1);
	rt_sigaction(SIGUSR1, 0, &old, SS);
	check(got_count == 1 && old.handler == SIG_DFL, "SA_RESETHAND: the handler ran once, then SIG_DFL",
	      (long)old.handler, 0);
	sigaction_simple(SIGUSR1, mask_handler, 0, 0);
	kill(getpid(), SIGUSR1);
	check(nodefer_blocked == 1, "without SA_NODEFER the signal is blocked in its handler", nodefer_blocked, 1);
	sigaction_simple(SIGUSR1, mask_handler, SA_NODEFER, 0);
	kill(getpid(), SIGUSR1);
	check(nodefer_blocked == 0, "with SA_NODEFER it is not", nodefer_blocked, 0);
	sigaction_simple(SIGUSR1, SIG_IGN, 0, 0);
	kill(getpid(), SIGUSR1);
	check(1, "SIG_IGN: SIGUSR1 ignored", 0, 0);
	kill(getpid(), SIGCHLD);
	kill(getpid(), SIGWINCH);
	check(1, "SIGCHLD and SIGWINCH are ignored by default", 0, 0);
}

/* A child ended by sig: by raising it itself, or by its parent's kill. */
static void test_default_kill(int sig, int by_parent, const char *what)
{
	sigset64_t none = 0;
	int status = -1;
	long pid = fork();

	if (pid == 0) {
		if (by_parent)
			rt_sigsuspend(&none, SS);
		else
			kill(getpid(), sig);
		exit(100);
	}
	if (by_parent)
		kill(pid, sig);
	wait4(pid, &status, 0, 0);
	check(status == sig, what, status, sig);	/* Linux's status: the signal number, no core flag */
}

static void test_children(void)
{
	sigset64_t set = sigbit(SIGUSR1), none = 0;
	int status;
	long pid, r;

	sigaction_simple(SIGUSR2, SIG_DFL, 0, 0);	/* test_handler caught it */
	test_default_kill(SIGTERM, 0, "default SIGTERM ends the process: status 15");
	test_default_kill(SIGUSR2, 0, "default SIGUSR2 ends the process: status 12");
	test_default_kill(SIGKILL, 1, "the parent's SIGKILL ends the child: status 9");
	test_default_kill(SIGINT, 1, "the parent's SIGINT ends the child: status 2");
	got_chld = 0;
	sigaction_simple(SIGCHLD, chld_handler, 0, 0);
	pid = fork();
	if (pid == 0)
		exit(0);
	wait4(pid, &status, 0, 0);
	check(got_chld == 1, "SIGCHLD reached the parent's handler", got_chld, 1);
	sigaction_simple(SIGCHLD, SIG_DFL, 0, 0);
	got_sig = 0;
	sigaction_simple(SIGUSR1, handler, 0, 0);
	rt_sigprocmask(SIG_BLOCK, &set, 0, SS);
	pid = fork();
	if (pid == 0)
		exit(kill(getppid(), SIGUSR1) == 0 ? 0 : 1);
	r = rt_sigsuspend(&none, SS);
	check(r == -EINTR && got_sig == SIGUSR1, "rt_sigsuspend: the child's SIGUSR1 ran the handler, then EINTR",
	      r, -EINTR);
	rt_sigprocmask(SIG_BLOCK, 0, &set, SS);
	check(set == sigbit(SIGUSR1), "after rt_sigsuspend the old mask is back", (long)set, (long)sigbit(SIGUSR1));
	wait4(pid, &status, 0, 0);
	rt_sigprocmask(SIG_SETMASK, &none, 0, SS);
	/* pause: the parent sleeps first (the child waits for that), the child wakes it. */
	got_sig = 0;
	pid = fork();
	if (pid == 0) {
		wait_until_parent_sleeps();
		exit(kill(getppid(), SIGUSR1) == 0 ? 0 : 1);
	}
	r = syscall0(__NR_pause);
	check(r == -EINTR && got_sig == SIGUSR1, "pause: the handler ran, then EINTR", r, -EINTR);
	wait4(pid, &status, 0, 0);
}

/*
 * wait4 interrupted: the child signals the parent, then sleeps; the
 * parent's handler kills it.  With SA_RESTART wait4 goes on and reaps it
 * (status SIGTERM); without, wait4 returns EINTR.
 */
static void test_restart(unsigned long flags, const char *what)
{
	sigset64_t none = 0;
	int status = -1;
	long r;

	got_sig = 0;
	sigaction_simple(SIGUSR1, kill_child_handler, flags, 0);
	child_pid = fork();
	if (child_pid == 0) {
		wait_until_parent_sleeps();	/* in wait4, with child_pid set */
		kill(getppid(), SIGUSR1);
		rt_sigsuspend(&none, SS);
		exit(1);
	}
	r = wait4(child_pid, &status, 0, 0);
	if (flags & SA_RESTART)
		check(r == child_pid && status == SIGTERM && got_sig == SIGUSR1, what, r, child_pid);
	else
		check(r == -EINTR && got_sig == SIGUSR1 && wait4(child_pid, 0, 0, 0) == child_pid, what, r, -EINTR);
}

int main(int argc, char **argv, char **envp)
{
	test_handler();
	test_blocking();
	test_einval();
	test_flags();
	test_children();
	test_restart(SA_RESTART, "wait4 interrupted by a SA_RESTART handler goes on and reaps the child");
	test_restart(0, "wait4 interrupted by a handler without SA_RESTART: EINTR");
	printf("signal: %s\n", checks_failed ? "FAILED" : "all passed");
	return checks_failed ? 1 : 0;
}
