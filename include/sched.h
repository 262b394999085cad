/*
 * Processes: the task, its address space, its family and its signals.
 * Tasks run round-robin from one run queue on every CPU (kernel/sched.c);
 * each CPU has an idle task, and CPU 0's is the boot context, which also
 * runs the kernel shell.  Process state is the big kernel lock's
 * (kernel_lock below).  fork, exit and wait4 are kernel/fork.c and
 * kernel/exit.c, signals kernel/signal.c, execve kernel/execve.c.
 *
 * A task owns: a first-level table of its own (user half its mappings, the
 * kernel half copied from the kernel's table), an ASID, a kernel stack
 * from vmalloc (its guard page catches an overflow), and the list of its
 * user mappings.  Pages holding file bytes are filled at exec; bss, heap
 * and stack pages come on first touch (mm/memory.c); a fault outside every
 * mapping sends SIGSEGV.
 */
#ifndef SCHED_H
#define SCHED_H

#include <arch.h>
#include <list.h>
#include <percpu.h>
#include <spinlock.h>
#include <mm_types.h>
#include <ksignal.h>
#include <types.h>
#include <wait.h>

#ifndef EFAULT
#define EFAULT	14
#endif
#ifndef ENOSYS
#define ENOSYS	38
#endif
#ifndef E2BIG
#define E2BIG	7
#endif

#define THREAD_SIZE	8192		/* a task's kernel stack (Linux ARM's THREAD_SIZE) */
#define TASK_COMM_LEN	16
#define STACK_TOP	TASK_SIZE	/* the initial stack ends where user space does */
#define STACK_SIZE	(8 * 1024 * 1024)	/* Linux's default RLIMIT_STACK; a fixed VMA, paged on demand */

/* Callee-saved registers across cpu_switch_to (arch/arm/entry-user.S). */
struct cpu_context {
	u32 r4, r5, r6, r7, r8, r9, r10, r11;
	u32 sp, pc;
};

/*
 * Task states (Linux's values).  A TASK_RUNNING task is either current or
 * on the run queue; a TASK_INTERRUPTIBLE one sleeps on a wait queue (or
 * nowhere, in rt_sigsuspend) until wake_up_process; a zombie has exited
 * and keeps its task_struct, kernel stack and wait status until its parent
 * reaps it; EXIT_DEAD is being freed.
 */
#define TASK_RUNNING		0
#define TASK_INTERRUPTIBLE	1
#define EXIT_ZOMBIE		16
#define EXIT_DEAD		32

#define SCHED_SLICE_TICKS	10	/* round-robin slice: 10 ticks of 10 ms */

/* The VFP/NEON registers of a task (arch/arm/vfp.S saves and loads them at every switch). */
struct vfp_state {
	u64 d[32];
	u32 fpscr;
	u32 fpexc;
};
struct files_struct;
struct fs_struct;

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN];	/* the program's file name, as Linux's comm */
	struct mm_struct *mm;		/* its address space (NULL for idle and once it has exited), shared by a vfork child */
	void *stack;			/* THREAD_SIZE bytes; struct pt_regs at its top while in user mode */
	phys_addr_t stack_guard_pa;	/* the page under the stack's unmapped guard (kernel/sched.c) */
	struct cpu_context context;
	int exit_code;			/* Linux's wait status: status << 8, or the signal number */
	unsigned long rss_at_exit;	/* mm.rss when it exited */

	/* scheduling (kernel/sched.c) */
	int state;			/* TASK_RUNNING ... EXIT_DEAD above */
	bool need_resched;		/* set by scheduler_tick: switch on the way back to user mode */
	bool on_cpu;			/* a CPU runs on its stack: from being picked until that CPU has switched away */
	unsigned int cpu;		/* the CPU it runs or last ran on (/proc/<pid>/stat) */
	unsigned long nvcsw, nivcsw;	/* switches away asleep / still runnable (preempted): /proc/<pid>/status */
	unsigned int slice;		/* ticks left of its round-robin slice */
	struct list_head run_list;	/* on the run queue while runnable and not running */
	struct list_head wait_entry;	/* on a wait queue while sleeping there */
	struct list_head tasks;		/* every task but idle: for_each_process */

	/* family (kernel/fork.c, kernel/exit.c) */
	struct task_struct *parent;	/* reaps it; NULL: the kernel frees it when it exits */
	struct list_head children;	/* its children, by their sibling entry */
	struct list_head sibling;
	int exit_signal;		/* sent to the parent at exit (clone's CSIGNAL byte) */
	int pgid;			/* process group, inherited (kill(0) and kill(-pgid)) */
	int sid;			/* session, inherited; setsid makes a new one */
	struct wait_queue_head wait_chldexit;	/* it sleeps here in wait4 */
	struct task_struct *vfork_parent;	/* set while it runs on that parent's memory (vfork) */
	bool vfork_waiting;		/* the parent's side: its vfork child has not exec'ed or exited yet */
	unsigned long set_child_tid, clear_child_tid;	/* user addresses (CLONE_CHILD_*, set_tid_address) */

	/* signals (kernel/signal.c) */
	ksigset_t pending, blocked;
	int sig_sender[_NSIG];		/* the pid that sent each pending signal (0: the kernel), for siginfo */
	ksigset_t saved_sigmask;		/* rt_sigsuspend's mask to put back after the handler */
	bool restore_sigmask;
	long syscall_restart;		/* an -ERESTART* the last system call returned, until a signal decides */
	struct k_sigaction sighand[_NSIG];

	/* arch state switched with the task */
	unsigned long tp_value;		/* TPIDRURO, the user TLS register (set_tls) */
	struct vfp_state vfp;

	/* identity and limits (kernel/sys_misc.c) */
	unsigned int umask_xor_default;	/* umask ^ 022, so a zeroed new task has Linux's 022 (task_umask) */
	unsigned long robust_list;	/* set_robust_list's head (user address), kept for the futex work */
	struct files_struct *files;	/* open descriptors (include/file.h) */
	struct fs_struct *fs;		/* root and working directory (include/file.h) */

	/* kernel threads (kernel/kthread.c) and timed sleeps (kernel/wait.c) */
	unsigned int flags;		/* PF_KTHREAD */
	int (*kthread_fn)(void *data);	/* what a kernel thread runs, with kthread_data */
	void *kthread_data;
	unsigned long timeout_expires;	/* jiffies at which a timed sleep ends (wait_event_timeout) */
	struct list_head timeout_entry;	/* on the timed sleepers' list while such a sleep lasts */
};

/* Linux's flag value: a kernel thread, which has no user address space and never returns to User mode. */
#define PF_KTHREAD	0x00200000

#define UMASK_DEFAULT	0022

static inline unsigned int task_umask(const struct task_struct *t)
{
	return t->umask_xor_default ^ UMASK_DEFAULT;
}

static inline void task_set_umask(struct task_struct *t, unsigned int mask)
{
	t->umask_xor_default = (mask & 0777) ^ UMASK_DEFAULT;
}

/* The task running now on this CPU, or NULL while its idle task (on CPU 0: boot, kernel shell) runs. */
DECLARE_PER_CPU(struct task_struct *, current_task);
#define current this_cpu_read(current_task)

/*
 * The big kernel lock (kernel/sched.c says what it protects): held from
 * each entry from User mode to the return, and across schedule().  Never
 * in an interrupt handler.  lock_kernel spins with IRQs let in between
 * tries; both are a few instructions when the lock is free.
 */
extern spinlock_t kernel_lock;
void lock_kernel_slow(void);

static inline void lock_kernel(void)
{
	if (!spin_trylock(&kernel_lock))
		lock_kernel_slow();
}

static inline void unlock_kernel(void)
{
	spin_unlock(&kernel_lock);
}

/*
 * CPU 0's idle task (the shell, kernel_init_user) holding the lock while
 * it works with processes: its waits (idle_yield) then let it go and take
 * it back; without it they only wait.
 */
void idle_lock_kernel(void);
void idle_unlock_kernel(void);
/* Wait up to a second for every process to end and every dead task to be freed; true if none is left. */
bool sched_free_dead_tasks(void);
/* True if no process's page tables can change meanwhile (compaction's rule: include/compaction.h). */
bool user_mappings_stable(void);

/* The pt_regs a task's user mode was entered from, at the top of its kernel stack (asm/ptrace.h). */
#define task_pt_regs(t)	((struct pt_regs *)((u8 *)(t)->stack + THREAD_SIZE) - 1)

/* ---- the scheduler (kernel/sched.c) ---- */

/*
 * Switch to the next runnable task, or to this CPU's idle task; returns
 * when this task is picked again (on any CPU).  Called with kernel_lock
 * held, which the next task carries on with.
 */
void schedule(void);

/* IPI_RESCHEDULE's work (arch/arm/smp.c): the running task, if any, switches at its return to User mode. */
void scheduler_ipi(void);

/* A secondary CPU, once up, becomes its idle task here: runs queued tasks, else waits in WFI. */
void cpu_idle_loop(void) __noreturn;

/* Make a sleeping task runnable (off its wait queue, onto the run queue).  Callable from IRQ handlers. */
void wake_up_process(struct task_struct *t);

/*
 * A kernel thread's task (kernel/kthread.c calls it): pid, comm, no mm, on
 * the given THREAD_SIZE stack (kept for ever: kernel threads never exit);
 * asleep (TASK_INTERRUPTIBLE, on no queue) until wake_up_process, then it
 * starts at entry on whichever CPU picks it, holding kernel_lock as every
 * task in the kernel does.  NULL if there is no memory or no pid.
 */
struct task_struct *kthread_task_create(const char *comm, void (*entry)(void), void *stack);

/* Each CPU's timer tick (every 10 ms): the task running there uses up its slice, then need_resched. */
void scheduler_tick(void);

/*
 * Called by ret_to_user (arch/arm/entry-user.S) before user mode resumes,
 * kernel_lock held: switch if asked, deliver signals; releases kernel_lock.
 */
struct pt_regs;
void do_work_pending(struct pt_regs *regs);

/* The live or zombie task with this pid, or NULL. */
struct task_struct *find_task_by_pid(int pid);

/* Every task but idle, zombies included, in creation order: for_each_process(t) { ... }. */
extern struct list_head task_list;
#define for_each_process(t) \
	for (t = list_first_entry(&task_list, struct task_struct, tasks); &t->tasks != &task_list; \
	     t = list_first_entry(&t->tasks, struct task_struct, tasks))

/* ---- exit (kernel/exit.c) and signals (kernel/signal.c) ---- */

/*
 * End the current process with wait status code: its memory is freed, its
 * children go to init (or the kernel), its parent gets exit_signal and
 * reaps the zombie with wait4.  Never returns.
 */
void do_exit(int code) __noreturn;

/* Send sig (1.._NSIG; 0 sends nothing) to t, waking it if it sleeps and does not block sig. */
void send_sig(int sig, struct task_struct *t);

/* Send sig to every live process of group pgid: 0, or -ESRCH if there is none (kill(-pgid), the tty's ^C). */
int kill_pgrp(int pgid, int sig);

/* A fault's signal to the current task: unblocked and back to SIG_DFL first if it was blocked or ignored. */
void force_sig(int sig);

/*
 * Run the program at path as a new process with argv[] (NULL-terminated)
 * and the environment envp[], until it exits; returns its wait status
 * (exit status << 8, or the killing signal), or a negative error when it
 * could not start (every reason printed on one line).  *rss (if rss is not
 * NULL) gets the pages it had resident when it exited.
 */
int run_user_program(const char *path, const char *const argv[], const char *const envp[],
		     unsigned long *rss);

/*
 * After boot: unpack the initramfs (if the loader passed one) and run
 * /init, or rdinit=<path>, as pid 1; print how it ended.  Returns, so that
 * the kernel shell runs next (we fall back to the shell where Linux would
 * panic with "Attempted to kill init!").
 */
void kernel_init_user(void);

#endif
