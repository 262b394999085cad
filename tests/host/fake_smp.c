/*
 * The host's CPU identity for per-CPU variables and spinlocks: each thread
 * is a "CPU" with its own TPIDRPRW stand-in (tests/host/include/asm/percpu.h)
 * and its own number, which a test sets with host_set_cpu; and a clock for
 * CONFIG_DEBUG_SPINLOCK's lockup check.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <percpu.h>
#include <smp.h>
#include <spinlock.h>
#include "host.h"

__thread unsigned long host_my_cpu_offset;
__thread unsigned int host_cpu_id;
unsigned int nr_cpu_ids = 1;
volatile unsigned long cpu_online_mask = 1;

/* Weak: a test binary with no per-CPU variable has no such section. */
extern char __start_host_percpu[] __attribute__((weak));
extern char __stop_host_percpu[] __attribute__((weak));
static char *host_percpu_copies;

/*
 * Every CPU but 0 its own copy of the per-CPU section, as
 * setup_per_cpu_areas gives them (CPU 0 keeps the section itself, which
 * is what the kernel's CPU 0 has before setup_per_cpu_areas too).  Until
 * then, and after host_percpu_teardown, every CPU shares CPU 0's.
 */
void host_percpu_setup(void)
{
	size_t size = (size_t)(__stop_host_percpu - __start_host_percpu);

	host_percpu_teardown();
	host_percpu_copies = calloc(NR_CPUS, size ? size : 1);
	for (unsigned int cpu = 1; cpu < NR_CPUS; cpu++) {
		memcpy(host_percpu_copies + cpu * size, __start_host_percpu, size);
		__per_cpu_offset[cpu] = (unsigned long)(host_percpu_copies + cpu * size) -
					(unsigned long)__start_host_percpu;
	}
	nr_cpu_ids = NR_CPUS;
}

void host_percpu_teardown(void)
{
	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++)
		__per_cpu_offset[cpu] = 0;
	free(host_percpu_copies);
	host_percpu_copies = NULL;
	nr_cpu_ids = 1;
	host_set_cpu(0);
}

void host_set_cpu(unsigned int cpu)
{
	host_cpu_id = cpu;
	set_my_cpu_offset(__per_cpu_offset[cpu]);
}

u32 spin_debug_ticks(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (u32)(ts.tv_sec * 1000 + ts.tv_nsec / 1000000);
}

u32 spin_debug_ticks_per_sec(void)
{
	return 1000;
}

/*
 * fn on every possible "CPU" in turn, in this thread, each with its own
 * number and offset: what the kernel's on_each_cpu gives, for callers
 * (slab's drain_cpu_caches) whose other CPUs have stopped by then.
 */
void on_each_cpu(void (*fn)(void *), void *arg)
{
	unsigned int self = host_cpu_id;

	for (unsigned int cpu = 0; cpu < NR_CPUS; cpu++) {
		host_set_cpu(cpu);
		fn(arg);
	}
	host_set_cpu(self);
}
