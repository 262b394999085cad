/*
 * Kernel entry.  The loader (U-Boot's bootm, or QEMU's -kernel) jumps here
 * with the MMU and data cache off, r0 = 0, r1 = machine type and r2 = the
 * physical address of the DTB (or of an ATAG list when QEMU is given no
 * DTB).  This file builds the initial L1 table, turns the MMU on, moves to
 * the linked virtual address and calls start_kernel; everything after that
 * is C.  The L1 table built here stays the kernel's table: paging_init
 * (mmu.c) later rewrites it in place.
 */
#include <generated/autoconf.h>
#include <asm/hw.h>
#include <asm/enable_mmu.S>
#include <board.h>
#include <boards/vexpress-a9/board.h>

#define FDT_MAGIC_LE	0xedfe0dd0	/* 0xd00dfeed as a little-endian load */
#define SECT_KERNEL	(PMD_TYPE_SECT | PMD_SECT_WBWA | PMD_SECT_KRW)
#define SECT_FDT	(PMD_TYPE_SECT | PMD_SECT_WBWA | PMD_SECT_KRO | PMD_SECT_XN)
#define SECT_DEVICE	(PMD_TYPE_SECT | PMD_SECT_DEV | PMD_SECT_KRW | PMD_SECT_XN)
#define SECT_NORMAL_NX	(PMD_TYPE_SECT | PMD_SECT_WBWA | PMD_SECT_KRW | PMD_SECT_XN)

	.syntax	unified
	.arm
	.section .head.text, "ax"

	.globl	_start
_start:
	/* Keep what the loader passed; mask interrupts; SVC mode. */
	mov	r9, r1				@ r9  = machine type
	mov	r10, r2				@ r10 = loader's r2 (DTB or ATAGs)
	msr	cpsr_c, #(MODE_SVC | PSR_I_BIT | PSR_F_BIT)

	/* Nothing in the caches or TLB may be trusted yet (asm/enable_mmu.S). */
	invalidate_caches_and_tlb

	/*
	 * r4 = physical _start, r5 = PHYS_OFFSET (RAM start), r6 = physical
	 * _end.  Sections need PHYS_OFFSET on a 1 MiB boundary.
	 */
	adr	r4, _start
	sub	r5, r4, #BOARD_TEXT_OFFSET
	ldr	r0, =0x000fffff
	tst	r5, r0
	bne	bad_load_address
	ldr	r0, =_start
	ldr	r1, =_end
	sub	r1, r1, r0
	add	r6, r4, r1

	/*
	 * An appended DTB (the blob concatenated to the image file) sits at
	 * _end and wins over r2.  r7 = DTB physical address, r11 = 1 if
	 * appended.
	 */
	ldr	r0, [r6]
	ldr	r1, =FDT_MAGIC_LE
	cmp	r0, r1
	moveq	r7, r6
	moveq	r11, #1
	movne	r7, r10
	movne	r11, #0

	/* Clear the 16 KiB L1 table at RAM + 16 KiB: r8 = its physical address. */
	add	r8, r5, #BOARD_PGD_OFFSET
	mov	r0, r8
	add	r1, r8, #L1_TABLE_SIZE
	mov	r2, #0
	mov	r3, #0
1:	stmia	r0!, {r2, r3}
	cmp	r0, r1
	blo	1b

	/*
	 * Identity map of the kernel's sections, so the instructions that
	 * turn the MMU on keep running; r0 = section index, r1 = last index.
	 */
	ldr	r3, =SECT_KERNEL
	lsr	r0, r4, #20
	sub	r1, r6, #1
	lsr	r1, r1, #20
2:	orr	r2, r3, r0, lsl #20
	str	r2, [r8, r0, lsl #2]
	add	r0, r0, #1
	cmp	r0, r1
	bls	2b

	/*
	 * RAM from PHYS_OFFSET to the end of the kernel at PAGE_OFFSET:
	 * r0 = physical section address, r1 = its L1 slot, r2 = end.
	 */
	mov	r0, r5
	ldr	r1, =(CONFIG_PAGE_OFFSET >> 18)
	add	r1, r8, r1
	sub	r2, r6, #1
3:	orr	r12, r3, r0
	str	r12, [r1], #4
	add	r0, r0, #0x100000
	cmp	r0, r2
	bls	3b

	/* Two read-only sections at FDT_FIXED_BASE for the DTB, if r7 is word aligned. */
	tst	r7, #3
	bne	4f
	ldr	r3, =SECT_FDT
	lsr	r0, r7, #20
	orr	r2, r3, r0, lsl #20
	ldr	r1, =(FDT_FIXED_BASE >> 18)
	add	r1, r8, r1
	str	r2, [r1], #4
	add	r2, r2, #0x100000
	str	r2, [r1]
4:
	/*
	 * The board's static device map (board.iomap: console, timers), read
	 * through physical addresses: virtual - PAGE_OFFSET + PHYS_OFFSET.
	 * r0 = entry, r1 = entries left, r2 = section descriptor, r3 = its L1
	 * slot, r12 = sections left in the entry, lr = PAGE_OFFSET, then the
	 * entry's memory type.
	 */
	ldr	lr, =CONFIG_PAGE_OFFSET
	ldr	r0, =board
	sub	r0, r0, lr
	add	r0, r0, r5
	ldr	r1, [r0, #BOARD_DESC_NR_IOMAP]
	ldr	r0, [r0, #BOARD_DESC_IOMAP]
	sub	r0, r0, lr
	add	r0, r0, r5
5:	subs	r1, r1, #1
	blt	7f
	ldr	r2, [r0, #BOARD_IOMAP_PHYS]
	ldrb	lr, [r0, #BOARD_IOMAP_TYPE]		@ an enum: its low byte (little-endian) whatever its size
	cmp	lr, #BOARD_MAP_DEVICE_TYPE
	ldreq	lr, =SECT_DEVICE
	ldrne	lr, =SECT_NORMAL_NX
	orr	r2, r2, lr
	ldr	r3, [r0, #BOARD_IOMAP_VIRT]
	add	r3, r8, r3, lsr #18		@ 1 MiB aligned: virt >> 18 = 4 * L1 index
	ldr	r12, [r0, #BOARD_IOMAP_SIZE]
	lsr	r12, r12, #20
6:	str	r2, [r3], #4
	add	r2, r2, #0x100000
	subs	r12, r12, #1
	bne	6b
	add	r0, r0, #BOARD_IOMAP_ENTRY_SIZE
	b	5b
7:

	/* Table walks, domains, SMP coherency bit; then the MMU and caches on (asm/enable_mmu.S). */
	enable_mmu r8, mmu_on

	/* Not loaded at RAM + 32 KiB of a 1 MiB aligned RAM: say so and power off. */
bad_load_address:
	adr	r0, msg_bad_load
	ldr	r1, =V2M_UART0_PHYS
5:	ldrb	r2, [r0], #1
	cmp	r2, #0
	beq	6f
7:	ldr	r3, [r1, #PL011_FR]
	tst	r3, #PL011_FR_TXFF
	bne	7b
	str	r2, [r1, #PL011_DR]
	b	5b
6:	ldr	r1, =V2M_SYSREGS_PHYS
	mov	r0, #0
	str	r0, [r1, #V2M_SYS_CFGDATA]
	ldr	r0, =(SYS_CFGCTRL_START | SYS_CFGCTRL_WRITE | SYS_CFGCTRL_FUNC(SYS_CFG_SHUTDOWN))	@ site 0
	str	r0, [r1, #V2M_SYS_CFGCTRL]
8:	wfi
	b	8b

msg_bad_load:
	.asciz	"\r\nvxmm: not loaded at a 1 MiB aligned RAM start + 0x8000; powering off\r\n"
	.align	2

/*
 * Invalidate the L1 data cache by set and way (ARM ARM B2.2.7); nothing
 * dirty can be in it since the loader cleaned and disabled it.  The L2C-310
 * is off until the kernel enables it.
 * Registers: r0 = way field shift, r1 = set, r2 = ways - 1, r3 = line
 * shift, r4 = way, r5 = set/way operand.  head-smp.S calls it too.
 */
	.globl	invalidate_l1_dcache
invalidate_l1_dcache:
	mov	r0, #0
	mcr	p15, 2, r0, c0, c0, 0		@ CSSELR: level 1 data cache
	isb
	mrc	p15, 1, r0, c0, c0, 0		@ CCSIDR
	ubfx	r1, r0, #13, #15		@ sets - 1
	ubfx	r2, r0, #3, #10			@ ways - 1
	and	r3, r0, #7
	add	r3, r3, #4			@ log2(line bytes)
	clz	r0, r2
1:	mov	r4, r2
2:	lsl	r5, r4, r0
	orr	r5, r5, r1, lsl r3
	mcr	p15, 0, r5, c7, c6, 2		@ DCISW
	subs	r4, r4, #1
	bge	2b
	subs	r1, r1, #1
	bge	1b
	dsb
	bx	lr

	.ltorg

/*
 * Now at the linked virtual address.  Give every exception mode its stack,
 * clear .bss, point VBAR at the vectors and record what the loader passed.
 */
	.text
mmu_on:
	msr	cpsr_c, #(MODE_IRQ | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, =irq_stack_top
	msr	cpsr_c, #(MODE_FIQ | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, =fiq_stack_top
	msr	cpsr_c, #(MODE_ABT | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, =abt_stack_top
	msr	cpsr_c, #(MODE_UND | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, =und_stack_top
	msr	cpsr_c, #(MODE_SVC | PSR_I_BIT | PSR_F_BIT)
	ldr	sp, =svc_stack_top

	ldr	r0, =__bss_start
	ldr	r1, =__bss_stop
	mov	r2, #0
	mov	r3, #0
1:	cmp	r0, r1
	stmialo	r0!, {r2, r3}
	blo	1b

	ldr	r0, =vectors
	mcr	p15, 0, r0, c12, c0, 0		@ VBAR
	mov	r0, #0
	mcr	p15, 0, r0, c13, c0, 4		@ TPIDRPRW: per-CPU offset 0 until setup_per_cpu_areas
	isb

	/* struct arm_boot_info: phys_offset, dtb_phys, machine, loader_r2, appended, pgd_phys. */
	ldr	r0, =arm_boot_info
	stmia	r0, {r5, r7, r9, r10, r11}
	str	r8, [r0, #20]
	ldr	r1, =CONFIG_PAGE_OFFSET
	sub	r1, r1, r5
	ldr	r2, =arch_pv_delta
	str	r1, [r2]
	bl	start_kernel
9:	wfi
	b	9b

	.ltorg
