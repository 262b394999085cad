/*
 * The GIC driver: the distributor (shared by all CPUs) and each CPU's
 * interface, the table of handlers, and the acknowledge-dispatch-end
 * sequence the IRQ entry runs.  Register layout and the per-ID register
 * arithmetic are in asm/gic.h; where the GIC sits comes from the board
 * descriptor (board.cpu_private).
 */
#include <board.h>
#include <irq.h>
#include <lockdep.h>
#include <printk.h>
#include <seq.h>
#include <shell.h>
#include <asm/gic.h>

#define GIC_TABLE_SIZE	256	/* IDs with a handler slot: the A9 MPCore has at most 32 + 224 */

struct irq_desc {
	irq_handler_t handler;
	void *dev;
	const char *name;	/* for /proc/interrupts (irq_set_name) */
	unsigned long count;	/* times handled */
};

static struct irq_desc irq_table[GIC_TABLE_SIZE];
static unsigned int nr_irqs;	/* IDs the distributor implements, capped at GIC_TABLE_SIZE */

static volatile u32 *gicd(unsigned int offset)
{
	return (volatile u32 *)(board.cpu_private + GIC_DIST_OFFSET + offset);
}

static volatile u32 *gicc(unsigned int offset)
{
	return (volatile u32 *)(board.cpu_private + GIC_CPU_OFFSET + offset);
}

/* Priority or target byte of one ID, through a read-modify-write of its word. */
static void gicd_set_byte(unsigned int bank, unsigned int irq, u32 value)
{
	volatile u32 *reg = gicd(bank + gic_byte_reg(irq));
	unsigned int shift = gic_byte_shift(irq);

	*reg = (*reg & ~(0xffu << shift)) | (value << shift);
}

/*
 * This CPU's banked part: SGIs and PPIs off except what handlers enable,
 * one priority for all, the interface on with every priority let through.
 */
void gic_cpu_init(void)
{
	*gicd(GICD_ICENABLER) = 0xffffffff;
	*gicd(GICD_ICPENDR) = 0xffffffff;
	for (unsigned int irq = 0; irq < GIC_FIRST_SPI; irq++)
		gicd_set_byte(GICD_IPRIORITYR, irq, GIC_PRIO_DEFAULT);
	*gicc(GICC_PMR) = GIC_PMR_ALL;
	*gicc(GICC_BPR) = 0;
	*gicc(GICC_CTLR) = GICC_CTLR_ENABLE;
}

/*
 * The distributor: off while every shared interrupt is disabled, cleared,
 * given the one priority, routed to CPU 0 and made level-sensitive (the
 * board's peripherals are: dts, the last cell of their interrupts); then
 * on, and the boot CPU's interface.
 */
void irq_init(void)
{
	nr_irqs = gic_nr_irqs(*gicd(GICD_TYPER));
	if (nr_irqs > GIC_TABLE_SIZE)
		nr_irqs = GIC_TABLE_SIZE;
	*gicd(GICD_CTLR) = 0;
	for (unsigned int irq = GIC_FIRST_SPI; irq < nr_irqs; irq += 32) {
		*gicd(GICD_ICENABLER + gic_bit_reg(irq)) = 0xffffffff;
		*gicd(GICD_ICPENDR + gic_bit_reg(irq)) = 0xffffffff;
	}
	for (unsigned int irq = GIC_FIRST_SPI; irq < nr_irqs; irq += 16)
		*gicd(GICD_ICFGR + gic_cfg_reg(irq)) = 0;
	for (unsigned int irq = GIC_FIRST_SPI; irq < nr_irqs; irq++) {
		gicd_set_byte(GICD_IPRIORITYR, irq, GIC_PRIO_DEFAULT);
		gicd_set_byte(GICD_ITARGETSR, irq, 1);
	}
	*gicd(GICD_CTLR) = GICD_CTLR_ENABLE;
	gic_cpu_init();
	pr_info("GIC: %u interrupt IDs, distributor at 0x%08lx\n", nr_irqs, board.cpu_private + GIC_DIST_OFFSET);
}

int request_irq(unsigned int irq, irq_handler_t handler, void *dev)
{
	if (irq >= nr_irqs || !handler) {
		pr_err("request_irq: %s for interrupt %u (the GIC has %u): -EINVAL, nothing installed\n",
		       handler ? "no such ID" : "no handler", irq, nr_irqs);
		return -EINVAL;
	}
	if (irq_table[irq].handler) {
		pr_err("request_irq: interrupt %u already has a handler: -EBUSY, nothing installed\n", irq);
		return -EBUSY;
	}
	irq_table[irq].handler = handler;
	irq_table[irq].dev = dev;
	enable_irq(irq);
	return 0;
}

void free_irq(unsigned int irq, void *dev)
{
	if (irq >= nr_irqs || !irq_table[irq].handler || irq_table[irq].dev != dev) {
		pr_err("free_irq: interrupt %u has no handler for this device: nothing freed\n", irq);
		return;
	}
	disable_irq(irq);
	irq_table[irq] = (struct irq_desc){ 0 };
}

void irq_set_name(unsigned int irq, const char *name)
{
	if (irq < nr_irqs)
		irq_table[irq].name = name;
}

/*
 * Linux's /proc/interrupts for one CPU: every ID with a handler, its
 * count, the controller, and the trigger from GICD_ICFGR (bit 1 of the
 * ID's pair set: edge).
 */
static void interrupts_show(struct seq *s)
{
	seq_printf(s, "%*s%-8s\n", 11, "", "CPU0");
	for (unsigned int irq = 0; irq < nr_irqs; irq++) {
		const struct irq_desc *d = &irq_table[irq];
		bool edge = (*gicd(GICD_ICFGR + gic_cfg_reg(irq)) >> gic_cfg_shift(irq)) & 2;

		if (!d->handler)
			continue;
		seq_printf(s, "%3u: %10lu     GIC-0 %3u %-8s  %s\n", irq, d->count, irq, edge ? "Edge" : "Level",
			   d->name ? d->name : "");
	}
	seq_printf(s, "Err: %10lu\n", 0UL);
}
PROC_FILE(interrupts, "interrupts", interrupts_show);

void enable_irq(unsigned int irq)
{
	if (irq < nr_irqs)
		*gicd(GICD_ISENABLER + gic_bit_reg(irq)) = gic_bit_mask(irq);
}

void disable_irq(unsigned int irq)
{
	if (irq < nr_irqs)
		*gicd(GICD_ICENABLER + gic_bit_reg(irq)) = gic_bit_mask(irq);
}

void gic_send_sgi(unsigned int cpu_mask, unsigned int sgi)
{
	__asm__ volatile("dsb" ::: "memory");	/* what the receiver is told about must be visible first */
	*gicd(GICD_SGIR) = gic_sgir_value(cpu_mask, sgi);
}

void handle_irq(void)
{
	u32 iar = *gicc(GICC_IAR);
	unsigned int irq = iar & GICC_IAR_ID_MASK;

	if (irq == GIC_SPURIOUS)
		return;		/* withdrawn before the acknowledge: nothing to end */
	if (irq < nr_irqs && irq_table[irq].handler) {
		irq_table[irq].count++;
		lockdep_hardirq_enter();
		irq_table[irq].handler(irq, irq_table[irq].dev);
		lockdep_hardirq_exit();
	} else {
		pr_warn("irq %u: no handler; disabled\n", irq);
		disable_irq(irq);
	}
	*gicc(GICC_EOIR) = iar;
}
