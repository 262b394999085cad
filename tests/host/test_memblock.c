/*
 * memblock on the host: the region sets, the top-down allocator, the free
 * range walk and the dump, each scenario from an empty memblock and an
 * empty log.  Pictures use M for MiB; ranges are half-open [start, end).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <memblock.h>
#include <arch.h>
#include <seq.h>
#include "host.h"

#define RAM	0x60000000U
#define M	0x100000U

struct range { phys_addr_t base, size; };

static int setup(void **state)
{
	(void)state;
	memblock_reset();
	host_log_clear();
	return 0;
}

/* Fail unless type holds exactly the n ranges given, in order, and totals them. */
static void expect_regions(const struct memblock_type *type, const struct range *want, unsigned int n)
{
	phys_addr_t total = 0;
	unsigned int i;

	if (type->cnt != n)
		fail_msg("%s has %u regions, expected %u", type->name, type->cnt, n);
	for (i = 0; i < n; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->base != want[i].base || r->size != want[i].size)
			fail_msg("%s[%u] is [0x%08x+0x%08x], expected [0x%08x+0x%08x]", type->name, i,
				 r->base, r->size, want[i].base, want[i].size);
		total += r->size;
	}
	if (type->total_size != total)
		fail_msg("%s total_size 0x%08x, expected 0x%08x", type->name, type->total_size, total);
}

#define EXPECT_MEMORY(...) do {							\
		const struct range want_[] = { __VA_ARGS__ };			\
		expect_regions(&memblock.memory, want_, ARRAY_SIZE(want_));	\
	} while (0)
#define EXPECT_RESERVED(...) do {						\
		const struct range want_[] = { __VA_ARGS__ };			\
		expect_regions(&memblock.reserved, want_, ARRAY_SIZE(want_));	\
	} while (0)

/*
 *   add:   [10M,12M)        [14M,16M)
 *   add:          [12M,14M)             fills the gap exactly
 *   =      [10M,           16M)         one region: touching ranges merge
 */
static void test_add_merges_touching_ranges(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(10 * M, 2 * M), 0);
	assert_int_equal(memblock_add(14 * M, 2 * M), 0);
	EXPECT_MEMORY({ 10 * M, 2 * M }, { 14 * M, 2 * M });
	assert_int_equal(memblock_add(12 * M, 2 * M), 0);
	EXPECT_MEMORY({ 10 * M, 6 * M });
	host_log_expect_empty();
}

/*
 *   have:  [1M,2M)  [3M,4M)  [5M,6M)  [8M,9M)
 *   add:      [1.5M,           5.5M)
 *   =      [1M,                6M)    [8M,9M)   three regions swallowed
 */
static void test_add_swallows_overlapped_regions(void **state)
{
	(void)state;
	memblock_add(5 * M, M);
	memblock_add(1 * M, M);
	memblock_add(8 * M, M);
	memblock_add(3 * M, M);
	EXPECT_MEMORY({ 1 * M, M }, { 3 * M, M }, { 5 * M, M }, { 8 * M, M });
	assert_int_equal(memblock_add(1 * M + M / 2, 4 * M), 0);
	EXPECT_MEMORY({ 1 * M, 5 * M }, { 8 * M, M });
	/* Adding what is already there changes nothing. */
	assert_int_equal(memblock_add(2 * M, M), 0);
	EXPECT_MEMORY({ 1 * M, 5 * M }, { 8 * M, M });
}

/* Size 0 is refused with -EINVAL and leaves the set alone. */
static void test_size_zero_is_refused(void **state)
{
	(void)state;
	memblock_add(RAM, 256 * M);
	assert_int_equal(memblock_add(RAM, 0), -EINVAL);
	assert_int_equal(memblock_reserve(RAM, 0), -EINVAL);
	assert_int_equal(memblock_remove(RAM, 0), -EINVAL);
	assert_int_equal(memblock_free(RAM, 0), -EINVAL);
	EXPECT_MEMORY({ RAM, 256 * M });
	assert_int_equal(memblock.reserved.cnt, 0);
}

/*
 *   add [0xf0000000, +512M) reaches past 4 GiB: kept up to 0xffffffff
 *   (exclusive), with one warning.
 */
static void test_add_past_4g_is_clipped(void **state)
{
	(void)state;
	assert_int_equal(memblock_add(0xf0000000U, 512 * M), 0);
	EXPECT_MEMORY({ 0xf0000000U, 0x0fffffffU });
	host_log_expect("memblock: memory [0xf0000000 + 0x20000000] reaches past 0xffffffff; clipped");
}

/*
 *   memory: [RAM,                      RAM+1G)
 *   remove:          [RAM+256M, RAM+512M)
 *   =       [RAM, RAM+256M)            [RAM+512M, RAM+1G)   split in the middle
 */
static void test_remove_splits_a_region(void **state)
{
	(void)state;
	memblock_add(RAM, 1024 * M);
	assert_int_equal(memblock_remove(RAM + 256 * M, 256 * M), 0);
	EXPECT_MEMORY({ RAM, 256 * M }, { RAM + 512 * M, 512 * M });
	host_log_expect_empty();
}

/*
 *   memory: [1M,3M)  [4M,6M)  [7M,9M)
 *   remove:    [2M,           8M)
 *   =       [1M,2M)                [8M,9M)   trims both ends, drops the middle
 */
static void test_remove_across_regions(void **state)
{
	(void)state;
	memblock_add(1 * M, 2 * M);
	memblock_add(4 * M, 2 * M);
	memblock_add(7 * M, 2 * M);
	assert_int_equal(memblock_remove(2 * M, 6 * M), 0);
	EXPECT_MEMORY({ 1 * M, M }, { 8 * M, M });
	/* Removing where there is nothing is fine and changes nothing. */
	assert_int_equal(memblock_remove(20 * M, M), 0);
	EXPECT_MEMORY({ 1 * M, M }, { 8 * M, M });
	/* Removing exactly a whole region deletes it. */
	assert_int_equal(memblock_remove(1 * M, M), 0);
	EXPECT_MEMORY({ 8 * M, M });
}

/* Fill a table with MEMBLOCK_MAX_REGIONS separate ranges: [0,1M) [2M,3M) [4M,5M) ... */
static void fill_table(int (*add)(phys_addr_t, phys_addr_t))
{
	unsigned int i;

	for (i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		assert_int_equal(add(2 * i * M, M), 0);
}

/*
 * With the table full, anything needing a new slot (a separate range, a
 * split) fails with -ENOSPC and changes nothing; merging still works.
 */
static void test_full_table(void **state)
{
	struct memblock_type before;

	(void)state;
	fill_table(memblock_add);
	before = memblock.memory;
	assert_int_equal(memblock_add(0xf0000000U, M), -ENOSPC);
	assert_int_equal(memblock_remove(M / 4, M / 2), -ENOSPC);	/* would split [0,1M) */
	assert_memory_equal(&before, &memblock.memory, sizeof(before));

	/* [1M,2M) joins [0,1M) and [2M,3M): one slot freed. */
	assert_int_equal(memblock_add(M, M), 0);
	assert_int_equal(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS - 1);
	assert_int_equal(memblock_add(0xf0000000U, M), 0);
	assert_int_equal(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS);

	/* The reserved set has its own table. */
	fill_table(memblock_reserve);
	assert_int_equal(memblock_reserve(0xf0000000U, M), -ENOSPC);
	assert_int_equal(memblock_free(M / 4, M / 2), -ENOSPC);
	assert_int_equal(memblock.reserved.cnt, MEMBLOCK_MAX_REGIONS);
}

/*
 *   reserved: [RAM, RAM+16M)
 *   free:          [RAM+4M, RAM+8M)
 *   =         [RAM, RAM+4M)  [RAM+8M, RAM+16M)
 */
static void test_reserve_and_free(void **state)
{
	(void)state;
	memblock_add(RAM, 1024 * M);
	assert_int_equal(memblock_reserve(RAM, 8 * M), 0);
	assert_int_equal(memblock_reserve(RAM + 4 * M, 12 * M), 0);
	EXPECT_RESERVED({ RAM, 16 * M });
	assert_int_equal(memblock_free(RAM + 4 * M, 4 * M), 0);
	EXPECT_RESERVED({ RAM, 4 * M }, { RAM + 8 * M, 8 * M });
	assert_int_equal(memblock_reserved_size(), 12 * M);
	assert_int_equal(memblock_phys_mem_size(), 1024 * M);
	EXPECT_MEMORY({ RAM, 1024 * M });
}

/*
 *   memory: [RAM, RAM+1G)       limit RAM+768M
 *   reserved:                   [RAM+767M, RAM+768M)   just under the limit
 *   Allocations come down from RAM+767M, aligned, and get reserved.
 */
static void test_alloc_is_top_down_below_limit(void **state)
{
	(void)state;
	memblock_add(RAM, 1024 * M);
	memblock_reserve(RAM + 767 * M, M);
	memblock_set_current_limit(RAM + 768 * M);

	assert_int_equal(memblock_phys_alloc(0x1000, 0x1000), RAM + 767 * M - 0x1000);
	assert_int_equal(memblock_phys_alloc(0x1000, 0x1000), RAM + 767 * M - 0x2000);
	/* 1 MiB alignment skips down to the next boundary. */
	assert_int_equal(memblock_phys_alloc(0x100, M), RAM + 766 * M);
	EXPECT_RESERVED({ RAM + 766 * M, 0x100 }, { RAM + 767 * M - 0x2000, M + 0x2000 });
	host_log_expect_empty();
}

/*
 *   memory:   [RAM,                       RAM+16M)
 *   reserved:       [RAM+1M, RAM+15M+4K)         leaves 1M-4K at the top
 *   A 1 MiB request does not fit at the top and comes from [RAM, RAM+1M);
 *   the next finds nothing.
 */
static void test_alloc_skips_small_holes(void **state)
{
	(void)state;
	memblock_add(RAM, 16 * M);
	memblock_reserve(RAM + M, 14 * M + 0x1000);
	assert_int_equal(memblock_phys_alloc(M, 0x1000), RAM);
	assert_int_equal(memblock_phys_alloc(M, 0x1000), 0);
	assert_null(memblock_alloc(M, 0x1000));
}

/*
 * Memory at physical 0: the first page is never handed out, since a
 * return of 0 means failure (found by tests/fuzz/fuzz_memblock, which got
 * 0 back with [0x0-0x8) left reserved).
 *   memory [0 ........ 0x3000)   alloc 0x2000: [0x1000-0x3000); then nothing
 */
static void test_alloc_never_at_zero(void **state)
{
	(void)state;
	memblock_add(0, 0x3000);
	assert_int_equal(memblock_phys_alloc(0x8, 0x800000), 0);
	assert_int_equal(memblock.reserved.cnt, 0);
	assert_int_equal(memblock_phys_alloc(0x2000, 0x1000), 0x1000);
	assert_int_equal(memblock_phys_alloc(0x8, 0x8), 0);
	assert_int_equal(memblock.reserved.cnt, 1);
	assert_false(memblock_is_reserved(0));
}

/* Size 0 and an alignment that is not a power of two are reported and refused. */
static void test_alloc_refuses_bad_requests(void **state)
{
	(void)state;
	memblock_add(RAM, 16 * M);
	assert_int_equal(memblock_phys_alloc(0, 0x1000), 0);
	assert_int_equal(memblock_phys_alloc(0x1000, 0x3000), 0);
	assert_int_equal(memblock_phys_alloc(0x1000, 0), 0);
	host_log_expect("memblock: refused allocation of 0x0 bytes aligned to 0x1000: size 0",
			"memblock: refused allocation of 0x1000 bytes aligned to 0x3000: align not a power of two",
			"memblock: refused allocation of 0x1000 bytes aligned to 0x0: align not a power of two");
	assert_int_equal(memblock.reserved.cnt, 0);
}

/* memblock_alloc returns zeroed lowmem: __va of what it reserved. */
static void test_alloc_zeroes_through_va(void **state)
{
	unsigned char *ram, *p;
	size_t i;

	(void)state;
	ram = host_ram_setup(RAM, 16 * M);
	memset(ram, 0xa5, 16 * M);
	memblock_add(RAM, 16 * M);
	p = memblock_alloc(0x3000, 0x1000);
	assert_ptr_equal(p, ram + 16 * M - 0x3000);
	assert_int_equal(__pa(p), RAM + 16 * M - 0x3000);
	for (i = 0; i < 0x3000; i++)
		if (p[i] != 0)
			fail_msg("byte %zu of the allocation is 0x%02x, not zero", i, p[i]);
	assert_int_equal(ram[16 * M - 0x3001], 0xa5);	/* the byte below is untouched */
	assert_true(memblock_is_reserved(RAM + 16 * M - 0x3000));
	host_ram_release();
}

/*
 *   memory:   [RAM, RAM+256M)   [RAM+512M, RAM+1G)
 *   reserved:   [RAM+1M,+1M)                [RAM+1G-1M, RAM+1G)
 *   cap at RAM+768M: memory and reserved both end there.
 */
static void test_cap_memory(void **state)
{
	(void)state;
	memblock_add(RAM, 256 * M);
	memblock_add(RAM + 512 * M, 512 * M);
	memblock_reserve(RAM + M, M);
	memblock_reserve(RAM + 1023 * M, M);
	memblock_cap_memory(RAM + 768 * M);
	EXPECT_MEMORY({ RAM, 256 * M }, { RAM + 512 * M, 256 * M });
	EXPECT_RESERVED({ RAM + M, M });
	assert_int_equal(memblock_end_of_DRAM(), RAM + 768 * M);
	assert_int_equal(memblock_start_of_DRAM(), RAM);

	/* A limit above everything changes nothing; one below everything empties the set. */
	memblock_cap_memory(0xffffffffU);
	EXPECT_MEMORY({ RAM, 256 * M }, { RAM + 512 * M, 256 * M });
	memblock_cap_memory(RAM);
	assert_int_equal(memblock.memory.cnt, 0);
	assert_int_equal(memblock_end_of_DRAM(), 0);
}

/*
 *   memory:   [0,10M)                [20M,30M)           [40M,50M)
 *   reserved:    [2M,4M) [6M,12M)  [18M,21M)   [29M,41M)        [49M,50M)
 *   free:     [0,2M) [4M,6M)        [21M,29M)            [41M,49M)
 */
static void test_free_range_walk(void **state)
{
	const struct range want[] = {
		{ 0, 2 * M }, { 4 * M, 2 * M }, { 21 * M, 8 * M }, { 41 * M, 8 * M },
	};
	unsigned long idx = 0;
	phys_addr_t start, end;
	unsigned int n = 0;

	(void)state;
	memblock_add(0, 10 * M);
	memblock_add(20 * M, 10 * M);
	memblock_add(40 * M, 10 * M);
	memblock_reserve(2 * M, 2 * M);
	memblock_reserve(6 * M, 6 * M);
	memblock_reserve(18 * M, 3 * M);
	memblock_reserve(29 * M, 12 * M);
	memblock_reserve(49 * M, M);
	while (memblock_next_free_range(&idx, &start, &end)) {
		if (n >= ARRAY_SIZE(want))
			fail_msg("extra free range [0x%08x-0x%08x)", start, end);
		if (start != want[n].base || end != want[n].base + want[n].size)
			fail_msg("free range %u is [0x%08x-0x%08x), expected [0x%08x-0x%08x)", n, start, end,
				 want[n].base, want[n].base + want[n].size);
		n++;
	}
	assert_int_equal(n, ARRAY_SIZE(want));
}

/* Membership tests at the exact edges of [RAM, RAM+16M) and a reserved [RAM+4M, RAM+8M). */
static void test_membership_edges(void **state)
{
	(void)state;
	memblock_add(RAM, 16 * M);
	memblock_reserve(RAM + 4 * M, 4 * M);
	assert_false(memblock_is_memory(RAM - 1));
	assert_true(memblock_is_memory(RAM));
	assert_true(memblock_is_memory(RAM + 16 * M - 1));
	assert_false(memblock_is_memory(RAM + 16 * M));
	assert_false(memblock_is_reserved(RAM + 4 * M - 1));
	assert_true(memblock_is_reserved(RAM + 4 * M));
	assert_false(memblock_is_reserved(RAM + 8 * M));
	assert_false(memblock_is_region_reserved(RAM, 4 * M));
	assert_true(memblock_is_region_reserved(RAM, 4 * M + 1));
	assert_true(memblock_is_region_reserved(RAM + 8 * M - 1, 16 * M));
	assert_false(memblock_is_region_reserved(RAM + 8 * M, 8 * M));
}

/*
 * The dump matches Linux 6.1's memblock=debug text for the same sets:
 *   memory:   [RAM, RAM+1G)
 *   reserved: [RAM+16K, RAM+32K) (page tables)  [RAM+1M, RAM+12M) (image)
 */
static void test_dump_format(void **state)
{
	static const char want[] =
		"MEMBLOCK configuration:\n"
		" memory size = 0x40000000 reserved size = 0x00b04000\n"
		" memory.cnt  = 0x1\n"
		" memory[0x0]\t[0x60000000-0x9fffffff], 0x40000000 bytes flags: 0x0\n"
		" reserved.cnt  = 0x2\n"
		" reserved[0x0]\t[0x60004000-0x60007fff], 0x00004000 bytes flags: 0x0\n"
		" reserved[0x1]\t[0x60100000-0x60bfffff], 0x00b00000 bytes flags: 0x0\n";
	char buf[1024];
	struct seq s;

	(void)state;
	memblock_add(RAM, 1024 * M);
	memblock_reserve(RAM + M, 11 * M);
	memblock_reserve(RAM + 0x4000, 0x4000);

	seq_init(&s, buf, sizeof(buf));
	memblock_show(&s);
	assert_false(s.overflow);
	assert_string_equal(buf, want);

	memblock_dump();
	assert_string_equal(host_log(), want);
}

/* Fail unless memory region i is [base, base + size) with flags. */
static void expect_memory_flags(unsigned int i, phys_addr_t base, phys_addr_t size, unsigned int flags)
{
	const struct memblock_region *r = &memblock.memory.regions[i];

	if (i >= memblock.memory.cnt || r->base != base || r->size != size || r->flags != flags)
		fail_msg("memory[%u] is [0x%08x+0x%08x] flags 0x%x, expected [0x%08x+0x%08x] flags 0x%x", i,
			 i < memblock.memory.cnt ? r->base : 0, i < memblock.memory.cnt ? r->size : 0,
			 i < memblock.memory.cnt ? r->flags : 0, base, size, flags);
}

/*
 * memblock_mark_nomap splits the region and flags the middle (Linux's
 * MEMBLOCK_NOMAP, 0x4): still memory, never free, not map memory.
 *
 *   memory:   [RAM ........................................ RAM+64M)
 *   no-map:              [RAM+16M, RAM+24M)
 *   reserved:       [RAM+8M, RAM+12M)
 *   free:     [RAM, +8M)  [+12M, +16M)            [+24M, +64M)
 */
static void test_mark_nomap(void **state)
{
	static const struct range want_free[] = {
		{ RAM, 8 * M }, { RAM + 12 * M, 4 * M }, { RAM + 24 * M, 40 * M },
	};
	unsigned long idx = 0;
	phys_addr_t start, end;
	unsigned int n = 0;

	(void)state;
	memblock_add(RAM, 64 * M);
	memblock_reserve(RAM + 8 * M, 4 * M);
	assert_int_equal(memblock_mark_nomap(RAM + 16 * M, 8 * M), 0);
	assert_int_equal(memblock.memory.cnt, 3);
	expect_memory_flags(0, RAM, 16 * M, MEMBLOCK_NONE);
	expect_memory_flags(1, RAM + 16 * M, 8 * M, MEMBLOCK_NOMAP);
	expect_memory_flags(2, RAM + 24 * M, 40 * M, MEMBLOCK_NONE);
	assert_int_equal(memblock_phys_mem_size(), 64 * M);
	assert_true(memblock_is_memory(RAM + 16 * M));
	assert_false(memblock_is_map_memory(RAM + 16 * M));
	assert_false(memblock_is_map_memory(RAM + 24 * M - 1));
	assert_true(memblock_is_map_memory(RAM + 24 * M));
	assert_true(memblock_is_map_memory(RAM + 16 * M - 1));
	assert_false(memblock_is_reserved(RAM + 16 * M));

	while (memblock_next_free_range(&idx, &start, &end)) {
		assert_true(n < ARRAY_SIZE(want_free));
		if (start != want_free[n].base || end != want_free[n].base + want_free[n].size)
			fail_msg("free range %u is [0x%08x-0x%08x)", n, start, end);
		n++;
	}
	assert_int_equal(n, ARRAY_SIZE(want_free));

	/* Allocations come from below the limit but never from the no-map range. */
	memblock_set_current_limit(RAM + 24 * M);
	assert_int_equal(memblock_phys_alloc(2 * M, M), RAM + 14 * M);
	host_log_expect_empty();
}

/*
 * Adding over a no-map region keeps it no-map and fills only the gaps;
 * marking it again changes nothing; marking across a hole flags only memory.
 *
 *   before: [RAM, +4M)     [+8M nomap +12M)
 *   add:    [RAM ......................... +16M)
 *   after:  [RAM ...... +8M)[+8M nomap +12M)[+12M, +16M)
 */
static void test_add_over_nomap(void **state)
{
	(void)state;
	memblock_add(RAM, 4 * M);
	memblock_add(RAM + 8 * M, 4 * M);
	assert_int_equal(memblock_mark_nomap(RAM + 8 * M, 4 * M), 0);
	assert_int_equal(memblock_add(RAM, 16 * M), 0);
	assert_int_equal(memblock.memory.cnt, 3);
	expect_memory_flags(0, RAM, 8 * M, MEMBLOCK_NONE);
	expect_memory_flags(1, RAM + 8 * M, 4 * M, MEMBLOCK_NOMAP);
	expect_memory_flags(2, RAM + 12 * M, 4 * M, MEMBLOCK_NONE);
	assert_int_equal(memblock.memory.total_size, 16 * M);

	assert_int_equal(memblock_mark_nomap(RAM + 8 * M, 4 * M), 0);
	assert_int_equal(memblock.memory.cnt, 3);

	/* Two no-map marks that touch merge into one region. */
	assert_int_equal(memblock_mark_nomap(RAM + 12 * M, 2 * M), 0);
	assert_int_equal(memblock.memory.cnt, 3);
	expect_memory_flags(1, RAM + 8 * M, 6 * M, MEMBLOCK_NOMAP);
	expect_memory_flags(2, RAM + 14 * M, 2 * M, MEMBLOCK_NONE);

	/* Removing cuts through flags and keeps them. */
	assert_int_equal(memblock_remove(RAM + 9 * M, M), 0);
	expect_memory_flags(1, RAM + 8 * M, M, MEMBLOCK_NOMAP);
	expect_memory_flags(2, RAM + 10 * M, 4 * M, MEMBLOCK_NOMAP);

	/* The dump shows the flags as Linux's does. */
	memblock_reset();
	memblock_add(RAM, 2 * M);
	memblock_mark_nomap(RAM + M, M);
	host_log_clear();
	memblock_dump();
	assert_true(host_log_contains(" memory[0x1]\t[0x60100000-0x601fffff], 0x00100000 bytes flags: 0x4\n"));
}

/* A mark that would need more regions than the table holds changes nothing. */
static void test_nomap_table_full(void **state)
{
	struct memblock_type before;

	(void)state;
	for (unsigned int i = 0; i < MEMBLOCK_MAX_REGIONS; i++)
		memblock_add(RAM + 2 * i * M, M);
	before = memblock.memory;
	assert_int_equal(memblock_mark_nomap(RAM + M / 4, M / 2), -ENOSPC);	/* a split: two more */
	assert_memory_equal(&before, &memblock.memory, sizeof(before));
	assert_int_equal(memblock_mark_nomap(RAM, M), 0);	/* a whole region: no new slot */
	expect_memory_flags(0, RAM, M, MEMBLOCK_NOMAP);
	assert_int_equal(memblock.memory.cnt, MEMBLOCK_MAX_REGIONS);
}

/*
 * Random add/remove/reserve/free over a 64-page window, checked after every
 * step against a byte-per-page model and the set invariants (sorted,
 * non-empty, neither overlapping nor touching, totals right).
 */
#define PAGES	64
#define PG	0x1000U

static void check_against_model(const struct memblock_type *type, const bool *model, unsigned int step)
{
	bool seen[PAGES] = { false };
	phys_addr_t total = 0;
	unsigned int i, p;

	for (i = 0; i < type->cnt; i++) {
		const struct memblock_region *r = &type->regions[i];

		if (r->size == 0)
			fail_msg("step %u: %s[%u] is empty", step, type->name, i);
		if (i > 0 && type->regions[i - 1].base + type->regions[i - 1].size >= r->base)
			fail_msg("step %u: %s[%u] overlaps or touches the region before", step, type->name, i);
		for (p = (r->base - RAM) / PG; p < (r->base + r->size - RAM) / PG; p++)
			seen[p] = true;
		total += r->size;
	}
	if (total != type->total_size)
		fail_msg("step %u: %s total 0x%x, regions add up to 0x%x", step, type->name, type->total_size, total);
	for (p = 0; p < PAGES; p++)
		if (seen[p] != model[p])
			fail_msg("step %u: %s page %u is %s in memblock but %s in the model", step, type->name, p,
				 seen[p] ? "set" : "clear", model[p] ? "set" : "clear");
}

static void test_random_against_model(void **state)
{
	bool mem[PAGES] = { false }, res[PAGES] = { false };
	unsigned int step;

	(void)state;
	srand(1);
	for (step = 0; step < 20000; step++) {
		unsigned int first = (unsigned int)rand() % PAGES;
		unsigned int n = 1 + (unsigned int)rand() % (PAGES - first);
		unsigned int op = (unsigned int)rand() % 4, p;
		bool *model = op < 2 ? mem : res;
		int ret;

		switch (op) {
		case 0: ret = memblock_add(RAM + first * PG, n * PG); break;
		case 1: ret = memblock_remove(RAM + first * PG, n * PG); break;
		case 2: ret = memblock_reserve(RAM + first * PG, n * PG); break;
		default: ret = memblock_free(RAM + first * PG, n * PG); break;
		}
		if (ret != 0)
			fail_msg("step %u: op %u on pages [%u,%u) returned %d", step, op, first, first + n, ret);
		for (p = first; p < first + n; p++)
			model[p] = (op % 2) == 0;
		check_against_model(&memblock.memory, mem, step);
		check_against_model(&memblock.reserved, res, step);
	}
	host_log_expect_empty();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_add_merges_touching_ranges, setup),
		cmocka_unit_test_setup(test_add_swallows_overlapped_regions, setup),
		cmocka_unit_test_setup(test_size_zero_is_refused, setup),
		cmocka_unit_test_setup(test_add_past_4g_is_clipped, setup),
		cmocka_unit_test_setup(test_remove_splits_a_region, setup),
		cmocka_unit_test_setup(test_remove_across_regions, setup),
		cmocka_unit_test_setup(test_full_table, setup),
		cmocka_unit_test_setup(test_reserve_and_free, setup),
		cmocka_unit_test_setup(test_alloc_is_top_down_below_limit, setup),
		cmocka_unit_test_setup(test_alloc_skips_small_holes, setup),
		cmocka_unit_test_setup(test_alloc_never_at_zero, setup),
		cmocka_unit_test_setup(test_alloc_refuses_bad_requests, setup),
		cmocka_unit_test_setup(test_alloc_zeroes_through_va, setup),
		cmocka_unit_test_setup(test_cap_memory, setup),
		cmocka_unit_test_setup(test_free_range_walk, setup),
		cmocka_unit_test_setup(test_membership_edges, setup),
		cmocka_unit_test_setup(test_dump_format, setup),
		cmocka_unit_test_setup(test_mark_nomap, setup),
		cmocka_unit_test_setup(test_add_over_nomap, setup),
		cmocka_unit_test_setup(test_nomap_table_full, setup),
		cmocka_unit_test_setup(test_random_against_model, setup),
	};

	return cmocka_run_group_tests_name("memblock", tests, NULL, NULL);
}
