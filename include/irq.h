/*
 * Interrupts: the GIC driver (arch/arm/gic.c) and the CPU's IRQ mask.
 * Handlers run in SVC mode with IRQs masked, on the stack of whatever was
 * interrupted (a task's kernel stack from User mode, the kernel stack when
 * idle), one at a time: a handler is never interrupted.
 *
 * The rule of this kernel (include/wait.h): kernel code runs with IRQs
 * masked; they are taken in User mode and while sleeping or idle, which is
 * what makes a test-then-sleep safe on one CPU.
 */
#ifndef IRQ_H
#define IRQ_H

#include <types.h>

#ifndef EINVAL
#define EINVAL	22
#endif
#ifndef EBUSY
#define EBUSY	16
#endif

typedef void (*irq_handler_t)(unsigned int irq, void *dev);

/* Set up the distributor (every shared interrupt off, routed to CPU 0) and this CPU's interface. */
void irq_init(void);

/* A CPU's own interface and its banked SGIs and PPIs: for each CPU, the boot CPU through irq_init. */
void gic_cpu_init(void);

/*
 * Install handler for interrupt ID irq and enable it.  -EINVAL for an ID
 * the GIC does not have (or a NULL handler), -EBUSY if it already has a
 * handler; each refusal printed on one line.
 */
int request_irq(unsigned int irq, irq_handler_t handler, void *dev);

/* The name /proc/interrupts shows for irq (a string that lives as long as the kernel). */
void irq_set_name(unsigned int irq, const char *name);

/* Let interrupt ID irq through the distributor, or stop it there. */
void enable_irq(unsigned int irq);
void disable_irq(unsigned int irq);

/* Raise software-generated interrupt sgi (0..15) on every CPU whose bit is in cpu_mask. */
void gic_send_sgi(unsigned int cpu_mask, unsigned int sgi);

/*
 * Called by the IRQ exception entry: acknowledge, run the handler, end
 * the interrupt.  The spurious ID 1023 is ignored; an ID without a
 * handler is reported once and disabled.
 */
void handle_irq(void);

/* The CPU's IRQ mask (CPSR.I, ARM ARM B1.3.3). */
static inline void local_irq_enable(void)
{
	__asm__ volatile("cpsie i" ::: "memory", "cc");
}

static inline void local_irq_disable(void)
{
	__asm__ volatile("cpsid i" ::: "memory", "cc");
}

static inline unsigned long arch_local_irq_save(void)
{
	unsigned long flags;

	__asm__ volatile("mrs %0, cpsr\n\tcpsid i" : "=r"(flags) :: "memory", "cc");
	return flags;
}

/* Mask IRQs, keeping in flags whether they were masked before. */
#define local_irq_save(flags)	do { (flags) = arch_local_irq_save(); } while (0)

/* Put the IRQ mask back as local_irq_save found it. */
static inline void local_irq_restore(unsigned long flags)
{
	__asm__ volatile("msr cpsr_c, %0" :: "r"(flags) : "memory", "cc");
}

/*
 * Wait for an interrupt with IRQs unmasked just around the wfi: the
 * handler runs before this returns, IRQs masked again.  An interrupt that
 * became pending before the cpsie is taken at once, so none is missed.
 */
static inline void arch_idle(void)
{
	__asm__ volatile("cpsie i\n\twfi\n\tcpsid i" ::: "memory", "cc");
}

#endif
