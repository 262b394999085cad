/*
 * Exception vectors and entry stubs.  Every vector loads its handler's
 * address from the table right behind the eight entries, so the 64 bytes
 * from `vectors` can be copied to the high-vector page unchanged.  An
 * entry stub saves a struct pt_regs (ptrace.h) on its mode's stack and
 * calls arm_exception(regs, kind) in fault.c; if that returns, the
 * interrupted code resumes at regs->pc.  An exception from User mode goes
 * to <name>_usr in entry-user.S instead, before anything is saved.
 */
#include <asm/hw.h>

	.syntax	unified
	.arm
	.text
	.align	5
	.globl	vectors
vectors:
	ldr	pc, [pc, #24]			@ 0x00 reset
	ldr	pc, [pc, #24]			@ 0x04 undefined instruction
	ldr	pc, [pc, #24]			@ 0x08 supervisor call
	ldr	pc, [pc, #24]			@ 0x0c prefetch abort
	ldr	pc, [pc, #24]			@ 0x10 data abort
	ldr	pc, [pc, #24]			@ 0x14 (unused)
	ldr	pc, [pc, #24]			@ 0x18 IRQ
	ldr	pc, [pc, #24]			@ 0x1c FIQ
	.word	entry_reset
	.word	entry_undef
	.word	entry_svc
	.word	entry_pabt
	.word	entry_dabt
	.word	entry_reset
	.word	entry_irq
	.word	entry_fiq
	.globl	vectors_end
vectors_end:

/*
 * Save the interrupted context as struct pt_regs (r0-r12, sp, lr, pc,
 * cpsr) on this mode's stack.  \adj is how far lr is past the faulting or
 * next instruction.  The banked sp and lr are read by stepping into the
 * interrupted mode (System mode for User) with interrupts masked.
 */
	.macro	entry name, adj, kind
\name:
	str	r0, [sp, #-4]			@ from User mode: entry-user.S builds the frame
	mrs	r0, spsr
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_USR
	ldr	r0, [sp, #-4]
	beq	\name\()_usr
	sub	lr, lr, #\adj
	sub	sp, sp, #72
	stmia	sp, {r0-r12}
	str	lr, [sp, #60]			@ pc
	mrs	r1, spsr
	str	r1, [sp, #64]			@ cpsr
	mrs	r2, cpsr
	and	r3, r1, #MODE_MASK
	cmp	r3, #MODE_USR
	moveq	r3, #MODE_SYS
	orr	r3, r3, #(PSR_I_BIT | PSR_F_BIT)
	msr	cpsr_c, r3
	mov	r4, sp
	mov	r5, lr
	msr	cpsr_c, r2
	str	r4, [sp, #52]			@ sp of the interrupted mode
	str	r5, [sp, #56]			@ lr of the interrupted mode
	mov	r0, sp
	mov	r1, #\kind
	bl	arm_exception
	ldr	r1, [sp, #64]
	msr	spsr_cxsf, r1
	ldr	lr, [sp, #60]
	ldmia	sp, {r0-r12}
	add	sp, sp, #72
	movs	pc, lr
	.endm

	entry	entry_reset, 0, 0
	entry	entry_undef, 4, 1
	entry	entry_svc, 4, 2
	entry	entry_pabt, 4, 3
	entry	entry_dabt, 8, 4
	entry	entry_fiq, 4, 6

/*
 * An IRQ: from User mode to entry_irq_usr (entry-user.S); from the kernel,
 * which unmasks IRQs only to wait for one (include/irq.h: arch_idle), the
 * handler runs in SVC mode on the interrupted stack.  srsdb pushes the
 * return address and SPSR there, the caller-saved registers and lr_svc
 * follow, sp is made 8-byte aligned for the C call (AAPCS) with the
 * adjustment kept below it, and rfeia returns to the interrupted code.
 */
entry_irq:
	str	r0, [sp, #-4]
	mrs	r0, spsr
	and	r0, r0, #MODE_MASK
	cmp	r0, #MODE_USR
	ldr	r0, [sp, #-4]
	beq	entry_irq_usr
	sub	lr, lr, #4
	srsdb	sp!, #MODE_SVC
	cps	#MODE_SVC
	push	{r0-r3, r12, lr}
	and	r1, sp, #4
	sub	sp, sp, r1
	push	{r1, r2}			@ r1 the adjustment, r2 padding
	bl	handle_irq
	pop	{r1, r2}
	add	sp, sp, r1
	pop	{r0-r3, r12, lr}
	rfeia	sp!

/* Stacks for the exception modes. */
	.bss
	.align	3
	.globl	irq_stack_base
irq_stack_base:
	.space	4096
	.globl	irq_stack_top
irq_stack_top:
	.space	1024
	.globl	fiq_stack_top
fiq_stack_top:
	.space	8192
	.globl	abt_stack_top
abt_stack_top:
	.space	8192
	.globl	und_stack_top
und_stack_top:

/*
 * The kernel (SVC) stack, 16 KiB, in its own pages with one guard page
 * below it that paging_init (mmu.c) leaves unmapped: running off the
 * bottom is a data abort at the guard, which fault.c reports as a kernel
 * stack overflow.  The abort handler runs on the ABT stack above, and the
 * entry stubs only read the SVC sp, so the report itself cannot fault.
 *
 *   svc_stack_guard   svc_stack_base                     svc_stack_top
 *   | guard (4 KiB)   | stack (16 KiB), grows down  <--  |
 */
	.section .bss.svc_stack, "aw", %nobits
	.align	12
	.globl	svc_stack_guard
svc_stack_guard:
	.space	4096
	.globl	svc_stack_base
svc_stack_base:
	.space	16384
	.globl	svc_stack_top
svc_stack_top:
