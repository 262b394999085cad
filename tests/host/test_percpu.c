/*
 * The percpu allocator's allocation map (mm/percpu.c): first fit over the
 * first chunk's dynamic room in 4-byte pieces, alignment, freed neighbours
 * merging into one hole, a full first chunk growing a chunk mapped in the
 * vmalloc area (and that chunk going again when emptied), the pointers'
 * per_cpu_ptr arithmetic, zeroing, and the caller's mistakes.  Expected
 * offsets are worked out here from the sizes, not read from the allocator.
 *
 * The first chunk embeds the binary's real per-CPU section (host_percpu:
 * slab's per-CPU arrays among others, which kmalloc_init and every kmalloc
 * use), S bytes, for 4 CPUs:
 *   unit = max(ALIGN(S + 20 KiB, 4 KiB), 32 KiB) (Linux's rule)
 *   | static 0..S-1 | filler | dynamic base+100 .. unit-1 |   x 4 units, unit apart
 * base is the first page boundary at or above the first dynamic offset
 * (ALIGN(S, 4)); boot fills up to base + 100 with one area, so that the
 * expectations below, written as at(n) = base + n, do not depend on S and
 * every alignment up to a page falls as it would at offset n.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <highmem.h>
#include <percpu.h>
#include <slab.h>
#include <smp.h>
#include <vmalloc.h>
#include "mm_boot.h"
#include "../../mm/internal.h"

/* The per-CPU section's ends, from ld (tests/host/include/asm/percpu.h names the section). */
extern char __start_host_percpu[];
extern char __stop_host_percpu[];

#define CPUS		4
#define UNIT		unit_size
#define UNIT_PAGES	(UNIT / 4096)
#define DYN_ROOM	(UNIT - at(100))	/* the dynamic room left after the filler */

static unsigned long static_size, unit_size, base;
static unsigned long free_at_start, areas_at_start;

static unsigned long off(const void *p) { return (unsigned long)p - (unsigned long)__start_host_percpu; }

/* An expected offset: n as it was counted from a 100-byte static section, moved up to base. */
static unsigned long at(unsigned long n) { return base + n; }

static unsigned long align_up(unsigned long x, unsigned long a) { return (x + a - 1) / a * a; }

/* mm_boot's sequence with the first chunk carved from memblock before the buddy allocator, as at boot. */
static int boot_percpu(void **state)
{
	unsigned long first_dyn;
	char line[128];
	void *filler;

	(void)state;
	host_arch_reset();
	host_ram_setup(RAM_BASE, SMALL_RAM);
	memblock_reset();
	memblock_add(RAM_BASE, SMALL_RAM);
	memblock_reserve(KERNEL_RESV_BASE, KERNEL_RESV_END - KERNEL_RESV_BASE);
	zones_reset();
	adjust_lowmem_bounds(RAM_BASE, SMALL_VMALLOC);
	mem_map_init();
	zones_init();
	host_log_clear();
	static_size = (unsigned long)(__stop_host_percpu - __start_host_percpu);
	unit_size = align_up(static_size + 20 * 1024, 4096);
	if (unit_size < 32 * 1024)
		unit_size = 32 * 1024;
	assert_int_equal(pcpu_embed_first_chunk(__start_host_percpu, static_size, CPUS), 0);
	snprintf(line, sizeof(line), "percpu: Embedded %lu pages/cpu s%lu r0 d%lu u%lu", unit_size / 4096,
		 static_size, unit_size - static_size, unit_size);
	host_log_expect(line);
	host_set_cpu(0);	/* this thread's offset CPU 0's, as setup_per_cpu_areas sets TPIDRPRW */
	setup_per_cpu_pageset();	/* the copies' pagesets, as zones_init does after setup_per_cpu_areas */
	first_dyn = align_up(static_size, 4);
	base = align_up(first_dyn, 4096);
	filler = __alloc_percpu(at(100) - first_dyn, 4);
	assert_int_equal(off(filler), first_dyn);
	buddy_feed_all();
	slab_reset();
	kmalloc_init();
	vmalloc_init();
	pkmap_init();
	kmap_local_reset();
	free_at_start = nr_free_pages();
	areas_at_start = vmalloc_nr_areas();
	host_log_clear();
	return 0;
}

static int teardown_percpu(void **state)
{
	host_percpu_teardown();	/* every offset 0 again, this thread's too */
	return host_ram_teardown(state);
}

/*
 * First fit in allocation order, holes filled first (offsets less base):
 *   100 a(4) 104 b(8) 112 (hole) 128 c(4, align 32) 132      d(3) goes to the hole at 112
 */
static void test_first_fit(void **state)
{
	void *a, *b, *c, *d;

	(void)state;
	assert_int_equal(pcpu_nr_pages(), CPUS * UNIT_PAGES);
	a = __alloc_percpu(4, 4);
	b = __alloc_percpu(8, 4);
	c = __alloc_percpu(4, 32);
	d = __alloc_percpu(3, 1);
	assert_int_equal(off(a), at(100));
	assert_int_equal(off(b), at(104));
	assert_int_equal(off(c), at(128));
	assert_int_equal(off(d), at(112));
	for (unsigned int cpu = 0; cpu < CPUS; cpu++)
		assert_int_equal((unsigned long)per_cpu_ptr(b, cpu) - (unsigned long)per_cpu_ptr(b, 0), cpu * UNIT);
	free_percpu(a);
	free_percpu(b);
	free_percpu(c);
	free_percpu(d);
	host_log_expect_empty();
}

/*
 * Alignment is of each CPU's copy: the units are page aligned, so the
 * offset in the unit decides, and base is a page boundary.  Less base:
 * after a(4) at 100, 8 -> 104, 64 -> 128, 256 -> 256, 4096 -> 4096; then
 * 4 bytes at 8 skip 108 for 112.
 */
static void test_alignment(void **state)
{
	static const size_t aligns[] = { 8, 64, 256, 4096 };
	static const unsigned long want[] = { 104, 128, 256, 4096 };

	(void)state;
	assert_int_equal(off(__alloc_percpu(4, 4)), at(100));
	for (unsigned int i = 0; i < 4; i++) {
		void *p = __alloc_percpu(4, aligns[i]);

		assert_int_equal(off(p), at(want[i]));
		for (unsigned int cpu = 0; cpu < CPUS; cpu++)
			assert_int_equal((unsigned long)per_cpu_ptr(p, cpu) % aligns[i], 0);
	}
	assert_int_equal(off(__alloc_percpu(4, 8)), at(112));
	host_log_expect_empty();
}

/*
 *   100 a(12) 112 b(12) 124 c(4) 128   (less base)
 * 20 bytes fit neither hole alone; freeing a and b makes one 24-byte hole at 100.
 */
static void test_free_merges(void **state)
{
	void *a = __alloc_percpu(12, 4), *b = __alloc_percpu(12, 4), *c = __alloc_percpu(4, 4), *e;

	(void)state;
	assert_int_equal(off(c), at(124));
	free_percpu(a);
	e = __alloc_percpu(20, 4);
	assert_int_equal(off(e), at(128));	/* a's 12-byte hole is too small */
	free_percpu(e);
	free_percpu(b);
	assert_int_equal(off(__alloc_percpu(24, 4)), at(100));
	host_log_expect_empty();
}

/*
 * The whole dynamic room in one area, then one more: a new chunk of 4 units
 * in the vmalloc area (UNIT_PAGES each, from the buddy allocator), whose
 * units are UNIT apart like the first chunk's.  Emptied, it goes again.
 */
static void test_full_grows_a_chunk(void **state)
{
	void *all = __alloc_percpu(DYN_ROOM, 4), *p, *q;

	(void)state;
	assert_int_equal(off(all), at(100));
	p = __alloc_percpu(4, 4);
	assert_non_null(p);
	assert_true(off(p) >= UNIT);
	assert_int_equal(pcpu_nr_pages(), 2 * CPUS * UNIT_PAGES);
	assert_int_equal(vmalloc_nr_areas(), areas_at_start + 1);
	for (unsigned int cpu = 0; cpu < CPUS; cpu++) {
		assert_true(is_vmalloc_addr(per_cpu_ptr(p, cpu)));
		assert_int_equal((unsigned long)per_cpu_ptr(p, cpu) - (unsigned long)per_cpu_ptr(p, 0), cpu * UNIT);
	}
	q = __alloc_percpu(8, 4);
	assert_int_equal((unsigned long)q - (unsigned long)p, 4);	/* first fit in the new chunk */
	free_percpu(p);
	free_percpu(q);
	assert_int_equal(pcpu_nr_pages(), CPUS * UNIT_PAGES);
	assert_int_equal(vmalloc_nr_areas(), areas_at_start);
	free_percpu(all);
	host_log_expect_empty();
}

/*
 * Pages: a chunk takes its CPUS * UNIT_PAGES pages from the buddy
 * allocator (counted in meminfo_check's "other" term), and around them
 * slab pages for its records, vmalloc's area record and a page table;
 * emptied, it gives them all back.  Every other page taken is in one of meminfo_check's terms.
 */
static unsigned long other_terms(void)
{
	return slab_unreclaimable_pages() + vmalloc_nr_node_pages() + arch_page_table_pages();
}

static void test_chunk_pages_returned(void **state)
{
	void *all = __alloc_percpu(DYN_ROOM, 4);
	unsigned long before, terms_before;
	long other_before = meminfo_other_pages();
	void *p;

	(void)state;
	drain_all_pages();
	before = nr_free_pages();
	terms_before = other_terms();
	p = __alloc_percpu(UNIT, 4);	/* a whole unit: only a new chunk holds it */
	assert_non_null(p);
	drain_all_pages();
	assert_int_equal(meminfo_other_pages() - other_before, CPUS * UNIT_PAGES);
	assert_int_equal(before - nr_free_pages(), CPUS * UNIT_PAGES + other_terms() - terms_before);
	free_percpu(p);
	drain_all_pages();
	assert_int_equal(meminfo_other_pages(), other_before);
	assert_int_equal(nr_free_pages() + other_terms() - terms_before, before);
	free_percpu(all);
}

/* Every CPU's copy is zeroed, also where a freed area was written. */
static void test_zeroed(void **state)
{
	unsigned char *p = __alloc_percpu(16, 4);

	(void)state;
	for (unsigned int cpu = 0; cpu < CPUS; cpu++)
		memset(per_cpu_ptr(p, cpu), 0xa5, 16);
	free_percpu(p);
	p = __alloc_percpu(16, 4);
	assert_int_equal(off(p), at(100));
	for (unsigned int cpu = 0; cpu < CPUS; cpu++)
		for (unsigned int b = 0; b < 16; b++)
			assert_int_equal(per_cpu_ptr(p, cpu)[b], 0);
}

/* A free of anything but an area's start, a second free, and bad sizes: one line each, nothing changed. */
static void test_caller_mistakes(void **state)
{
	unsigned char *p = __alloc_percpu(8, 4);
	char line[128];

	(void)state;
	free_percpu(p + 4);
	snprintf(line, sizeof(line), "percpu: free_percpu of %p, which is not a percpu allocation; nothing freed",
		 (void *)(p + 4));
	host_log_expect(line);
	host_log_clear();
	assert_int_equal(off(__alloc_percpu(4, 4)), at(108));	/* p still holds at(100)..at(107) */
	free_percpu(p);
	free_percpu(p);
	assert_int_equal(host_log_count("which is not a percpu allocation; nothing freed"), 1);
	free_percpu(__start_host_percpu + 2 * UNIT);	/* no chunk there at all */
	free_percpu(NULL);
	assert_int_equal(host_log_count("which is not a percpu allocation; nothing freed"), 2);
	host_log_clear();
	assert_null(__alloc_percpu(0, 4));
	assert_null(__alloc_percpu(UNIT + 1, 4));
	assert_null(__alloc_percpu(4, 3));
	assert_null(__alloc_percpu(4, 8192));
	snprintf(line, sizeof(line), "percpu: illegal size (%lu) or align (4) for percpu allocation", UNIT + 1);
	host_log_expect("percpu: illegal size (0) or align (4) for percpu allocation", line,
			"percpu: illegal size (4) or align (3) for percpu allocation",
			"percpu: illegal size (4) or align (8192) for percpu allocation");
}

/* alloc_percpu(type): the type's size and alignment. */
static void test_typed(void **state)
{
	struct pair { unsigned long long a; int b; } *p;
	int *i;

	(void)state;
	i = alloc_percpu(int);
	p = alloc_percpu(struct pair);
	assert_int_equal(off(i), at(100));
	assert_int_equal(off(p), at(104));	/* the next multiple of its alignment (4 or 8) */
	host_set_cpu(2);
	this_cpu_ptr(p)->b = 7;
	host_set_cpu(0);
	assert_int_equal(per_cpu_ptr(p, 2)->b, 7);
	assert_int_equal(per_cpu_ptr(p, 1)->b, 0);
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_first_fit, boot_percpu, teardown_percpu),
		cmocka_unit_test_setup_teardown(test_alignment, boot_percpu, teardown_percpu),
		cmocka_unit_test_setup_teardown(test_free_merges, boot_percpu, teardown_percpu),
		cmocka_unit_test_setup_teardown(test_full_grows_a_chunk, boot_percpu, teardown_percpu),
		cmocka_unit_test_setup_teardown(test_chunk_pages_returned, boot_percpu, teardown_percpu),
		cmocka_unit_test_setup_teardown(test_zeroed, boot_percpu, teardown_percpu),
		cmocka_unit_test_setup_teardown(test_caller_mistakes, boot_percpu, teardown_percpu),
		cmocka_unit_test_setup_teardown(test_typed, boot_percpu, teardown_percpu),
	};

	(void)argc;
	host_fixmap_reserve(argv);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
