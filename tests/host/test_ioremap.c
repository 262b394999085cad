/*
 * Attribute aliases and physical address 0 in the vmalloc window
 * (mm/vmalloc.c): ioremap refuses system RAM and vmap refuses device
 * attributes for RAM pages (a Device alias of cacheable lowmem is
 * unpredictable on ARMv7, ARM ARM A3.5.7); and a page or a device at
 * physical address 0 is a page or a device like any other.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <vmalloc.h>
#include "mm_boot.h"

#define P	PAGE_SIZE

static int boot_small(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	vmalloc_init();
	host_log_clear();
	return 0;
}

/*
 *   0x10000000 device    0x60000000 [ RAM, 64 MiB ] 0x64000000
 *          ok               refused        refused     ok
 * Expected: every ioremap that touches RAM, even by one byte, is NULL
 * with one line naming the range; the window is left empty.
 */
static void test_ioremap_refuses_ram(void **state)
{
	host_skip_unless(IS_ENABLED(CONFIG_HIGHMEM), "without CONFIG_HIGHMEM the RAM above the lowmem limit is dropped, and is no longer RAM to refuse");
	static const struct {
		phys_addr_t phys;
		unsigned long size;
	} ram[] = {
		{ 0x60000000, P },		/* first RAM page (Normal) */
		{ 0x63fff000, P },		/* last RAM page (HighMem) */
		{ 0x5ffff000, 2 * P },		/* straddles the start of RAM */
		{ 0x63ffffff, 2 },		/* straddles the end of RAM */
		{ 0x5ff00000, SZ_32M },		/* covers the start */
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_SIZE(ram); i++) {
		host_log_clear();
		if (ioremap(ram[i].phys, ram[i].size))
			fail_msg("case %zu: ioremap(0x%08llx, 0x%lx) of RAM was accepted", i,
				 (unsigned long long)ram[i].phys, ram[i].size);
		host_log_expect("ioremap: [mem 0x");
		assert_true(host_log_contains("is system RAM; refused"));
	}
	assert_int_equal(vmalloc_nr_areas(), 0);
	assert_int_equal(host_arch.mapped_pages, 0);

	/* Right next to RAM on either side is not RAM. */
	host_log_clear();
	void *below = ioremap(0x5ffff000, P), *above = ioremap(0x64000000, P);

	assert_non_null(below);
	assert_non_null(above);
	iounmap(below);
	iounmap(above);
	host_log_expect_empty();
	assert_int_equal(vmalloc_check(), 0);
}

/* vmap of RAM pages with device attributes: refused, nothing mapped; cached and read-only still work. */
static void test_vmap_refuses_device_attributes(void **state)
{
	struct page *pages[2] = { alloc_page(GFP_KERNEL), alloc_page(GFP_HIGHUSER) };
	void *v;

	(void)state;
	assert_non_null(pages[0]);
	assert_non_null(pages[1]);
	assert_null(vmap(pages, 2, ARCH_MAP_DEVICE | ARCH_MAP_NX));
	host_log_expect("vmap: device attributes for RAM pages refused");
	assert_int_equal(vmalloc_nr_areas(), 0);
	assert_int_equal(host_arch.mapped_pages, 0);

	host_log_clear();
	v = vmap(pages, 2, ARCH_MAP_CACHED | ARCH_MAP_RO | ARCH_MAP_NX);
	assert_non_null(v);
	vunmap(v);
	host_log_expect_empty();
	__free_page(pages[0]);
	__free_page(pages[1]);
}

/*
 * A device at physical 0 (this board's NOR flash 0 alias, V2M-P1 TRM
 * 4.2): vmallocinfo shows phys=0x00000000 like any other ioremap.
 */
static void test_vmallocinfo_shows_phys_zero(void **state)
{
	char buf[512];
	struct seq s;
	void *io;

	(void)state;
	io = ioremap(0, P);
	assert_non_null(io);
	seq_init(&s, buf, sizeof(buf));
	vmallocinfo_show(&s);
	if (!strstr(buf, " phys=0x00000000 ioremap\n"))
		fail_msg("vmallocinfo has no phys=0x00000000 for an ioremap of address 0:\n%s", buf);
	iounmap(io);
}

/*
 * RAM at physical 0 (64 MiB; vmalloc=976M keeps lowmem to the first
 * 32 MiB):
 *   0x00000000 [pfn 0] ...reserved... [kernel] ...   0x04000000
 * Every free page is taken (past the watermarks), then pfn 0 alone is
 * given back, so a one-page vmalloc past the watermarks must get pfn 0.  Expected: vfree gives pfn 0 back to the buddy
 * allocator (one free page again), nothing reported.
 */
static void test_vfree_returns_pfn_zero(void **state)
{
	static struct page *taken[SMALL_RAM / P];
	size_t nr = 0;
	struct page *p;
	void *keep, *v;
	phys_addr_t pa;
	unsigned int flags;

	(void)state;
	host_arch_reset();
	host_ram_setup(0, SMALL_RAM);
	memblock_reset();
	memblock_add(0, SMALL_RAM);
	memblock_reserve(0x4000, 0x120000);
	zones_reset();
	adjust_lowmem_bounds(0, SMALL_VMALLOC);
	mem_map_init();
	zones_init();
	buddy_feed_all();
	vmalloc_init();
	keep = vmalloc(P);	/* the bookkeeping page exists before RAM runs out */
	assert_non_null(keep);

	while (nr < ARRAY_SIZE(taken) && (p = alloc_page(GFP_HIGHUSER | __GFP_MEMALLOC)) != NULL)
		taken[nr++] = p;
	for (size_t i = 0; i < nr; i++) {
		if (page_to_pfn(taken[i]) == 0) {
			__free_page(taken[i]);
			taken[i] = taken[--nr];
			break;
		}
	}
	drain_all_pages();
	assert_int_equal(nr_free_pages(), 1);
	host_log_clear();

	v = __vmalloc(P, GFP_HIGHUSER | __GFP_MEMALLOC);
	assert_non_null(v);
	assert_true(arch_query((unsigned long)v, &pa, &flags));
	assert_int_equal(pa, 0);
	vfree(v);
	drain_all_pages();
	assert_int_equal(nr_free_pages(), 1);
	host_log_expect_empty();

	while (nr)
		__free_page(taken[--nr]);
	vfree(keep);
	assert_int_equal(buddy_check(), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ioremap_refuses_ram, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_vmap_refuses_device_attributes, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_vmallocinfo_shows_phys_zero, boot_small, host_ram_teardown),
		cmocka_unit_test_teardown(test_vfree_returns_pfn_zero, host_ram_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
