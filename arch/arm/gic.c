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
#include <percpu.h>
#include <printk.h>
#include <seq.h>
#include <shell.h>
#include <smp.h>
#include <asm/gic.h>

#define GIC_TABLE_SIZE	256	/* IDs with a handler slot: the A9 MPCore has at most 32 + 224 */

/*
 * One ID's handler.  A per-CPU ID (an SGI or a PPI, banked per CPU in the
 * distributor) has one handler for all CPUs, called with this CPU's copy of
 * the per-CPU dev, and each CPU enables it for itself (enable_percpu_irq).
 */
struct irq_desc {
	irq_handler_t handler;
	void *dev;		/* a per-CPU variable's address when percpu */
	bool percpu;
	const char *name;	/* for /proc/interrupts (irq_set_name) */
	unsigned long count[NR_CPUS];	/* times handled, by each CPU */
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

/* The checks request_irq and request_percpu_irq share: 0, or the error they print and return. */
static int irq_request_check(const char *who, unsigned int irq, irq_handler_t handler)
{
	if (irq >= nr_irqs || !handler) {
		pr_err("%s: %s for interrupt %u (the GIC has %u): -EINVAL, nothing installed\n", who,
		       handler ? "no such ID" : "no handler", irq, nr_irqs);
		return -EINVAL;
	}
	if (irq_table[irq].handler) {
		pr_err("%s: interrupt %u already has a handler: -EBUSY, nothing installed\n", who, irq);
		return -EBUSY;
	}
	return 0;
}

int request_irq(unsigned int irq, irq_handler_t handler, void *dev)
{
	int err = irq_request_check("request_irq", irq, handler);

	if (err)
		return err;
	if (irq < GIC_FIRST_SPI) {
		pr_err("request_irq: interrupt %u is per-CPU (use request_percpu_irq): -EINVAL, nothing installed\n",
		       irq);
		return -EINVAL;
	}
	irq_table[irq].handler = handler;
	irq_table[irq].dev = dev;
	enable_irq(irq);
	return 0;
}

int request_percpu_irq(unsigned int irq, irq_handler_t handler, const char *name, void *percpu_dev)
{
	int err = irq_request_check("request_percpu_irq", irq, handler);

	if (err)
		return err;
	if (irq >= GIC_FIRST_SPI) {
		pr_err("request_percpu_irq: interrupt %u is shared, not per-CPU: -EINVAL, nothing installed\n", irq);
		return -EINVAL;
	}
	irq_table[irq].handler = handler;
	irq_table[irq].dev = percpu_dev;
	irq_table[irq].percpu = true;
	irq_table[irq].name = name;
	return 0;
}

/* The distributor banks GICD_ISENABLER0/ICENABLER0 (IDs 0-31) per CPU (GIC v1 4.3.5): this CPU's copy. */
void enable_percpu_irq(unsigned int irq)
{
	if (irq < GIC_FIRST_SPI && irq_table[irq].percpu)
		*gicd(GICD_ISENABLER) = gic_bit_mask(irq);
}

void disable_percpu_irq(unsigned int irq)
{
	if (irq < GIC_FIRST_SPI)
		*gicd(GICD_ICENABLER) = gic_bit_mask(irq);
}

void free_irq(unsigned int irq, void *dev)
{
	if (irq >= nr_irqs || !irq_table[irq].handler || irq_table[irq].dev != dev) {
		pr_err("free_irq: interrupt %u has no handler for this device: nothing freed\n", irq);
		return;
	}
	if (irq_table[irq].percpu)
		disable_percpu_irq(irq);	/* this CPU's; the others' enables stay, but no handler is left */
	else
		disable_irq(irq);
	irq_table[irq] = (struct irq_desc){ 0 };
}

void irq_set_name(unsigned int irq, const char *name)
{
	if (irq < nr_irqs)
		irq_table[irq].name = name;
}

/* Linux's ARM IPI names (arch/arm/kernel/smp.c ipi_types), for /proc/interrupts' IPI rows. */
static const char *const ipi_types[NR_IPI] = {
	[IPI_WAKEUP] = "CPU wakeup interrupts",
	[IPI_TIMER] = "Timer broadcast interrupts",
	[IPI_RESCHEDULE] = "Rescheduling interrupts",
	[IPI_CALL_FUNC] = "Function call interrupts",
	[IPI_CPU_STOP] = "CPU stop interrupts",
	[IPI_IRQ_WORK] = "IRQ work interrupts",
	[IPI_COMPLETION] = "completion interrupts",
};

static void counts_show(struct seq *s, const struct irq_desc *d)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		seq_printf(s, "%10lu ", d->count[cpu]);
}

/*
 * Linux's /proc/interrupts: a CPUn header per online CPU; every ID with a
 * handler but the SGIs, its count on each CPU, the controller, and the
 * trigger from GICD_ICFGR (bit 1 of the ID's pair set: edge); then the
 * SGIs as Linux's show_ipi_list rows IPI0..IPI6, and Err.
 */
static void interrupts_show(struct seq *s)
{
	unsigned int cpu;

	seq_printf(s, "%*s", 11, "");
	for_each_online_cpu(cpu)
		seq_printf(s, "CPU%-8u", cpu);
	seq_printf(s, "\n");
	for (unsigned int irq = GIC_NR_SGIS; irq < nr_irqs; irq++) {
		const struct irq_desc *d = &irq_table[irq];
		bool edge = (*gicd(GICD_ICFGR + gic_cfg_reg(irq)) >> gic_cfg_shift(irq)) & 2;

		if (!d->handler)
			continue;
		seq_printf(s, "%3u: ", irq);
		counts_show(s, d);
		seq_printf(s, "    GIC-0 %3u %-8s  %s\n", irq, edge ? "Edge" : "Level", d->name ? d->name : "");
	}
	for (unsigned int ipi = 0; ipi < NR_IPI; ipi++) {
		seq_printf(s, "IPI%u:", ipi);
		counts_show(s, &irq_table[ipi]);
		seq_printf(s, " %s\n", ipi_types[ipi]);
	}
	seq_printf(s, "Err: %10lu\n", 0UL);
}
PROC_FILE(interrupts, "interrupts", interrupts_show);

void enable_irq(unsigned int irq)
{
	if (irq >= GIC_FIRST_SPI && irq < nr_irqs)
		*gicd(GICD_ISENABLER + gic_bit_reg(irq)) = gic_bit_mask(irq);
}

void disable_irq(unsigned int irq)
{
	if (irq >= GIC_FIRST_SPI && irq < nr_irqs)
		*gicd(GICD_ICENABLER + gic_bit_reg(irq)) = gic_bit_mask(irq);
}

void gic_send_sgi(unsigned int cpu_mask, unsigned int sgi)
{
	__asm__ volatile("dsb" ::: "memory");	/* what the receiver is told about must be visible first */
	*gicd(GICD_SGIR) = gic_sgir_value(cpu_mask, sgi);
}

DEFINE_PER_CPU(unsigned int, hardirq_depth);

void handle_irq(void)
{
	u32 iar = *gicc(GICC_IAR);
	unsigned int irq = iar & GICC_IAR_ID_MASK;

	if (irq == GIC_SPURIOUS)
		return;		/* withdrawn before the acknowledge: nothing to end */
	if (irq < nr_irqs && irq_table[irq].handler) {
		struct irq_desc *d = &irq_table[irq];
		unsigned int cpu = smp_processor_id();

		d->count[cpu]++;
		this_cpu_inc(hardirq_depth);
		lockdep_hardirq_enter();
		d->handler(irq, d->percpu && d->dev ? (void *)((unsigned long)d->dev + __per_cpu_offset[cpu]) : d->dev);
		lockdep_hardirq_exit();
		this_cpu_dec(hardirq_depth);
	} else {
		pr_warn("irq %u: no handler on CPU%u; disabled\n", irq, smp_processor_id());
		if (irq < GIC_FIRST_SPI)
			disable_percpu_irq(irq);
		else
			disable_irq(irq);
	}
	*gicc(GICC_EOIR) = iar;
}
