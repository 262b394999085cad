/*
 * The first code the CPU runs from NOR flash at reset, placed at flash 0 offset 0
 * (which the board aliases at address 0, the Cortex-A9 reset vector) by scripts/mknor.
 *
 * U-Boot for vexpress_ca9x4 is linked to run in RAM at its CONFIG_TEXT_BASE and is not
 * position independent, so it cannot run where it sits in flash. This copies it from
 * its flash slot to that address and jumps there, as a boot monitor would.
 *
 * All four cores of the A9x4 leave reset here. Cores other than 0 wait in WFE until
 * the system register SYS_FLAGS holds an entry address, the holding pen that
 * Linux-style SMP bring-up on this board writes to (arch/arm/smp.c). They wait in a
 * copy of the pen in the motherboard's PSRAM, not in flash: U-Boot puts flash 0 in
 * CFI query mode while it probes it, and a core fetching its pen from flash then runs
 * whatever the query returns (seen under QEMU: the secondaries started U-Boot too).
 * Addresses come from the board header (boards/vexpress-a9/board.h), the one place
 * board addresses are written.
 *
 * Built by scripts/mknor with -DUBOOT_FLASH=<address> -DUBOOT_RAM=<address>
 * -DUBOOT_SIZE=<bytes>; linked at 0, and it only uses absolute addresses, so it runs
 * from the alias at 0 as well as from 0x40000000.
 */
	.syntax unified
	.arm
	.global _start

#include "../boards/vexpress-a9/board.h"

#define MPIDR_CPU_MASK	0x3		/* MPIDR bits [1:0]: CPU number in the cluster */
/* SYS_FLAGS reads at the offset where writes set its bits (V2M-P1 TRM 4.3, SYS_FLAGSSET). */
#define V2M_SYS_FLAGS	(V2M_SYSREGS_PHYS + V2M_SYS_FLAGSSET)

_start:
	mrc	p15, 0, r0, c0, c0, 5	/* r0 = MPIDR */
	ands	r0, r0, #MPIDR_CPU_MASK
	bne	secondary

	/* r0 = source in flash, r1 = destination in RAM, r2 = bytes left (>0 while copying) */
	ldr	r0, =UBOOT_FLASH
	ldr	r1, =UBOOT_RAM
	ldr	r2, =UBOOT_SIZE
copy:
	ldmia	r0!, {r3-r10}
	stmia	r1!, {r3-r10}
	subs	r2, r2, #32
	bgt	copy
	ldr	pc, =UBOOT_RAM

	/* Copy the pen to PSRAM and wait there: r0 = source, r1 = destination, r2 = end. */
secondary:
	adr	r0, pen
	ldr	r1, =V2M_PSRAM_PEN_PHYS
	adr	r2, pen_end
1:	ldr	r3, [r0], #4
	str	r3, [r1], #4
	cmp	r0, r2
	blo	1b
	dsb
	isb
	ldr	pc, =V2M_PSRAM_PEN_PHYS
	.ltorg

	/* Position independent; r1 = entry address read from SYS_FLAGS, zero: keep waiting. */
pen:
	wfe
	ldr	r1, pen_flags
	ldr	r1, [r1]
	cmp	r1, #0
	beq	pen
	bx	r1
pen_flags:
	.word	V2M_SYS_FLAGS
pen_end:
