/*
 * Temporary kernel mappings (highmem/kmap_local.c): a stack of 16 fixmap
 * slots above page_alloc.c's scratch pages, lowmem passing through without
 * a slot, newest-first unmapping enforced, and only the slot's own TLB entry
 * flushed on each map and unmap.  The code under test is
 * highmem/kmap_local.c; the fake MMU (tests/host/fake_arch.c) only records
 * what it asked for: which slot was mapped to which page with which flags,
 * and each flush.  Expected addresses are written here from the fixmap's
 * place in the address map, not taken from highmem.h.
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
 * 64 MiB with vmalloc=976M: the lowmem limit is 0xff800000 - 976 MiB - 8 MiB
 * - 0xc0000000 + 0x60000000 = 0x62000000, so Normal is pfns 0x60000..0x62000
 * and HighMem 0x62000..0x64000.
 *
 *   0xffc80000 (the fixmap's start, the layout block's "fixmap" line)
 *   | scratch, self-test pages: 16 pages | local 0 | local 1 | ... | local 15 |
 *                                        ^ 0xffc90000
 */
#define LOW_PFN		0x60200UL
#define HIGH_PFN	0x62000UL	/* the first HighMem pfn */
#define SLOT0_VA	0xffc90000UL	/* 0xffc80000 + 16 pages */
#define NR_SLOTS	16		/* kmap_local's nesting depth, as Linux's KM_MAX_IDX on ARM */

static struct page *high(unsigned long i) { return pfn_to_page(HIGH_PFN + i); }
static unsigned long slot(unsigned int nr) { return SLOT0_VA + nr * 0x1000UL; }

static int boot_small(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	pkmap_init();
	kmap_local_reset();
	host_arch_reset();
	host_log_clear();
	return 0;
}

static void assert_op(unsigned int i, enum host_op_kind kind, unsigned long va)
{
	assert_true(i < host_arch.nr_ops);
	assert_int_equal(host_ops[i].kind, kind);
	assert_int_equal(host_ops[i].va, va);
}

/* Lowmem: its linear address, no slot, nothing recorded; kunmap_local of it does nothing. */
static void test_lowmem_takes_no_slot(void **state)
{
	void *va;

	(void)state;
	va = kmap_local_page(pfn_to_page(LOW_PFN));
	assert_ptr_equal(va, __va(PFN_PHYS(LOW_PFN)));
	assert_int_equal(kmap_local_depth(), 0);
	kunmap_local(va);
	assert_int_equal(host_arch.nr_ops, 0);
	host_log_expect_empty();
}

/*
 * One highmem page: slot 0 at 0xffc80000 + 16 pages (clear of the
 * scratch mapping), cached and never-execute.  Expected record:
 *   map slot0, flush page slot0 | unmap slot0, flush page slot0
 * and no range or full flush.
 */
static void test_map_and_unmap_flush_own_page(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	phys_addr_t pa;
	unsigned int flags;
	void *va;

	(void)state;
	va = kmap_local_page(high(9));
	assert_ptr_equal(va, (void *)slot(0));
	assert_true(arch_query(slot(0), &pa, &flags));
	assert_int_equal(pa, PFN_PHYS(HIGH_PFN + 9));
	assert_int_equal(flags, ARCH_MAP_CACHED | ARCH_MAP_NX);
	assert_int_equal(kmap_local_depth(), 1);
	/* A local mapping is not a pkmap one. */
	assert_null(page_address(high(9)));

	kunmap_local((char *)va + 123);
	assert_false(arch_query(slot(0), &pa, NULL));
	assert_int_equal(kmap_local_depth(), 0);
	assert_int_equal(host_arch.nr_ops, 4);
	assert_op(0, HOST_OP_MAP, slot(0));
	assert_int_equal(host_ops[0].pa, 0x62009000);
	assert_int_equal(host_ops[0].size, 0x1000);
	assert_int_equal(host_ops[0].flags, ARCH_MAP_CACHED | ARCH_MAP_NX);
	assert_op(1, HOST_OP_FLUSH_PAGE, slot(0));
	assert_op(2, HOST_OP_UNMAP, slot(0));
	assert_op(3, HOST_OP_FLUSH_PAGE, slot(0));
	assert_int_equal(host_arch.flush_range + host_arch.flush_all, 0);
	host_log_expect_empty();
}

/*
 * Sixteen nested highmem maps fill slots 0..15 in order; the 17th is
 * refused with one report.  Unmapping newest first empties the stack, each
 * step flushing just its own page.
 */
static void test_sixteen_nest_the_seventeenth_is_refused(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	void *va[NR_SLOTS];

	(void)state;
	for (unsigned int i = 0; i < NR_SLOTS; i++) {
		va[i] = kmap_local_page(high(i));
		assert_ptr_equal(va[i], (void *)slot(i));
	}
	assert_null(kmap_local_page(high(16)));
	host_log_expect("kmap_local: 16 mappings already nested; refusing pfn 0x62010");
	assert_int_equal(kmap_local_depth(), NR_SLOTS);
	assert_int_equal(host_arch.mapped_pages, NR_SLOTS);
	/* Slot i holds page i: map, then flush of that slot alone, in order. */
	for (unsigned int i = 0; i < NR_SLOTS; i++) {
		assert_op(2 * i, HOST_OP_MAP, slot(i));
		assert_int_equal(host_ops[2 * i].pa, 0x62000000 + i * 0x1000);
		assert_op(2 * i + 1, HOST_OP_FLUSH_PAGE, slot(i));
	}
	assert_int_equal(host_arch.nr_ops, 2 * NR_SLOTS);	/* the refused 17th recorded nothing */

	host_arch_reset();
	for (int i = NR_SLOTS - 1; i >= 0; i--)
		kunmap_local(va[i]);
	assert_int_equal(kmap_local_depth(), 0);
	assert_int_equal(host_arch.flush_page, NR_SLOTS);
	for (unsigned int i = 0; i < NR_SLOTS; i++) {
		assert_op(2 * i, HOST_OP_UNMAP, slot(NR_SLOTS - 1 - i));
		assert_op(2 * i + 1, HOST_OP_FLUSH_PAGE, slot(NR_SLOTS - 1 - i));
	}
}

/*
 *   slot 0 = page A, slot 1 = page B; kunmap_local(A) first.
 * Expected: a report naming A's address and the newest (B's), nothing
 * unmapped; then B and A in order work.
 */
static void test_out_of_order_unmap_is_reported(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	void *a, *b;

	(void)state;
	a = kmap_local_page(high(0));
	b = kmap_local_page(high(1));
	host_arch_reset();
	kunmap_local(a);
	host_log_expect("kmap_local: kunmap_local of 0xffc90000 but the newest mapping is 0xffc91000");
	assert_int_equal(host_arch.nr_ops, 0);
	assert_int_equal(kmap_local_depth(), 2);

	host_log_clear();
	kunmap_local(b);
	kunmap_local(a);
	assert_int_equal(kmap_local_depth(), 0);
	host_log_expect_empty();

	/* With nothing held, an address in the slots is reported too. */
	kunmap_local(a);
	host_log_expect("kmap_local: kunmap_local of 0xffc90000 with no local mapping held");
}

/*
 * highmem, lowmem, highmem nested: the lowmem page takes no slot, so the
 * second highmem page lands in slot 1, and unmapping in reverse (with the
 * lowmem no-op in the middle) leaves nothing behind.
 */
static void test_lowmem_between_highmem(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	void *a, *low, *b;

	(void)state;
	a = kmap_local_page(high(0));
	low = kmap_local_page(pfn_to_page(LOW_PFN));
	b = kmap_local_page(high(1));
	assert_ptr_equal(a, (void *)slot(0));
	assert_ptr_equal(b, (void *)slot(1));
	assert_int_equal(kmap_local_depth(), 2);
	kunmap_local(b);
	kunmap_local(low);
	kunmap_local(a);
	assert_int_equal(kmap_local_depth(), 0);
	assert_int_equal(host_arch.mapped_pages, 0);
	host_log_expect_empty();
}

/* kmap_atomic and kunmap_atomic are the same stack. */
static void test_atomic_is_local(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	void *a, *b;

	(void)state;
	a = kmap_atomic(high(0));
	b = kmap_local_page(high(1));
	assert_ptr_equal(a, (void *)slot(0));
	assert_ptr_equal(b, (void *)slot(1));
	kunmap_local(b);
	kunmap_atomic(a);
	assert_int_equal(kmap_local_depth(), 0);
	host_log_expect_empty();
}

/* All 16 slots held: the scratch mapping and the self-test page are still free. */
static void test_scratch_pages_do_not_collide(void **state)
{
	(void)state;
	for (unsigned int i = 0; i < NR_SLOTS; i++)
		assert_non_null(kmap_local_page(high(i)));
	assert_ptr_equal(mm_scratch_map(HIGH_PFN + 100), (void *)0xffc80000UL);
	assert_int_equal(arch_map_range(0xffc80000UL + 15 * PAGE_SIZE, PFN_PHYS(HIGH_PFN + 101), PAGE_SIZE,
					ARCH_MAP_CACHED), 0);
	mm_scratch_unmap();
	host_log_expect_empty();
}

/* A page table that cannot be had: NULL with a report, the stack unchanged. */
static void test_map_failure(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	(void)state;
	host_arch_fail_map_after(0);
	assert_null(kmap_local_page(high(0)));
	host_log_expect("kmap_local: cannot map pfn 0x62000 at 0xffc90000");
	assert_int_equal(kmap_local_depth(), 0);
	assert_ptr_equal(kmap_local_page(high(0)), (void *)slot(0));
}

/*
 * A slot is reused for the next page, and the entry written is the new
 * page's: map A, unmap, map B, unmap.  Expected record:
 *   map slot0 -> 0x62003000, flush slot0 | unmap slot0, flush slot0 |
 *   map slot0 -> 0x62004000, flush slot0 | unmap slot0, flush slot0
 * and what the fake MMU holds for slot 0 in between is B at 0x62004000.
 */
static void test_slot_reused_for_the_next_page(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	phys_addr_t pa;
	void *va;

	(void)state;
	kunmap_local(kmap_local_page(high(3)));
	va = kmap_local_page(high(4));
	assert_ptr_equal(va, (void *)slot(0));
	assert_true(arch_query(slot(0) + 0x123, &pa, NULL));
	assert_int_equal(pa, 0x62004123);
	kunmap_local(va);
	assert_int_equal(host_arch.nr_ops, 8);
	for (unsigned int i = 0; i < 2; i++) {
		assert_op(4 * i, HOST_OP_MAP, slot(0));
		assert_int_equal(host_ops[4 * i].pa, 0x62003000 + i * 0x1000);
		assert_op(4 * i + 1, HOST_OP_FLUSH_PAGE, slot(0));
		assert_op(4 * i + 2, HOST_OP_UNMAP, slot(0));
		assert_op(4 * i + 3, HOST_OP_FLUSH_PAGE, slot(0));
	}
	assert_int_equal(host_arch.mapped_pages, 0);
	host_log_expect_empty();
}

/* A slot's table is made once: after the first map, maps and unmaps write one entry each. */
static void test_table_made_once(void **state)
{
	host_skip_unless(SMALL_ABOVE_LOWMEM, "all of the test machine is lowmem in this configuration");
	(void)state;
	kunmap_local(kmap_local_page(high(0)));
	host_arch_fail_map_after(0);	/* a new table would fail now */
	for (unsigned int i = 0; i < 3; i++)
		assert_ptr_equal(kmap_local_page(high(i)), (void *)slot(i));
	for (int i = 2; i >= 0; i--)
		kunmap_local((void *)slot((unsigned int)i));
	host_arch_fail_map_after(-1);
	assert_int_equal(kmap_local_depth(), 0);
	host_log_expect_empty();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_lowmem_takes_no_slot, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_map_and_unmap_flush_own_page, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_sixteen_nest_the_seventeenth_is_refused, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_out_of_order_unmap_is_reported, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_lowmem_between_highmem, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_atomic_is_local, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_scratch_pages_do_not_collide, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_map_failure, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_slot_reused_for_the_next_page, boot_small, host_ram_teardown),
		cmocka_unit_test_setup_teardown(test_table_made_once, boot_small, host_ram_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
