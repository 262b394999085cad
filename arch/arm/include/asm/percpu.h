/*
 * The CPU's own per-CPU offset lives in TPIDRPRW, the PL1-only software
 * thread ID register (ARM ARM B4.1.150), as in Linux's ARM port: user space
 * can neither read nor change it.
 */
#ifndef ASM_PERCPU_H
#define ASM_PERCPU_H

static inline unsigned long __my_cpu_offset(void)
{
	unsigned long off;

	__asm__ volatile("mrc p15, 0, %0, c13, c0, 4" : "=r"(off));
	return off;
}

static inline void set_my_cpu_offset(unsigned long off)
{
	__asm__ volatile("mcr p15, 0, %0, c13, c0, 4" :: "r"(off) : "memory");
}

#endif
