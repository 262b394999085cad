/*
 * Process lifetime for this slice: make a task (pid, kernel stack, page
 * table), exec a file of the initramfs into it, switch to it and back when
 * it exits, then free everything.  One user process runs at a time; the
 * kernel (shell, boot) runs on its own stack and table meanwhile, which
 * run_user_program's cpu_switch_to leaves and returns to.
 *
 * A task's kernel stack is a vmalloc area of THREAD_SIZE plus one page,
 * whose lowest page is unmapped while the task lives: running off the
 * bottom faults there instead of writing into the area below.
 *
 *   area start                                            area end
 *   | guard (unmapped) | stack, grows down <-- | pt_regs | (vmalloc's guard after)
 */
#include <arch.h>
#include <cmdline.h>
#include <file.h>
#include <initramfs.h>
#include <mman.h>
#include <mmu_context.h>
#include <printk.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <vmalloc.h>
#include <asm/ptrace.h>

#include "exec.h"

extern char boot_command_line[];
void cpu_switch_to(struct cpu_context *prev, struct cpu_context *next);
void ret_to_user(void);

struct task_struct *current;
static struct cpu_context kernel_context;	/* where do_exit returns to */
static int last_pid;

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
	if (t->mm.pgd)
		exit_mmap(&t->mm);
	if (t->stack)
		stack_free(t);
	kfree(t);
}

/* A task for path: pid, comm, ASID, kernel stack, then the page table (its kernel half includes the stack). */
struct task_struct *task_create(const char *path)
{
	struct task_struct *t = kzalloc(sizeof(*t), GFP_KERNEL);
	const char *base = strrchr(path, '/');

	if (!t)
		return NULL;
	t->pid = ++last_pid;
	snprintf(t->comm, sizeof(t->comm), "%s", base ? base + 1 : path);
	t->mm.asid = (unsigned int)(t->pid - 1) % 255 + 1;
	if (stack_alloc(t) || pgd_alloc(&t->mm)) {
		task_free(t);
		return NULL;
	}
	return t;
}

int run_user_program(const char *path, const char *const argv[], const char *const envp[],
		     unsigned long *rss)
{
	const struct ramfs_file *f = ramfs_lookup(path);
	struct task_struct *t;
	struct pt_regs *regs;
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
	regs = (struct pt_regs *)((u8 *)t->stack + THREAD_SIZE) - 1;
	err = files_init_console(t) ?: exec_image(t, f->data, f->size, path, argv, envp, regs);
	if (err) {
		task_free(t);
		return err;
	}
	t->context.sp = (u32)(unsigned long)regs;
	t->context.pc = (u32)(unsigned long)ret_to_user;
	current = t;
	switch_mm(&t->mm);
	cpu_switch_to(&kernel_context, &t->context);
	/* do_exit switched back here, to the kernel's table and stack. */
	current = NULL;
	status = t->exit_code;
	if (rss)
		*rss = t->rss_at_exit;
	task_free(t);
	return status;
}

void do_exit(int code)
{
	struct task_struct *t = current;

	t->exit_code = code;
	t->rss_at_exit = t->mm.rss;
	switch_mm(NULL);
	cpu_switch_to(&t->context, &kernel_context);
	panic("do_exit: pid %d ran again after it exited", t->pid);
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
