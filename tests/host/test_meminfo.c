/*
 * /proc/meminfo (mm/mem_init.c): Linux 6.1's lines in its order and format,
 * MemFree without the per-CPU lists as Linux counts it, and the identity
 * meminfo_check verifies: every page of MemTotal is free, on a per-CPU
 * list, or held by exactly one owner (slab, page tables, vmalloc pages,
 * vmalloc records, other holders), through a mixed workload and back.
 * The values themselves are checked on a machine whose every input is
 * known (the small machine of mm_boot.h, allocations of known sizes from
 * known allocators): each field's expected kB computed here by formula,
 * never read from the counters meminfo_show prints.
 * The fake arch's page tables are host memory, so PageTables stays 0 here
 * (the boot tests see it grow on the board).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <mempool.h>
#include <slab.h>
#include <vmalloc.h>
#include "mm_boot.h"

#define K(pages)	((pages) * (PAGE_SIZE / 1024))

static char buf[2048];

/* 1 GiB, 3G/1G: Normal 0x60000000-0x8fffffff, HighMem 0x90000000-0x9fffffff; start_kernel's order. */
static int boot_1g(void **state)
{
	(void)state;
	mm_boot(1024 * MiB, 0);
	slab_reset();
	kmalloc_init();
	vmalloc_init();
	assert_int_equal(arch_map_range(0xf8000000, 0x10000000, SZ_1M, ARCH_MAP_DEVICE), 0);
	assert_int_equal(vmalloc_reserve_early(0xf8000000, SZ_1M, "v2m-periph"), 0);
	meminfo_account_other(-meminfo_other_pages());	/* a fresh machine: nobody else holds pages */
	host_log_clear();
	return 0;
}

static const char *meminfo(void)
{
	struct seq s;

	seq_init(&s, buf, sizeof(buf));
	meminfo_show(&s);
	assert_false(s.overflow);
	return buf;
}

/* meminfo_check's verdict, which its last line states; its text stays in buf. */
static bool adds_up(void)
{
	struct seq s;
	bool ok;

	seq_init(&s, buf, sizeof(buf));
	ok = meminfo_check_show(&s);
	assert_false(s.overflow);
	assert_int_equal(ok, strstr(buf, "\nadds up: yes\n") != NULL);
	return ok;
}

#define assert_adds_up()						\
	do {								\
		if (!adds_up())						\
			fail_msg("meminfo_check does not add up:\n%s", buf);	\
	} while (0)

static unsigned long free_lists(void)
{
	return node_zones[ZONE_NORMAL].free_pages + node_zones[ZONE_HIGHMEM].free_pages;
}

/*
 * A page freed after an allocation waits on the per-CPU list with the rest
 * of its refill batch: free to nr_free_pages (the leak checks' count), not
 * to MemFree (Linux's NR_FREE_PAGES); meminfo_check shows it as its own term.
 */
static void test_memfree_leaves_out_pcp(void **state)
{
	host_skip_unless(PAGE_OFFSET == 0xC0000000UL && IS_ENABLED(CONFIG_HIGHMEM), "expects 3G/1G with highmem");
	unsigned long all_free = nr_free_pages();
	struct page *p = alloc_page(GFP_KERNEL);
	unsigned long pcp;
	char line[64];

	(void)state;
	__free_page(p);
	pcp = zone_pcp(&node_zones[ZONE_NORMAL], 0)->count + zone_pcp(&node_zones[ZONE_HIGHMEM], 0)->count;
	assert_true(pcp > 0);
	assert_int_equal(nr_free_pages(), all_free);
	assert_int_equal(free_lists(), all_free - pcp);
	snprintf(line, sizeof(line), "\nMemFree:        %8lu kB\n", K(all_free - pcp));
	assert_non_null(strstr(meminfo(), line));
	snprintf(line, sizeof(line), "\nLowFree:        %8lu kB\n", K(all_free - pcp - node_zones[ZONE_HIGHMEM].free_pages));
	assert_true(!IS_ENABLED(CONFIG_HIGHMEM) || strstr(meminfo(), line));
	assert_adds_up();
	snprintf(line, sizeof(line), "\nper-CPU lists           %8lu pages\n", pcp);
	assert_non_null(strstr(buf, line));
}

static void *held_pages[8];

/*
 * Slab (kmalloc of every class, large blocks, a cache of its own), vmalloc,
 * vmap, ioremap, blocks held by other callers and a page mempool: after
 * each phase (all taken, half given back, all given back) the terms add
 * up to MemTotal to the page, and at the end they are back where boot left them.
 */
static void test_identity_mixed_workload(void **state)
{
	struct kmem_cache *cache;
	void *small[64], *large[3], *objs[40], *v[4], *m, *io;
	struct page *pages[3], *mine;
	mempool_t *pool;
	unsigned long records;
	char line[96];

	(void)state;
	/*
	 * Slab: every kmalloc class and the large path (order 1 .. 4 blocks);
	 * a cache of its own.
	 */
	for (int i = 0; i < 64; i++)
		assert_non_null(small[i] = kmalloc((size_t)(i * 131 % 8192) + 1, GFP_KERNEL));
	assert_non_null(large[0] = kmalloc(9000, GFP_KERNEL));
	assert_non_null(large[1] = kmalloc(40000, GFP_KERNEL));
	assert_non_null(large[2] = kmalloc(65536, GFP_KERNEL));
	assert_non_null(cache = kmem_cache_create("meminfo-test", 200, 0, 0, NULL));
	for (int i = 0; i < 40; i++)
		assert_non_null(objs[i] = kmem_cache_alloc(cache, GFP_KERNEL));
	assert_adds_up();
	/* vmalloc pages (highmem first), a vmap of pages the test holds, an ioremap. */
	for (int i = 0; i < 4; i++)
		assert_non_null(v[i] = vmalloc((unsigned long)(i + 1) * 3 * PAGE_SIZE + 1));
	for (int i = 0; i < 3; i++)
		assert_non_null(pages[i] = alloc_page(GFP_HIGHUSER));
	meminfo_account_other(3);
	assert_non_null(m = vmap(pages, 3, 0));
	assert_non_null(io = ioremap(0x10009000, 0x1000));
	/* Blocks held by other callers, and a page mempool. */
	for (unsigned int i = 0; i < 8; i++) {
		assert_non_null(held_pages[i] = alloc_pages((i & 1) ? GFP_HIGHUSER : GFP_KERNEL, i % 4));
		meminfo_account_other(1L << (i % 4));
	}
	assert_non_null(pool = mempool_create_page_pool(3, 1));
	assert_non_null(mine = mempool_alloc(pool, GFP_KERNEL));
	assert_adds_up();

	/* The printed fields are the owners' counts. */
	snprintf(line, sizeof(line), "\nVmallocUsed:    %8lu kB\n", K(3UL + 6 + 9 + 12 + 4));
	assert_non_null(strstr(meminfo(), line));
	assert_int_equal(vmalloc_nr_pages(), 3 + 6 + 9 + 12 + 4);
	snprintf(line, sizeof(line), "\nSlab:           %8lu kB\n", K(slab_unreclaimable_pages()));
	assert_non_null(strstr(meminfo(), line));
	assert_true(slab_unreclaimable_pages() >= 4 + 16 + 16);	/* the large blocks alone */
	records = vmalloc_nr_node_pages();
	assert_int_equal(records, 1);	/* 8 areas fit one page of records */

	/* Half of everything back, in a different order: still to the page. */
	for (int i = 0; i < 64; i += 2)
		kfree(small[i]);
	kfree(large[1]);
	vfree(v[1]);
	vunmap(m);
	for (int i = 0; i < 40; i += 3)
		kmem_cache_free(cache, objs[i]);
	mempool_free(mine, pool);
	for (unsigned int i = 0; i < 8; i += 2) {
		__free_pages(held_pages[i], i % 4);
		meminfo_account_other(-(1L << (i % 4)));
	}
	assert_adds_up();

	/* The rest: the terms go back to where boot left them. */
	for (int i = 1; i < 64; i += 2)
		kfree(small[i]);
	kfree(large[0]);
	kfree(large[2]);
	for (int i = 0; i < 4; i++)
		if (i != 1)
			vfree(v[i]);
	iounmap(io);
	for (int i = 0; i < 40; i++)
		if (i % 3)
			kmem_cache_free(cache, objs[i]);
	assert_int_equal(kmem_cache_destroy(cache), 0);
	mempool_destroy(pool);
	for (unsigned int i = 1; i < 8; i += 2) {
		__free_pages(held_pages[i], i % 4);
		meminfo_account_other(-(1L << (i % 4)));
	}
	for (int i = 0; i < 3; i++)
		__free_page(pages[i]);
	meminfo_account_other(-3);
	assert_adds_up();
	assert_int_equal(meminfo_other_pages(), 0);
	assert_int_equal(vmalloc_nr_pages(), 0);
	assert_int_equal(vmalloc_nr_node_pages(), 1);	/* the static area's record */
	assert_int_equal(buddy_check(), 0);
}

/* A page nobody accounts for is caught, and named; accounting it settles the sum. */
static void test_unattributed_page_caught(void **state)
{
	struct page *p = alloc_pages(GFP_KERNEL, 2);

	(void)state;
	assert_non_null(p);
	assert_false(adds_up());
	assert_non_null(strstr(buf, "\nMemTotal - sum = 4 pages\n"));
	assert_non_null(strstr(buf, "\nallocated but in no term: 4 pages\n"));
	meminfo_account_other(4);
	assert_adds_up();
	assert_non_null(strstr(buf, "\nother (alloc, mempools)        4 pages\n"));
	/* Counted but not held: the walk of mem_map disagrees with the terms. */
	__free_pages(p, 2);
	assert_false(adds_up());
	meminfo_account_other(-4);
	assert_adds_up();
}

/* ---- the values, by formula, on a machine whose inputs are all known ---- */

/*
 * The stacks a kernel_sections names (as start_kernel passes vectors.S's):
 * 16 + 4 + 1 + 8 + 8 KiB = 37888 bytes, KernelStack 37 kB.
 */
static const struct kernel_stack known_stacks[] = {
	{ "SVC", 0xc0200000, 0xc0204000 },
	{ "IRQ", 0xc0190000, 0xc0191000 },
	{ "FIQ", 0xc0191000, 0xc0191400 },
	{ "ABT", 0xc0191400, 0xc0193400 },
	{ "UND", 0xc0193400, 0xc0195400 },
};
#define KNOWN_STACK_KB	37

static void print_info_with(const struct kernel_stack *stacks, unsigned int n)
{
	struct kernel_sections ks = {
		.text_start = 0xc0008000, .text_end = 0xc0060000,
		.rodata_start = 0xc0060000, .rodata_end = 0xc0070000,
		.init_start = 0xc0070000, .init_end = 0xc0078000,
		.data_start = 0xc0078000, .data_end = 0xc0080000,
		.bss_start = 0xc0080000, .bss_end = 0xc0200000,
		.stacks = stacks, .nr_stacks = n,
	};

	mem_init_print_info(&ks);
}

/*
 * The small machine (mm_boot.h) with the vmalloc window empty and no
 * kmalloc caches: Slab then holds only the large kmalloc blocks, whose
 * pages are their order's (the slab layout plays no part), and nothing
 * else holds a page.  The per-CPU lists are drained before each reading.
 */
static int boot_known(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	slab_reset();
	kmalloc_init();
	vmalloc_init();
	print_info_with(known_stacks, ARRAY_SIZE(known_stacks));
	meminfo_account_other(-meminfo_other_pages());
	host_log_clear();
	return 0;
}

static unsigned long isqrt(unsigned long x)
{
	unsigned long r = 0;

	while ((r + 1) * (r + 1) <= x)
		r++;
	return r;
}

static unsigned long clamp_ul(unsigned long x, unsigned long lo, unsigned long hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static unsigned long max_ul(unsigned long a, unsigned long b) { return a > b ? a : b; }
static unsigned long min_ul(unsigned long a, unsigned long b) { return a < b ? a : b; }

/*
 * Linux 6.1's totalreserve_pages for Normal of n managed pages and HighMem
 * of h (watermark_scale_factor 10, lowmem_reserve_ratio 32 for Normal):
 *   min_free_kbytes = clamp(int_sqrt(n * 4 * 16), 128, 262144), pages_min = that / 4
 *   Normal:  min pages_min, step max(pages_min / 4, n * 10 / 10000)
 *   HighMem: min clamp(h / 1024, 32, 128), step max(share / 4, h * 10 / 10000),
 *            share = pages_min * h / n
 *   high = min + 2 * step; Normal's reserve against HighMem h / 32
 *   total = sum over zones of min(reserve + high, managed)
 */
static unsigned long linux_totalreserve(unsigned long n, unsigned long h)
{
	unsigned long pages_min = clamp_ul(isqrt(n * 64), 128, 262144) / 4;
	unsigned long share_h = (unsigned long)((unsigned long long)pages_min * h / n);
	unsigned long high_n = pages_min + 2 * max_ul(pages_min / 4, n * 10 / 10000);
	unsigned long high_h = clamp_ul(h / 1024, 32, 128) + 2 * max_ul(share_h / 4, h * 10 / 10000);

	return min_ul(high_n + h / 32, n) + min_ul(high_h, h);
}

/* Linux's VMALLOC_START: lowmem's end plus 8 MiB, rounded down to 8 MiB; the window ends at VMALLOC_END. */
static unsigned long linux_vmalloc_total_kb(void)
{
	unsigned long high_memory_va = PAGE_OFFSET + PFN_PHYS(small_low_end_pfn() - SMALL_FIRST);

	return (VMALLOC_END - ((high_memory_va + SZ_8M) & ~(SZ_8M - 1))) >> 10;
}

/* The whole file as Linux 6.1 lays it out, from pages in use per zone and the other fields' kB. */
struct known_use {
	unsigned long low, high;	/* pages not free, per zone */
	unsigned long slab_kb, vmalloc_kb;
};

static const char *expected_meminfo(const struct known_use *u, unsigned long stack_kb)
{
	static char want[2048];
	unsigned long n = small_normal_managed(), h = small_high_managed();
	unsigned long free = n + h - u->low - u->high, reserve = linux_totalreserve(n, h);
	int len;

	len = snprintf(want, sizeof(want), "MemTotal:       %8lu kB\nMemFree:        %8lu kB\n"
		       "MemAvailable:   %8lu kB\nActive(anon):          0 kB\nInactive(anon):        0 kB\n"
		       "Mlocked:               0 kB\n", K(n + h), K(free), K(free > reserve ? free - reserve : 0));
	if (IS_ENABLED(CONFIG_HIGHMEM))
		len += snprintf(want + len, sizeof(want) - (size_t)len,
				"HighTotal:      %8lu kB\nHighFree:       %8lu kB\nLowTotal:       %8lu kB\n"
				"LowFree:        %8lu kB\n", K(h), K(h - u->high), K(n), K(n - u->low));
	snprintf(want + len, sizeof(want) - (size_t)len,
		 "AnonPages:             0 kB\nMapped:                0 kB\n"
		 "KReclaimable:          0 kB\nSlab:           %8lu kB\nSReclaimable:          0 kB\n"
		 "SUnreclaim:     %8lu kB\nKernelStack:    %8lu kB\nPageTables:            0 kB\n"
		 "CommitLimit:    %8lu kB\nCommitted_AS:          0 kB\n"
		 "VmallocTotal:   %8lu kB\nVmallocUsed:    %8lu kB\nVmallocChunk:          0 kB\n"
		 "Percpu:                0 kB\n", u->slab_kb, u->slab_kb, stack_kb,
		 K((n + h) * 50 / 100),	/* Linux's CommitLimit: overcommit_ratio 50 %, no swap, no hugetlb */
		 linux_vmalloc_total_kb(), u->vmalloc_kb);
	return want;
}

/*
 * What kmalloc_init holds from boot on: one Normal page for the first slab
 * of kmem_slab (slab descriptors live there, outside the object pages) and
 * one for the first slab of kmem_cache (the nine kmalloc caches' structs of
 * 128 bytes fit one page): 2 pages, 8 kB of Slab.
 */
static const struct known_use at_boot = { 2, 0, 8, 0 };

static const char *meminfo_drained(void)
{
	drain_all_pages();
	return meminfo();
}

/* Right after boot every managed page but kmalloc's two is free: the zones' split, 37 kB of stacks. */
static void test_values_at_boot(void **state)
{

	(void)state;
	assert_string_equal(meminfo_drained(), expected_meminfo(&at_boot, KNOWN_STACK_KB));
	host_log_expect_empty();
}

/*
 * Known allocations, and what each takes from which zone:
 *   two order-3 blocks (GFP_KERNEL)           16 pages  Normal
 *   kmalloc(40000): a large block of order 4  16 pages  Normal   Slab
 *   kmalloc(3 pages): order 2                   4 pages  Normal   Slab
 *   vmalloc(5 pages + 1 byte): 6 pages         6 pages  HighMem  VmallocUsed 24 kB
 *     and its area's record page               1 page   Normal
 *   an order-2 block (GFP_HIGHUSER)             4 pages  HighMem
 * (without HighMem the 10 HighMem pages come from Normal).  Every field
 * follows; all given back, the file is the boot one again.
 */
static void test_values_after_known_allocations(void **state)
{
	unsigned long h = small_high_managed() ? 10 : 0;
	struct known_use used = { 2 + 16 + 16 + 4 + 1 + (10 - h), h, 8 + K(16UL + 4), K(6UL) };
	struct page *blocks[2], *high;
	void *large[2], *v;

	(void)state;
	assert_non_null(blocks[0] = alloc_pages(GFP_KERNEL, 3));
	assert_non_null(blocks[1] = alloc_pages(GFP_KERNEL, 3));
	assert_non_null(large[0] = kmalloc(40000, GFP_KERNEL));
	assert_non_null(large[1] = kmalloc(3 * PAGE_SIZE, GFP_KERNEL));
	assert_non_null(v = vmalloc(5 * PAGE_SIZE + 1));
	assert_non_null(high = alloc_pages(GFP_HIGHUSER, 2));
	meminfo_account_other(16 + 4);
	assert_string_equal(meminfo_drained(), expected_meminfo(&used, KNOWN_STACK_KB));
	assert_adds_up();

	__free_pages(blocks[0], 3);
	__free_pages(blocks[1], 3);
	__free_pages(high, 2);
	meminfo_account_other(-(16 + 4));
	kfree(large[0]);
	kfree(large[1]);
	vfree(v);
	assert_string_equal(meminfo_drained(), expected_meminfo(&at_boot, KNOWN_STACK_KB));
	assert_adds_up();
}

/*
 * KernelStack is the stacks' bytes in kB (truncated, as Linux's kB
 * fields are); a stack whose top is below its base is reported on one
 * line and left out: UND's 8 KiB inverted leaves 29 kB.
 */
static void test_kernel_stack(void **state)
{
	struct kernel_stack bad[ARRAY_SIZE(known_stacks)];

	(void)state;
	memcpy(bad, known_stacks, sizeof(bad));
	bad[4].base = known_stacks[4].top;
	bad[4].top = known_stacks[4].base;
	print_info_with(bad, ARRAY_SIZE(bad));
	assert_true(host_log_contains("meminfo: UND stack [0xc0195400-0xc0193400) ends below its start; "
				      "not counted in KernelStack\n"));
	assert_int_equal(host_log_count("meminfo: "), 1);
	assert_string_equal(meminfo_drained(), expected_meminfo(&at_boot, KNOWN_STACK_KB - 8));
	print_info_with(known_stacks, 1);	/* the SVC stack alone: 16 kB */
	assert_string_equal(meminfo_drained(), expected_meminfo(&at_boot, 16));
	print_info_with(NULL, 0);
	assert_string_equal(meminfo_drained(), expected_meminfo(&at_boot, 0));
}

/*
 * The check's own lines, on the known machine right after boot: every
 * managed page (n + h) but kmalloc's two (at_boot) is free, Slab holds
 * those two, the walk agrees.
 */
static void test_check_layout(void **state)
{
	unsigned long total = small_normal_managed() + small_high_managed();
	char want[1024];

	(void)state;
	snprintf(want, sizeof(want),
		 "MemTotal                %8lu pages\n"
		 "MemFree                 %8lu pages\n"
		 "per-CPU lists                  0 pages\n"
		 "Slab                    %8lu pages\n"
		 "kernel page tables             0 pages\n"
		 "VmallocUsed                    0 pages\n"
		 "vmalloc records                0 pages\n"
		 "other (alloc, mempools)        0 pages\n"
		 "processes                      0 pages\n"
		 "sum of the terms        %8lu pages\n"
		 "mem_map walk: %lu free, 0 per-CPU, %lu allocated\n"
		 "adds up: yes\n",
		 total, total - at_boot.low, at_boot.low, total, total - at_boot.low, at_boot.low);
	drain_all_pages();
	assert_adds_up();
	assert_string_equal(buf, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_values_at_boot, boot_known, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_values_after_known_allocations, boot_known, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_kernel_stack, boot_known, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_memfree_leaves_out_pcp, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_identity_mixed_workload, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_unattributed_page_caught, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_check_layout, boot_known, host_ram_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
