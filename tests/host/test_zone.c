/*
 * Zones: the lowmem rule of Linux 6.1 ARM (arch/arm/lowmem.c) for both
 * splits, the vmalloc= clamps, zone spans and the Zone ranges block, watermarks against values
 * worked out by hand from Linux's formulas, and the boot reports.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <slab.h>
#include "mm_boot.h"

#define PO_3G	0xC0000000UL
#define PO_2G	0x80000000UL
static int reset(void **state)
{
	(void)state;
	memblock_reset();
	zones_reset();
	host_log_clear();
	return 0;
}

static phys_addr_t limit_for(unsigned long page_offset, unsigned long ram, u64 vmalloc_arg)
{
	memblock_reset();
	memblock_add(RAM_BASE, ram);
	return arm_find_lowmem_bounds(page_offset, RAM_BASE, arm_vmalloc_reserve(vmalloc_arg, page_offset)).lowmem_end;
}

/*
 * One bank at 0x60000000 of 128 MiB .. 1 GiB.
 *   3G/1G: lowmem reaches 0xff800000 - 240M - 8M - 0xc0000000 + 0x60000000
 *          = 0x90000000; vmalloc=248M lowers that to 0x8f800000.
 *   2G/2G: the bound is 0xd0000000, past the end of any RAM QEMU models.
 * Expected: the limit is the smaller of the bound and the end of RAM.
 */
static void test_limit_table(void **state)
{
	static const struct {
		unsigned long page_offset, ram;
		u64 vmalloc;
		phys_addr_t limit;
	} cases[] = {
		{ PO_3G, 128 * MiB, 0, 0x68000000 },
		{ PO_3G, 256 * MiB, 0, 0x70000000 },
		{ PO_3G, 512 * MiB, 0, 0x80000000 },
		{ PO_3G, 768 * MiB, 0, 0x90000000 },
		{ PO_3G, 1024 * MiB, 0, 0x90000000 },
		{ PO_3G, 128 * MiB, 248 * MiB, 0x68000000 },
		{ PO_3G, 512 * MiB, 248 * MiB, 0x80000000 },
		{ PO_3G, 768 * MiB, 248 * MiB, 0x8f800000 },
		{ PO_3G, 1024 * MiB, 248 * MiB, 0x8f800000 },
		{ PO_3G, 1024 * MiB, 512 * MiB, 0x7f000000 },
		{ PO_2G, 128 * MiB, 0, 0x68000000 },
		{ PO_2G, 256 * MiB, 0, 0x70000000 },
		{ PO_2G, 512 * MiB, 0, 0x80000000 },
		{ PO_2G, 768 * MiB, 0, 0x90000000 },
		{ PO_2G, 1024 * MiB, 0, 0xa0000000 },
		{ PO_2G, 1024 * MiB, 248 * MiB, 0xa0000000 },
		{ PO_2G, 1024 * MiB, 1024 * MiB, 0x9f000000 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		phys_addr_t got = limit_for(cases[i].page_offset, cases[i].ram, cases[i].vmalloc);

		if (got != cases[i].limit)
			fail_msg("case %zu (PAGE_OFFSET 0x%lx, %lu MiB, vmalloc %llu MiB): limit 0x%08x, expected 0x%08x",
				 i, cases[i].page_offset, cases[i].ram / MiB,
				 (unsigned long long)(cases[i].vmalloc / MiB), got, cases[i].limit);
	}
	host_log_expect_empty();
}

/*
 * vmalloc= below 16 MiB is raised to 16 MiB; above what leaves 32 MiB of
 * lowmem (3G: 976 MiB, 2G: 2000 MiB) it is lowered, each with Linux's
 * warning.  16 MiB at 3G: bound 0xff800000 - 16M - 8M - 0xc0000000 +
 * 0x60000000 = 0x9e000000.
 */
static void test_vmalloc_clamps(void **state)
{
	(void)state;
	assert_int_equal(arm_vmalloc_reserve(8 * MiB, PO_3G), 16 * MiB);
	host_log_expect("vmalloc area is too small, limiting to 16MiB");
	host_log_clear();
	assert_int_equal(limit_for(PO_3G, 1024 * MiB, 1), 0x9e000000);
	host_log_clear();

	assert_int_equal(arm_vmalloc_reserve(2048 * MiB, PO_3G), 976 * MiB);
	host_log_expect("vmalloc area is too big, limiting to 976MiB");
	host_log_clear();
	assert_int_equal(limit_for(PO_3G, 1024 * MiB, 976 * MiB), 0x62000000);
	host_log_expect_empty();

	assert_int_equal(arm_vmalloc_reserve(3072ULL * MiB, PO_2G), 2000 * MiB);
	host_log_expect("vmalloc area is too big, limiting to 2000MiB");
	host_log_clear();

	/* Exactly at either clamp: no warning. */
	assert_int_equal(arm_vmalloc_reserve(16 * MiB, PO_3G), 16 * MiB);
	assert_int_equal(arm_vmalloc_reserve(976 * MiB, PO_3G), 976 * MiB);
	assert_int_equal(arm_vmalloc_reserve(0, PO_3G), 240 * MiB);
	host_log_expect_empty();
}

/*
 *   bank A 0x60000000-0x70000000   bank B 0x80000000-0xa0000000   (3G bound 0x90000000)
 * Expected: B starts below the bound, so the limit is the bound.
 *   bank A 0x60000000-0x70000000   bank B 0x98000000-0xa0000000
 * Expected: B starts above the bound, so lowmem ends with A.
 */
static void test_limit_walks_banks(void **state)
{
	(void)state;
	memblock_add(0x60000000, 0x10000000);
	memblock_add(0x80000000, 0x20000000);
	assert_int_equal(arm_find_lowmem_bounds(PO_3G, RAM_BASE, 240 * MiB).lowmem_end, 0x90000000);

	memblock_reset();
	memblock_add(0x60000000, 0x10000000);
	memblock_add(0x98000000, 0x08000000);
	assert_int_equal(arm_find_lowmem_bounds(PO_3G, RAM_BASE, 240 * MiB).lowmem_end, 0x70000000);
}

/*
 *   one bank 0x60000000-0x80000000, its top 16 MiB marked no-map:
 *   memory 0x60000000-0x7f000000 | 0x7f000000-0x80000000 (NOMAP)
 * Expected: lowmem ends where the mappable memory ends, 0x7f000000, as
 * Linux's adjust_lowmem_bounds skips no-map memory (for_each_mem_range).
 */
static void test_limit_skips_nomap(void **state)
{
	(void)state;
	memblock_add(0x60000000, 0x20000000);
	assert_int_equal(memblock_mark_nomap(0x7f000000, 0x01000000), 0);
	assert_int_equal(arm_find_lowmem_bounds(PO_3G, RAM_BASE, 240 * MiB).lowmem_end, 0x7f000000);
}

/*
 * The lowmem limit ends on a page, whatever vmalloc= or the banks say
 * (a page both in lowmem and HighMem would be mapped twice):
 *   vmalloc=64M+0x800 at 3G/1G, 1 GiB: bound 0xff800000 - 0x4000800 - 8M
 *     - 0xc0000000 + 0x60000000 = 0x9afff800, down to a page: 0x9afff000
 *   one bank [0x60000000, 0x70000123): down to a page: 0x70000000
 * Expected: arch_lowmem_end, max_low_pfn and high_memory all agree on
 * that page boundary.
 */
static void test_limit_rounds_to_a_page(void **state)
{
	host_skip_unless(IS_ENABLED(CONFIG_HIGHMEM), "without CONFIG_HIGHMEM the RAM above the limit is dropped from a 2 MiB boundary");
	(void)state;
	if (PAGE_OFFSET != PO_3G)
		skip();
	assert_int_equal(limit_for(PO_3G, 1024 * MiB, 64 * MiB + 0x800), 0x9afff000);

	memblock_reset();
	memblock_add(RAM_BASE, 1024 * MiB);
	adjust_lowmem_bounds(RAM_BASE, 64 * MiB + 0x800);
	assert_int_equal(arch_lowmem_end, 0x9afff000);
	assert_int_equal(max_low_pfn, 0x9afff);
	assert_int_equal((unsigned long)high_memory, 0xfafff000);

	memblock_reset();
	memblock_add(RAM_BASE, 0x10000123);
	adjust_lowmem_bounds(RAM_BASE, 0);
	assert_int_equal(arch_lowmem_end, 0x70000000);
	assert_int_equal(max_low_pfn, 0x70000);
	assert_int_equal((unsigned long)high_memory, 0xd0000000);
}

/*
 * Early allocations stay below the first bank edge that is not on a
 * 1 MiB section boundary (Linux 6.1 adjust_lowmem_bounds, with this
 * kernel's 1 MiB sections), so that map_lowmem's page tables come from
 * memory already mapped in whole sections:
 *   A 0x60000000-0x6ff80000  B 0x70000000-0x70080000   first odd edge 0x6ff80000 -> 0x6ff00000
 *   A 0x60000000-0x70000000  B 0x70180000-0x80000000   B's start 0x70180000 -> 0x70100000
 *   A 0x60000000-0xa0000000 (bound 0x90000000)          no odd edge -> the limit 0x90000000
 *   A 0x60000000-0x6f000000  B 0x9f000000-0x9f080000   B starts above the bound: A's end 0x6f000000
 *   A 0x60100000-0x70000000 (kernel 1 MiB into RAM)     no odd edge -> 0x70000000
 * Expected: memblock.current_limit as on the right; arch_lowmem_end is
 * still the end of the last bank below the bound.
 */
static void test_memblock_limit_at_first_odd_edge(void **state)
{
	host_skip_unless(IS_ENABLED(CONFIG_HIGHMEM), "without CONFIG_HIGHMEM the RAM above the limit is dropped, with its notice");
	static const struct {
		phys_addr_t a_skip, a_end, b_start, b_end;
		phys_addr_t lowmem, memblock_limit;
	} cases[] = {
		{ 0, 0x6ff80000, 0x70000000, 0x70080000, 0x70080000, 0x6ff00000 },
		{ 0, 0x70000000, 0x70180000, 0x80000000, 0x80000000, 0x70100000 },
		{ 0, 0xa0000000, 0, 0, 0x90000000, 0x90000000 },
		{ 0, 0x6f000000, 0x9f000000, 0x9f080000, 0x6f000000, 0x6f000000 },
		{ 0x100000, 0x70000000, 0, 0, 0x70000000, 0x70000000 },
	};

	(void)state;
	if (PAGE_OFFSET != PO_3G)
		skip();
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		memblock_reset();
		memblock_add(RAM_BASE + cases[i].a_skip, cases[i].a_end - RAM_BASE - cases[i].a_skip);
		if (cases[i].b_end)
			memblock_add(cases[i].b_start, cases[i].b_end - cases[i].b_start);
		adjust_lowmem_bounds(RAM_BASE, 0);
		if (arch_lowmem_end != cases[i].lowmem || memblock.current_limit != cases[i].memblock_limit)
			fail_msg("case %zu: lowmem limit 0x%08x (expected 0x%08x), memblock limit 0x%08x (expected 0x%08x)",
				 i, arch_lowmem_end, cases[i].lowmem, memblock.current_limit, cases[i].memblock_limit);
	}
	host_log_expect_empty();
}

/*
 * The exported limits at 1 GiB, 3G/1G (the host build's split):
 *   high_memory 0xf0000000, VMALLOC_START 0xf0800000; with vmalloc=248M
 *   lowmem ends at 0x8f800000 and vmalloc starts at 0xf0000000.
 */
static void test_setup_limits_exports(void **state)
{
	host_skip_unless(PAGE_OFFSET == 0xC0000000UL && IS_ENABLED(CONFIG_HIGHMEM), "expects 3G/1G with highmem");
	(void)state;
	if (PAGE_OFFSET != PO_3G)
		skip();
	memblock_add(RAM_BASE, 1024 * MiB);
	adjust_lowmem_bounds(RAM_BASE, 0);
	assert_int_equal(arch_lowmem_end, 0x90000000);
	assert_int_equal((unsigned long)high_memory, 0xf0000000);
	assert_int_equal(vmalloc_start, 0xf0800000);
	assert_int_equal(max_low_pfn, 0x90000);
	assert_int_equal(memblock.current_limit, 0x90000000);

	memblock_reset();
	memblock_add(RAM_BASE, 1024 * MiB);
	adjust_lowmem_bounds(RAM_BASE, 248 * MiB);
	assert_int_equal(arch_lowmem_end, 0x8f800000);
	assert_int_equal((unsigned long)high_memory, 0xef800000);
	assert_int_equal(vmalloc_start, 0xf0000000);
	assert_int_equal(memblock.current_limit, 0x8f800000);
	host_log_expect_empty();
}

/*
 * 1 GiB at 0x60000000, 3G/1G:
 *   Normal  0x60000000-0x8fffffff  196608 pages
 *   HighMem 0x90000000-0x9fffffff   65536 pages
 * Expected: the spans and Linux 6.1's Zone ranges block, line for line.
 */
static void test_zone_ranges_1g(void **state)
{
	(void)state;
	if (PAGE_OFFSET != PO_3G || !IS_ENABLED(CONFIG_HIGHMEM))
		skip();
	host_ram_setup(RAM_BASE, 1024 * MiB);
	memblock_add(RAM_BASE, 1024 * MiB);
	adjust_lowmem_bounds(RAM_BASE, 0);
	mem_map_init();
	host_log_clear();
	zones_init();
	host_log_expect("Zone ranges:",
			"  Normal   [mem 0x0000000060000000-0x000000008fffffff]",
			"  HighMem  [mem 0x0000000090000000-0x000000009fffffff]",
			"Movable zone start for each node",
			"Early memory node ranges",
			"  node   0: [mem 0x0000000060000000-0x000000009fffffff]",
			"Initmem setup node 0 [mem 0x0000000060000000-0x000000009fffffff]");
	assert_int_equal(node_zones[ZONE_NORMAL].zone_start_pfn, 0x60000);
	assert_int_equal(node_zones[ZONE_NORMAL].spanned_pages, 196608);
	assert_int_equal(node_zones[ZONE_NORMAL].present_pages, 196608);
	assert_int_equal(node_zones[ZONE_HIGHMEM].zone_start_pfn, 0x90000);
	assert_int_equal(node_zones[ZONE_HIGHMEM].spanned_pages, 65536);
	assert_int_equal(page_zone(pfn_to_page(0x8ffff)), &node_zones[ZONE_NORMAL]);
	assert_int_equal(page_zone(pfn_to_page(0x90000)), &node_zones[ZONE_HIGHMEM]);
	/* mem_map came from memblock, top-down below the lowmem limit. */
	assert_true(memblock_is_region_reserved(__pa(mem_map), 262144 * sizeof(struct page)));
	assert_true(__pa(mem_map) + 262144 * sizeof(struct page) <= 0x90000000);
	host_ram_release();
}

/*
 * 512 MiB fits in lowmem:  Normal 0x60000000-0x7fffffff, HighMem empty.
 */
static void test_zone_ranges_highmem_empty(void **state)
{
	(void)state;
	host_ram_setup(RAM_BASE, 512 * MiB);
	memblock_add(RAM_BASE, 512 * MiB);
	adjust_lowmem_bounds(RAM_BASE, 0);
	mem_map_init();
	host_log_clear();
	zones_init();
	assert_true(host_log_contains("  Normal   [mem 0x0000000060000000-0x000000007fffffff]\n"));
	if (IS_ENABLED(CONFIG_HIGHMEM))
		assert_true(host_log_contains("  HighMem  empty\n"));
	assert_int_equal(node_zones[ZONE_HIGHMEM].spanned_pages, 0);
	host_ram_release();
}

/*
 *   0x60000000 [bank 64M] 0x64000000 ...hole... 0x68000000 [bank 64M] 0x6c000000
 * Expected: Normal spans the hole (49152 pages) but only 32768 are present,
 * and each bank gets its own "node   0:" line.  After feeding, the hole and
 * mem_map (at the top of the second bank) are PG_reserved, the pages on
 * either side of the hole are not, and every page is reserved or managed.
 */
static void test_zone_present_with_hole(void **state)
{
	(void)state;
	host_ram_setup(RAM_BASE, 192 * MiB);
	memblock_add(0x60000000, 64 * MiB);
	memblock_add(0x68000000, 64 * MiB);
	adjust_lowmem_bounds(RAM_BASE, 0);
	mem_map_init();
	host_log_clear();
	zones_init();
	assert_int_equal(node_zones[ZONE_NORMAL].spanned_pages, 49152);
	assert_int_equal(node_zones[ZONE_NORMAL].present_pages, 32768);
	assert_int_equal(host_log_count("  node   0: [mem "), 2);
	assert_true(host_log_contains("  node   0: [mem 0x0000000068000000-0x000000006bffffff]"));

	buddy_feed_all();
	for (unsigned long pfn = 0x64000; pfn < 0x68000; pfn++)
		assert_true(PageReserved(pfn_to_page(pfn)));
	assert_false(PageReserved(pfn_to_page(0x63fff)) || PageReserved(pfn_to_page(0x68000)));
	assert_true(PageReserved(pfn_to_page(PFN_DOWN(__pa(mem_map)))));
	assert_true(PageReserved(pfn_to_page(0x6bfff)));
	{
		unsigned long reserved = 0;

		for (unsigned long pfn = min_pfn; pfn < max_pfn; pfn++)
			reserved += PageReserved(pfn_to_page(pfn));
		assert_int_equal(reserved + totalram_pages(), 49152);
	}
	assert_int_equal(buddy_check(), 0);
	host_ram_release();
}

static void set_managed(unsigned long normal, unsigned long high)
{
	zones_reset();
	node_zones[ZONE_NORMAL].managed_pages = normal;
	node_zones[ZONE_HIGHMEM].managed_pages = high;
	init_per_zone_wmark_min();
}

/*
 * Normal 190000 managed, HighMem 65536 (about the 1 GiB layout), by hand:
 *   min_free_kbytes = int_sqrt(190000 * 4 * 16) = int_sqrt(12160000) = 3487
 *   pages_min = 3487 / 4 = 871
 *   Normal:  min 871, step max(871/4, 190000*10/10000) = 217 -> low 1088, high 1305
 *   HighMem: share 871*65536/190000 = 300; min clamp(65536/1024, 32, 128) = 64;
 *            step max(300/4, 65536*10/10000) = max(75, 65) = 75 -> low 139, high 214
 *   Normal protection against HighMem: 65536 / 32 = 2048
 *   totalreserve = (2048 + 1305) + 214 = 3567
 * pcp lists (Linux 6.1's zone_batchsize and zone_highsize, one CPU):
 *   Normal:  batch 190000 >> 10 = 185, / 4 = 46, 46 + 23 = 69 -> 64 - 1 = 63;
 *            high max(low 1088, 4 * 63) = 1088
 *   HighMem: batch 65536 >> 10 = 64, / 4 = 16, 16 + 8 = 24 -> 16 - 1 = 15;
 *            high max(low 139, 4 * 15) = 139
 */
static void test_watermarks_1g(void **state)
{
	(void)state;
	set_managed(190000, 65536);
	assert_int_equal(min_free_kbytes, 3487);
	assert_int_equal(min_wmark_pages(&node_zones[ZONE_NORMAL]), 871);
	assert_int_equal(low_wmark_pages(&node_zones[ZONE_NORMAL]), 1088);
	assert_int_equal(high_wmark_pages(&node_zones[ZONE_NORMAL]), 1305);
	assert_int_equal(min_wmark_pages(&node_zones[ZONE_HIGHMEM]), 64);
	assert_int_equal(low_wmark_pages(&node_zones[ZONE_HIGHMEM]), 139);
	assert_int_equal(high_wmark_pages(&node_zones[ZONE_HIGHMEM]), 214);
	assert_int_equal(node_zones[ZONE_NORMAL].lowmem_reserve[ZONE_HIGHMEM], 2048);
	assert_int_equal(node_zones[ZONE_NORMAL].lowmem_reserve[ZONE_NORMAL], 0);
	assert_int_equal(node_zones[ZONE_HIGHMEM].lowmem_reserve[ZONE_HIGHMEM], 0);
	assert_int_equal(totalreserve_pages(), 3567);
	assert_int_equal(zone_pcp(&node_zones[ZONE_NORMAL], 0)->batch, 63);
	assert_int_equal(zone_pcp(&node_zones[ZONE_NORMAL], 0)->high, 1088);
	assert_int_equal(zone_pcp(&node_zones[ZONE_HIGHMEM], 0)->batch, 15);
	assert_int_equal(zone_pcp(&node_zones[ZONE_HIGHMEM], 0)->high, 139);
}

/*
 * The clamps: 100 lowmem pages give int_sqrt(6400) = 80 kB, raised to 128
 * (32 pages; step max(8, 0) = 8).  Highmem's min stays within 32..128 pages:
 * 16384 pages -> 16 -> 32; 262144 -> 256 -> 128.  1000 pages: int_sqrt(64000)
 * = 252 kB, 63 pages, step max(15, 1) = 15.  (The 262144 kB cap needs more
 * lowmem than a 32-bit kernel can have.)  pcp: a small zone gets batch 1
 * (100 pages: high is the low mark 40; none: high 4 * batch); 262144 pages reach
 * the 1 MiB cap, 256 / 4 = 64, 64 + 32 = 96 -> 64 - 1 = 63.
 */
static void test_watermark_clamps(void **state)
{
	(void)state;
	set_managed(100, 16384);
	assert_int_equal(min_free_kbytes, 128);
	assert_int_equal(min_wmark_pages(&node_zones[ZONE_NORMAL]), 32);
	assert_int_equal(low_wmark_pages(&node_zones[ZONE_NORMAL]), 40);
	assert_int_equal(min_wmark_pages(&node_zones[ZONE_HIGHMEM]), 32);

	assert_int_equal(zone_pcp(&node_zones[ZONE_NORMAL], 0)->batch, 1);
	assert_int_equal(zone_pcp(&node_zones[ZONE_NORMAL], 0)->high, 40);
	set_managed(0, 0);
	assert_int_equal(low_wmark_pages(&node_zones[ZONE_NORMAL]), 0);
	assert_int_equal(zone_pcp(&node_zones[ZONE_NORMAL], 0)->batch, 1);
	assert_int_equal(zone_pcp(&node_zones[ZONE_NORMAL], 0)->high, 4);

	set_managed(1000, 262144);
	assert_int_equal(zone_pcp(&node_zones[ZONE_HIGHMEM], 0)->batch, 63);
	assert_int_equal(min_free_kbytes, 252);
	assert_int_equal(min_wmark_pages(&node_zones[ZONE_NORMAL]), 63);
	assert_int_equal(high_wmark_pages(&node_zones[ZONE_NORMAL]), 63 + 2 * 15);
	assert_int_equal(min_wmark_pages(&node_zones[ZONE_HIGHMEM]), 128);
}

/*
 * The whole boot at 1 GiB, 3G/1G, kernel reserved at 0x60004000-0x60123000
 * and mem_map (262144 struct pages) just below 0x90000000:
 *   free: [0x60000000,0x60004000) [0x60123000,mem_map) | [0x90000000,0xa0000000)
 * Expected: Normal gets every free lowmem page, HighMem all 65536 in 64
 * blocks of order 10, and the reports agree with the zones.
 */
static void test_boot_reports_1g(void **state)
{
	struct kernel_sections ks = {
		.text_start = 0xc0008000, .text_end = 0xc0060000,
		.rodata_start = 0xc0060000, .rodata_end = 0xc0070000,
		.init_start = 0xc0070000, .init_end = 0xc0078000,
		.data_start = 0xc0078000, .data_end = 0xc0080000,
		.bss_start = 0xc0080000, .bss_end = 0xc0120000,
	};
	unsigned long normal;
	char buf[4096], line[256];
	struct seq s;

	(void)state;
	if (PAGE_OFFSET != PO_3G || !IS_ENABLED(CONFIG_HIGHMEM))
		skip();
	mm_boot(1024 * MiB, 0);
	/* 4 pages below the kernel + [0x60123, 0x90000) less mem_map */
	normal = 4 + (0x90000 - 0x60123) - PFN_UP(262144 * sizeof(struct page));
	assert_int_equal(node_zones[ZONE_NORMAL].managed_pages, normal);
	assert_int_equal(node_zones[ZONE_HIGHMEM].managed_pages, 65536);
	assert_true(host_log_contains("buddy: HighMem fed 65536 pages in 64 blocks\n"));
	snprintf(buf, sizeof(buf), "buddy: Normal fed %lu pages in ", normal);
	assert_true(host_log_contains(buf));
	assert_int_equal(nr_free_pages(), normal + 65536);
	assert_int_equal(buddy_check(), 0);

	host_log_clear();
	mem_init_print_info(&ks);
	mem_print_layout(&ks);
	snprintf(buf, sizeof(buf),
		 "Memory: %luK/1048576K available (352K kernel code, 32K rwdata, 64K rodata, 32K init, "
		 "640K bss, %luK reserved, 0K cma-reserved, 262144K highmem)\n",
		 (normal + 65536) * 4, (262144 - normal - 65536) * 4);
	assert_true(host_log_contains(buf));
	assert_true(host_log_contains("    vmalloc : 0xf0800000 - 0xff800000   ( 240 MB)\n"));
	assert_true(host_log_contains("    lowmem  : 0xc0000000 - 0xf0000000   ( 768 MB)\n"));
	assert_true(host_log_contains("    pkmap   : 0xbfe00000 - 0xc0000000   (   2 MB)\n"));
	assert_true(host_log_contains("    modules : 0xbf000000 - 0xbfe00000   (  14 MB)\n"));
	assert_true(host_log_contains("       .bss : 0xc0080000 - 0xc0120000   ( 640 kB)\n"));

	seq_init(&s, buf, sizeof(buf));
	meminfo_show(&s);
	assert_false(s.overflow);
	assert_true(strstr(buf, "HighTotal:        262144 kB\n") != NULL);
	assert_true(strstr(buf, "MemTotal:       ") == buf);

	seq_init(&s, buf, sizeof(buf));
	zoneinfo_show(&s);
	assert_true(strstr(buf, "Node 0, zone   Normal\n  per-node stats\n") == buf);
	assert_true(strstr(buf, "Node 0, zone  HighMem\n") != NULL);
	assert_true(strstr(buf, "\n  start_pfn:           589824\n") != NULL);
	/* Linux 6.1's pageset block, between the vmstat lines and node_unreclaimable. */
	snprintf(line, sizeof(line), "\n      nr_free_cma  0\n  pagesets\n    cpu: 0\n"
		 "              count: 0\n              high:  %lu\n              batch: 63\n"
		 "  vm stats threshold: 0\n  node_unreclaimable:  0\n", low_wmark_pages(&node_zones[ZONE_NORMAL]));
	assert_true(strstr(buf, line) != NULL);
	snprintf(line, sizeof(line), "\n      nr_free_pages %lu\n", normal);
	assert_true(strstr(buf, line) != NULL);
	snprintf(line, sizeof(line), "\n              high:  %lu\n              batch: 15\n",
		 low_wmark_pages(&node_zones[ZONE_HIGHMEM]));
	assert_true(strstr(buf, line) != NULL);

	/* A page freed after an allocation waits on the pcp list: counted there, not in "pages free". */
	{
		struct page *p = alloc_page(GFP_KERNEL);

		__free_page(p);
		assert_int_equal(zone_pcp(&node_zones[ZONE_NORMAL], 0)->count, 63);
		assert_int_equal(node_zones[ZONE_NORMAL].free_pages, normal - 63);
		assert_int_equal(nr_free_pages(), normal + 65536);
		seq_init(&s, buf, sizeof(buf));
		zoneinfo_show(&s);
		snprintf(line, sizeof(line), "\n  pages free     %lu\n", normal - 63);
		assert_true(strstr(buf, line) != NULL);
		assert_true(strstr(buf, "\n              count: 63\n") != NULL);
		/* The Memory: line counts as NR_FREE_PAGES does: the 63 pcp pages are not "available". */
		host_log_clear();
		mem_init_print_info(&ks);
		snprintf(line, sizeof(line), "Memory: %luK/1048576K available (", (normal - 63 + 65536) * 4);
		assert_true(host_log_contains(line));
		drain_all_pages();
		assert_int_equal(node_zones[ZONE_NORMAL].free_pages, normal);
	}

	if (getenv("MM_SHOW_SAMPLE")) {
		fprintf(stderr, "%s", host_log());
		seq_init(&s, buf, sizeof(buf));
		buddyinfo_show(&s);
		fprintf(stderr, "--- /proc/buddyinfo\n%s", buf);
		seq_init(&s, buf, sizeof(buf));
		zoneinfo_show(&s);
		fprintf(stderr, "--- /proc/zoneinfo\n%s", buf);
		seq_init(&s, buf, sizeof(buf));
		meminfo_show(&s);
		fprintf(stderr, "--- /proc/meminfo\n%s", buf);
	}
	host_ram_release();
}

/*
 * /proc/zoneinfo against Linux 6.1's layout (mm/vmstat.c zoneinfo_show_print
 * with vmstat_text's names, written out here): every line in order, each
 * value replaced by N.  Normal carries the per-node stats (first populated
 * zone); HighMem, populated or not; Movable, empty, only its watermarks
 * and protection; three protection entries each.
 */
static const char *const linux_node_stats[] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file", "nr_unevictable",
	"nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon", "nr_isolated_file",
	"workingset_nodes", "workingset_refault_anon", "workingset_refault_file", "workingset_activate_anon",
	"workingset_activate_file", "workingset_restore_anon", "workingset_restore_file",
	"workingset_nodereclaim", "nr_anon_pages", "nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback",
	"nr_writeback_temp", "nr_shmem", "nr_shmem_hugepages", "nr_shmem_pmdmapped", "nr_file_hugepages",
	"nr_file_pmdmapped", "nr_anon_transparent_hugepages", "nr_vmscan_write", "nr_vmscan_immediate_reclaim",
	"nr_dirtied", "nr_written", "nr_throttled_written", "nr_kernel_misc_reclaimable", "nr_foll_pin_acquired",
	"nr_foll_pin_released", "nr_kernel_stack", "nr_page_table_pages", "nr_sec_page_table_pages",
	"nr_swapcached",
};
static const char *const linux_zone_stats[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon", "nr_zone_inactive_file",
	"nr_zone_active_file", "nr_zone_unevictable", "nr_zone_write_pending", "nr_mlock", "nr_bounce",
	"nr_zspages", "nr_free_cma",
};

static void skeleton_add(char *out, size_t size, const char *fmt, ...)
{
	size_t len = strlen(out);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(out + len, size - len, fmt, ap);
	va_end(ap);
}

/* The skeleton of one zone block as Linux prints it. */
static void linux_zone_skeleton(char *out, size_t size, const char *name, bool node_stats, bool populated)
{
	skeleton_add(out, size, "Node N, zone %8s\n", name);
	if (node_stats) {
		skeleton_add(out, size, "  per-node stats\n");
		for (size_t i = 0; i < ARRAY_SIZE(linux_node_stats); i++)
			skeleton_add(out, size, "      %-12s N\n", linux_node_stats[i]);
	}
	skeleton_add(out, size, "  pages free     N\n        boost    N\n        min      N\n        low      N\n"
				"        high     N\n        spanned  N\n        present  N\n        managed  N\n"
				"        cma      N\n        protection: (N, N, N)\n");
	if (!populated)
		return;
	for (size_t i = 0; i < ARRAY_SIZE(linux_zone_stats); i++)
		skeleton_add(out, size, "      %-12s N\n", linux_zone_stats[i]);
	skeleton_add(out, size, "  pagesets\n    cpu: N\n              count: N\n              high:  N\n"
				"              batch: N\n  vm stats threshold: N\n  node_unreclaimable:  N\n"
				"  start_pfn:           N\n");
}

/* text with every run of digits replaced by one N. */
static void skeleton_of(char *out, const char *text)
{
	while (*text) {
		if (*text >= '0' && *text <= '9') {
			*out++ = 'N';
			while (*text >= '0' && *text <= '9')
				text++;
		} else {
			*out++ = *text++;
		}
	}
	*out = '\0';
}

static void check_zoneinfo_skeleton(bool highmem_populated)
{
	static char buf[8192], got[8192], want[8192];
	struct seq s;

	seq_init(&s, buf, sizeof(buf));
	zoneinfo_show(&s);
	assert_false(s.overflow);
	skeleton_of(got, buf);
	want[0] = '\0';
	linux_zone_skeleton(want, sizeof(want), "Normal", true, true);
	linux_zone_skeleton(want, sizeof(want), "HighMem", false, highmem_populated);
	linux_zone_skeleton(want, sizeof(want), "Movable", false, false);
	if (strcmp(got, want))
		fail_msg("zoneinfo is not Linux's layout:\n%s\n--- expected ---\n%s", got, want);
}

/*
 * 1 GiB (HighMem populated) and 512 MiB (HighMem empty) on 3G/1G: the
 * layout, then the values that are real: Normal's protection (0, 2048,
 * 2048) (65536 / 32 against HighMem and against Movable, which adds no
 * pages), HighMem's and Movable's (0, 0, 0), the slab's pages in
 * nr_slab_unreclaimable after one kmalloc.
 */
static void test_zoneinfo_is_linux(void **state)
{
	static char buf[8192];
	struct seq s;

	(void)state;
	if (PAGE_OFFSET != PO_3G || !IS_ENABLED(CONFIG_HIGHMEM))
		skip();
	mm_boot(1024 * MiB, 0);
	check_zoneinfo_skeleton(true);
	seq_init(&s, buf, sizeof(buf));
	zoneinfo_show(&s);
	assert_non_null(strstr(buf, "zone   Normal\n"));
	assert_non_null(strstr(buf, "        protection: (0, 2048, 2048)\n      nr_free_pages "));
	assert_non_null(strstr(buf, "zone  Movable\n  pages free     0\n"));
	assert_non_null(strstr(buf, "        managed  0\n        cma      0\n        protection: (0, 0, 0)\n"));
	/* one slab each for kmem_slab, kmem_cache and kmalloc-128: 3 pages */
	slab_reset();
	kmalloc_init();
	assert_non_null(kmalloc(100, GFP_KERNEL));
	seq_init(&s, buf, sizeof(buf));
	zoneinfo_show(&s);
	assert_non_null(strstr(buf, "\n      nr_slab_unreclaimable 3\n"));
	slab_reset();
	host_ram_release();

	zones_reset();
	memblock_reset();
	mm_boot(512 * MiB, 0);
	check_zoneinfo_skeleton(false);
	host_ram_release();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_limit_table, reset),
		cmocka_unit_test_setup(test_vmalloc_clamps, reset),
		cmocka_unit_test_setup(test_limit_walks_banks, reset),
		cmocka_unit_test_setup(test_limit_skips_nomap, reset),
		cmocka_unit_test_setup(test_setup_limits_exports, reset),
		cmocka_unit_test_setup(test_limit_rounds_to_a_page, reset),
		cmocka_unit_test_setup(test_memblock_limit_at_first_odd_edge, reset),
		cmocka_unit_test_setup(test_zone_ranges_1g, reset),
		cmocka_unit_test_setup(test_zone_ranges_highmem_empty, reset),
		cmocka_unit_test_setup(test_zone_present_with_hole, reset),
		cmocka_unit_test_setup(test_watermarks_1g, reset),
		cmocka_unit_test_setup(test_watermark_clamps, reset),
		cmocka_unit_test_setup(test_boot_reports_1g, reset),
		cmocka_unit_test_setup(test_zoneinfo_is_linux, reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
