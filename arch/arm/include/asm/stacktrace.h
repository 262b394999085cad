/*
 * Return addresses of the calls that led here, for lockdep's reports
 * (kernel/lockdep.c), by following the frame-pointer chain that GCC keeps
 * in ARM state with -fno-omit-frame-pointer (the Makefile's KERNEL_CFLAGS).
 * Every non-leaf function's prologue is "push {..., fp, lr}; add fp, sp,
 * #n", so fp points at the saved lr and the word below it is the caller's fp:
 *
 *   higher addresses   | lr  |  <- fp      return address into the caller
 *                      | fp' |  <- fp - 4  the caller's fp
 *
 * Frames lie at rising addresses within one kernel stack (THREAD_SIZE, or
 * the boot and exception stacks, which are smaller), so the walk stops at
 * the first fp that does not rise by less than that, or that is not a
 * kernel address (an entry from User mode saves the user's fp).
 */
#ifndef ASM_STACKTRACE_H
#define ASM_STACKTRACE_H

#include <types.h>

#define ARCH_STACK_SPAN	8192	/* the largest kernel stack (include/sched.h's THREAD_SIZE) */

/*
 * Fill entries[0..max) with return addresses starting at the frame fp (a
 * __builtin_frame_address(0) of some function: entries[0] is where that
 * function returns to); returns how many were found.
 */
static inline unsigned int arch_stack_walk(unsigned long fp, unsigned long *entries, unsigned int max,
					   unsigned long kernel_start)
{
	unsigned int n = 0;

	while (n < max && fp >= kernel_start && !(fp & 3)) {
		unsigned long next = *(const unsigned long *)(fp - 4);

		entries[n++] = *(const unsigned long *)fp;
		if (next <= fp || next - fp >= ARCH_STACK_SPAN)
			break;
		fp = next;
	}
	return n;
}

#endif
