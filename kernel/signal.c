/*
 * Signals: sending (kill, tkill, tgkill, faults), dispositions
 * (rt_sigaction), the mask (rt_sigprocmask, rt_sigpending,
 * rt_sigsuspend), and delivery on the way back to user mode
 * (do_work_pending): a default action, or a handler entered with a
 * signal frame on the user stack laid out as Linux's ARM frame
 * (arch/arm/kernel/signal.c, arch/arm/include/asm/ucontext.h), left
 * through the caller's restorer and (rt_)sigreturn.
 *
 *   user sp before ----------------------------------------------
 *                    (8-byte alignment)
 *   rt frame only:   siginfo (128 bytes)          <- r1
 *                    ucontext: flags, link, stack,  <- r2 (rt)
 *                      sigcontext (r0-r15, cpsr), sigmask,
 *                      regspace: the VFP frame, then 0
 *                    retcode[4]
 *   handler's sp  -> (frame start)
 */
#include <printk.h>
#include <sched.h>
#include <ksignal.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <asm/hw.h>
#include <asm/ptrace.h>
#include <asm/thread.h>

#include "exec.h"

#define PSR_T_BIT		0x00000020
#define PSR_IT_MASK		0x0600fc00	/* IT[1:0] at 26:25, IT[7:2] at 15:10 */
/* What user code may set in its cpsr through a frame: NZCVQ, IT, GE, E and T. */
#define PSR_USER_MASK		(0xf8000000 | PSR_IT_MASK | 0x000f0000 | 0x00000200 | PSR_T_BIT)

#define SI_USER			0
#define SI_KERNEL		0x80

#define VFP_MAGIC		0x56465001	/* arch/arm/include/asm/ucontext.h */

struct sigcontext {
	u32 trap_no, error_code, oldmask;
	u32 arm_r[11];				/* r0-r10 */
	u32 arm_fp, arm_ip, arm_sp, arm_lr, arm_pc, arm_cpsr;
	u32 fault_address;
};

struct vfp_sigframe {
	u32 magic, size;
	u64 fpregs[32];
	u32 fpscr, pad;			/* Linux's struct user_vfp, 8-byte aligned */
	u32 fpexc, fpinst, fpinst2;
} __attribute__((aligned(8)));

struct ucontext {
	u32 uc_flags, uc_link;
	u32 ss_sp, ss_flags, ss_size;
	struct sigcontext uc_mcontext;
	u32 uc_sigmask[2];
	u32 unused[30];
	union {
		u32 uc_regspace[128];
		struct vfp_sigframe vfp;
	} __attribute__((aligned(8)));
};

struct siginfo {
	int si_signo, si_errno, si_code;
	union {
		struct { int pid; u32 uid; } kill;
		u32 addr;
		u32 pad[29];
	};
};

struct sigframe {
	struct ucontext uc;
	u32 retcode[4];
};

struct rt_sigframe {
	struct siginfo info;
	struct sigframe sig;
};

_Static_assert(offsetof(struct ucontext, uc_mcontext) == 20, "Linux's ucontext puts sigcontext at 20");
_Static_assert(offsetof(struct ucontext, uc_regspace) == 232, "Linux's ucontext puts uc_regspace at 232");
_Static_assert(sizeof(struct vfp_sigframe) == 288, "Linux's VFP_STORAGE_SIZE");
_Static_assert(sizeof(struct siginfo) == 128, "Linux's siginfo is 128 bytes");

/* The user's struct sigaction as rt_sigaction passes it on ARM. */
struct user_sigaction {
	u32 handler, flags, restorer;
	u32 mask[2];
};

static bool sig_valid(long sig)
{
	return sig >= 1 && sig <= _NSIG;
}

/* Linux's sig_handler_ignored: SIG_IGN, or SIG_DFL where the default is to ignore. */
static bool handler_ignores(const struct k_sigaction *ka, int sig)
{
	return ka->handler == SIG_IGN || (ka->handler == SIG_DFL && sig_default_action(sig) == SIGDFL_IGNORE);
}

/* A signal dropped when sent: ignored and not blocked (a blocked one stays pending in case that changes). */
static bool sig_ignored(const struct task_struct *t, int sig)
{
	if (sig == SIGKILL || (t->blocked & sigmask(sig)))
		return false;
	return handler_ignores(&t->sighand[sig - 1], sig);
}

void send_sig(int sig, struct task_struct *t)
{
	/* A kernel thread takes no signal, SIGKILL included (Linux's kthreads ignore them all). */
	if (!sig || t->state >= EXIT_ZOMBIE || (t->flags & PF_KTHREAD) || sig_ignored(t, sig))
		return;
	t->pending |= sigmask(sig);
	t->sig_sender[sig - 1] = current ? current->pid : 0;
	if (sig == SIGKILL || !(t->blocked & sigmask(sig)))
		wake_up_process(t);
}

void force_sig(int sig)
{
	struct task_struct *t = current;
	struct k_sigaction *ka = &t->sighand[sig - 1];

	if ((t->blocked & sigmask(sig)) || ka->handler == SIG_IGN) {
		t->blocked &= ~sigmask(sig);
		ka->handler = SIG_DFL;
	}
	send_sig(sig, t);
	t->sig_sender[sig - 1] = 0;	/* from the kernel: SI_KERNEL */
}

int kill_pgrp(int pgid, int sig)
{
	struct task_struct *t;
	bool found = false;

	for_each_process(t) {
		if (t->pgid != pgid || t->state >= EXIT_ZOMBIE)
			continue;
		found = true;
		send_sig(sig, t);
	}
	return found ? 0 : -ESRCH;
}

/* kill(pid, sig): > 0 one process, 0 the caller's group, -1 all but init and the caller, < -1 group -pid. */
long sys_kill(const struct syscall_args *a)
{
	long pid = (long)a->arg[0];
	int sig = (int)a->arg[1];
	struct task_struct *t;
	bool found = false;

	if (sig && !sig_valid(sig))
		return -EINVAL;
	if (pid > 0) {
		t = find_task_by_pid((int)pid);
		if (!t)
			return -ESRCH;
		send_sig(sig, t);
		return 0;
	}
	if (pid == (long)0x80000000)
		return -ESRCH;	/* INT_MIN: Linux refuses to negate it */
	if (pid != -1)
		return kill_pgrp(pid ? (int)-pid : current->pgid, sig);
	for_each_process(t) {
		if (t->pid == 1 || t == current || t->state >= EXIT_ZOMBIE)
			continue;
		found = true;
		send_sig(sig, t);
	}
	return found ? 0 : -ESRCH;
}

/* tkill and tgkill: one thread, which here is one process. */
static long kill_one(int tgid, int tid, int sig)
{
	struct task_struct *t;

	if (tid <= 0 || (tgid != -1 && tgid <= 0))
		return -EINVAL;
	if (sig && !sig_valid(sig))
		return -EINVAL;
	t = find_task_by_pid(tid);
	if (!t || (tgid != -1 && t->pid != tgid))
		return -ESRCH;
	send_sig(sig, t);
	return 0;
}

long sys_tkill(const struct syscall_args *a)
{
	return kill_one(-1, (int)a->arg[0], (int)a->arg[1]);
}

long sys_tgkill(const struct syscall_args *a)
{
	return kill_one((int)a->arg[0], (int)a->arg[1], (int)a->arg[2]);
}

static ksigset_t sigset_from_user(const u32 w[2])
{
	return (((ksigset_t)w[1] << 32) | w[0]) & ~SIG_UNBLOCKABLE;
}

/* rt_sigaction(sig, act, oact, sigsetsize). */
long sys_rt_sigaction(const struct syscall_args *a)
{
	int sig = (int)a->arg[0];
	struct task_struct *t = current;
	struct user_sigaction u;
	struct k_sigaction old;

	if (a->arg[3] != sizeof(ksigset_t) || !sig_valid(sig))
		return -EINVAL;
	if (a->arg[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	old = t->sighand[sig - 1];
	if (a->arg[1]) {
		if (copy_from_user(&u, (const void *)a->arg[1], sizeof(u)))
			return -EFAULT;
		t->sighand[sig - 1] = (struct k_sigaction){ u.handler, u.flags, u.restorer, sigset_from_user(u.mask) };
		if (handler_ignores(&t->sighand[sig - 1], sig))
			t->pending &= ~sigmask(sig);	/* Linux drops a pending signal that is now ignored */
	}
	if (a->arg[2]) {
		u = (struct user_sigaction){ (u32)old.handler, (u32)old.flags, (u32)old.restorer,
					     { (u32)old.mask, (u32)(old.mask >> 32) } };
		if (copy_to_user((void *)a->arg[2], &u, sizeof(u)))
			return -EFAULT;
	}
	return 0;
}

static int put_sigset(unsigned long uaddr, ksigset_t set, size_t size)
{
	u32 w[2] = { (u32)set, (u32)(set >> 32) };

	return copy_to_user((void *)uaddr, w, size) ? -EFAULT : 0;
}

/* rt_sigprocmask(how, set, oset, sigsetsize). */
long sys_rt_sigprocmask(const struct syscall_args *a)
{
	struct task_struct *t = current;
	ksigset_t old = t->blocked, mask = old;
	u32 w[2];

	if (a->arg[3] != sizeof(ksigset_t))
		return -EINVAL;
	if (a->arg[1]) {
		if (copy_from_user(w, (const void *)a->arg[1], sizeof(w)))
			return -EFAULT;
		if (sigprocmask_apply(&mask, (int)a->arg[0], sigset_from_user(w)))
			return -EINVAL;
		t->blocked = mask;
	}
	return a->arg[2] ? put_sigset(a->arg[2], old, sizeof(w)) : 0;
}

/* rt_sigpending(set, sigsetsize): the blocked signals waiting. */
long sys_rt_sigpending(const struct syscall_args *a)
{
	if (a->arg[1] > sizeof(ksigset_t))
		return -EINVAL;
	return put_sigset(a->arg[0], current->pending & current->blocked, a->arg[1]);
}

/* pause(): sleep until a signal is delivered; -EINTR after a handler, restarted after an ignored one. */
long sys_pause(const struct syscall_args *a)
{
	while (!signal_pending_current()) {
		current->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	return -ERESTARTNOHAND;
}

/* rt_sigsuspend(mask, sigsetsize): sleep with mask until a signal is delivered; the old mask comes back after. */
long sys_rt_sigsuspend(const struct syscall_args *a)
{
	struct task_struct *t = current;
	u32 w[2];

	if (a->arg[1] != sizeof(ksigset_t))
		return -EINVAL;
	if (copy_from_user(w, (const void *)a->arg[0], sizeof(w)))
		return -EFAULT;
	t->saved_sigmask = t->blocked;
	t->restore_sigmask = true;
	t->blocked = sigset_from_user(w);
	while (!signal_pending_current()) {
		t->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	return -ERESTARTNOHAND;
}

/* ---- the frame ---- */

static void save_sigcontext(struct sigcontext *sc, const struct pt_regs *regs, ksigset_t mask)
{
	memcpy(sc->arm_r, regs->r, sizeof(sc->arm_r));
	sc->arm_fp = regs->r[11];
	sc->arm_ip = regs->r[12];
	sc->arm_sp = regs->sp;
	sc->arm_lr = regs->lr;
	sc->arm_pc = regs->pc;
	sc->arm_cpsr = regs->cpsr;
	sc->oldmask = (u32)mask;
}

/* The interrupted code's VFP registers, in Linux's vfp_sigframe, for the handler to clobber freely. */
static void save_vfp_frame(struct vfp_sigframe *f)
{
	struct task_struct *t = current;

	vfp_save(&t->vfp);
	f->magic = VFP_MAGIC;
	f->size = sizeof(*f);
	memcpy(f->fpregs, t->vfp.d, sizeof(f->fpregs));
	f->fpscr = t->vfp.fpscr;
	f->fpexc = FPEXC_EN;
}

/* ARM encodings of the frame's fallback return code: mov r7, #nr; svc #0. */
#define MOV_R7(nr)	(0xe3a07000u | (nr))
#define SVC_0		0xef000000u

static void fill_frame(struct rt_sigframe *f, int sig, const struct k_sigaction *ka, const struct pt_regs *regs,
		       ksigset_t oldmask)
{
	bool rt = ka->flags & SA_SIGINFO;

	memset(f, 0, sizeof(*f));
	f->info.si_signo = sig;
	f->info.si_code = current->sig_sender[sig - 1] ? SI_USER : SI_KERNEL;
	f->info.kill.pid = current->sig_sender[sig - 1];
	save_sigcontext(&f->sig.uc.uc_mcontext, regs, oldmask);
	f->sig.uc.uc_sigmask[0] = (u32)oldmask;
	f->sig.uc.uc_sigmask[1] = (u32)(oldmask >> 32);
	save_vfp_frame(&f->sig.uc.vfp);
	f->sig.retcode[0] = MOV_R7(rt ? __NR_rt_sigreturn : __NR_sigreturn);
	f->sig.retcode[1] = SVC_0;
}

/*
 * Push the frame for sig and point regs at the handler: r0 = sig (and
 * for SA_SIGINFO r1 = &info, r2 = &uc), lr = the restorer, Thumb if the
 * handler's bit 0 says so.  0, or -EFAULT when the stack cannot take it.
 */
static int setup_frame(int sig, const struct k_sigaction *ka, struct pt_regs *regs, ksigset_t oldmask)
{
	static struct rt_sigframe kf;	/* 888 bytes off the 8 KiB stack; one CPU, IRQs masked (wait.h) */
	bool rt = ka->flags & SA_SIGINFO;
	const void *src = rt ? (const void *)&kf : (const void *)&kf.sig;
	size_t size = rt ? sizeof(kf) : sizeof(kf.sig);
	unsigned long frame = (regs->sp - size) & ~7UL;

	fill_frame(&kf, sig, ka, regs, oldmask);
	if (regs->sp < size || copy_to_user((void *)frame, src, size))
		return -EFAULT;
	regs->r[0] = (u32)sig;
	if (rt) {
		regs->r[1] = (u32)(frame + offsetof(struct rt_sigframe, info));
		regs->r[2] = (u32)(frame + offsetof(struct rt_sigframe, sig.uc));
	}
	regs->sp = (u32)frame;
	regs->lr = (ka->flags & SA_RESTORER) ? (u32)ka->restorer :
		   (u32)(frame + (rt ? offsetof(struct rt_sigframe, sig.retcode) : offsetof(struct sigframe, retcode)));
	regs->pc = (u32)(ka->handler & ~1UL);
	regs->cpsr &= ~(PSR_T_BIT | PSR_IT_MASK);
	if (ka->handler & 1)
		regs->cpsr |= PSR_T_BIT;
	return 0;
}

/* Back from a handler: the registers and mask of the frame's ucontext at uc_addr.  A bad frame: SIGSEGV. */
static long restore_frame(struct pt_regs *regs, unsigned long uc_addr)
{
	static struct ucontext uc;	/* one CPU, IRQs masked (include/wait.h) */
	struct task_struct *t = current;
	const struct sigcontext *sc = &uc.uc_mcontext;

	t->syscall_restart = 0;		/* whatever r0 the frame holds is not a restart request */
	if ((regs->sp & 7) || copy_from_user(&uc, (const void *)uc_addr, sizeof(uc)) ||
	    uc.vfp.magic != VFP_MAGIC || uc.vfp.size != sizeof(struct vfp_sigframe)) {
		pr_info("%s[%d]: bad signal frame at 0x%08lx; killed by SIGSEGV\n", t->comm, t->pid, uc_addr);
		force_sig(SIGSEGV);
		return (long)regs->r[0];
	}
	memcpy(regs->r, sc->arm_r, sizeof(sc->arm_r));
	regs->r[11] = sc->arm_fp;
	regs->r[12] = sc->arm_ip;
	regs->sp = sc->arm_sp;
	regs->lr = sc->arm_lr;
	regs->pc = sc->arm_pc;
	regs->cpsr = (sc->arm_cpsr & PSR_USER_MASK) | (regs->cpsr & ~PSR_USER_MASK);
	t->blocked = sigset_from_user(uc.uc_sigmask);
	memcpy(t->vfp.d, uc.vfp.fpregs, sizeof(t->vfp.d));
	t->vfp.fpscr = uc.vfp.fpscr;
	vfp_load(&t->vfp);
	return (long)regs->r[0];
}

long sys_sigreturn(const struct syscall_args *a)
{
	struct pt_regs *regs = task_pt_regs(current);

	return restore_frame(regs, regs->sp + offsetof(struct sigframe, uc));
}

long sys_rt_sigreturn(const struct syscall_args *a)
{
	struct pt_regs *regs = task_pt_regs(current);

	return restore_frame(regs, regs->sp + offsetof(struct rt_sigframe, sig.uc));
}

/* ---- delivery ---- */

/*
 * An interrupted system call (its result an -ERESTART* code): with no
 * handler (ka NULL) or one that allows it, run it again (r0 as it came,
 * pc back on the svc); otherwise it fails with -EINTR.
 */
static void handle_restart(struct pt_regs *regs, const struct k_sigaction *ka)
{
	long r = current->syscall_restart;

	if (!r)
		return;
	current->syscall_restart = 0;
	if (ka && (r == -ERESTARTNOHAND || (r == -ERESTARTSYS && !(ka->flags & SA_RESTART)))) {
		regs->r[0] = (u32)-EINTR;
		return;
	}
	regs->r[0] = regs->orig_r0;
	regs->pc -= (regs->cpsr & PSR_T_BIT) ? 2 : 4;
}

void syscall_note_result(long ret)
{
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND)
		current->syscall_restart = ret;
}

/* The default action of sig for the current task. */
static void do_default(int sig)
{
	static bool stop_logged;

	switch (sig_default_action(sig)) {
	case SIGDFL_IGNORE:
		return;
	case SIGDFL_STOP:
		if (!stop_logged)
			pr_info("%s[%d]: signal %d would stop the process; stopping is not supported, ignored\n",
				current->comm, current->pid, sig);
		stop_logged = true;
		return;
	default:
		do_exit(wait_status_signaled(sig));
	}
}

/* Deliver the next pending signal: its default action, or its handler's frame. */
static void do_signal(struct pt_regs *regs)
{
	struct task_struct *t = current;
	int sig = next_signal(t->pending, t->blocked);
	struct k_sigaction *ka = &t->sighand[sig - 1];
	ksigset_t oldmask = t->restore_sigmask ? t->saved_sigmask : t->blocked;

	t->pending &= ~sigmask(sig);
	if (ka->handler == SIG_IGN)
		return;
	if (ka->handler == SIG_DFL) {
		do_default(sig);
		return;
	}
	handle_restart(regs, ka);
	if (setup_frame(sig, ka, regs, oldmask)) {
		pr_info("%s[%d]: cannot push the frame for signal %d at sp 0x%08x; killed by SIGSEGV\n", t->comm,
			t->pid, sig, (unsigned int)regs->sp);
		do_exit(wait_status_signaled(SIGSEGV));
	}
	t->restore_sigmask = false;
	t->blocked |= ka->mask | ((ka->flags & SA_NODEFER) ? 0 : sigmask(sig));
	t->blocked &= ~SIG_UNBLOCKABLE;
	if (ka->flags & SA_RESETHAND)
		ka->handler = SIG_DFL;
}

/* The way back with something to do: switch, signals, a system call's restart, rt_sigsuspend's mask. */
static void __attribute__((noinline)) do_work(struct pt_regs *regs, struct task_struct *t)
{
	for (;;) {
		if (t->need_resched)
			schedule();
		else if (t->pending & ~t->blocked)
			do_signal(regs);
		else
			break;
	}
	handle_restart(regs, NULL);
	if (t->restore_sigmask) {
		t->blocked = t->saved_sigmask;
		t->restore_sigmask = false;
	}
}

/* Fast path: most returns to User mode have nothing to do, and skip do_work's frame. */
static bool work_pending(const struct task_struct *t)
{
	return t->need_resched || (t->pending & ~t->blocked) || t->syscall_restart || t->restore_sigmask;
}

void do_work_pending(struct pt_regs *regs)
{
	struct task_struct *t = current;

	if (work_pending(t))
		do_work(regs, t);
	unlock_kernel();
}
