/*
 * Process and signal calls for our user programs (user/lib/procs.c):
 * thin wrappers that return -errno as the kernel does, Linux's ARM
 * structures, and the restorers a handler returns through.
 */
#ifndef USER_PROCS_H
#define USER_PROCS_H

#include "syscall.h"

#define SIGINT		2
#define SIGILL		4
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGTERM		15
#define SIGCHLD		17
#define SIGSTOP		19
#define SIGWINCH	28

#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_RESTART	(1u << 28)	/* bit 28, as Linux has it */
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000
#define SIG_DFL		((void (*)(int))0)
#define SIG_IGN		((void (*)(int))1)
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define WNOHANG		1

#define CLONE_VM		0x00000100
#define CLONE_VFORK		0x00004000
#define CLONE_THREAD		0x00010000
#define CLONE_SIGHAND		0x00000800
#define CLONE_SETTLS		0x00080000
#define CLONE_CHILD_SETTID	0x01000000

typedef unsigned long long sigset64_t;	/* bit sig - 1 for signal sig: Linux's 64-bit sigset_t */

/* Linux's struct sigaction for rt_sigaction on ARM. */
struct k_sigaction {
	void *handler;
	unsigned long flags;
	void (*restorer)(void);
	sigset64_t mask;
} __attribute__((packed, aligned(4)));

/* The head of Linux's siginfo_t for a signal sent by kill. */
struct siginfo_head {
	int si_signo, si_errno, si_code;
	int si_pid;
	unsigned int si_uid;
};

static inline sigset64_t sigbit(int sig) { return 1ULL << (sig - 1); }

long fork(void);
long wait4(long pid, int *status, long options, void *rusage);
long kill(long pid, int sig);
long getppid(void);
long gettid(void);
long set_tid_address(int *tidptr);
long execve(const char *path, char *const argv[], char *const envp[]);
long clone(unsigned long flags, void *newsp, int *parent_tid, unsigned long tls, int *child_tid);
long rt_sigaction(int sig, const struct k_sigaction *act, struct k_sigaction *oact, unsigned long size);
long rt_sigprocmask(int how, const sigset64_t *set, sigset64_t *oset, unsigned long size);
long rt_sigpending(sigset64_t *set, unsigned long size);
long rt_sigsuspend(const sigset64_t *mask, unsigned long size);
long set_tls(unsigned long v);
long get_tls(void);

/* sigaction with our restorer (SA_RESTORER, as C libraries pass one); flags add to it. */
long sigaction_simple(int sig, void *handler, unsigned long flags, sigset64_t mask);

/* The restorers: rt_sigreturn for SA_SIGINFO handlers, sigreturn for the others (musl's and glibc's way). */
void __restore_rt(void);
void __restore(void);

/* TPIDRURO as user code reads it. */
static inline unsigned long read_tpidruro(void)
{
	unsigned long v;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 3" : "=r"(v));
	return v;
}

/*
 * vfork in the caller's own frame (inline: a wrapper's return in the child
 * would pop the frame the parent returns through).  The child may only
 * call execve or exit.
 */
static inline __attribute__((always_inline)) long vfork(void)
{
	return syscall0(__NR_vfork);
}

/* One check line, Linux's TAP-like style of these programs: ok - what / not ok - what: why. */
extern int checks_failed;
void check(int cond, const char *what, long got, long want);

#endif
