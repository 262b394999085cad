/*
 * The host's stand-in for arch/arm/include/asm/stacktrace.h: the host
 * compiler's frames are not ARM's, so no walk; lockdep's reports print an
 * empty stack and the host tests check everything else.
 */
#ifndef ASM_STACKTRACE_H
#define ASM_STACKTRACE_H

static inline unsigned int arch_stack_walk(unsigned long fp, unsigned long *entries, unsigned int max,
					   unsigned long kernel_start)
{
	(void)fp;
	(void)entries;
	(void)max;
	(void)kernel_start;
	return 0;
}

#endif
