/*
 * Permanent kernel mappings (highmem/pkmap.c): lowmem passes through, a
 * highmem page gets a slot and keeps it while used, the search wraps and
 * flushes the window once, pinned slots run out without a panic, and a
 * kunmap of an unmapped page is reported.  The fake MMU records every map,
 * unmap and flush, so the tests read the page tables through arch_query
 * and the record rather than through the pkmap addresses.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include <highmem.h>
#include "mm_boot.h"

/*
 * 64 MiB with vmalloc=976M, so lowmem is the first 32 MiB:
 *   0x60000 .. Normal .. 0x62000 .. HighMem (8192 pages) .. 0x64000
 * kmap does not care whether a frame is allocated, so the tests take
 * highmem frames straight from mem_map.
 */
#define LOW_PFN		0x60200UL
#define HIGH_PFN	SMALL_LOW_END	/* the first HighMem pfn */

static struct page *high(unsigned long i) { return pfn_to_page(HIGH_PFN + i); }

static int boot_small(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	pkmap_init();
	host_arch_reset();
	host_log_clear();
	return 0;
}

/* The boot before pkmap_init, as test_buddy runs: the pkmap tables are all zero. */
static int boot_small_without_pkmap(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	host_log_clear();
	return 0;
}

static void assert_slot_maps(unsigned int nr, unsigned long pfn)
{
	phys_addr_t pa;
	unsigned int flags;

	assert_true(arch_query(PKMAP_ADDR(nr), &pa, &flags));
	assert_int_equal(pa, PFN_PHYS(pfn));
	assert_int_equal(flags, ARCH_MAP_CACHED | ARCH_MAP_NX);
}

/* Map and at once unmap high(i) for i in [first, end): each leaves its slot at count 1. */
static void kmap_kunmap_each(unsigned long first, unsigned long end)
{
	for (unsigned long i = first; i < end; i++) {
		assert_non_null(kmap(high(i)));
		kunmap(high(i));
	}
}

/* A run of slots whose entries one arch_clear_ptes call empties. */
struct slot_run {
	unsigned int first, slots;
};

/*
 * Fail unless the unmaps recorded from host_ops[mark] on are exactly runs[0..n),
 * in that order: one call per run, starting at its first slot and covering it.
 */
static void assert_clears_since(unsigned int mark, const struct slot_run *runs, unsigned int n)
{
	unsigned int seen = 0;

	for (unsigned int i = mark; i < host_arch.nr_ops; i++) {
		const struct host_op *op = &host_ops[i];

		if (op->kind != HOST_OP_UNMAP)
			continue;
		if (seen == n)
			fail_msg("unmap %u: 0x%08lx + %lu pages, but only %u run(s) expected", seen, op->va,
				 op->size / PAGE_SIZE, n);
		if (op->va != PKMAP_ADDR(runs[seen].first) || op->size != runs[seen].slots * PAGE_SIZE)
			fail_msg("unmap %u: 0x%08lx + %lu pages, expected slots %u..%u (0x%08lx + %u pages)", seen,
				 op->va, op->size / PAGE_SIZE, runs[seen].first, runs[seen].first + runs[seen].slots - 1,
				 PKMAP_ADDR(runs[seen].first), runs[seen].slots);
		seen++;
	}
	if (seen != n)
		fail_msg("%u unmap(s) recorded, expected %u", seen, n);
}

/* The TLB flushes recorded from host_ops[mark] on: each must be one range flush of the whole window. */
static unsigned int window_flushes_since(unsigned int mark)
{
	unsigned int flushes = 0;

	for (unsigned int i = mark; i < host_arch.nr_ops; i++) {
		if (host_ops[i].kind == HOST_OP_FLUSH_PAGE || host_ops[i].kind == HOST_OP_FLUSH_ALL)
			fail_msg("op %u: a page or full TLB flush where one range flush of the window is expected", i);
		if (host_ops[i].kind != HOST_OP_FLUSH_RANGE)
			continue;
		assert_int_equal(host_ops[i].va, PKMAP_BASE);
		assert_int_equal(host_ops[i].size, LAST_PKMAP * PAGE_SIZE);
		flushes++;
	}
	return flushes;
}

/*
 * Before pkmap_init (zeroed tables, as in .bss): a highmem page has no
 * address and the lookup ends.  Must run first in this binary.
 */
static void test_page_address_before_init(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	(void)state;
	assert_null(page_address(high(0)));
	assert_null(page_address(high(8191)));
	assert_ptr_equal(page_address(pfn_to_page(LOW_PFN)), __va(PFN_PHYS(LOW_PFN)));
}

/* A lowmem page: its linear address, no slot, no page-table change. */
static void test_lowmem_passes_through(void **state)
{
	struct page *page = pfn_to_page(LOW_PFN);

	(void)state;
	assert_ptr_equal(kmap(page), __va(PFN_PHYS(LOW_PFN)));
	kunmap(page);
	kunmap(page);
	assert_int_equal(host_arch.nr_ops, 0);
	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++)
		assert_int_equal(pkmap_slot_users(nr), -1);
	host_log_expect_empty();
}

/*
 *   PKMAP_BASE [slot 0][slot 1 = 0x62000]...
 * The search starts after slot 0: the first page lands in slot 1, mapped
 * cached and never-execute; page_address follows it while it holds the slot.
 */
static void test_first_kmap_takes_slot_1(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	(void)state;
	assert_null(page_address(high(0)));
	assert_ptr_equal(kmap(high(0)), (void *)PKMAP_ADDR(1));
	assert_slot_maps(1, HIGH_PFN);
	assert_int_equal(pkmap_slot_users(1), 1);
	assert_ptr_equal(pkmap_slot_page(1), high(0));
	assert_ptr_equal(page_address(high(0)), (void *)PKMAP_ADDR(1));
	assert_int_equal(host_arch.maps, 1);
	assert_int_equal(host_arch.flush_page + host_arch.flush_range + host_arch.flush_all, 0);

	/* After kunmap the slot stays mapped, unused, until the next flush. */
	kunmap(high(0));
	assert_int_equal(pkmap_slot_users(1), 0);
	assert_ptr_equal(page_address(high(0)), (void *)PKMAP_ADDR(1));
	assert_int_equal(host_arch.unmaps, 0);
	host_log_expect_empty();
}

/* The same page twice: one slot, one mapping, two users; a kmap after kunmap reuses it. */
static void test_double_kmap_shares_the_slot(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	void *va;

	(void)state;
	va = kmap(high(5));
	assert_ptr_equal(kmap(high(5)), va);
	assert_int_equal(pkmap_slot_users(PKMAP_NR(va)), 2);
	assert_int_equal(host_arch.maps, 1);
	kunmap(high(5));
	kunmap(high(5));
	assert_int_equal(pkmap_slot_users(PKMAP_NR(va)), 0);
	assert_ptr_equal(kmap(high(5)), va);
	assert_int_equal(pkmap_slot_users(PKMAP_NR(va)), 1);
	assert_int_equal(host_arch.maps, 1);
	host_log_expect_empty();
}

/*
 *   round 1: pages 0..510 -> slots 1..511, each left at count 1
 *   page 511: search wraps to slot 0 -> slots 1..511 unmapped by one clear
 *             (slot 0 was never used: left alone), one flush of the whole
 *             window, page 511 in slot 0
 *   rounds 2..4: all 512 slots unused at each wrap -> one clear of the window
 * Expected: one clear and one range flush of the window per wrap, no
 * per-page clear or flush; the unmapped pages have no address any more.
 */
static void test_wrap_flushes_unused_slots_once(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	static const struct slot_run first_wrap[] = { { 1, LAST_PKMAP - 1 } };
	static const struct slot_run window[] = { { 0, LAST_PKMAP }, { 0, LAST_PKMAP }, { 0, LAST_PKMAP } };
	unsigned int mark;

	(void)state;
	kmap_kunmap_each(0, LAST_PKMAP - 1);
	assert_int_equal(host_arch.mapped_pages, LAST_PKMAP - 1);
	assert_int_equal(host_arch.flush_range, 0);
	assert_int_equal(pkmap_flushes, 0);

	mark = host_arch.nr_ops;
	assert_ptr_equal(kmap(high(LAST_PKMAP - 1)), (void *)PKMAP_ADDR(0));
	assert_int_equal(pkmap_flushes, 1);
	assert_int_equal(window_flushes_since(mark), 1);
	assert_clears_since(mark, first_wrap, 1);
	assert_int_equal(host_arch.mapped_pages, 1);
	assert_null(page_address(high(0)));
	assert_int_equal(pkmap_slot_users(1), -1);
	assert_null(pkmap_slot_page(1));
	kunmap(high(LAST_PKMAP - 1));

	/* Three more full rounds: three more wraps, each clearing all 512 slots at once. */
	mark = host_arch.nr_ops;
	kmap_kunmap_each(LAST_PKMAP, 4 * LAST_PKMAP);
	assert_int_equal(pkmap_flushes, 4);
	assert_int_equal(window_flushes_since(mark), 3);
	assert_clears_since(mark, window, 3);
	assert_int_equal(host_arch.flush_page + host_arch.flush_all, 0);
	host_log_expect_empty();
}

/*
 * A slot still in use survives the wrap:
 *   slot 1 = page 0 (1 user), slots 2..511 unused
 * Expected: the wrap unmaps slots 2..511 only, in one clear; page 0 keeps slot 1.
 */
static void test_wrap_keeps_used_slots(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	static const struct slot_run unused[] = { { 2, LAST_PKMAP - 2 } };

	(void)state;
	assert_ptr_equal(kmap(high(0)), (void *)PKMAP_ADDR(1));
	kmap_kunmap_each(1, LAST_PKMAP);
	assert_int_equal(pkmap_flushes, 1);
	assert_clears_since(0, unused, 1);
	assert_int_equal(pkmap_slot_users(1), 1);
	assert_slot_maps(1, HIGH_PFN);
	assert_ptr_equal(page_address(high(0)), (void *)PKMAP_ADDR(1));
	/* Page 511 took slot 0 after the flush; page 1's old slot 2 is next. */
	assert_ptr_equal(kmap(high(LAST_PKMAP)), (void *)PKMAP_ADDR(2));
	host_log_expect_empty();
}

/*
 * Slots with users split the unused ones into runs, each cleared by one call.
 * First wrap (slot 0 never used, pages pinned in slots 100, 200, 300, 511):
 *   slot  0     1..99    100   101..199  200   201..299  300   301..510  511
 *         free  unused   used  unused    used  unused    used  unused    used
 *                                                 ^ slot 256 starts the window's second section
 *   -> clears [1,100) [101,200) [201,300) [301,511); one flush
 * Second wrap, after slot 200's page is let go and every free slot refilled:
 *   slot  0..99    100   101..299          300   301..510  511
 *         unused   used  unused (200 too)  used  unused    used
 *   -> clears [0,100) [101,300) [301,511); one flush
 * Expected: exactly those clears, in that order; the used pages keep their
 * slots, entries and addresses; the unmapped ones have none.
 */
static void test_wrap_clears_each_run_once(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	static const struct slot_run first_wrap[] = { { 1, 99 }, { 101, 99 }, { 201, 99 }, { 301, 210 } };
	static const struct slot_run second_wrap[] = { { 0, 100 }, { 101, 199 }, { 301, 210 } };
	static const unsigned int pinned[] = { 100, 200, 300, 511 };
	unsigned int mark;

	(void)state;
	/* Page i takes slot i + 1; the pages of the pinned slots keep their user. */
	for (unsigned long i = 0; i < LAST_PKMAP - 1; i++) {
		assert_ptr_equal(kmap(high(i)), (void *)PKMAP_ADDR(i + 1));
		if (i + 1 != 100 && i + 1 != 200 && i + 1 != 300 && i + 1 != 511)
			kunmap(high(i));
	}
	mark = host_arch.nr_ops;
	assert_ptr_equal(kmap(high(1000)), (void *)PKMAP_ADDR(0));
	assert_clears_since(mark, first_wrap, 4);
	assert_int_equal(window_flushes_since(mark), 1);
	for (unsigned int k = 0; k < 4; k++) {
		assert_slot_maps(pinned[k], HIGH_PFN + pinned[k] - 1);
		assert_ptr_equal(page_address(high(pinned[k] - 1)), (void *)PKMAP_ADDR(pinned[k]));
	}
	assert_false(arch_query(PKMAP_ADDR(150), NULL, NULL));
	assert_false(arch_query(PKMAP_ADDR(256), NULL, NULL));
	assert_null(page_address(high(149)));
	assert_int_equal(host_arch.mapped_pages, 4 + 1);

	/* Slot 0's and slot 200's pages let go; slots 1..510 but 100, 200, 300 refilled. */
	kunmap(high(1000));
	kunmap(high(199));
	kmap_kunmap_each(2000, 2000 + (LAST_PKMAP - 2) - 3);
	mark = host_arch.nr_ops;
	assert_ptr_equal(kmap(high(3000)), (void *)PKMAP_ADDR(0));
	assert_clears_since(mark, second_wrap, 3);
	assert_int_equal(window_flushes_since(mark), 1);
	assert_int_equal(pkmap_flushes, 2);
	assert_null(page_address(high(199)));
	assert_ptr_equal(page_address(high(299)), (void *)PKMAP_ADDR(300));
	assert_slot_maps(511, HIGH_PFN + 510);
	host_log_expect_empty();
}

/*
 * All 512 slots pinned (one user each), then two more pages, from a
 * context that cannot sleep (no current task: the idle context's case).
 * Expected: each waits its second for a kunmap nobody makes and gets
 * NULL: the waiting said once, the NULL each time; no flush and nothing
 * unmapped; after one kunmap the next kmap flushes once and takes that slot.
 */
static void test_all_pinned_returns_null_once(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	void *va;

	(void)state;
	for (unsigned long i = 0; i < LAST_PKMAP; i++)
		assert_non_null(kmap(high(i)));
	assert_int_equal(host_arch.mapped_pages, LAST_PKMAP);
	assert_null(kmap(high(LAST_PKMAP)));
	assert_null(kmap(high(LAST_PKMAP + 1)));
	host_log_expect("kmap: all 512 pkmap slots are in use; this context cannot sleep: waiting up to a second for a kunmap",
			"kmap: no pkmap slot came free within a second; returning NULL",
			"kmap: no pkmap slot came free within a second; returning NULL");
	assert_int_equal(host_arch.flush_range, 0);
	assert_int_equal(host_arch.unmaps, 0);
	assert_null(page_address(high(LAST_PKMAP)));

	/* Already mapped pages still get their slot. */
	assert_ptr_equal(kmap(high(7)), page_address(high(7)));
	kunmap(high(7));

	va = page_address(high(100));
	kunmap(high(100));
	host_log_clear();
	assert_ptr_equal(kmap(high(LAST_PKMAP)), va);
	assert_int_equal(pkmap_flushes, 1);
	assert_slot_maps(PKMAP_NR(va), HIGH_PFN + LAST_PKMAP);
	host_log_expect_empty();
}

/*
 * All 512 slots pinned, one kmap refused; then one page let go, its slot
 * taken by a new page at the next wrap, and the window full again.
 * Expected: the waiting said each time the window runs out after a wrap
 * freed a slot, and each NULL: four lines in all.
 */
static void test_running_out_again_is_reported_again(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	(void)state;
	for (unsigned long i = 0; i < LAST_PKMAP; i++)
		assert_non_null(kmap(high(i)));
	assert_null(kmap(high(LAST_PKMAP)));
	kunmap(high(42));
	assert_non_null(kmap(high(LAST_PKMAP + 1)));
	assert_int_equal(pkmap_flushes, 1);
	assert_null(kmap(high(LAST_PKMAP + 2)));
	host_log_expect("kmap: all 512 pkmap slots are in use; this context cannot sleep: waiting up to a second for a kunmap",
			"kmap: no pkmap slot came free within a second; returning NULL",
			"kmap: all 512 pkmap slots are in use; this context cannot sleep: waiting up to a second for a kunmap",
			"kmap: no pkmap slot came free within a second; returning NULL");
}

/*
 * kunmap of a page never mapped, and one kunmap too many.
 * Expected: each reported with the pfn; no page-table change, counts as they were.
 */
static void test_bad_kunmap_is_reported(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	(void)state;
	kunmap(high(3));
	host_log_expect("kmap: kunmap of pfn 0x62003 which is not mapped");
	assert_int_equal(host_arch.nr_ops, 0);
	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++)
		assert_int_equal(pkmap_slot_users(nr), -1);

	host_log_clear();
	assert_ptr_equal(kmap(high(4)), (void *)PKMAP_ADDR(1));
	kunmap(high(4));
	kunmap(high(4));
	host_log_expect("kmap: kunmap of pfn 0x62004 which is not mapped");
	assert_int_equal(pkmap_slot_users(1), 0);
	assert_ptr_equal(page_address(high(4)), (void *)PKMAP_ADDR(1));
	assert_int_equal(host_arch.maps, 1);
	assert_int_equal(host_arch.unmaps, 0);
}

/*
 * Pages whose pfns share a hash bucket (128 apart) in slots 1..4.
 * Expected: each lookup finds its own slot, also after pages in the middle
 * of the chain are unmapped by a wrap.
 */
static void test_hash_chain(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	(void)state;
	for (unsigned long k = 0; k < 4; k++)
		assert_ptr_equal(kmap(high(128 * k)), (void *)PKMAP_ADDR(1 + k));
	kunmap(high(128));
	kunmap(high(256));
	kmap_kunmap_each(1000, 1000 + LAST_PKMAP - 4);	/* slots 5..511, then the wrap */
	assert_int_equal(pkmap_flushes, 1);
	assert_null(page_address(high(128)));
	assert_null(page_address(high(256)));
	assert_ptr_equal(page_address(high(0)), (void *)PKMAP_ADDR(1));
	assert_ptr_equal(page_address(high(384)), (void *)PKMAP_ADDR(4));
	assert_ptr_equal(kmap(high(384)), (void *)PKMAP_ADDR(4));
	assert_int_equal(pkmap_slot_users(4), 2);
	host_log_expect_empty();
}

/* A page table that cannot be had: NULL with a report, the slot stays free. */
static void test_map_failure(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	(void)state;
	host_arch_fail_map_after(0);
	assert_null(kmap(high(0)));
	host_log_expect("kmap: cannot map pfn 0x62000 at 0x");
	assert_int_equal(pkmap_slot_users(1), -1);
	assert_null(page_address(high(0)));
	assert_ptr_equal(kmap(high(0)), (void *)PKMAP_ADDR(2));
}

/* /proc/pkmap: the header, then one line per slot that is not free. */
static void test_proc_pkmap(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	char buf[512];
	struct seq s;

	(void)state;
	kmap(high(0));
	kmap(high(0));
	kmap(high(1));
	kunmap(high(1));
	seq_init(&s, buf, sizeof(buf));
	pkmap_show(&s);
	assert_string_equal(buf,
		"slot  vaddr       pfn       count  (1: unused until the next flush, n: n-1 users)\n"
		"   1  0xbfe01000  0x062000  3\n"
		"   2  0xbfe02000  0x062001  1\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_page_address_before_init, boot_small_without_pkmap, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_lowmem_passes_through, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_first_kmap_takes_slot_1, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_double_kmap_shares_the_slot, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_wrap_flushes_unused_slots_once, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_wrap_keeps_used_slots, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_wrap_clears_each_run_once, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_all_pinned_returns_null_once, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_running_out_again_is_reported_again, boot_small,
						host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_bad_kunmap_is_reported, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_hash_chain, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_map_failure, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_proc_pkmap, boot_small, host_ram_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
