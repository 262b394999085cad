/* The register frame the exception entry stubs (vectors.S) save. */
#ifndef ASM_PTRACE_H
#define ASM_PTRACE_H

#include <types.h>

struct pt_regs {
	u32 r[13];
	u32 sp;
	u32 lr;
	u32 pc;		/* the faulting instruction (or the next one, for IRQ/SVC) */
	u32 cpsr;	/* of the interrupted code */
	u32 orig_r0;	/* a system call's r0 on entry, for a restart after a signal (Linux's ARM_ORIG_r0) */
};

enum arm_exception_kind {
	EXC_RESET, EXC_UNDEF, EXC_SVC, EXC_PABT, EXC_DABT, EXC_IRQ, EXC_FIQ,
};

void arm_exception(struct pt_regs *regs, unsigned int kind);

#endif
