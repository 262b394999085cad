/*
 * Tasks and the scheduler: making and freeing a task (pid, ASID, kernel
 * stack, page table), one run queue that every CPU serves round-robin, the
 * switch between tasks (registers, address space, VFP, TLS), and one idle
 * task per CPU.  CPU 0's idle task is the boot context: it runs the kernel
 * shell, starts programs with run_user_program and waits for them; each
 * secondary's is the context it came up in (cpu_idle_loop).  An idle task
 * runs tasks from the queue, and waits for an interrupt when there are
 * none.  `current` (per CPU) is NULL while idle runs, so code that asks
 * "is there a process?" keeps asking it the same way.
 *
 * A task's kernel stack is a vmalloc area of THREAD_SIZE plus one page,
 * whose lowest page is unmapped while the task lives: running off the
 * bottom faults there instead of writing into the area below.
 *
 *   area start                                            area end
 *   | guard (unmapped) | stack, grows down <-- | pt_regs | (vmalloc's guard after)
 *
 * The locks, in the order they nest (nothing else is taken inside sched_lock):
 *   kernel_lock  the big kernel lock (Linux 2.0's): every process's state
 *                but the scheduler's (the task list, pids, ASIDs, families,
 *                signals, files, pipes, the tty, address spaces).  Taken on
 *                every entry from User mode (arch/arm/traps.c) and by an
 *                idle task before it looks at processes; released on the way
 *                back to User mode (do_work_pending) and by idle before it
 *                waits.  Held across cpu_switch_to: the next task carries on
 *                with it.  Interrupt handlers never take it.
 *   sched_lock   the run queue, each task's state and on_cpu, every wait
 *                queue's list, idle_wanted.  Taken by interrupt handlers too
 *                (wake_up); held across cpu_switch_to as Linux's rq->lock,
 *                released by the next task in finish_task_switch.
 * The allocators have their own locks and need neither.
 */
#include <arch.h>
#include <cmdline.h>
#include <compaction.h>
#include <file.h>
#include <initramfs.h>
#include <irq.h>
#include <ktime.h>
#include <lockdep.h>
#include <mman.h>
#include <mmu_context.h>
#include <printk.h>
#include <proc_rules.h>
#include <sched.h>
#include <slab.h>
#include <smp.h>
#include <spinlock.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <vmalloc.h>
#include <asm/ptrace.h>
#include <asm/thread.h>

#include "exec.h"

extern char boot_command_line[];
void cpu_switch_to(struct cpu_context *prev, struct cpu_context *next);
void ret_from_fork(void);

_Static_assert(offsetof(struct vfp_state, fpscr) == 256, "arch/arm/vfp.S stores FPSCR at 256");

#define PID_MAX		32768	/* Linux's default pid_max */
#define ASID_COUNT	256	/* 8-bit ASIDs (CONTEXTIDR.ASID, ARM ARM B4.1.36); 0 is the kernel's */

DEFINE_SPINLOCK(kernel_lock);
static DEFINE_SPINLOCK(sched_lock);
DEFINE_PER_CPU(struct task_struct *, current_task);
static DEFINE_PER_CPU(struct task_struct *, switched_from);	/* prev of the switch this CPU is finishing */
struct list_head task_list = LIST_HEAD_INIT(task_list);

#define IDLE_TASK_INIT(t, name) {						\
	.pid = 0, .comm = name, .state = TASK_RUNNING, .on_cpu = true,		\
	.run_list = LIST_HEAD_INIT((t).run_list),				\
	.wait_entry = LIST_HEAD_INIT((t).wait_entry),				\
	.timeout_entry = LIST_HEAD_INIT((t).timeout_entry),			\
	.children = LIST_HEAD_INIT((t).children),				\
	.sibling = LIST_HEAD_INIT((t).sibling),					\
	.wait_chldexit = WAIT_QUEUE_HEAD_INIT((t).wait_chldexit),		\
}
_Static_assert(NR_CPUS == 4, "one idle task initialiser per CPU");
static struct task_struct idle_tasks[NR_CPUS] = {
	IDLE_TASK_INIT(idle_tasks[0], "swapper/0"), IDLE_TASK_INIT(idle_tasks[1], "swapper/1"),
	IDLE_TASK_INIT(idle_tasks[2], "swapper/2"), IDLE_TASK_INIT(idle_tasks[3], "swapper/3"),
};
static struct list_head runqueue = LIST_HEAD_INIT(runqueue);		/* runnable tasks not running, oldest first */
static struct list_head dead_tasks = LIST_HEAD_INIT(dead_tasks);	/* EXIT_DEAD tasks whose stack may still be in use */
static bool idle_wanted;		/* a task CPU 0's idle waits for has exited: idle runs there at its next switch */
static volatile unsigned long idle_cpus;	/* CPUs whose idle task waits in WFI for work: IPI_RESCHEDULE wakes one */
static int last_pid;
static u32 asid_used[ASID_COUNT / 32] = { 1 };	/* bit 0: ASID 0, never handed out */

static struct task_struct *idle_task_of(unsigned int cpu)
{
	return &idle_tasks[cpu];
}

static bool is_idle_task(const struct task_struct *t)
{
	return t->pid == 0;
}

static struct task_struct *running(void)
{
	return current ? current : idle_task_of(smp_processor_id());
}

void lock_kernel_slow(void)
{
	/*
	 * Another CPU holds it.  Open IRQs for a moment each round (the holder
	 * may be waiting for this CPU: smp_call_function's IPI), and WFE until
	 * an unlock's SEV (or an interrupt) instead of spinning: under QEMU's
	 * -icount a spinning CPU would eat the holder's share of the clock.
	 */
	while (!spin_trylock(&kernel_lock))
		__asm__ volatile("cpsie i\n\twfe\n\tcpsid i" ::: "memory", "cc");
}

static bool idle0_locked;	/* CPU 0's idle holds kernel_lock (idle_lock_kernel) */

void idle_lock_kernel(void)
{
	lock_kernel();
	idle0_locked = true;
}

void idle_unlock_kernel(void)
{
	idle0_locked = false;
	unlock_kernel();
}

/*
 * Whether no process's page tables or VMAs can change while this CPU
 * works on them: this CPU holds kernel_lock, or no process exists yet.
 * Told without an owner field on the lock's fast path: a task in the
 * kernel holds it from entry to return (but not in an interrupt handler,
 * which runs before the entry takes it, and smp_call_function's work runs
 * in one); an idle task holds it only on CPU 0, in idle_lock_kernel's
 * span; and before the first process (the boot's self-tests) CPU 0 is
 * alone with the page tables.
 */
bool user_mappings_stable(void)
{
	if (in_irq())
		return false;
	if (current)
		return true;
	return smp_processor_id() == 0 && (idle0_locked || list_empty(&task_list));
}

struct task_struct *find_task_by_pid(int pid)
{
	struct task_struct *t;

	for_each_process(t)
		if (t->pid == pid)
			return t;
	return NULL;
}

/* The next free pid after the last one given, wrapping to 2 (1 is init's) at PID_MAX; 0 if all are taken. */
static int alloc_pid(void)
{
	for (int n = 0; n < PID_MAX; n++) {
		int pid = last_pid + 1 + n;

		if (pid >= PID_MAX)
			pid = pid - PID_MAX + 2;
		if (!find_task_by_pid(pid)) {
			last_pid = pid;
			return pid;
		}
	}
	return 0;
}

static unsigned int asid_alloc(void)
{
	for (unsigned int a = 1; a < ASID_COUNT; a++)
		if (!(asid_used[a / 32] & (1u << (a % 32)))) {
			asid_used[a / 32] |= 1u << (a % 32);
			return a;
		}
	return 0;
}

static void asid_free(unsigned int asid)
{
	asid_used[asid / 32] &= ~(1u << (asid % 32));
}

int mm_create(struct mm_struct *mm)
{
	memset(mm, 0, sizeof(*mm));
	mm->asid = asid_alloc();
	if (!mm->asid)
		return -EAGAIN;
	if (pgd_alloc(mm)) {
		asid_free(mm->asid);
		mm->asid = 0;
		return -ENOMEM;
	}
	return 0;
}

void mm_destroy(struct mm_struct *mm)
{
	if (!mm->pgd)
		return;
	exit_mmap(mm);
	asid_free(mm->asid);
	mm->asid = 0;
}

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kmalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	if (mm_create(mm)) {
		kfree(mm);
		return NULL;
	}
	mm->mm_users = 1;
	return mm;
}

void mmput(struct mm_struct *mm)
{
	if (!mm || --mm->mm_users)
		return;
	mm_destroy(mm);
	kfree(mm);
}

static int stack_alloc(struct task_struct *t)
{
	u8 *area = vmalloc(THREAD_SIZE + PAGE_SIZE);
	unsigned int flags;
	phys_addr_t pa;

	if (!area)
		return -ENOMEM;
	if (!arch_query((unsigned long)area, &pa, &flags)) {
		vfree(area);
		return -ENOMEM;
	}
	arch_clear_pte_flush((unsigned long)area);
	t->stack_guard_pa = pa;
	t->stack = area + PAGE_SIZE;
	return 0;
}

/* Map the guard page back, so that vfree finds the area as vmalloc made it. */
static void stack_free(struct task_struct *t)
{
	u8 *area = (u8 *)t->stack - PAGE_SIZE;

	if (arch_set_pte_flush((unsigned long)area, t->stack_guard_pa, ARCH_MAP_CACHED | ARCH_MAP_NX))
		panic("sched: cannot map back the stack guard page of pid %d at 0x%08lx", t->pid, (unsigned long)area);
	vfree(area);
}

void task_free(struct task_struct *t)
{
	files_exit(t);
	mmput(t->mm);
	t->mm = NULL;
	if (t->stack && !(t->flags & PF_KTHREAD))
		stack_free(t);	/* a kernel thread's is kmalloc's, and kept: kernel threads never exit */
	if (t->tasks.next)
		list_del(&t->tasks);
	kfree(t);
}

/* A task for path on the given stack, or on a new vmalloc one (stack NULL). */
static struct task_struct *task_new(const char *path, void *stack)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	const char *base = strrchr(path, '/');

	if (!t)
		return NULL;
	t->pid = alloc_pid();
	snprintf(t->comm, sizeof(t->comm), "%s", base ? base + 1 : path);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->wait_entry);
	INIT_LIST_HEAD(&t->timeout_entry);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	init_waitqueue_head(&t->wait_chldexit);
	t->state = TASK_RUNNING;
	t->slice = SCHED_SLICE_TICKS;
	t->exit_signal = SIGCHLD;
	t->vfp.fpexc = FPEXC_EN;
	t->stack = stack;
	if (!t->pid || (!stack && stack_alloc(t))) {
		kfree(t);
		return NULL;
	}
	list_add_tail(&t->tasks, &task_list);
	return t;
}

struct task_struct *task_alloc(const char *path)
{
	return task_new(path, NULL);
}

/* A task for path: pid, comm, kernel stack, then the ASID and page table (its kernel half includes the stack). */
struct task_struct *task_create(const char *path)
{
	struct task_struct *t = task_alloc(path);

	if (t && !(t->mm = mm_alloc())) {
		task_free(t);
		return NULL;
	}
	return t;
}

struct task_struct *kthread_task_create(const char *comm, void (*entry)(void), void *stack)
{
	struct task_struct *t = task_new(comm, stack);

	if (!t)
		return NULL;
	t->flags = PF_KTHREAD;
	t->state = TASK_INTERRUPTIBLE;	/* on no queue: wake_up_process queues it (Linux leaves it asleep too) */
	t->context.sp = (u32)(unsigned long)task_pt_regs(t);	/* no User mode: the frame's room is unused */
	t->context.pc = (u32)(unsigned long)entry;
	return t;
}

/* Whether a process (a task that is not a kernel thread) is still in the task list. */
static bool user_process_exists(void)
{
	struct task_struct *t;

	for_each_process(t)
		if (!(t->flags & PF_KTHREAD))
			return true;
	return false;
}

/*
 * Wake one CPU whose idle task waits for work, if there is one (Linux's
 * resched_curr on an idle CPU).  The idle task sets its bit, then looks at
 * the queue once more before WFI; the waker queues, then reads the bits:
 * one of the two sees the other.  Called with sched_lock held.
 */
static void kick_idle_cpu(void)
{
	unsigned long mask = __atomic_load_n(&idle_cpus, __ATOMIC_SEQ_CST);
	unsigned int self = smp_processor_id();

	mask &= ~(1UL << self);
	if (mask)
		smp_send_reschedule((unsigned int)__builtin_ctzl(mask));
}

/* Called with sched_lock held: t runnable, at the queue's tail, an idle CPU told. */
static void enqueue_task(struct task_struct *t)
{
	list_add_tail(&t->run_list, &runqueue);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	kick_idle_cpu();
}

/* The new task starts at ret_from_fork (entry-user.S) on its frame: schedule_tail, then user mode. */
void task_start(struct task_struct *t, struct task_struct *parent)
{
	t->context.sp = (u32)(unsigned long)task_pt_regs(t);
	t->context.pc = (u32)(unsigned long)ret_from_fork;
	t->parent = parent;
	list_add_tail(&t->sibling, &parent->children);
	spin_lock(&sched_lock);
	enqueue_task(t);
	spin_unlock(&sched_lock);
}

void release_task(struct task_struct *t)
{
	bool in_use;

	list_del_init(&t->sibling);
	spin_lock(&sched_lock);
	t->state = EXIT_DEAD;
	in_use = t == running() || t->on_cpu;
	spin_unlock(&sched_lock);
	if (in_use)
		list_add_tail(&t->run_list, &dead_tasks);	/* its stack is in use until its CPU switches away */
	else
		task_free(t);
}

/* Called by do_exit: a task CPU 0's idle waits for (run_user_program) has become a zombie. */
void sched_wake_idle(void)
{
	spin_lock(&sched_lock);
	idle_wanted = true;
	spin_unlock(&sched_lock);
	if (smp_processor_id() != 0)
		smp_send_reschedule(0);
}

void sched_lock_acquire(void)
{
	spin_lock(&sched_lock);
}

void sched_lock_release(void)
{
	spin_unlock(&sched_lock);
}

void try_to_wake_up(struct task_struct *t)
{
	if (t->state != TASK_INTERRUPTIBLE)
		return;
	list_del_init(&t->wait_entry);
	t->state = TASK_RUNNING;
	/*
	 * A task still on a CPU (it has not yet switched away, or it is idle)
	 * is not queued: its own schedule sees TASK_RUNNING and keeps it
	 * runnable.  Queuing it would let another CPU run it on the stack its
	 * CPU still uses.
	 */
	if (!t->on_cpu && list_empty(&t->run_list))
		enqueue_task(t);
}

void wake_up_process(struct task_struct *t)
{
	spin_lock(&sched_lock);
	try_to_wake_up(t);
	spin_unlock(&sched_lock);
}

/*
 * The second half of a switch, on the next task's side with sched_lock
 * still held (Linux's finish_task_switch): the task switched away from no
 * longer runs on this CPU's stack, so another CPU may pick it now.
 */
static void finish_task_switch(void)
{
	struct task_struct *prev = this_cpu_read(switched_from);

	prev->on_cpu = false;
	spin_unlock(&sched_lock);
}

/* Free the dead whose stacks no CPU runs on any more; called with kernel_lock held. */
static void free_dead_tasks(void)
{
	struct list_head *pos = dead_tasks.next, *next;

	for (; pos != &dead_tasks; pos = next) {
		struct task_struct *t = list_entry(pos, struct task_struct, run_list);

		next = pos->next;
		if (__atomic_load_n(&t->on_cpu, __ATOMIC_ACQUIRE))
			continue;
		list_del(&t->run_list);
		task_free(t);
	}
}

/*
 * Every process gone and every dead task's stack and task_struct freed,
 * waiting (a second at most) for orphans still exiting on other CPUs and
 * for the CPUs still switching away from the dead: what the shell's exec
 * does before it counts free pages, since a child reaped on one CPU while
 * its own CPU was leaving it is otherwise freed only at some CPU's next
 * switch.  Called by CPU 0's idle with kernel_lock held; true if none is left.
 */
bool sched_free_dead_tasks(void)
{
	u64 start = ktime_get_ns();

	/* An orphan the program left (no init to take it) still exiting on another CPU: let it finish. */
	while (user_process_exists() && ktime_get_ns() - start < NSEC_PER_SEC)
		idle_yield();
	free_dead_tasks();
	while (!list_empty(&dead_tasks) && ktime_get_ns() - start < NSEC_PER_SEC) {
		__asm__ volatile("" ::: "memory");	/* the other CPU clears on_cpu in finish_task_switch */
		free_dead_tasks();
	}
	return list_empty(&dead_tasks);
}

/* The new task's first act (ret_from_fork), and every switch's last: free the dead, CLONE_CHILD_SETTID. */
void schedule_tail(void)
{
	finish_task_switch();
	free_dead_tasks();
	if (current && current->set_child_tid) {
		u32 tid = (u32)current->pid;

		if (copy_to_user((void *)current->set_child_tid, &tid, sizeof(tid)))
			pr_info("%s[%d]: CLONE_CHILD_SETTID address 0x%08lx is not writable; not set\n", current->comm,
				current->pid, current->set_child_tid);
		current->set_child_tid = 0;
	}
}

/* TTBR0 and CONTEXTIDR are this CPU's own (switch_mm writes them here), as are the VFP and TLS registers. */
static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	if (!is_idle_task(prev))
		vfp_save(&prev->vfp);
	if (!is_idle_task(next)) {
		vfp_load(&next->vfp);
		set_tls_register(next->tp_value);
	}
	switch_mm(is_idle_task(next) ? NULL : next->mm);
	this_cpu_write(current_task, is_idle_task(next) ? NULL : next);
	this_cpu_write(switched_from, prev);
	cpu_switch_to(&prev->context, &next->context);
	schedule_tail();
}

/*
 * The next task for this CPU, with sched_lock held: idle on CPU 0 if it is
 * wanted there, else the oldest queued task that no CPU runs on (prev may
 * be it: queued just now, still on this CPU), else this CPU's idle task.
 */
static bool still_runnable(const struct task_struct *t)
{
	return !is_idle_task(t) && t->state == TASK_RUNNING;
}

/*
 * The next task for this CPU, with sched_lock held: idle on CPU 0 if it is
 * wanted there, else the oldest queued task that no CPU runs on, else prev
 * if it can go on, else this CPU's idle task.  prev is queued only when
 * another task takes its place, so the queue never holds a task that is
 * picked straight back (the idle CPUs peek at it without the lock).
 */
static struct task_struct *pick_next_task(unsigned int cpu, struct task_struct *prev)
{
	if (cpu == 0 && idle_wanted) {
		idle_wanted = false;
		return idle_task_of(0);
	}
	for (struct list_head *pos = runqueue.next; pos != &runqueue; pos = pos->next) {
		struct task_struct *t = list_entry(pos, struct task_struct, run_list);

		if (!t->on_cpu) {
			list_del_init(&t->run_list);
			return t;
		}
	}
	return still_runnable(prev) ? prev : idle_task_of(cpu);
}

void schedule(void)
{
	unsigned int cpu = smp_processor_id();
	struct task_struct *prev = running(), *next;

	might_sleep();
	spin_lock(&sched_lock);
	prev->need_resched = false;
	next = pick_next_task(cpu, prev);
	if (next == prev) {
		spin_unlock(&sched_lock);
		return;
	}
	if (still_runnable(prev)) {
		prev->nivcsw++;
		if (list_empty(&prev->run_list))
			list_add_tail(&prev->run_list, &runqueue);
	} else if (!is_idle_task(prev)) {
		prev->nvcsw++;
	}
	next->slice = SCHED_SLICE_TICKS;
	next->on_cpu = true;
	next->cpu = cpu;
	context_switch(prev, next);
}

void scheduler_tick(void)
{
	struct task_struct *t = current;

	if (smp_processor_id() == 0)
		wake_up_timeouts(jiffies);	/* CPU 0's tick counts jiffies (kernel/time.c) */
	if (!t)
		return;		/* idle runs only when the run queue is empty, and looks at it itself */
	if (t->slice)
		t->slice--;
	if (!t->slice)
		t->need_resched = true;
}

/* IPI_RESCHEDULE: a task was queued (an idle CPU leaves WFI and looks) or CPU 0's idle is wanted. */
void scheduler_ipi(void)
{
	if (current)
		current->need_resched = true;
}

/* A look without sched_lock (the caller takes it if the answer is yes): volatile reads, never cached. */
static bool runqueue_has_work(void)
{
	return *(struct list_head *volatile *)&runqueue.next != &runqueue ||
	       (smp_processor_id() == 0 && *(volatile bool *)&idle_wanted);
}

/*
 * An idle task's wait, kernel_lock not held: announce this CPU idle, look
 * at the queue once more, and WFI unless it has work.
 */
static void idle_wait(void)
{
	unsigned long bit = 1UL << smp_processor_id();

	__atomic_fetch_or(&idle_cpus, bit, __ATOMIC_SEQ_CST);
	if (!runqueue_has_work())
		arch_idle();
	__atomic_fetch_and(&idle_cpus, ~bit, __ATOMIC_SEQ_CST);
}

/* A secondary's idle task, for ever: run what is queued, else wait for an interrupt. */
void __noreturn cpu_idle_loop(void)
{
	this_cpu_write(current_task, NULL);
	vfp_init();	/* CPACR and FPEXC are each CPU's own: tasks that run here use the VFP */
	for (;;) {
		if (runqueue_has_work()) {
			lock_kernel();
			schedule();
			unlock_kernel();
		}
		idle_wait();
	}
}

/*
 * CPU 0's idle (the shell, run_user_program) waiting with kernel_lock
 * held: let the runnable tasks run, or wait for an interrupt without the
 * lock.  Another CPU's idle task asked to wait (an smp_call_function
 * callback, in interrupt context) only pauses: it must not switch.
 */
void idle_yield(void)
{
	if (smp_processor_id() != 0) {
		for (volatile int i = 0; i < 1000; i++)
			;
		return;
	}
	if (!idle0_locked) {
		idle_wait();	/* no process is waited for: a shell command's own wait */
		return;
	}
	if (runqueue_has_work()) {
		schedule();
		return;
	}
	unlock_kernel();
	idle_wait();
	lock_kernel();
}

static void idle_wait_for_zombie(struct task_struct *t)
{
	while (t->state != EXIT_ZOMBIE)
		idle_yield();
}

/* getcpu(cpu, node, tcache): the CPU the caller runs on, node 0 (one memory node); either pointer may be NULL. */
long sys_getcpu(const struct syscall_args *a)
{
	u32 cpu = smp_processor_id(), node = 0;

	if (a->arg[0] && copy_to_user((void *)a->arg[0], &cpu, sizeof(cpu)))
		return -EFAULT;
	if (a->arg[1] && copy_to_user((void *)a->arg[1], &node, sizeof(node)))
		return -EFAULT;
	return 0;
}

#define RUN_MAX_ARGS	32	/* argv of a process the kernel starts, a #! line's two included */

int run_user_program(const char *path, const char *const argv[], const char *const envp[],
		     unsigned long *rss)
{
	static struct shebang sb;	/* the #! line's strings, off the stack: only CPU 0's idle runs this */
	const struct ramfs_file *f = ramfs_lookup(path);
	const char *args[RUN_MAX_ARGS + 1];
	struct task_struct *t;
	int err, status;

	if (!f) {
		pr_err("exec: %s: no such file in the initramfs\n", path);
		return -ENOENT;
	}
	t = task_create(path);
	if (!t) {
		pr_err("exec: %s: no memory for a new process\n", path);
		return -ENOMEM;
	}
	err = files_init_console(t) ?: kernel_exec_script(path, &f, argv, args, ARRAY_SIZE(args) - 1, &sb) ?:
	      exec_image(t->mm, f->data, f->size, path, args, envp, task_pt_regs(t));
	if (err) {
		task_free(t);
		return err;
	}
	t->pgid = t->sid = t->pid;	/* a session and group of its own, as init's */
	task_start(t, idle_task_of(0));
	idle_wait_for_zombie(t);
	status = t->exit_code;
	if (rss)
		*rss = t->rss_at_exit;
	release_task(t);
	return status;
}

/* rdinit=<path> from the command line (the last one wins, as in Linux), or "/init". */
static void init_path(char *buf, size_t size)
{
	const char *p = boot_command_line;

	snprintf(buf, size, "/init");
	while (*p) {
		size_t n = 0;

		while (*p == ' ')
			p++;
		while (p[n] && p[n] != ' ')
			n++;
		if (n > 7 && !strncmp(p, "rdinit=", 7))
			snprintf(buf, size, "%.*s", (int)(n - 7), p + 7);
		p += n;
	}
}

void kernel_init_user(void)
{
	static const char *const envp[] = { "HOME=/", "TERM=linux", NULL };
	char path[64];
	int status;

	vfp_init();
	/*
	 * Kernel threads take the pids after init's 1, as in Linux (whose
	 * kernel_init is pid 1 and starts them): made before init here, so
	 * that they run with or without an initramfs.
	 */
	last_pid = 1;
	kcompactd_run();
	last_pid = 0;
	if (!populate_rootfs())
		return;
	idle_lock_kernel();
	zero_page_init();
	init_path(path, sizeof(path));
	const char *const argv[] = { path, NULL };
	pr_info("Run %s as init process\n", path);
	status = run_user_program(path, argv, envp, NULL);
	if (status < 0)
		pr_err("init: %s could not run (error %d); back to the kernel shell\n", path, status);
	else if (status & 0x7f)
		pr_err("init: %s (pid 1) killed by signal %d; back to the kernel shell\n", path, status & 0x7f);
	else
		pr_info("init: %s (pid 1) exited with status %d; back to the kernel shell\n", path, status >> 8);
	idle_unlock_kernel();
}

