/*
 * The caches, TLB and branch predictor invalidated, then the MMU switched
 * on, for head.S (the boot CPU) and head-smp.S (each secondary): one
 * sequence, so that both kinds of CPU set the same bits.
 * Table walks through TTBR0 only (TTBCR 0) with the cacheable, shareable
 * walk attributes; every domain a client; ACTLR.SMP (and FW, so that
 * cache and TLB maintenance is broadcast) before the caches go on, as the
 * Cortex-A9 TRM asks (4.3.10); then SCTLR: alignment faults, high vectors,
 * TEX remap and the access flag off, MMU, caches and branch prediction on.
 * Execution goes on at the virtual address `continue` (a literal, loaded
 * before the MMU comes on: the next instruction is still fetched through
 * the identity mapping).  Uses r0, r1 and lr; ttbr is the table's
 * physical address in a register other than those.
 */
#include <asm/hw.h>

/*
 * Before the MMU goes on, on every CPU: nothing in the data cache, the
 * TLB, the instruction cache or the branch predictor may be trusted yet
 * (invalidate_l1_dcache is head.S's).  Uses r0 and lr (and what
 * invalidate_l1_dcache uses).
 */
	.macro	invalidate_caches_and_tlb
	bl	invalidate_l1_dcache
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL
	mcr	p15, 0, r0, c7, c5, 0		@ ICIALLU
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	dsb
	isb
	.endm

	.macro	enable_mmu, ttbr, continue
	mov	r0, #0
	mcr	p15, 0, r0, c2, c0, 2		@ TTBCR: TTBR0 only, 32-bit
	orr	r0, \ttbr, #TTBR_FLAGS
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0
	ldr	r0, =DACR_ALL_CLIENT
	mcr	p15, 0, r0, c3, c0, 0		@ DACR
	mrc	p15, 0, r0, c1, c0, 1		@ ACTLR
	tst	r0, #ACTLR_SMP
	orreq	r0, r0, #(ACTLR_SMP | ACTLR_FW)
	mcreq	p15, 0, r0, c1, c0, 1
	isb
	mrc	p15, 0, r0, c1, c0, 0		@ SCTLR
	ldr	r1, =(SCTLR_A | SCTLR_V | SCTLR_TRE | SCTLR_AFE)
	bic	r0, r0, r1
	ldr	r1, =(SCTLR_M | SCTLR_C | SCTLR_Z | SCTLR_I)
	orr	r0, r0, r1
	ldr	lr, =\continue
	mcr	p15, 0, r0, c1, c0, 0
	isb
	bx	lr
	.endm
