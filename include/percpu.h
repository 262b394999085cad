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
 * The first chunk's sizes, Linux 6.1's (include/linux/percpu.h, 32-bit):
 * the dynamic room kept after the static data, the smallest unit, and the
 * allocator's granule (PCPU_MIN_ALLOC_SHIFT 2).
 */
#define PERCPU_DYNAMIC_RESERVE	(20 << 10)
#define PCPU_MIN_UNIT_SIZE	(32 << 10)
#define PCPU_MIN_ALLOC_SIZE	4

/*
 * Give each of nr_cpus CPUs a unit holding a copy of the static per-CPU
 * data [start, start + size) followed by PERCPU_DYNAMIC_RESERVE bytes of
 * room for alloc_percpu, the unit a whole number of pages and at least
 * PCPU_MIN_UNIT_SIZE, all units in one memblock allocation (Linux's
 * embedded first chunk); sets __per_cpu_offset and prints the "percpu:
 * Embedded <pages> pages/cpu s<static> r0 d<dynamic> u<unit>" line.
 * Forgets every earlier chunk (the host tests call it once per test).
 * Returns 0, or -ENOMEM (every CPU then keeps offset 0: only CPU 0 may
 * run, and alloc_percpu returns NULL).
 */
int __init pcpu_embed_first_chunk(void *start, size_t size, unsigned int nr_cpus);

/*
 * Pages the per-CPU areas hold, for /proc/meminfo's Percpu line: the first
 * chunk's units plus every dynamic chunk's pages (Linux's pcpu_nr_pages).
 */
unsigned long pcpu_nr_pages(void);

/*
 * The percpu allocator (Linux's): size bytes, aligned to align (a power of
 * two, at most PAGE_SIZE), for every possible CPU, zeroed.  The pointer is
 * used as a static per-CPU variable's address is: per_cpu_ptr(ptr, cpu)
 * and this_cpu_ptr(ptr) reach a CPU's copy; ptr itself is no CPU's copy.
 * First fit over the first chunk's dynamic room, then over further chunks
 * mapped in the vmalloc area, a new one made when none has room.  Returns
 * NULL when pages, vmalloc space or records run out, and, with one line,
 * for size 0, size over a unit, or a bad align.  Takes pcpu_lock (a leaf),
 * and the page allocator's, slab's and vmalloc's locks with it dropped.
 */
void *__alloc_percpu(size_t size, size_t align);
#define alloc_percpu(type)	((__typeof__(type) *)__alloc_percpu(sizeof(type), __alignof__(type)))

/*
 * Give back an alloc_percpu area; a dynamic chunk left empty is unmapped
 * and its pages freed.  NULL does nothing.  Anything but a pointer
 * alloc_percpu returned and not yet freed is reported with one line and
 * nothing is freed.
 */
void free_percpu(void *ptr);

/* Boot CPU, after setup_arch and before the buddy allocator: one area per possible CPU. */
void __init setup_per_cpu_areas(void);

#endif
