/* Between kernel/sched.c, fork.c, exit.c, execve.c, exec.c and their self-tests. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <sched.h>

struct pt_regs;

/*
 * Load the ELF file [file, file + size) into mm (fresh, empty: not the
 * one running) and fill *regs to enter it with the stack of argv and envp.
 * Returns 0, or a negative error with one line printed; what was mapped is
 * left for the caller's exit_mmap.
 */
int exec_image(struct mm_struct *mm, const void *file, size_t size, const char *path,
	       const char *const argv[], const char *const envp[], struct pt_regs *regs);

/*
 * kernel/sched.c: a task for path (pid, comm, ASID, a kernel stack with its
 * guard page, a page table with an empty user half), or NULL when memory
 * runs out; task_free undoes it whole, user memory included.
 */
struct task_struct *task_create(const char *path);
void task_free(struct task_struct *t);

/* task_create without the address space: for fork, which copies or borrows the parent's. */
struct task_struct *task_alloc(const char *path);

/* An empty address space with an ASID of its own (0, -EAGAIN: no ASID free, -ENOMEM); and its end. */
int mm_create(struct mm_struct *mm);
void mm_destroy(struct mm_struct *mm);

/* A new address space (mm_create) with one user, or NULL; mmput drops a user and frees it after the last. */
struct mm_struct *mm_alloc(void);
void mmput(struct mm_struct *mm);

/*
 * For a process the kernel itself starts (run_user_program, as Linux's
 * kernel_execve): when *f is a `#!` script, *f becomes its interpreter
 * and out[] (max entries and a NULL) the argv binfmt_script makes,
 * pointing into *sb; otherwise out[] is argv.  One level of #! only.
 * 0, or -ENOENT/-EACCES (interpreter), -ENOEXEC (bad #! line), -E2BIG.
 */
struct shebang;
int kernel_exec_script(const char *path, const struct ramfs_file **f, const char *const argv[],
		       const char **out, unsigned int max, struct shebang *sb);

/* Make t (its pt_regs filled) a runnable child of parent. */
void task_start(struct task_struct *t, struct task_struct *parent);

/* Free a zombie (or the running task, once it has switched away) and unlink it from its parent. */
void release_task(struct task_struct *t);

/* The task run_user_program waits for has exited: idle runs at the next switch. */
void sched_wake_idle(void);

/* A vfork child is done with its parent's memory (exec or exit): the parent runs again. */
void vfork_release(struct task_struct *t);

/* sched_lock (kernel/sched.c), for the wait queues of kernel/wait.c. */
void sched_lock_acquire(void);
void sched_lock_release(void);
/* Make t runnable if it sleeps (off its wait queue, queued unless still on a CPU); sched_lock held. */
void try_to_wake_up(struct task_struct *t);

/* Idle's way of waiting: let the runnable tasks run, or wait for an interrupt when there are none. */
void idle_yield(void);

/* The new task's first act (entry-user.S ret_from_fork): free the dead, CLONE_CHILD_SETTID. */
void schedule_tail(void);

/* Errors of these files not in types.h (Linux's include/uapi/asm-generic/errno*.h, linux/errno.h). */
#define EPERM		1
#define ESRCH		3
#define ECHILD		10
#define EAGAIN		11
#define EACCES		13
#define ELOOP		40
#define ERESTARTSYS	512	/* the system call restarts if the handler has SA_RESTART, else -EINTR */
#define ERESTARTNOINTR	513	/* always restarts */
#define ERESTARTNOHAND	514	/* restarts unless a handler ran */

#endif
