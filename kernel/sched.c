/*
 * Tasks and the scheduler: making and freeing a task (pid, ASID, kernel
 * stack, page table), one run queue served round-robin, the switch
 * between tasks (registers, address space, VFP, TLS), and the idle task,
 * which is the boot context: it runs the kernel shell, starts programs
 * with run_user_program and waits for them, and waits for interrupts when
 * nothing else can run.  `current` is NULL while idle runs, so code that
 * asks "is there a process?" keeps asking it the same way.
 *
 * A task's kernel stack is a vmalloc area of THREAD_SIZE plus one page,
 * whose lowest page is unmapped while the task lives: running off the
 * bottom faults there instead of writing into the area below.
 *
 *   area start                                            area end
 *   | guard (unmapped) | stack, grows down <-- | pt_regs | (vmalloc's guard after)
 *
 * Everything here runs with IRQs masked (the uniprocessor rule of
 * include/wait.h), so the run queue needs no lock.
 */
#include <arch.h>
#include <cmdline.h>
#include <file.h>
#include <initramfs.h>
#include <irq.h>
#include <mman.h>
#include <mmu_context.h>
#include <printk.h>
#include <proc_rules.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
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

struct task_struct *current;
struct list_head task_list = LIST_HEAD_INIT(task_list);
static struct task_struct idle_task = {
	.pid = 0, .comm = "swapper", .state = TASK_RUNNING,
	.run_list = LIST_HEAD_INIT(idle_task.run_list),
	.wait_entry = LIST_HEAD_INIT(idle_task.wait_entry),
	.children = LIST_HEAD_INIT(idle_task.children),
	.sibling = LIST_HEAD_INIT(idle_task.sibling),
	.wait_chldexit = WAIT_QUEUE_HEAD_INIT(idle_task.wait_chldexit),
};
static struct list_head runqueue = LIST_HEAD_INIT(runqueue);		/* runnable tasks other than the running one, oldest first */
static struct list_head dead_tasks = LIST_HEAD_INIT(dead_tasks);		/* EXIT_DEAD tasks whose stack may still be in use: freed after a switch */
static bool idle_wanted;		/* a task idle waits for has exited: go to idle at the next switch */
static int last_pid;
static u32 asid_used[ASID_COUNT / 32] = { 1 };	/* bit 0: ASID 0, never handed out */


static struct task_struct *running(void)
{
	return current ? current : &idle_task;
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
	if (t->stack)
		stack_free(t);
	if (t->tasks.next)
		list_del(&t->tasks);
	kfree(t);
}

struct task_struct *task_alloc(const char *path)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	const char *base = strrchr(path, '/');

	if (!t)
		return NULL;
	t->pid = alloc_pid();
	snprintf(t->comm, sizeof(t->comm), "%s", base ? base + 1 : path);
	INIT_LIST_HEAD(&t->run_list);
	INIT_LIST_HEAD(&t->wait_entry);
	INIT_LIST_HEAD(&t->children);
	INIT_LIST_HEAD(&t->sibling);
	init_waitqueue_head(&t->wait_chldexit);
	t->state = TASK_RUNNING;
	t->slice = SCHED_SLICE_TICKS;
	t->exit_signal = SIGCHLD;
	t->vfp.fpexc = FPEXC_EN;
	if (!t->pid || stack_alloc(t)) {
		kfree(t);
		return NULL;
	}
	list_add_tail(&t->tasks, &task_list);
	return t;
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

/* The new task starts at ret_from_fork (entry-user.S) on its frame: schedule_tail, then user mode. */
void task_start(struct task_struct *t, struct task_struct *parent)
{
	t->context.sp = (u32)(unsigned long)task_pt_regs(t);
	t->context.pc = (u32)(unsigned long)ret_from_fork;
	t->parent = parent;
	list_add_tail(&t->sibling, &parent->children);
	list_add_tail(&t->run_list, &runqueue);
}

void release_task(struct task_struct *t)
{
	list_del_init(&t->sibling);
	t->state = EXIT_DEAD;
	if (t == running())
		list_add_tail(&t->run_list, &dead_tasks);	/* its stack is in use until the switch */
	else
		task_free(t);
}

/* Called by do_exit: a task idle waits for (run_user_program) has become a zombie. */
void sched_wake_idle(void)
{
	idle_wanted = true;
}

void wake_up_process(struct task_struct *t)
{
	if (t->state != TASK_INTERRUPTIBLE)
		return;
	list_del_init(&t->wait_entry);
	t->state = TASK_RUNNING;
	if (t != running() && t != &idle_task && list_empty(&t->run_list))
		list_add_tail(&t->run_list, &runqueue);
}

/* Free what died on a stack that is no longer in use (Linux's finish_task_switch). */
void schedule_tail(void)
{
	while (!list_empty(&dead_tasks)) {
		struct task_struct *t = list_first_entry(&dead_tasks, struct task_struct, run_list);

		list_del(&t->run_list);
		task_free(t);
	}
	if (current && current->set_child_tid) {
		u32 tid = (u32)current->pid;

		if (copy_to_user((void *)current->set_child_tid, &tid, sizeof(tid)))
			pr_info("%s[%d]: CLONE_CHILD_SETTID address 0x%08lx is not writable; not set\n", current->comm,
				current->pid, current->set_child_tid);
		current->set_child_tid = 0;
	}
}

static void context_switch(struct task_struct *prev, struct task_struct *next)
{
	if (prev != &idle_task)
		vfp_save(&prev->vfp);
	if (next != &idle_task) {
		vfp_load(&next->vfp);
		set_tls_register(next->tp_value);
	}
	switch_mm(next == &idle_task ? NULL : next->mm);
	current = next == &idle_task ? NULL : next;
	cpu_switch_to(&prev->context, &next->context);
	schedule_tail();
}

void schedule(void)
{
	struct task_struct *prev = running(), *next;

	prev->need_resched = false;
	if (prev != &idle_task && prev->state == TASK_RUNNING)
		list_add_tail(&prev->run_list, &runqueue);
	if (idle_wanted || list_empty(&runqueue)) {
		idle_wanted = false;
		next = &idle_task;
	} else {
		next = list_first_entry(&runqueue, struct task_struct, run_list);
		list_del_init(&next->run_list);
	}
	if (next == prev)
		return;
	next->slice = SCHED_SLICE_TICKS;
	context_switch(prev, next);
}

void scheduler_tick(void)
{
	struct task_struct *t = current;

	if (!t)
		return;		/* idle runs only when the run queue is empty, and looks at it itself */
	if (t->slice)
		t->slice--;
	if (!t->slice)
		t->need_resched = true;
}

void idle_yield(void)
{
	if (list_empty(&runqueue))
		arch_idle();
	else
		schedule();
}

static void idle_wait_for_zombie(struct task_struct *t)
{
	while (t->state != EXIT_ZOMBIE)
		idle_yield();
}

#define RUN_MAX_ARGS	32	/* argv of a process the kernel starts, a #! line's two included */

int run_user_program(const char *path, const char *const argv[], const char *const envp[],
		     unsigned long *rss)
{
	static struct shebang sb;	/* the #! line's strings, off the stack: one CPU, IRQs masked */
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
	task_start(t, &idle_task);
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
	if (!populate_rootfs())
		return;
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
}

