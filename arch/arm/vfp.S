/*
 * The VFP/NEON register file for user processes (arch/arm/include/asm/thread.h):
 * switching it on, and saving and loading a task's registers at a switch.
 * struct vfp_state (include/sched.h): d0-d31 at 0, FPSCR at 256, FPEXC at 260.
 * The kernel itself is built soft-float and never touches these registers.
 */
	.syntax	unified
	.arm
	.fpu	neon			@ VFPv3 with d16-d31 (Cortex-A9 TRM: the NEON unit option)
	.text

#define CPACR_CP10_CP11_FULL	(0xf << 20)	/* CPACR.cp10 = cp11 = 0b11 (ARM ARM B4.1.40) */
#define FPEXC_EN		(1 << 30)
#define MVFR0_SIMD_REGS_MASK	0xf		/* MVFR0[3:0]: 2 = 32 double registers (B6.1.60) */
#define VFP_FPSCR_OFFSET	256

/* vfp_init: CP10/CP11 open to every mode, then FPEXC.EN; remember whether d16-d31 exist. */
	.globl	vfp_init
vfp_init:
	mrc	p15, 0, r0, c1, c0, 2
	orr	r0, r0, #CPACR_CP10_CP11_FULL
	mcr	p15, 0, r0, c1, c0, 2
	isb
	mov	r0, #FPEXC_EN
	vmsr	fpexc, r0
	vmrs	r0, mvfr0
	and	r0, r0, #MVFR0_SIMD_REGS_MASK
	cmp	r0, #2
	moveq	r0, #1
	movne	r0, #0
	ldr	r1, =vfp_d32
	str	r0, [r1]
	bx	lr

	.globl	vfp_has_d32
vfp_has_d32:
	ldr	r0, =vfp_d32
	ldr	r0, [r0]
	bx	lr

/* vfp_save(r0 = struct vfp_state *): d0-d15, d16-d31 if present, FPSCR. */
	.globl	vfp_save
vfp_save:
	ldr	r1, =vfp_d32
	ldr	r1, [r1]
	vstmia	r0, {d0-d15}
	cmp	r1, #0
	addne	r2, r0, #128
	vstmiane r2, {d16-d31}
	vmrs	r1, fpscr
	str	r1, [r0, #VFP_FPSCR_OFFSET]
	bx	lr

/* vfp_load(r0 = const struct vfp_state *): the reverse. */
	.globl	vfp_load
vfp_load:
	ldr	r1, =vfp_d32
	ldr	r1, [r1]
	vldmia	r0, {d0-d15}
	cmp	r1, #0
	addne	r2, r0, #128
	vldmiane r2, {d16-d31}
	ldr	r1, [r0, #VFP_FPSCR_OFFSET]
	vmsr	fpscr, r1
	bx	lr

	.bss
	.align	2
vfp_d32:
	.word	0
