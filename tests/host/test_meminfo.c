/*
 * /proc/meminfo (mm/mem_init.c): Linux 6.1's lines in its order and format,
 * MemFree without the per-CPU lists as Linux counts it, and the identity
 * meminfo_check verifies: every page of MemTotal is free, on a per-CPU
 * list, or held by exactly one owner (slab, page tables, vmalloc pages,
 * vmalloc records, other holders), through a mixed workload and back.
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

/* Every line, in Linux 6.1's order, "%-16s%8lu kB", values from the owners' own counters. */
static void test_format_after_boot(void **state)
{
	host_skip_unless(PAGE_OFFSET == 0xC0000000UL && IS_ENABLED(CONFIG_HIGHMEM), "expects 3G/1G with highmem");
	unsigned long total = totalram_pages(), high = totalhigh_pages(), free = free_lists();
	unsigned long hfree = node_zones[ZONE_HIGHMEM].free_pages, slab = slab_unreclaimable_pages();
	char want[2048];

	(void)state;
	assert_true(slab > 0);	/* the kmalloc caches' own descriptors */
	snprintf(want, sizeof(want),
		 "MemTotal:       %8lu kB\n"
		 "MemFree:        %8lu kB\n"
		 "MemAvailable:   %8lu kB\n"
		 "HighTotal:        262144 kB\n"
		 "HighFree:       %8lu kB\n"
		 "LowTotal:       %8lu kB\n"
		 "LowFree:        %8lu kB\n"
		 "KReclaimable:          0 kB\n"
		 "Slab:           %8lu kB\n"
		 "SReclaimable:          0 kB\n"
		 "SUnreclaim:     %8lu kB\n"
		 "KernelStack:           0 kB\n"
		 "PageTables:            0 kB\n"
		 "VmallocTotal:     245760 kB\n"
		 "VmallocUsed:           0 kB\n"
		 "VmallocChunk:          0 kB\n"
		 "Percpu:                0 kB\n",
		 K(total), K(free), K(free - totalreserve_pages()), K(hfree), K(total - high),
		 K(free - hfree), K(slab), K(slab));
	assert_int_equal(high, 65536);
	assert_string_equal(meminfo(), want);
	assert_adds_up();
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
	pcp = node_zones[ZONE_NORMAL].pcp.count + node_zones[ZONE_HIGHMEM].pcp.count;
	assert_true(pcp > 0);
	assert_int_equal(nr_free_pages(), all_free);
	assert_int_equal(free_lists(), all_free - pcp);
	snprintf(line, sizeof(line), "\nMemFree:        %8lu kB\n", K(all_free - pcp));
	assert_non_null(strstr(meminfo(), line));
	snprintf(line, sizeof(line), "\nLowFree:        %8lu kB\n", K(all_free - pcp - node_zones[ZONE_HIGHMEM].free_pages));
	assert_non_null(strstr(meminfo(), line));
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

/* The check's own lines: one term per line, then the sum, the walk and the verdict. */
static void test_check_layout(void **state)
{
	unsigned long total = totalram_pages(), free = free_lists(), pcp = node_zones[ZONE_NORMAL].pcp.count +
		node_zones[ZONE_HIGHMEM].pcp.count, slab = slab_unreclaimable_pages();
	char want[1024];

	(void)state;
	snprintf(want, sizeof(want),
		 "MemTotal                %8lu pages\n"
		 "MemFree                 %8lu pages\n"
		 "per-CPU lists           %8lu pages\n"
		 "Slab                    %8lu pages\n"
		 "PageTables                     0 pages\n"
		 "VmallocUsed                    0 pages\n"
		 "vmalloc records                1 pages\n"
		 "other (alloc, mempools)        0 pages\n"
		 "sum of the terms        %8lu pages\n"
		 "mem_map walk: %lu free, %lu per-CPU, %lu allocated\n"
		 "adds up: yes\n",
		 total, free, pcp, slab, total, free, pcp, slab + 1);
	assert_adds_up();
	assert_string_equal(buf, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_format_after_boot, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_memfree_leaves_out_pcp, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_identity_mixed_workload, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_unattributed_page_caught, boot_1g, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_check_layout, boot_1g, host_ram_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
