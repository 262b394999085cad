/*
 * The pure rules of processes and signals (kernel/proc_rules.c,
 * include/ksignal.h) on the host: the wait status against the C library's
 * decoding macros, the order in which pending signals go out, the mask
 * arithmetic of rt_sigprocmask, the default actions, the clone flags this
 * kernel accepts, and how a `#!` line splits.  The expected values are
 * Linux's, written out here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <proc_rules.h>
#include <ksignal.h>
#include "host.h"

/* glibc's bits/waitstatus.h decoding, the reader of the status wait4 writes. */
#define W_EXITSTATUS(s)	(((s) & 0xff00) >> 8)
#define W_TERMSIG(s)	((s) & 0x7f)
#define W_IFEXITED(s)	(W_TERMSIG(s) == 0)
#define W_IFSIGNALED(s)	(((signed char)(((s) & 0x7f) + 1) >> 1) > 0)
#define W_COREDUMP(s)	((s) & 0x80)

static void test_wait_status(void **state)
{
	(void)state;
	for (int code = 0; code < 256; code++) {
		int s = wait_status_exited(code);

		assert_true(W_IFEXITED(s));
		assert_false(W_IFSIGNALED(s));
		assert_int_equal(W_EXITSTATUS(s), code);
	}
	/* exit(256 + 3) is seen as 3: only the low byte travels. */
	assert_int_equal(W_EXITSTATUS(wait_status_exited(259)), 3);
	for (int sig = 1; sig < 64; sig++) {
		int s = wait_status_signaled(sig);

		if (sig == 0x7f)
			continue;
		assert_false(W_IFEXITED(s));
		assert_true(W_IFSIGNALED(s));
		assert_int_equal(W_TERMSIG(s), sig);
		assert_int_equal(W_COREDUMP(s), 0);	/* no core file is written */
	}
	assert_int_equal(wait_status_signaled(SIGSEGV), 11);
	assert_int_equal(wait_status_exited(42), 0x2a00);
}

#define M(sig)	((ksigset_t)1 << ((sig) - 1))

/*
 * pending   blocked   next
 * {}        {}        0
 * {10,2}    {}        2        lowest first
 * {10,2}    {2}       10       blocked skipped
 * {15,11}   {}        11       SIGSEGV is synchronous and lowest anyway
 * {2,11}    {}        11       a fault's signal before an earlier SIGINT
 * {2,7,4}   {}        4        SIGILL before SIGBUS: lowest of the synchronous
 * {64,33}   {}        33       real-time ones by number
 * {64}      {}        64
 * {9}       {}        9
 */
static void test_next_signal(void **state)
{
	(void)state;
	assert_int_equal(next_signal(0, 0), 0);
	assert_int_equal(next_signal(M(10) | M(2), 0), 2);
	assert_int_equal(next_signal(M(10) | M(2), M(2)), 10);
	assert_int_equal(next_signal(M(15) | M(11), 0), 11);
	assert_int_equal(next_signal(M(2) | M(11), 0), 11);
	assert_int_equal(next_signal(M(2) | M(7) | M(4), 0), 4);
	assert_int_equal(next_signal(M(64) | M(33), 0), 33);
	assert_int_equal(next_signal(M(64), 0), 64);
	assert_int_equal(next_signal(M(9), 0), 9);
	assert_int_equal(next_signal(M(10), M(10)), 0);
}

static void test_sigprocmask(void **state)
{
	ksigset_t m = M(2);

	(void)state;
	assert_int_equal(sigprocmask_apply(&m, SIG_BLOCK, M(10) | M(12)), 0);
	assert_true(m == (M(2) | M(10) | M(12)));
	assert_int_equal(sigprocmask_apply(&m, SIG_UNBLOCK, M(10) | M(3)), 0);
	assert_true(m == (M(2) | M(12)));
	assert_int_equal(sigprocmask_apply(&m, SIG_SETMASK, M(64)), 0);
	assert_true(m == M(64));
	/* SIGKILL (9) and SIGSTOP (19) never stay in the mask, whichever way they come. */
	assert_int_equal(sigprocmask_apply(&m, SIG_BLOCK, M(9) | M(19) | M(1)), 0);
	assert_true(m == (M(64) | M(1)));
	assert_int_equal(sigprocmask_apply(&m, SIG_SETMASK, ~(ksigset_t)0), 0);
	assert_true(m == (~(ksigset_t)0 & ~(M(9) | M(19))));
	/* A bad how: EINVAL (22), mask unchanged. */
	m = M(5);
	assert_int_equal(sigprocmask_apply(&m, 3, M(6)), -22);
	assert_int_equal(sigprocmask_apply(&m, -1, M(6)), -22);
	assert_true(m == M(5));
}

/* Linux's kernel/signal.c sets: SIG_KERNEL_IGNORE_MASK, SIG_KERNEL_STOP_MASK, SIG_KERNEL_COREDUMP_MASK. */
static void test_default_actions(void **state)
{
	static const int ignore[] = { 17, 18, 23, 28 };		/* CHLD CONT URG WINCH */
	static const int stop[] = { 19, 20, 21, 22 };		/* STOP TSTP TTIN TTOU */
	static const int core[] = { 3, 4, 5, 6, 7, 8, 11, 24, 25, 31 };	/* QUIT ILL TRAP ABRT BUS FPE SEGV XCPU XFSZ SYS */
	int kind[65];

	(void)state;
	for (int s = 1; s <= 64; s++)
		kind[s] = SIGDFL_TERM;
	for (size_t i = 0; i < sizeof(ignore) / sizeof(ignore[0]); i++)
		kind[ignore[i]] = SIGDFL_IGNORE;
	for (size_t i = 0; i < sizeof(stop) / sizeof(stop[0]); i++)
		kind[stop[i]] = SIGDFL_STOP;
	for (size_t i = 0; i < sizeof(core) / sizeof(core[0]); i++)
		kind[core[i]] = SIGDFL_CORE;
	for (int s = 1; s <= 64; s++)
		assert_int_equal(sig_default_action(s), kind[s]);
}

static void test_clone_flags(void **state)
{
	unsigned long bad;

	(void)state;
	assert_int_equal(clone_flags_check(17, &bad), 0);				/* fork: SIGCHLD */
	assert_int_equal(clone_flags_check(0x4000 | 0x100 | 17, &bad), 0);		/* vfork */
	assert_int_equal(clone_flags_check(0x01200000 | 17, &bad), 0);		/* glibc's fork: CHILD_SETTID|CLEARTID */
	assert_int_equal(clone_flags_check(0, &bad), 0);				/* no exit signal at all */
	/* A thread: CLONE_VM|CLONE_FS|CLONE_FILES|CLONE_SIGHAND|CLONE_THREAD... */
	assert_int_equal(clone_flags_check(0x00010f00, &bad), -22);
	assert_int_equal(bad, 0x00010e00);
	assert_int_equal(clone_flags_check(0x100 | 17, &bad), -22);			/* VM without VFORK */
	assert_int_equal(bad, 0x100);
	assert_int_equal(clone_flags_check(0x4000 | 17, &bad), -22);			/* VFORK without VM */
	assert_int_equal(bad, 0x4000);
	assert_int_equal(clone_flags_check(65, &bad), -22);				/* exit signal 65 */
	assert_int_equal(clone_flags_check(0x02000000, &bad), -22);			/* CLONE_NEWCGROUP */
	assert_int_equal(bad, 0x02000000);
}

static int shebang(const char *text, struct shebang *sb)
{
	memset(sb, 0x5a, sizeof(*sb));
	return parse_shebang(text, strlen(text), sb);
}

/*
 * "#!/bin/sh\n"              -> /bin/sh, no argument
 * "#! \t/bin/sh -e -x  \n"   -> /bin/sh, one argument "-e -x" (inner blank kept, outer trimmed)
 * "#!/bin/awk -f"            -> no newline at all: the whole buffer is the line
 * "#!\n", "#!   \n"          -> ENOEXEC (8): no interpreter
 * "!#/bin/sh", "", "#"       -> 0: not a script
 */
static void test_shebang(void **state)
{
	struct shebang sb;
	char longline[300];

	(void)state;
	assert_int_equal(shebang("#!/bin/sh\necho hi\n", &sb), 1);
	assert_string_equal(sb.interp, "/bin/sh");
	assert_false(sb.has_arg);
	assert_string_equal(sb.arg, "");
	assert_int_equal(shebang("#! \t/bin/sh -e -x  \nrest", &sb), 1);
	assert_string_equal(sb.interp, "/bin/sh");
	assert_true(sb.has_arg);
	assert_string_equal(sb.arg, "-e -x");
	assert_int_equal(shebang("#!/bin/awk -f", &sb), 1);
	assert_string_equal(sb.interp, "/bin/awk");
	assert_string_equal(sb.arg, "-f");
	assert_int_equal(shebang("#!\n", &sb), -8);
	assert_int_equal(shebang("#!   \n", &sb), -8);
	assert_int_equal(shebang("!#/bin/sh\n", &sb), 0);
	assert_int_equal(shebang("", &sb), 0);
	assert_int_equal(shebang("#", &sb), 0);
	assert_int_equal(shebang("\x7f" "ELF", &sb), 0);
	/* An interpreter name that fills all 256 bytes read may be cut: Linux refuses it. */
	memset(longline, 'a', sizeof(longline));
	longline[0] = '#';
	longline[1] = '!';
	longline[2] = '/';
	longline[sizeof(longline) - 1] = '\0';
	assert_int_equal(shebang(longline, &sb), -8);
	/* A long argument is cut at the 256 bytes read, the interpreter intact. */
	memcpy(longline, "#!/bin/sh ", 10);
	assert_int_equal(shebang(longline, &sb), 1);
	assert_string_equal(sb.interp, "/bin/sh");
	assert_int_equal(strlen(sb.arg), 256 - 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wait_status),
		cmocka_unit_test(test_next_signal),
		cmocka_unit_test(test_sigprocmask),
		cmocka_unit_test(test_default_actions),
		cmocka_unit_test(test_clone_flags),
		cmocka_unit_test(test_shebang),
	};

	return cmocka_run_group_tests_name("procs", tests, NULL, NULL);
}
