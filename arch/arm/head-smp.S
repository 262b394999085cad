/*
 * Where a secondary CPU enters the kernel: the boot address smp.c writes to
 * SYS_FLAGS (V2M-P1 TRM 4.3.5), jumped to with the MMU and caches off by
 * QEMU's secondary boot stub or scripts/nor-boot.S's pen.  Every waiting
 * core leaves its pen when SYS_FLAGS is set, so each one waits here again,
 * in the kernel's own pen, until secondary_pen holds its CPU number; then it
 * turns the MMU on (as head.S does for CPU 0, through a copy of the kernel's
 * table that also maps this code at its physical address), moves to the
 * kernel's table and its own stacks, and calls secondary_start_kernel.
 */
#include <generated/autoconf.h>
#include <asm/hw.h>
#include <asm/enable_mmu.S>
#include <asm/smp.h>

#define MPIDR_CPU_MASK	0x3		/* MPIDR bits [1:0]: CPU ID in the cluster (Cortex-A9 TRM 4.3.5) */

	.syntax	unified
	.arm
	.text

	.globl	secondary_startup
secondary_startup:
	msr	cpsr_c, #(MODE_SVC | PSR_I_BIT | PSR_F_BIT)
	invalidate_caches_and_tlb

	/*
	 * r4 = this CPU's number, r5 = physical minus virtual address of this
	 * code (so r5 + a symbol is where it is now), r6 = secondary_pen's
	 * physical address.
	 */
	mrc	p15, 0, r4, c0, c0, 5		@ MPIDR
	and	r4, r4, #MPIDR_CPU_MASK
	adr	r5, secondary_startup
	ldr	r0, =secondary_startup
	sub	r5, r5, r0
	ldr	r6, =secondary_pen
	add	r6, r6, r5

	/*
	 * The kernel's pen: the caches are off, so the load sees memory, where
	 * smp.c cleaned the pen's line to after writing it.
	 */
1:	ldr	r0, [r6]
	cmp	r0, r4
	beq	2f
	wfe
	b	1b

	/* r7 = physical struct secondary_data (asm/smp.h), which smp.c also cleaned. */
2:	ldr	r7, =secondary_data
	add	r7, r7, r5

	/* As head.S: walks, domains, the SMP bit before the caches; then the MMU on (asm/enable_mmu.S). */
	ldr	r2, [r7, #SECONDARY_IDMAP_PGD]
	enable_mmu r2, secondary_mmu_on

	.ltorg

/*
 * At the linked address, still on the table with the identity section:
 * switch to the kernel's own table (the identity section may hide lowmem,
 * so nothing in lowmem is touched before), then every mode's stack.
 * r4 = CPU number, r7 = secondary_data at its virtual address.
 */
	.text
secondary_mmu_on:
	ldr	r7, =secondary_data
	ldr	r0, [r7, #SECONDARY_PGD]
	orr	r0, r0, #TTBR_FLAGS
	mcr	p15, 0, r0, c2, c0, 0		@ TTBR0: the kernel's table
	isb
	mov	r0, #0
	mcr	p15, 0, r0, c8, c7, 0		@ TLBIALL (this CPU: no one else used the copy)
	mcr	p15, 0, r0, c7, c5, 6		@ BPIALL
	dsb
	isb
	msr	cpsr_c, #(MODE_IRQ | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, [r7, #SECONDARY_IRQ_SP]
	msr	cpsr_c, #(MODE_FIQ | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, [r7, #SECONDARY_FIQ_SP]
	msr	cpsr_c, #(MODE_ABT | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, [r7, #SECONDARY_ABT_SP]
	msr	cpsr_c, #(MODE_UND | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, [r7, #SECONDARY_UND_SP]
	msr	cpsr_c, #(MODE_SVC | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, [r7, #SECONDARY_SVC_SP]
	ldr	r0, [r7, #SECONDARY_PERCPU_OFFSET]
	mcr	p15, 0, r0, c13, c0, 4		@ TPIDRPRW: this CPU's per-CPU offset
	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR
	isb
	mov	r0, r4
	bl	secondary_start_kernel
3:	wfi
	b	3b

	.ltorg
