/*
 * More than one CPU: which CPU this is, which CPUs are up, and running a
 * function on the others.  arch/arm/smp.c brings the secondaries up
 * (smp_init) and owns the per-CPU mailboxes smp_call_function uses; the
 * per-CPU variables are include/percpu.h.
 */
#ifndef SMP_H
#define SMP_H

#include <init.h>
#include <percpu.h>
#include <types.h>

/*
 * This CPU's number, 0..NR_CPUS-1 (MPIDR's CPU ID field), kept in its own
 * per-CPU area: one TPIDRPRW read and one load.  The host's test shim
 * defines arch_smp_processor_id (a thread's own number) in asm/percpu.h.
 */
#ifndef arch_smp_processor_id
DECLARE_PER_CPU(unsigned int, cpu_number);
#define arch_smp_processor_id()	this_cpu_read(cpu_number)
#endif

static inline unsigned int smp_processor_id(void)
{
	return arch_smp_processor_id();
}

/* CPUs that finished bringing themselves up: bit n for CPU n (CPU 0 from the start). */
extern volatile unsigned long cpu_online_mask;

static inline bool cpu_online(unsigned int cpu)
{
	return cpu < NR_CPUS && (cpu_online_mask & (1UL << cpu));
}

unsigned int num_online_cpus(void);

/* CPUs the SCU reports (SCU configuration register), at most NR_CPUS; 1 before smp_prepare_cpus. */
extern unsigned int nr_cpu_ids;

#define for_each_online_cpu(cpu) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++) if (cpu_online(cpu))
#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < nr_cpu_ids; (cpu)++)

/* Boot CPU, before setup_per_cpu_areas: nr_cpu_ids from the SCU; maxcpus= and nosmp from the command line. */
void __init smp_setup_processor_ids(void);

/*
 * Boot CPU, once the page allocator works: enable the SCU, wake every
 * secondary the SCU reports (up to maxcpus=, none with nosmp) and wait for
 * each a bounded time; one that does not answer is reported
 * ("CPU2: failed to boot: -110") and the boot carries on without it.
 */
void __init smp_init(void);

/*
 * Run fn(arg) on CPU cpu (an online secondary) and return when it has
 * finished (wait) or at once (!wait; smp_call_wait then waits).  fn runs
 * there in interrupt context (IPI_CALL_FUNC), IRQs masked: it must not
 * sleep, as in Linux.  Returns 0,
 * or -EINVAL for a CPU that is not online or is this one, -EBUSY if the
 * CPU's mailbox still holds an unfinished call.
 */
int smp_call_function_single(unsigned int cpu, void (*fn)(void *), void *arg, bool wait);
/* Wait until cpu's mailbox is empty again (its last call returned). */
void smp_call_wait(unsigned int cpu);
/* Run fn(arg) on every other online CPU, in parallel, and wait for all of them. */
void smp_call_function(void (*fn)(void *), void *arg);
/* fn(arg) on every online CPU, this one included, all at once; returns when all are done. */
void on_each_cpu(void (*fn)(void *), void *arg);

/* IPI_RESCHEDULE to cpu (include/irq.h): it looks at the run queue (kernel/sched.c scheduler_ipi). */
void smp_send_reschedule(unsigned int cpu);

/* panic: IPI_CPU_STOP to every other online CPU, waiting at most a second for them to stop. */
void smp_send_stop(void);

#endif
