/*
 * The host's CPU identity for per-CPU variables and spinlocks: each thread
 * is a "CPU" with its own TPIDRPRW stand-in (tests/host/include/asm/percpu.h)
 * and its own number, which a test sets with host_set_cpu; and a clock for
 * CONFIG_DEBUG_SPINLOCK's lockup check.
 */
#include <time.h>
#include <percpu.h>
#include <smp.h>
#include <spinlock.h>
#include "host.h"

__thread unsigned long host_my_cpu_offset;
__thread unsigned int host_cpu_id;
unsigned int nr_cpu_ids = 1;
volatile unsigned long cpu_online_mask = 1;

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
