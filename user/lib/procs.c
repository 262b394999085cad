/* Process and signal call wrappers (user/lib/procs.h). */
#include "procs.h"
#include "ulib.h"

long fork(void) { return syscall0(__NR_fork); }
long wait4(long pid, int *status, long options, void *rusage)
{
	return syscall4(__NR_wait4, pid, status, options, rusage);
}
long kill(long pid, int sig) { return syscall2(__NR_kill, pid, sig); }
long getppid(void) { return syscall0(__NR_getppid); }
long gettid(void) { return syscall0(__NR_gettid); }
long set_tid_address(int *tidptr) { return syscall1(__NR_set_tid_address, tidptr); }
long execve(const char *path, char *const argv[], char *const envp[])
{
	return syscall3(__NR_execve, (long)path, (long)argv, (long)envp);
}
long clone(unsigned long flags, void *newsp, int *parent_tid, unsigned long tls, int *child_tid)
{
	return syscall5(__NR_clone, flags, newsp, parent_tid, tls, child_tid);
}
long rt_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact, unsigned long size)
{
	return syscall4(__NR_rt_sigaction, sig, act, oact, size);
}
long rt_sigprocmask(int how, const sigset64_t *set, sigset64_t *oset, unsigned long size)
{
	return syscall4(__NR_rt_sigprocmask, how, set, oset, size);
}
long rt_sigpending(sigset64_t *set, unsigned long size) { return syscall2(__NR_rt_sigpending, set, size); }
long rt_sigsuspend(const sigset64_t *mask, unsigned long size) { return syscall2(__NR_rt_sigsuspend, mask, size); }
long set_tls(unsigned long v) { return syscall1(__ARM_NR_set_tls, v); }
long get_tls(void) { return syscall0(__ARM_NR_get_tls); }

long sigaction_simple(int sig, void *handler, unsigned long flags, sigset64_t mask)
{
	struct k_sigaction sa = {
		handler, flags | SA_RESTORER, (flags & SA_SIGINFO) ? __restore_rt : __restore, mask,
	};

	return rt_sigaction(sig, &sa, 0, sizeof(sigset64_t));
}

#define STR2(x) #x
#define STR(x) STR2(x)
__asm__(".text\n"
	".globl __restore_rt\n.type __restore_rt, %function\n"
	"__restore_rt:\n\tmov r7, #" STR(__NR_rt_sigreturn) "\n\tsvc #0\n"
	".globl __restore\n.type __restore, %function\n"
	"__restore:\n\tmov r7, #" STR(__NR_sigreturn) "\n\tsvc #0\n");

int checks_failed;

void check(int cond, const char *what, long got, long want)
{
	if (cond) {
		printf("ok - %s\n", what);
		return;
	}
	checks_failed++;
	printf("not ok - %s: got %d (0x%x), want %d (0x%x)\n", what, (int)got, (unsigned int)got, (int)want,
	       (unsigned int)want);
}
