/* Between kernel/sched.c, kernel/exec.c and their self-tests. */
#ifndef KERNEL_EXEC_H
#define KERNEL_EXEC_H

#include <sched.h>

struct pt_regs;

/*
 * Load the ELF file [file, file + size) into t's (fresh, empty) address
 * space and fill *regs to enter it with the stack of argv and envp.
 * Returns 0, or a negative error with one line printed; what was mapped is
 * left for the caller's exit_mmap.
 */
int exec_image(struct task_struct *t, const void *file, size_t size, const char *path,
	       const char *const argv[], const char *const envp[], struct pt_regs *regs);

/*
 * kernel/sched.c: a task for path (pid, comm, ASID, a kernel stack with its
 * guard page, a page table with an empty user half), or NULL when memory
 * runs out; task_free undoes it whole, user memory included.
 */
struct task_struct *task_create(const char *path);
void task_free(struct task_struct *t);

#endif
