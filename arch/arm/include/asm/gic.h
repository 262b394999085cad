/*
 * The Cortex-A9 MPCore's interrupt controller, a GIC v1 (ARM Generic
 * Interrupt Controller Architecture Specification v1.0, ARM IHI 0048A;
 * Cortex-A9 MPCore TRM r4p1 chapter 3): register offsets and the pure
 * computations of which register and bit belong to an interrupt ID, kept
 * here so the host tests can check them (tests/host/test_gic.c).
 * Usable on the host: nothing here touches hardware.
 */
#ifndef ASM_GIC_H
#define ASM_GIC_H

#include <types.h>

/* Where the two halves sit in the private region (Cortex-A9 MPCore TRM, table 1-3). */
#define GIC_CPU_OFFSET		0x0100
#define GIC_DIST_OFFSET		0x1000

/* Distributor registers (GIC spec 4.1.2, table 4-1). */
#define GICD_CTLR		0x000
#define GICD_TYPER		0x004
#define GICD_ISENABLER		0x100	/* one bit per ID: writing 1 enables */
#define GICD_ICENABLER		0x180	/* one bit per ID: writing 1 disables */
#define GICD_ISPENDR		0x200	/* one bit per ID: writing 1 makes it pending */
#define GICD_ICPENDR		0x280	/* one bit per ID: writing 1 clears pending */
#define GICD_IPRIORITYR		0x400	/* one byte per ID */
#define GICD_ITARGETSR		0x800	/* one byte per ID: a CPU mask */
#define GICD_ICFGR		0xc00	/* two bits per ID: bit 1 of the pair set = edge-triggered */
#define GICD_SGIR		0xf00
#define GICD_CTLR_ENABLE	(1 << 0)
#define GICD_TYPER_ITLINES_MASK	0x1f	/* ITLinesNumber: 32 * (N + 1) interrupt IDs */

/* CPU interface registers (GIC spec 4.1.3, table 4-2). */
#define GICC_CTLR		0x00
#define GICC_PMR		0x04	/* priority mask: IDs with a lower (numerically higher) priority wait */
#define GICC_BPR		0x08
#define GICC_IAR		0x0c	/* reading acknowledges: bits 9:0 the ID, 12:10 the SGI's source CPU */
#define GICC_EOIR		0x10	/* writing the IAR value back ends the interrupt */
#define GICC_CTLR_ENABLE	(1 << 0)
#define GICC_IAR_ID_MASK	0x3ff

/*
 * Interrupt IDs (GIC spec 2.2.1): 0-15 SGIs and 16-31 PPIs, banked per
 * CPU; 32 and up the shared peripheral interrupts.  1020-1023 are
 * reserved; 1023 is the spurious ID an acknowledge returns when nothing
 * is pending.
 */
#define GIC_NR_SGIS		16
#define GIC_FIRST_SPI		32
#define GIC_MAX_IRQS		1020
#define GIC_SPURIOUS		1023
#define GIC_PRIO_DEFAULT	0xa0	/* every ID alike: no nesting is wanted */
#define GIC_PMR_ALL		0xf0	/* let every priority above the lowest through */

/* How many IDs this distributor implements, from GICD_TYPER. */
static inline unsigned int gic_nr_irqs(u32 typer)
{
	unsigned int n = 32 * ((typer & GICD_TYPER_ITLINES_MASK) + 1);

	return n > GIC_MAX_IRQS ? GIC_MAX_IRQS : n;
}

/* The one-bit-per-ID registers (enable, pending): byte offset from the bank's base, and the bit. */
static inline unsigned int gic_bit_reg(unsigned int irq) { return 4 * (irq / 32); }
static inline u32 gic_bit_mask(unsigned int irq) { return 1u << (irq % 32); }

/* The one-byte-per-ID registers (priority, targets): word offset from the bank's base, and the shift. */
static inline unsigned int gic_byte_reg(unsigned int irq) { return irq & ~3u; }
static inline unsigned int gic_byte_shift(unsigned int irq) { return 8 * (irq % 4); }

/* The two-bits-per-ID configuration registers: byte offset and the shift of the ID's pair. */
static inline unsigned int gic_cfg_reg(unsigned int irq) { return 4 * (irq / 16); }
static inline unsigned int gic_cfg_shift(unsigned int irq) { return 2 * (irq % 16); }

/*
 * GICD_SGIR (GIC spec 4.3.15): TargetListFilter 0 (bits 25:24, "the CPUs
 * in the list"), CPUTargetList bits 23:16, SGIINTID bits 3:0.
 */
static inline u32 gic_sgir_value(unsigned int cpu_mask, unsigned int sgi)
{
	return ((cpu_mask & 0xffu) << 16) | (sgi & 0xfu);
}

#endif
