/*
 * Processes: the task and its address space.  This slice runs one user
 * process at a time (pid 1, /init, or whatever rdinit= names), on the
 * CPU the kernel booted on; there is no scheduler queue yet, no fork and
 * no signals (a fatal fault ends the process as SIGSEGV would).
 *
 * A task owns: a first-level table of its own (user half its mappings, the
 * kernel half copied from the kernel's table), an ASID, a kernel stack
 * from vmalloc (its guard page catches an overflow), and the list of its
 * user mappings.  Pages holding file bytes are filled at exec; bss, heap
 * and stack pages come on first touch (mm/memory.c); a fault outside every
 * mapping kills the process.
 */
#ifndef SCHED_H
#define SCHED_H

#include <arch.h>
#include <types.h>

#ifndef EFAULT
#define EFAULT	14
#endif
#ifndef ENOSYS
#define ENOSYS	38
#endif
#ifndef E2BIG
#define E2BIG	7
#endif

#define SIGILL	4
#define SIGKILL	9
#define SIGSEGV	11

#define THREAD_SIZE	8192		/* a task's kernel stack (Linux ARM's THREAD_SIZE) */
#define TASK_COMM_LEN	16
#define MM_MAX_VMAS	8
#define STACK_TOP	TASK_SIZE	/* the initial stack ends where user space does */
#define STACK_SIZE	(8 * 1024 * 1024)	/* Linux's default RLIMIT_STACK; a fixed VMA, paged on demand */

/* The access a user mapping allows. */
#define VM_READ		0x1
#define VM_WRITE	0x2
#define VM_EXEC		0x4

/* One user mapping: [start, end), page aligned; its pages appear on first touch. */
struct vm_area_struct {
	unsigned long vm_start, vm_end;
	unsigned int vm_flags;
};

struct mm_struct {
	u32 *pgd;			/* 16 KiB first-level table, lowmem */
	unsigned int asid;		/* 1..255; 0 is the kernel's own table */
	unsigned int nr_vmas;
	struct vm_area_struct vmas[MM_MAX_VMAS];
	unsigned long start_brk, brk;	/* the heap is [start_brk, PAGE_ALIGN(brk)) */
	unsigned long start_stack;
	unsigned long rss;		/* pages of its own mapped now (the zero page not counted) */
};

/* Callee-saved registers across cpu_switch_to (arch/arm/entry-user.S). */
struct cpu_context {
	u32 r4, r5, r6, r7, r8, r9, r10, r11;
	u32 sp, pc;
};

struct files_struct;
struct fs_struct;

struct task_struct {
	int pid;
	char comm[TASK_COMM_LEN];	/* the program's file name, as Linux's comm */
	struct mm_struct mm;
	void *stack;			/* THREAD_SIZE bytes; struct pt_regs at its top while in user mode */
	phys_addr_t stack_guard_pa;	/* the page under the stack's unmapped guard (kernel/sched.c) */
	struct cpu_context context;
	int exit_code;			/* Linux's wait status: status << 8, or the signal number */
	unsigned long rss_at_exit;	/* mm.rss when it exited */
	struct files_struct *files;	/* open descriptors (include/file.h) */
	struct fs_struct *fs;		/* root and working directory (include/file.h) */
};

/* The task running now, or NULL while the kernel runs for itself (boot, shell). */
extern struct task_struct *current;

/* Leave the current process: free nothing yet, switch back to whoever started it.  Never returns. */
void do_exit(int code) __noreturn;

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
