/*
 * The per-CPU areas: one copy of the static per-CPU data per possible CPU,
 * carved from memblock at boot as Linux's embedded first chunk is, and the
 * offsets that take a per-CPU variable's address to a CPU's copy.  Where
 * the static data lies (the linker's .data..percpu) and how a CPU finds its
 * own offset are the architecture's (asm/percpu.h).
 */
#include <memblock.h>
#include <percpu.h>
#include <printk.h>
#include <string.h>
#include <arch.h>

unsigned long __per_cpu_offset[NR_CPUS];
static unsigned long pcpu_unit_pages;
static unsigned int pcpu_nr_units;

int __init pcpu_embed_first_chunk(void *start, size_t size, unsigned int nr_cpus)
{
	unsigned long unit = ALIGN(size ? size : 1, PAGE_SIZE);
	char *base;

	if (!nr_cpus || nr_cpus > NR_CPUS) {
		pr_err("percpu: %u CPUs asked for, 1..%u possible; areas for 1\n", nr_cpus, NR_CPUS);
		nr_cpus = 1;
	}
	base = memblock_alloc(unit * nr_cpus, PAGE_SIZE);
	if (!base) {
		pr_err("percpu: no memory for %u areas of %lu bytes; CPU 0 keeps the static copy\n", nr_cpus, unit);
		return -ENOMEM;
	}
	for (unsigned int cpu = 0; cpu < nr_cpus; cpu++) {
		memcpy(base + cpu * unit, start, size);
		__per_cpu_offset[cpu] = (unsigned long)(base + cpu * unit) - (unsigned long)start;
	}
	pcpu_unit_pages = unit >> PAGE_SHIFT;
	pcpu_nr_units = nr_cpus;
	/* Linux's figures: static size, reserved and dynamic room (none yet), unit size. */
	pr_info("percpu: Embedded %lu pages/cpu s%lu r0 d%lu u%lu\n", pcpu_unit_pages, (unsigned long)size,
		unit - (unsigned long)size, unit);
	return 0;
}

unsigned long pcpu_nr_pages(void)
{
	return pcpu_unit_pages * pcpu_nr_units;
}
