/*
 * `percpu-test` (kernel only, left out of the host build): the percpu
 * allocator driven from every online CPU at once.  Each CPU allocates its
 * share (enough together to overflow the first chunk into dynamic ones),
 * every CPU writes its own copy of every area through this_cpu_ptr, CPU 0
 * reads every copy back through per_cpu_ptr, each CPU frees its share, and
 * meminfo's Percpu must be back at its value before the test.  The
 * allocation map itself is tested on the host (tests/host/test_percpu.c).
 */
#include <percpu.h>
#include <printk.h>
#include <shell.h>
#include <smp.h>
#include <string.h>

#define PT_PER_CPU	32	/* areas each CPU allocates */

struct pt_state {
	unsigned char *area[NR_CPUS][PT_PER_CPU];
	unsigned long errors[NR_CPUS];	/* each CPU counts its own */
};

static struct pt_state pt;

/* Sizes from 4 bytes to 2 KiB, different on each CPU: about 12 KiB a CPU, four CPUs past the first chunk. */
static unsigned long pt_size(unsigned int cpu, unsigned int i)
{
	return 4UL << ((cpu + i) % 10);
}

/* The byte CPU cpu writes at offset b of area (owner, i). */
static unsigned char pt_byte(unsigned int cpu, unsigned int owner, unsigned int i, unsigned long b)
{
	return (unsigned char)(cpu * 61 + owner * 17 + i * 5 + b + 1);
}

static bool all_zero(const unsigned char *p, unsigned long size)
{
	for (unsigned long b = 0; b < size; b++)
		if (p[b])
			return false;
	return true;
}

/* On each CPU: its share of areas, each of which must be zero in every CPU's copy. */
static void pt_alloc(void *arg)
{
	unsigned int self = smp_processor_id(), cpu;

	for (unsigned int i = 0; i < PT_PER_CPU; i++) {
		unsigned char *p = __alloc_percpu(pt_size(self, i), 4);

		pt.area[self][i] = p;
		if (!p) {
			pt.errors[self]++;
			continue;
		}
		for_each_possible_cpu(cpu)
			if (!all_zero(per_cpu_ptr(p, cpu), pt_size(self, i)))
				pt.errors[self]++;
	}
}

/* On each CPU: its own copy of every CPU's areas, through this_cpu_ptr. */
static void pt_write(void *arg)
{
	unsigned int self = smp_processor_id(), owner;

	for_each_online_cpu(owner)
		for (unsigned int i = 0; i < PT_PER_CPU; i++) {
			unsigned char *p = pt.area[owner][i];

			if (!p)
				continue;
			p = this_cpu_ptr(p);
			for (unsigned long b = 0; b < pt_size(owner, i); b++)
				p[b] = pt_byte(self, owner, i, b);
		}
}

static void pt_free(void *arg)
{
	unsigned int self = smp_processor_id();

	for (unsigned int i = 0; i < PT_PER_CPU; i++)
		free_percpu(pt.area[self][i]);
}

/* From CPU 0: every online CPU's copy of every area holds what that CPU wrote. */
static unsigned long pt_check(void)
{
	unsigned long errors = 0;
	unsigned int owner, cpu;

	for_each_online_cpu(owner)
		for (unsigned int i = 0; i < PT_PER_CPU; i++) {
			if (!pt.area[owner][i])
				continue;
			for_each_online_cpu(cpu) {
				const unsigned char *p = per_cpu_ptr(pt.area[owner][i], cpu);

				for (unsigned long b = 0; b < pt_size(owner, i); b++)
					errors += p[b] != pt_byte(cpu, owner, i, b);
			}
		}
	return errors;
}

/* The caller's mistakes: a pointer never allocated, and a second free. */
static void pt_bad_frees(void)
{
	unsigned char *p = __alloc_percpu(8, 4);

	free_percpu(p + 4);	/* inside an area, not its start */
	free_percpu(p);
	free_percpu(p);		/* twice */
}

static int cmd_percpu_test(int argc, char **argv)
{
	unsigned long boot = pcpu_nr_pages(), grown, errors = 0;
	unsigned int cpu;

	memset(&pt, 0, sizeof(pt));
	on_each_cpu(pt_alloc, NULL);
	grown = pcpu_nr_pages() - boot;
	on_each_cpu(pt_write, NULL);
	errors += pt_check();
	on_each_cpu(pt_free, NULL);
	for_each_online_cpu(cpu)
		errors += pt.errors[cpu];
	/* Areas again where freed ones were written: they must come back zeroed. */
	pt.errors[0] = 0;
	pt_alloc(NULL);
	pt_free(NULL);
	errors += pt.errors[0];
	pt_bad_frees();
	if (pcpu_nr_pages() != boot) {
		kprintf("percpu-test: Percpu %lu pages after freeing everything, %lu before\n", pcpu_nr_pages(), boot);
		errors++;
	}
	kprintf("percpu-test: %u areas on %u CPUs, %lu dynamic chunk pages, %lu errors\n",
		PT_PER_CPU * num_online_cpus(), num_online_cpus(), grown, errors);
	return errors ? 1 : 0;
}
SHELL_CMD(percpu_test, "percpu-test", "",
	  "alloc_percpu/free_percpu from every CPU, each copy written on its CPU and checked from CPU 0",
	  cmd_percpu_test);
