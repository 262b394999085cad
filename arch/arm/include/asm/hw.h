/*
 * ARMv7-A (Cortex-A9) register and descriptor bits used by arch/arm, named
 * after the ARM Architecture Reference Manual ARMv7-A/R (ARM DDI 0406C).
 * Usable from assembly.  Only arch/arm includes this.
 */
#ifndef ASM_HW_H
#define ASM_HW_H

/* Processor modes and CPSR mask bits (B1.3.1). */
#define MODE_USR	0x10
#define MODE_FIQ	0x11
#define MODE_IRQ	0x12
#define MODE_SVC	0x13
#define MODE_ABT	0x17
#define MODE_UND	0x1b
#define MODE_SYS	0x1f
#define MODE_MASK	0x1f
#define PSR_F_BIT	0x40
#define PSR_I_BIT	0x80
#define PSR_A_BIT	0x100

/* SCTLR bits (B4.1.130). */
#define SCTLR_M		(1 << 0)	/* MMU enable */
#define SCTLR_A		(1 << 1)	/* alignment checking */
#define SCTLR_C		(1 << 2)	/* data and unified caches */
#define SCTLR_Z		(1 << 11)	/* branch prediction */
#define SCTLR_I		(1 << 12)	/* instruction cache */
#define SCTLR_V		(1 << 13)	/* high exception vectors at 0xffff0000 */
#define SCTLR_TRE	(1 << 28)	/* TEX remap */
#define SCTLR_AFE	(1 << 29)	/* access flag enable */

/* Cortex-A9 ACTLR bits (Cortex-A9 TRM 4.3.10). */
#define ACTLR_FW	(1 << 0)	/* cache and TLB maintenance broadcast */
#define ACTLR_SMP	(1 << 6)	/* take part in coherency */

/* TTBR0 walk attributes with the multiprocessing extensions (B4.1.154). */
#define TTBR_IRGN_WBWA	(1 << 6)	/* inner write-back write-allocate (IRGN = 01) */
#define TTBR_S		(1 << 1)	/* shareable walks */
#define TTBR_RGN_WBWA	(1 << 3)	/* outer write-back write-allocate (RGN = 01) */
#define TTBR_NOS	(1 << 5)	/* inner shareable */
#define TTBR_FLAGS	(TTBR_IRGN_WBWA | TTBR_S | TTBR_RGN_WBWA | TTBR_NOS)

/*
 * DFSR and IFSR, short-descriptor format (B4.1.52, B4.1.96): the fault
 * status is FS[4] (bit 10) above FS[3:0] (bits 3:0).
 */
#define FSR_FS_LOW_MASK	0xf
#define FSR_FS4		(1 << 10)
#define FSR_WNR		(1 << 11)	/* DFSR: the access was a write */
#define FSR_EXT		(1 << 12)	/* external abort type (AXI slave error) */

/* The first-level translation table: 4096 word entries, one per 1 MiB (B3.5.1). */
#define L1_TABLE_SIZE	0x4000

/* DACR: every domain a client, so the descriptors' AP bits are checked. */
#define DACR_ALL_CLIENT	0x55555555

/*
 * Short-descriptor first-level entries (B3.5.1):
 *
 *  31        20 19 18 17 16 15 14 12 11 10 9 8    5 4  3 2 1 0
 * +------------+--+--+--+--+---+-----+-----+-+------+--+-+-+---+
 * | section PA |NS| 0|nG| S|APX| TEX | AP  | |domain|XN|C|B|1 0|  section
 * +------------+--+--+--+--+---+-----+-----+-+------+--+-+-+---+
 * | L2 table base address (1 KiB aligned)  | |domain| 0|NS|0|0 1|  page table
 * +----------------------------------------+-+------+--+--+-+---+
 */
#define PMD_TYPE_MASK	3
#define PMD_TYPE_FAULT	0
#define PMD_TYPE_TABLE	1
#define PMD_TYPE_SECT	2
#define PMD_SECT_B	(1 << 2)
#define PMD_SECT_C	(1 << 3)
#define PMD_SECT_XN	(1 << 4)
#define PMD_SECT_AP0	(1 << 10)
#define PMD_SECT_AP1	(1 << 11)
#define PMD_SECT_TEX0	(1 << 12)
#define PMD_SECT_APX	(1 << 15)
#define PMD_SECT_S	(1 << 16)
#define PMD_SECT_nG	(1 << 17)
#define PMD_SECT_AP_SHIFT	10	/* AP[1:0] */
#define PMD_SECT_TEX_SHIFT	12	/* TEX[2:0] */
#define PMD_TABLE_MASK	0xfffffc00	/* L2 table base address */

/* Normal memory, inner and outer write-back write-allocate: TEX=001 C=1 B=1. */
#define PMD_SECT_WBWA	(PMD_SECT_TEX0 | PMD_SECT_C | PMD_SECT_B | PMD_SECT_S)
/* Shareable device memory: TEX=000 C=0 B=1. */
#define PMD_SECT_DEV	(PMD_SECT_B)
/* Privileged read/write, no user access: APX=0 AP=01. */
#define PMD_SECT_KRW	(PMD_SECT_AP0)
/* Privileged read-only, no user access: APX=1 AP=01. */
#define PMD_SECT_KRO	(PMD_SECT_APX | PMD_SECT_AP0)

/*
 * Short-descriptor second-level small page entries (B3.5.1):
 *
 *  31        12 11 10  9  8  6 5  4 3 2 1  0
 * +------------+--+--+---+-----+----+-+-+--+--+
 * | page PA    |nG| S|APX| TEX | AP |C|B| 1|XN|
 * +------------+--+--+---+-----+----+-+-+--+--+
 */
#define PTE_TYPE_MASK	2
#define PTE_TYPE_SMALL	2
#define PTE_XN		(1 << 0)
#define PTE_B		(1 << 2)
#define PTE_C		(1 << 3)
#define PTE_AP0		(1 << 4)
#define PTE_AP1		(1 << 5)
#define PTE_TEX0	(1 << 6)
#define PTE_APX		(1 << 9)
#define PTE_S		(1 << 10)
#define PTE_nG		(1 << 11)
#define PTE_AP_SHIFT	4	/* AP[1:0] */
#define PTE_TEX_SHIFT	6	/* TEX[2:0] */
#define PTE_WBWA	(PTE_TEX0 | PTE_C | PTE_B | PTE_S)
#define PTE_DEV		(PTE_B)
#define PTE_KRW		(PTE_AP0)
#define PTE_KRO		(PTE_APX | PTE_AP0)

/* The FDT is mapped read-only here from entry until the kernel is done with it. */
#define FDT_FIXED_BASE	0xff800000
#define FDT_FIXED_SIZE	0x00200000	/* two sections */

#endif
