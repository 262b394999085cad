/*
 * Per-CPU variables, as Linux's: DEFINE_PER_CPU puts a variable in the
 * .data..percpu section, setup_per_cpu_areas (mm/percpu.c) gives every
 * possible CPU its own copy of that section, and __per_cpu_offset[cpu] is
 * how far CPU cpu's copy lies from the section.  A CPU finds its own offset
 * in one register (TPIDRPRW on ARM: asm/percpu.h), so this_cpu_ptr costs a
 * read and an add.  Until setup_per_cpu_areas every offset is 0 and CPU 0
 * uses the section itself.
 *
 * this_cpu_* are plain loads and stores: kernel code runs with interrupts
 * masked (the uniprocessor rule of the process work), so nothing on this
 * CPU can come between them, and no other CPU writes this CPU's copy.
 */
#ifndef PERCPU_H
#define PERCPU_H

#include <init.h>
#include <types.h>
#include <asm/percpu.h>

/* The CoreTile Express A9x4 has four Cortex-A9 cores (dts: /cpus, cpu@0..cpu@3). */
#define NR_CPUS		4

/* The linker script's name; the host tests' asm/percpu.h gives one ld makes __start_ and __stop_ symbols for. */
#ifndef PER_CPU_SECTION_NAME
#define PER_CPU_SECTION_NAME	".data..percpu"
#endif
#define PER_CPU_SECTION	__attribute__((section(PER_CPU_SECTION_NAME)))

#define DEFINE_PER_CPU(type, name)	PER_CPU_SECTION __typeof__(type) name
#define DECLARE_PER_CPU(type, name)	extern PER_CPU_SECTION __typeof__(type) name

extern unsigned long __per_cpu_offset[NR_CPUS];

#define per_cpu_ptr(ptr, cpu)	((__typeof__(ptr))((unsigned long)(ptr) + __per_cpu_offset[cpu]))
#define per_cpu(var, cpu)	(*per_cpu_ptr(&(var), (cpu)))
#define this_cpu_ptr(ptr)	((__typeof__(ptr))((unsigned long)(ptr) + __my_cpu_offset()))
#define this_cpu_read(var)	(*this_cpu_ptr(&(var)))
#define this_cpu_write(var, v)	(*this_cpu_ptr(&(var)) = (v))
#define this_cpu_add(var, v)	(*this_cpu_ptr(&(var)) += (v))
#define this_cpu_inc(var)	this_cpu_add(var, 1)
#define this_cpu_dec(var)	this_cpu_add(var, -1)

/*
 * Give each of nr_cpus CPUs a copy of the static per-CPU data
 * [start, start + size), in one memblock allocation (Linux's embedded first
 * chunk), each copy a whole number of pages; sets __per_cpu_offset and
 * prints the "percpu: Embedded ..." line.  Returns 0, or -ENOMEM (every CPU
 * then keeps offset 0: only CPU 0 may run).
 */
int __init pcpu_embed_first_chunk(void *start, size_t size, unsigned int nr_cpus);

/* Pages the per-CPU areas hold, for /proc/meminfo's Percpu line. */
unsigned long pcpu_nr_pages(void);

/* Boot CPU, after setup_arch and before the buddy allocator: one area per possible CPU. */
void __init setup_per_cpu_areas(void);

#endif
