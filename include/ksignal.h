/*
 * Signals as Linux's ARM ABI has them (arch/arm/include/uapi/asm/signal.h
 * for the numbers and SA_ flags, include/uapi/asm-generic/signal-defs.h
 * for SIG_DFL/SIG_IGN and the sigprocmask "how"): 64 signals, a set is
 * one u64 with bit (sig - 1) for signal sig.  kernel/signal.c sends and
 * delivers them; the pure rules (which signal goes first, what a default
 * action is, how a mask changes) are in kernel/proc_rules.c, where the
 * host tests reach them.
 */
#ifndef KSIGNAL_H
#define KSIGNAL_H

#include <types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32
#define _NSIG		64

#define SIG_DFL		0UL
#define SIG_IGN		1UL

#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	(1u << 28)	/* bit 28, as Linux has it */
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

/* Linux calls it sigset_t; the k keeps it apart from the C library's in the host tests. */
typedef u64 ksigset_t;

static inline ksigset_t sigmask(int sig) { return (ksigset_t)1 << (sig - 1); }

/* What can never be blocked or caught. */
#define SIG_UNBLOCKABLE	(sigmask(SIGKILL) | sigmask(SIGSTOP))

/* One signal's disposition, as rt_sigaction passes it (Linux's struct sigaction on ARM). */
struct k_sigaction {
	unsigned long handler;		/* SIG_DFL, SIG_IGN or the user function (bit 0: Thumb) */
	unsigned long flags;		/* SA_* */
	unsigned long restorer;		/* with SA_RESTORER: the user code that calls (rt_)sigreturn */
	ksigset_t mask;			/* blocked while the handler runs */
};

/* Default actions (Linux's kernel/signal.c sig_kernel_* sets; stopping is not in this kernel). */
enum sig_default {
	SIGDFL_TERM,		/* end the process, status = the signal */
	SIGDFL_CORE,		/* the same (no core file is written, as with RLIMIT_CORE 0) */
	SIGDFL_IGNORE,		/* SIGCHLD, SIGWINCH, SIGURG; SIGCONT continues what is not stopped */
	SIGDFL_STOP,		/* SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU: would stop; ignored here, with a line */
};

/* ---- pure rules (kernel/proc_rules.c) ---- */

/* The default action of signal sig (1.._NSIG). */
enum sig_default sig_default_action(int sig);

/*
 * The signal to deliver next from pending with blocked masked out, or 0:
 * the synchronous ones a fault raises (SIGSEGV, SIGBUS, SIGILL, SIGTRAP,
 * SIGFPE, SIGSYS) first, then the lowest number (Linux's next_signal).
 */
int next_signal(ksigset_t pending, ksigset_t blocked);

/*
 * The mask after rt_sigprocmask(how, set): SIG_BLOCK adds, SIG_UNBLOCK
 * removes, SIG_SETMASK replaces; SIGKILL and SIGSTOP never end up in it.
 * Returns 0, or -EINVAL for another how (*mask unchanged).
 */
int sigprocmask_apply(ksigset_t *mask, int how, ksigset_t set);

/* Linux's wait status: exit code << 8 for an exit, the signal number for a kill (0x80 would say "core dumped"). */
static inline int wait_status_exited(int code) { return (code & 0xff) << 8; }
static inline int wait_status_signaled(int sig) { return sig & 0x7f; }

#endif
