/*
 * Interrupts: the GIC driver (arch/arm/gic.c), the SGIs the CPUs send
 * each other, and the CPU's IRQ mask.  Handlers run in SVC mode with IRQs
 * masked, on the stack of whatever was interrupted (a task's kernel stack
 * from User mode, the idle task's stack when idle), one at a time on each
 * CPU: a handler is never interrupted.  Shared interrupts (SPIs) go to
 * CPU 0; each CPU takes its own SGIs and PPIs (its tick).  Handlers never
 * take the big kernel lock (include/sched.h).
 *
 * The rule of this kernel: kernel code runs with IRQs masked; they are
 * taken in User mode and while sleeping or idle.
 */
#ifndef IRQ_H
#define IRQ_H

#include <percpu.h>
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
 * Install handler for shared interrupt ID irq (an SPI, 32 and up) and
 * enable it.  -EINVAL for an ID the GIC does not have, a per-CPU ID or a
 * NULL handler, -EBUSY if it already has a handler; each printed on one line.
 */
int request_irq(unsigned int irq, irq_handler_t handler, void *dev);

/*
 * Install handler for per-CPU interrupt ID irq (an SGI or PPI, below 32),
 * once for all CPUs; each CPU then calls enable_percpu_irq for itself.  The
 * handler gets this CPU's copy of the per-CPU variable percpu_dev (its
 * address as DEFINE_PER_CPU made it).  Errors as request_irq's.
 */
int request_percpu_irq(unsigned int irq, irq_handler_t handler, const char *name, void *percpu_dev);

/* Let per-CPU interrupt irq through to this CPU, or stop it for this CPU only. */
void enable_percpu_irq(unsigned int irq);
void disable_percpu_irq(unsigned int irq);

/* Disable irq and remove its handler, if dev is the one request_irq was given (else one line, nothing done). */
void free_irq(unsigned int irq, void *dev);

/* The name /proc/interrupts shows for irq (a string that lives as long as the kernel). */
void irq_set_name(unsigned int irq, const char *name);

/* Let shared interrupt ID irq through the distributor, or stop it there. */
void enable_irq(unsigned int irq);
void disable_irq(unsigned int irq);

/*
 * The SGIs this kernel sends between CPUs, numbered as Linux's ARM IPIs
 * (arch/arm/kernel/smp.c), so /proc/interrupts' IPI rows read the same.
 * arch/arm/smp.c handles them.
 */
enum ipi_msg_type {
	IPI_WAKEUP,		/* ends a secondary's wait in the boot stub or pen; nothing to do after */
	IPI_TIMER,		/* (Linux's tick broadcast; unused: every CPU has its own timer) */
	IPI_RESCHEDULE,		/* a task became runnable: the receiver looks at the run queue */
	IPI_CALL_FUNC,		/* run the function in the receiver's smp_call_function mailbox */
	IPI_CPU_STOP,		/* panic: stop for good, IRQs masked */
	IPI_IRQ_WORK,		/* (unused) */
	IPI_COMPLETION,		/* (unused) */
	NR_IPI
};

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
 * Wait for an interrupt and let it be handled; IRQs are masked again when
 * this returns.  wfi comes first, still masked: it wakes on an interrupt
 * that is pending even while CPSR.I masks it (ARM ARM, "Wait For
 * Interrupt": a pending IRQ is a wake-up event whatever the mask), so one
 * that arrived before the call ends the wait at once.  (With cpsie first,
 * that interrupt would be taken before the wfi, which would then sleep on
 * until the next one: a tick late.)  The cpsie/cpsid pair opens the
 * window in which the pending interrupt is taken.
 */
static inline void arch_idle(void)
{
	__asm__ volatile("dsb\n\twfi\n\tcpsie i\n\tcpsid i" ::: "memory", "cc");
}

/* Interrupt handlers running on this CPU (handle_irq counts them): Linux's in_irq(). */
DECLARE_PER_CPU(unsigned int, hardirq_depth);

static inline bool in_irq(void)
{
	return this_cpu_read(hardirq_depth) != 0;
}

#endif
