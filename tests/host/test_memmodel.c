/*
 * The memory model (mm/memmap.c, docs/memory-models.md): pfn_valid,
 * pfn_to_page and page_to_pfn over RAM with holes, what mem_map costs, and
 * that the buddy allocator never hands out or merges across a hole.  Each
 * host configuration checks its own model (FLATMEM, or SPARSEMEM in
 * 3g-sparse); the expected values come from the tables and formulas here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <slab.h>
#include "mm_boot.h"

#define SECTION_PAGES	0x10000UL	/* 256 MiB sections of 4 KiB pages (ARM Linux's SECTION_SIZE_BITS 28) */

struct bank {
	phys_addr_t base, size;
};

/*
 * The hole machine of the boot tests, two sections apart:
 *   0x60000000 [bank 0, 256 MiB] 0x70000000 ....hole 512 MiB.... 0x90000000 [bank 1, 256 MiB] 0xa0000000
 *   sections:  6                 7, 8 (no RAM)                  9
 */
static const struct bank hole_banks[] = { { 0x60000000, 256 * MiB }, { 0x90000000, 256 * MiB } };
/*
 * Banks of it the kernel keeps: 3G/1G without CONFIG_HIGHMEM drops all RAM
 * above the lowmem limit, here the end of bank 0 (arch/arm/lowmem.c).
 */
#define HOLE_N	(IS_ENABLED(CONFIG_HIGHMEM) || PAGE_OFFSET != 0xC0000000UL ? 2U : 1U)

/*
 * Banks that do not fill their sections:
 *   0x60000000 [128 MiB] 0x68000000 ..hole.. 0x80000000 [64 MiB] 0x84000000
 *   sections 6 (half RAM), 7 (none), 8 (a quarter RAM)
 */
static const struct bank ragged_banks[] = { { 0x60000000, 128 * MiB }, { 0x80000000, 64 * MiB } };

static void boot_banks(const struct bank *banks, unsigned int n)
{
	phys_addr_t end = banks[n - 1].base + banks[n - 1].size;

	host_arch_reset();
	host_ram_setup(RAM_BASE, end - RAM_BASE);
	memblock_reset();
	for (unsigned int i = 0; i < n; i++)
		memblock_add(banks[i].base, banks[i].size);
	memblock_reserve(KERNEL_RESV_BASE, KERNEL_RESV_END - KERNEL_RESV_BASE);
	host_log_clear();
	zones_reset();
	adjust_lowmem_bounds(RAM_BASE, 0);
	mem_map_init();
	zones_init();
	buddy_feed_all();
}

static bool in_banks(const struct bank *banks, unsigned int n, unsigned long pfn)
{
	for (unsigned int i = 0; i < n; i++)
		if (pfn >= PFN_DOWN(banks[i].base) && pfn < PFN_DOWN(banks[i].base + banks[i].size))
			return true;
	return false;
}

static bool section_has_bank(const struct bank *banks, unsigned int n, unsigned long sec)
{
	for (unsigned int i = 0; i < n; i++)
		if (sec >= PFN_DOWN(banks[i].base) / SECTION_PAGES &&
		    sec <= (PFN_DOWN(banks[i].base + banks[i].size) - 1) / SECTION_PAGES)
			return true;
	return false;
}

/* The model's rule, written from the table of banks: which pfns have a struct page. */
static bool expect_valid(const struct bank *banks, unsigned int n, unsigned long pfn)
{
	unsigned long first = PFN_DOWN(banks[0].base), end = PFN_DOWN(banks[n - 1].base + banks[n - 1].size);

	if (pfn < first || pfn >= end)
		return false;
	return !IS_ENABLED(CONFIG_SPARSEMEM) || section_has_bank(banks, n, pfn / SECTION_PAGES);
}

/* Struct pages the model spends: every pfn first..end (FLATMEM), or whole sections with RAM (SPARSEMEM). */
static unsigned long expect_map_pages(const struct bank *banks, unsigned int n, unsigned long *sections)
{
	unsigned long first = PFN_DOWN(banks[0].base), end = PFN_DOWN(banks[n - 1].base + banks[n - 1].size);
	unsigned long k = 0;

	for (unsigned long sec = 0; sec < 16; sec++)
		k += section_has_bank(banks, n, sec);
	*sections = k;
	return IS_ENABLED(CONFIG_SPARSEMEM) ? k * SECTION_PAGES : end - first;
}

static void check_valid_and_round_trip(const struct bank *banks, unsigned int n)
{
	const struct page *prev = NULL;

	for (unsigned long pfn = 0x50000; pfn < 0xb0000; pfn++) {
		const struct page *p;

		if (pfn_valid(pfn) != expect_valid(banks, n, pfn))
			fail_msg("pfn 0x%lx: pfn_valid says %d", pfn, pfn_valid(pfn));
		if (!pfn_valid(pfn))
			continue;
		p = pfn_to_page(pfn);
		if (p < mem_map || p >= mem_map + mem_map_pages || page_to_pfn(p) != pfn)
			fail_msg("pfn 0x%lx: page %p (mem_map %p) gives back pfn 0x%lx", pfn, (const void *)p,
				 (void *)mem_map, page_to_pfn(p));
		/* Within a section the struct pages follow the pfns one by one. */
		if (pfn % SECTION_PAGES && pfn_valid(pfn - 1) && p != prev + 1)
			fail_msg("pfn 0x%lx: struct page does not follow pfn 0x%lx's", pfn, pfn - 1);
		prev = p;
	}
}

/* Every valid pfn has its own struct page and gets its pfn back; a hole is valid only under FLATMEM. */
static void test_hole_conversions(void **state)
{
	(void)state;
	boot_banks(hole_banks, HOLE_N);
	check_valid_and_round_trip(hole_banks, HOLE_N);
	assert_true(pfn_valid(0x6ffff) && !pfn_valid(0x5ffff));
	if (HOLE_N == 2) {
		assert_true(pfn_valid(0x70000) == !IS_ENABLED(CONFIG_SPARSEMEM));
		assert_true(pfn_valid(0x90000) && !pfn_valid(0xa0000));
		/* SPARSEMEM: bank 1's section follows bank 0's in mem_map; FLATMEM: the hole lies between. */
		assert_ptr_equal(pfn_to_page(0x90000), mem_map + (IS_ENABLED(CONFIG_SPARSEMEM) ? 0x10000 : 0x30000));
	}
	host_ram_release();
}

/* Partly filled sections: their RAM-less pfns keep a struct page (reserved), a RAM-less section has none. */
static void test_ragged_conversions(void **state)
{
	(void)state;
	boot_banks(ragged_banks, 2);
	check_valid_and_round_trip(ragged_banks, 2);
	assert_true(pfn_valid(0x6ffff) && pfn_valid(0x80000) && !pfn_valid(0x84000));
	assert_true(PageReserved(pfn_to_page(0x68000)) && PageReserved(pfn_to_page(0x6ffff)));
	assert_true(pfn_valid(0x7abcd) == !IS_ENABLED(CONFIG_SPARSEMEM));
	host_ram_release();
}

/* What each model spends on each machine, and the line that says so. */
static void test_mem_map_cost(void **state)
{
	static const struct {
		const struct bank *banks;
		unsigned int n;
		unsigned long flat, sparse, sections, present;
	} rows[] = {
		{ hole_banks, HOLE_N, HOLE_N == 2 ? 0x40000 : 0x10000, HOLE_N * 0x10000, HOLE_N, HOLE_N * 0x10000 },
		{ ragged_banks, 2, 0x24000, 0x20000, 2, 0xc000 },
	};
	char line[128];

	(void)state;
	for (unsigned int i = 0; i < ARRAY_SIZE(rows); i++) {
		unsigned long sections, want = IS_ENABLED(CONFIG_SPARSEMEM) ? rows[i].sparse : rows[i].flat;

		boot_banks(rows[i].banks, rows[i].n);
		assert_int_equal(expect_map_pages(rows[i].banks, rows[i].n, &sections), want);
		assert_int_equal(sections, rows[i].sections);
		assert_int_equal(mem_map_pages, want);
		assert_true(memblock_is_region_reserved(__pa(mem_map), want * sizeof(struct page)));
		if (IS_ENABLED(CONFIG_SPARSEMEM))
			snprintf(line, sizeof(line), "mem_map: %lu pages for %lu present pages, %lu KiB (SPARSEMEM: %lu sections)\n",
				 want, rows[i].present, want * sizeof(struct page) / 1024, rows[i].sections);
		else
			snprintf(line, sizeof(line), "mem_map: %lu pages for %lu present pages, %lu KiB (FLATMEM)\n",
				 want, rows[i].present, want * sizeof(struct page) / 1024);
		assert_true(host_log_contains(line));
		host_ram_release();
	}
}

/* Every free block lies in RAM: nothing is fed from, or merged across, a hole. */
static void check_free_blocks_in_ram(const struct bank *banks, unsigned int n)
{
	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int o = 0; o < MAX_ORDER; o++)
			for (int t = 0; t < MIGRATE_TYPES; t++) {
				const struct list_head *head = &node_zones[z].free_area[o].free_list[t];

				for (const struct list_head *l = head->next; l != head; l = l->next) {
					unsigned long pfn = page_to_pfn(list_entry(l, struct page, lru));

					if (!in_banks(banks, n, pfn) || !in_banks(banks, n, pfn + (1UL << o) - 1))
						fail_msg("free block 0x%lx order %u leaves RAM", pfn, o);
				}
			}
}

/*
 * Take every page at order 0, give them all back: each lies in RAM, the
 * blocks merge back to what boot fed and no free block leaves RAM.
 */
static void test_buddy_respects_hole(void **state)
{
	static struct page *taken[0x20000];
	unsigned long n = 0, fed;

	(void)state;
	boot_banks(hole_banks, HOLE_N);
	check_free_blocks_in_ram(hole_banks, HOLE_N);
	assert_int_equal(buddy_check(), 0);
	/* CONFIG_DEBUG_MM checks the whole allocator after each operation: 10^5 of them would take hours. */
	if (IS_ENABLED(CONFIG_DEBUG_MM)) {
		host_ram_release();
		return;
	}
	fed = nr_free_pages();
	while (n < ARRAY_SIZE(taken) && (taken[n] = alloc_pages(GFP_HIGHUSER, 0)) != NULL) {
		if (!in_banks(hole_banks, HOLE_N, page_to_pfn(taken[n])))
			fail_msg("alloc_pages gave pfn 0x%lx, in the hole", page_to_pfn(taken[n]));
		n++;
	}
	/* What is left is what the watermarks keep back: nothing lost, most of it handed out. */
	assert_int_equal(n + nr_free_pages(), fed);
	assert_true(n > fed / 2);
	while (n)
		__free_pages(taken[--n], 0);
	drain_all_pages();
	assert_int_equal(nr_free_pages(), fed);
	check_free_blocks_in_ram(hole_banks, HOLE_N);
	assert_int_equal(buddy_check(), 0);
	host_ram_release();
}

/* A pointer that is not a struct page of mem_map gets no pfn, in either model. */
static void test_stray_pointers(void **state)
{
	unsigned long pfn = 0;

	(void)state;
	boot_banks(hole_banks, HOLE_N);
	assert_false(mem_map_pfn(mem_map - 1, &pfn));
	assert_false(mem_map_pfn(mem_map + mem_map_pages, &pfn));
	assert_false(mem_map_pfn((const struct page *)((const char *)mem_map + 4), &pfn));
	assert_true(mem_map_pfn(pfn_to_page(0x6ffff), &pfn) && pfn == 0x6ffff);
	if (HOLE_N == 2)
		assert_true(mem_map_pfn(pfn_to_page(0x90001), &pfn) && pfn == 0x90001);
	host_log_clear();
	__free_pages(mem_map + mem_map_pages, 0);
	assert_int_equal(host_log_count("buddy: "), 1);
	assert_int_equal(buddy_check(), 0);
	host_ram_release();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hole_conversions),
		cmocka_unit_test(test_ragged_conversions),
		cmocka_unit_test(test_mem_map_cost),
		cmocka_unit_test(test_buddy_respects_hole),
		cmocka_unit_test(test_stray_pointers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
