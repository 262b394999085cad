/*
 * The reverse map, page migration and compaction over the fake arch
 * (tests/host/fake_mm_user.c): rmap_walk must find exactly the PTEs that
 * map a page through fork, copy-on-write, munmap's split, mremap's move,
 * a merge and exit; migrate_page must move contents, PTEs, permissions and
 * counts, and refuse pinned, file and kernel pages; compaction must turn
 * a mapping with every other page unmapped into large free blocks with
 * every page's contents intact, and direct compaction must make an
 * order-4 block that the fragmented machine lacks.  The expected indexes
 * are Linux's linear_page_index (vm_pgoff + offset in pages, vm_pgoff =
 * address >> 12 for a private anonymous mapping), written out here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include <compaction.h>
#include <gfp.h>
#include <highmem.h>
#include <initramfs.h>
#include <mm.h>
#include <mman.h>
#include <mmu_context.h>
#include <rmap.h>
#include <sched.h>
#include <slab.h>
#include "../../mm/internal.h"
#include "../../mm/vma.h"
#include "mm_boot.h"

#define P		4096UL
#define FIXED		0x20000000UL
#define FIXED2		0x30000000UL
#define RW		(PROT_READ | PROT_WRITE)
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)

static struct task_struct task, child;
static struct mm_struct task_mm, child_mm;

static int boot(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	slab_reset();
	kmalloc_init();
	pkmap_init();
	kmap_local_reset();
	zero_page_reset();
	vma_cache_reset();
	zero_page_init();
	compaction_reset();
	nr_anon_pages = nr_mlock = 0;
	vm_committed_as = 0;
	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
	memset(&task, 0, sizeof(task));
	memset(&child, 0, sizeof(child));
	memset(&task_mm, 0, sizeof(task_mm));
	memset(&child_mm, 0, sizeof(child_mm));
	task.mm = &task_mm;
	child.mm = &child_mm;
	assert_int_equal(pgd_alloc(task.mm), 0);
	current = &task;
	return 0;
}

static int teardown(void **state)
{
	current = NULL;
	return host_ram_teardown(state);
}

/* MAP_NORESERVE: the direct-compaction test maps more than overcommit would charge. */
static unsigned long map_fixed(unsigned long addr, unsigned long len)
{
	long a = do_mmap(task.mm, addr, len, RW, ANON | MAP_FIXED | MAP_NORESERVE, NULL, 0);

	assert_int_equal(a, (long)addr);
	return addr;
}

static struct page *page_at(struct mm_struct *mm, unsigned long va, unsigned int *flags)
{
	unsigned int f;

	return user_page_at(mm, va, flags ? flags : &f);
}

static u32 peek32(struct mm_struct *mm, unsigned long va)
{
	struct page *page = page_at(mm, va, NULL);
	u32 *p, v;

	assert_non_null(page);
	p = kmap_local_page(page);
	v = p[(va & ~PAGE_MASK) / 4];
	kunmap_local(p);
	return v;
}

/* A user write of a word: fault for write, then store through the page's kernel mapping. */
static void poke32(struct mm_struct *mm, unsigned long va, u32 v)
{
	u32 *p;

	assert_int_equal(handle_mm_fault(mm, va, VM_WRITE), 0);
	p = kmap_local_page(page_at(mm, va & PAGE_MASK, NULL));
	p[(va & ~PAGE_MASK) / 4] = v;
	kunmap_local(p);
}

/* ---- what rmap_walk finds ---- */

#define MAX_SITES	8
struct sites {
	unsigned int n;
	struct mm_struct *mm[MAX_SITES];
	unsigned long va[MAX_SITES];
};

static bool record_site(struct page *page, struct vm_area_struct *vma, unsigned long va, void *arg)
{
	struct sites *s = arg;

	(void)page;
	assert_true(s->n < MAX_SITES);
	s->mm[s->n] = vma->vm_mm;
	s->va[s->n++] = va;
	return true;
}

/* rmap_walk must find exactly (mm, va) pairs given, in any order, and no other. */
static void expect_sites(struct page *page, unsigned int n, ...)
{
	struct sites s = { 0 };
	va_list ap;

	assert_int_equal(rmap_walk(page, record_site, &s), n);
	assert_int_equal(s.n, n);
	va_start(ap, n);
	for (unsigned int i = 0; i < n; i++) {
		struct mm_struct *mm = va_arg(ap, struct mm_struct *);
		unsigned long va = va_arg(ap, unsigned long);
		bool found = false;

		for (unsigned int k = 0; k < s.n; k++)
			found |= s.mm[k] == mm && s.va[k] == va;
		if (!found)
			fail_msg("rmap_walk of pfn 0x%lx did not find mm %p va 0x%lx", page_to_pfn(page), (void *)mm, va);
	}
	va_end(ap);
}

static void finish(void)
{
	exit_mmap(task.mm);
	assert_int_equal(nr_anon_pages, 0);
	/* Every anon_vma freed with its last VMA: both caches empty again. */
	kmem_cache_shrink(vma_cache());
	kmem_cache_shrink(anon_vma_cache());
	assert_int_equal(buddy_check(), 0);
}

/*
 *   FIXED: [p0][p1][p2][p3]   fork -> the child maps the same four
 *   child writes p0 (a copy), parent munmaps p1, moves [p2 p3] to FIXED2, child exits
 */
static void test_rmap_through_fork_cow_munmap_mremap_exit(void **state)
{
	struct page *pg[4], *copy;

	(void)state;
	map_fixed(FIXED, 4 * P);
	for (unsigned long i = 0; i < 4; i++) {
		poke32(task.mm, FIXED + i * P, (u32)i);
		pg[i] = page_at(task.mm, FIXED + i * P, NULL);
		assert_true(PageAnon(pg[i]));
		assert_int_equal(pg[i]->index, (FIXED >> 12) + i);
		expect_sites(pg[i], 1, task.mm, FIXED + i * P);
	}
	assert_int_equal(pgd_alloc(child.mm), 0);
	assert_int_equal(dup_mmap(child.mm, task.mm), 0);
	for (unsigned long i = 0; i < 4; i++)
		expect_sites(pg[i], 2, task.mm, FIXED + i * P, child.mm, FIXED + i * P);
	/* Copy-on-write: the child's PTE now maps a copy; each page has its own one site. */
	poke32(child.mm, FIXED, 0x99);
	copy = page_at(child.mm, FIXED, NULL);
	assert_ptr_not_equal(copy, pg[0]);
	expect_sites(pg[0], 1, task.mm, FIXED);
	expect_sites(copy, 1, child.mm, FIXED);
	/* munmap in the middle splits the parent's VMA: both halves still find their pages. */
	assert_int_equal(do_munmap(task.mm, FIXED + P, P), 0);
	expect_sites(pg[1], 1, child.mm, FIXED + P);
	expect_sites(pg[2], 2, task.mm, FIXED + 2 * P, child.mm, FIXED + 2 * P);
	/* mremap moves the PTEs: the index stays, the address follows. */
	assert_int_equal(do_mremap(task.mm, FIXED + 2 * P, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED, FIXED2),
			 (long)FIXED2);
	assert_int_equal(pg[3]->index, (FIXED >> 12) + 3);
	expect_sites(pg[3], 2, task.mm, FIXED2 + P, child.mm, FIXED + 3 * P);
	/* The child exits: only the parent's PTEs are left. */
	exit_mmap(child.mm);
	expect_sites(pg[2], 1, task.mm, FIXED2);
	expect_sites(pg[0], 1, task.mm, FIXED);
	assert_int_equal(peek32(task.mm, FIXED2 + P), 3);
	finish();
}

/*
 *   FIXED: [A] [ ] [B]     A and B faulted separately: two families.
 *   mmap the gap: it joins A, but A+gap must not swallow B (B's page
 *   would be lost to the reverse map).
 */
static void test_merge_keeps_families_apart(void **state)
{
	struct page *b;
	unsigned int vmas = 0;

	(void)state;
	map_fixed(FIXED, P);
	poke32(task.mm, FIXED, 1);
	map_fixed(FIXED + 2 * P, P);
	poke32(task.mm, FIXED + 2 * P, 2);
	b = page_at(task.mm, FIXED + 2 * P, NULL);
	map_fixed(FIXED + P, P);
	for (struct vm_area_struct *v = task.mm->mmap; v; v = v->vm_next)
		vmas++;
	assert_int_equal(vmas, 2);
	expect_sites(b, 1, task.mm, FIXED + 2 * P);
	finish();
}

/* ---- migrate_page ---- */

static unsigned long free_now(void)
{
	return nr_free_pages();
}

static void test_migrate_page_moves_everything(void **state)
{
	struct page *p0, *p2, *new, *k;
	unsigned long before;
	unsigned int f;

	(void)state;
	map_fixed(FIXED, 4 * P);
	for (unsigned long i = 0; i < 3; i++)
		poke32(task.mm, FIXED + i * P + 40, 0xa0 + (u32)i);
	assert_int_equal(pgd_alloc(child.mm), 0);
	assert_int_equal(dup_mmap(child.mm, task.mm), 0);
	p0 = page_at(task.mm, FIXED, NULL);
	/* p0: shared copy-on-write by both, read-only in both. */
	new = alloc_page(GFP_HIGHUSER_MOVABLE);
	before = free_now();
	assert_int_equal(migrate_page(new, p0), MIGRATE_DONE);
	assert_int_equal(free_now(), before + 1);		/* the old page went back */
	assert_ptr_equal(page_at(task.mm, FIXED, &f), new);
	assert_int_equal(f & VM_WRITE, 0);
	assert_ptr_equal(page_at(child.mm, FIXED, &f), new);
	assert_int_equal(f & VM_WRITE, 0);
	assert_int_equal(page_ref_count(new), 2);
	assert_int_equal(page_mapcount(new), 2);
	assert_int_equal(peek32(child.mm, FIXED + 40), 0xa0);
	expect_sites(new, 2, task.mm, FIXED, child.mm, FIXED);
	assert_int_equal(nr_anon_pages, 3);
	/* Still copy-on-write afterwards: the child's write copies, the parent keeps its word. */
	poke32(child.mm, FIXED + 40, 0x55);
	assert_int_equal(peek32(task.mm, FIXED + 40), 0xa0);
	exit_mmap(child.mm);
	/* p2: writable, one mapping: stays writable. */
	poke32(task.mm, FIXED + 2 * P, 7);
	p2 = page_at(task.mm, FIXED + 2 * P, NULL);
	new = alloc_page(GFP_HIGHUSER_MOVABLE);
	assert_int_equal(migrate_page(new, p2), MIGRATE_DONE);
	assert_ptr_equal(page_at(task.mm, FIXED + 2 * P, &f), new);
	assert_true(f & VM_WRITE);
	assert_int_equal(peek32(task.mm, FIXED + 2 * P), 7);
	assert_int_equal(peek32(task.mm, FIXED + 2 * P + 40), 0xa2);
	/* Pinned: a reference its mapping does not explain. */
	get_page(new);
	k = alloc_page(GFP_HIGHUSER_MOVABLE);
	assert_int_equal(migrate_page(k, new), MIGRATE_PINNED);
	put_page(new);
	/* A kernel page, and the zero page: not user pages. */
	assert_int_equal(page_movability(k), MIGRATE_NOT_USER);
	assert_int_equal(handle_mm_fault(task.mm, FIXED + 3 * P, VM_READ), 0);
	assert_true(is_zero_page(page_at(task.mm, FIXED + 3 * P, NULL)));
	assert_int_equal(page_movability(page_at(task.mm, FIXED + 3 * P, NULL)), MIGRATE_NOT_USER);
	__free_page(k);
	finish();
}

static void test_migrate_skips_file_pages(void **state)
{
	static u8 data[P];
	struct ramfs_file file = { "bin/data", 0100644, data, sizeof(data) };
	long a;

	(void)state;
	a = do_mmap(task.mm, 0, P, RW, MAP_PRIVATE, &file, 0);
	assert_false(IS_ERR_VALUE(a));
	assert_int_equal(handle_mm_fault(task.mm, (unsigned long)a, VM_READ), 0);
	assert_int_equal(page_movability(page_at(task.mm, (unsigned long)a, NULL)), MIGRATE_FILE);
	finish();
}

/* ---- compaction ---- */

/* Free blocks of order 8 to 10 in every zone: what /proc/buddyinfo's last three columns add up to. */
static unsigned long high_order_blocks(void)
{
	unsigned long n = 0;

	for (int z = 0; z < MAX_NR_ZONES; z++)
		for (unsigned int o = 8; o < MAX_ORDER; o++)
			n += node_zones[z].free_area[o].nr_free;
	return n;
}

/* The word each page holds: its index, mixed so that two pages never hold the same. */
static u32 pattern(unsigned long i)
{
	return (u32)(i * 2654435761u) ^ 0x5a5a0000u;
}

/* Map n pages at FIXED with pattern(i) in page i, then unmap every odd page. */
static void fragment(unsigned long n)
{
	map_fixed(FIXED, n * P);
	for (unsigned long i = 0; i < n; i++)
		poke32(task.mm, FIXED + i * P, pattern(i));
	for (unsigned long i = 1; i < n; i += 2)
		assert_int_equal(do_munmap(task.mm, FIXED + i * P, P), 0);
	drain_all_pages();
}

static void check_patterns(unsigned long n)
{
	for (unsigned long i = 0; i < n; i += 2)
		if (peek32(task.mm, FIXED + i * P) != pattern(i))
			fail_msg("page %lu at 0x%lx holds 0x%x, not 0x%x", i, FIXED + i * P,
				 peek32(task.mm, FIXED + i * P), pattern(i));
}

static void test_compact_nodes_builds_large_blocks(void **state)
{
	unsigned long n = 4096, blocks, free_before;

	(void)state;
	fragment(n);
	blocks = high_order_blocks();
	free_before = free_now();
	assert_int_equal(compact_nodes(), 0);
	assert_true(high_order_blocks() > blocks);
	assert_int_equal(free_now(), free_before);		/* nothing lost, nothing kept */
	assert_true(compact_events[PGMIGRATE_SUCCESS] > 0);
	assert_int_equal(compact_events[PGMIGRATE_FAIL], 0);
	assert_true(compact_events[COMPACTMIGRATE_SCANNED] > 0 && compact_events[COMPACTFREE_SCANNED] > 0);
	assert_true(compact_events[COMPACTISOLATED] >= 2 * compact_events[PGMIGRATE_SUCCESS]);
	check_patterns(n);
	assert_int_equal(buddy_check(), 0);
	assert_int_equal(nr_anon_pages, n / 2);
	finish();
}

/* Not without the big kernel lock: user pages move only where no page table can change (include/compaction.h). */
static void test_compact_refused_without_kernel_lock(void **state)
{
	(void)state;
	host_log_clear();
	host_user_mappings_stable = false;
	assert_int_equal(compact_nodes(), -EBUSY);
	host_user_mappings_stable = true;
	host_log_expect("compaction: refused on CPU 0 (user pages move only under the big kernel lock, once at a time)");
	host_log_clear();
	finish();
}

/*
 * Fill lowmem (Normal) with user pages, unmap every other one: no free
 * block of order 4 is left there, yet half the zone is free.  A kernel
 * request of order 4 must stall in direct compaction and succeed.
 */
static void test_direct_compaction(void **state)
{
	struct zone *normal = &node_zones[ZONE_NORMAL];
	unsigned long n = 0, limit = 32768;
	struct list_head held;
	struct page *block;

	(void)state;
	INIT_LIST_HEAD(&held);
	map_fixed(FIXED, limit * P);
	/* Take every free page of both zones: HighMem first, then Normal (GFP_HIGHUSER_MOVABLE's order). */
	while (n < limit && handle_mm_fault(task.mm, FIXED + n * P, VM_WRITE) == 0) {
		poke32(task.mm, FIXED + n * P, pattern(n));
		n++;
	}
	assert_true(n < limit);
	for (unsigned long i = 1; i < n; i += 2)
		assert_int_equal(do_munmap(task.mm, FIXED + i * P, P), 0);
	drain_all_pages();
	/* What Normal still has in blocks of order 4 or more (the reserve above its mark), taken without compaction. */
	while ((block = alloc_pages(GFP_KERNEL & ~__GFP_DIRECT_RECLAIM, 4)))
		list_add(&block->lru, &held);
	for (unsigned int o = 4; o < MAX_ORDER; o++)
		for (int t = 0; t < MIGRATE_PCPTYPES; t++)
			assert_true(list_empty(&normal->free_area[o].free_list[t]));
	assert_true(normal->free_pages > 2 * low_wmark_pages(normal));
	assert_int_equal(compact_events[COMPACTSTALL], 0);
	block = alloc_pages(GFP_KERNEL, 4);
	assert_non_null(block);
	assert_int_equal(compact_events[COMPACTSTALL], 1);
	assert_int_equal(compact_events[COMPACTSUCCESS], 1);
	assert_int_equal(compact_events[COMPACTFAIL], 0);
	assert_true(compact_events[PGMIGRATE_SUCCESS] > 0);
	__free_pages(block, 4);
	while (!list_empty(&held)) {
		block = list_first_entry(&held, struct page, lru);
		list_del(&block->lru);
		__free_pages(block, 4);
	}
	check_patterns(n);
	finish();
}

/*
 * Normal fragmented by kernel pages only (every page taken, the odd pfns
 * given back): compaction has nothing to move, so each order-4 request
 * fails, and Linux's deferral (mm/compaction.c: after the k-th failure the
 * zone is skipped until the 2^k-th request since) lets compaction run only
 * at requests 1, 3, 7 and 15: where request + 1 is a power of two.  Every
 * request counts compact_stall and compact_fail, deferred or not.
 */
static void test_direct_compaction_deferred(void **state)
{
	struct list_head held, odd;
	struct page *page;

	(void)state;
	INIT_LIST_HEAD(&held);
	INIT_LIST_HEAD(&odd);
	while ((page = alloc_page(GFP_KERNEL | __GFP_MEMALLOC)))
		list_add(&page->lru, page_to_pfn(page) & 1 ? &odd : &held);
	while (!list_empty(&odd)) {
		page = list_first_entry(&odd, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	drain_all_pages();
	for (unsigned int a = 1; a <= 15; a++) {
		unsigned long scanned = compact_events[COMPACTMIGRATE_SCANNED];
		bool ran;

		assert_null(alloc_pages(GFP_KERNEL, 4));
		ran = compact_events[COMPACTMIGRATE_SCANNED] > scanned;
		if (ran != (((a + 1) & a) == 0))
			fail_msg("request %u: compaction %s", a, ran ? "ran, but should be deferred" : "deferred, but should run");
	}
	assert_int_equal(compact_events[COMPACTSTALL], 15);
	assert_int_equal(compact_events[COMPACTFAIL], 15);
	assert_int_equal(compact_events[COMPACTSUCCESS], 0);
	while (!list_empty(&held)) {
		page = list_first_entry(&held, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	finish();
}

/* ---- cached scanner positions (Linux's compact_cached_*_pfn) ---- */

#define CACHED_LIMIT	32768
static unsigned long pfn_before[CACHED_LIMIT];

/* test_direct_compaction's machine: every page user-mapped, the odd ones unmapped, Normal's order >= 4 blocks held. */
static unsigned long fragment_everything(struct list_head *held)
{
	unsigned long n = 0;
	struct page *block;

	map_fixed(FIXED, CACHED_LIMIT * P);
	while (n < CACHED_LIMIT && handle_mm_fault(task.mm, FIXED + n * P, VM_WRITE) == 0) {
		poke32(task.mm, FIXED + n * P, pattern(n));
		n++;
	}
	assert_true(n < CACHED_LIMIT);
	for (unsigned long i = 1; i < n; i += 2)
		assert_int_equal(do_munmap(task.mm, FIXED + i * P, P), 0);
	drain_all_pages();
	while ((block = alloc_pages(GFP_KERNEL & ~__GFP_DIRECT_RECLAIM, 4)))
		list_add(&block->lru, held);
	return n;
}

static void free_held(struct list_head *held)
{
	while (!list_empty(held)) {
		struct page *block = list_first_entry(held, struct page, lru);

		list_del(&block->lru);
		__free_pages(block, 4);
	}
}

/*
 * A run for a block starts where the last one stopped: with the migration
 * scanner's cached position put in the middle of Normal (as a run that
 * stopped there leaves it), an order-4 request compacts without moving one
 * user page below it, and leaves both positions mid-zone for the next.  A
 * run whose scanners meet resets them to the zone's ends (Linux's
 * reset_cached_positions): with the positions at the top pageblock (the
 * scanners meet at once) the request still gets its block, from a second
 * run from the zone's ends, and the positions are mid-zone again.
 */
static void test_compaction_cached_positions(void **state)
{
	struct zone *normal = &node_zones[ZONE_NORMAL];
	unsigned long top = ALIGN(zone_end_pfn(normal), pageblock_nr_pages), mid, n, below = 0, moved_below = 0;
	struct list_head held;
	struct page *block;

	(void)state;
	INIT_LIST_HEAD(&held);
	n = fragment_everything(&held);
	mid = ALIGN_DOWN(normal->zone_start_pfn + normal->spanned_pages / 2, pageblock_nr_pages);
	normal->compact_cached_migrate_pfn = mid;
	normal->compact_cached_free_pfn = top;
	for (unsigned long i = 0; i < n; i += 2)
		pfn_before[i] = page_to_pfn(page_at(task.mm, FIXED + i * P, NULL));
	block = alloc_pages(GFP_KERNEL, 4);
	assert_non_null(block);
	list_add(&block->lru, &held);
	assert_int_equal(compact_events[COMPACTSTALL], 1);
	assert_true(compact_events[PGMIGRATE_SUCCESS] > 0);
	for (unsigned long i = 0; i < n; i += 2)
		if (pfn_before[i] >= normal->zone_start_pfn && pfn_before[i] < mid) {
			below++;
			moved_below += page_to_pfn(page_at(task.mm, FIXED + i * P, NULL)) != pfn_before[i];
		}
	assert_true(below > 0);
	assert_int_equal(moved_below, 0);
	assert_true(normal->compact_cached_migrate_pfn > mid && normal->compact_cached_migrate_pfn < zone_end_pfn(normal));
	/* The free scanner restarts in the pageblock where it stopped (its unused pages went back). */
	assert_true(normal->compact_cached_free_pfn > normal->compact_cached_migrate_pfn &&
		    normal->compact_cached_free_pfn <= top);
	/* The scanners meet at once from the top pageblock: reset, and the run from the ends makes the block. */
	while ((block = alloc_pages(GFP_KERNEL & ~__GFP_DIRECT_RECLAIM, 4)))
		list_add(&block->lru, &held);
	normal->compact_cached_migrate_pfn = top - pageblock_nr_pages;
	normal->compact_cached_free_pfn = top;
	block = alloc_pages(GFP_KERNEL, 4);
	assert_non_null(block);
	list_add(&block->lru, &held);
	assert_int_equal(compact_events[COMPACTSUCCESS], 2);
	assert_true(normal->compact_cached_migrate_pfn < top - pageblock_nr_pages);
	free_held(&held);
	check_patterns(n);
	finish();
}

/*
 * vm.extfrag_threshold (Linux's compaction_suitable for a costly order):
 * on this machine Normal's order-4 fragmentation index is high (half the
 * zone free, all of it in blocks of less than 16 pages), so with the
 * threshold at 1000, its maximum, the order-4 request does not compact
 * (COMPACT_SKIPPED: no compact_stall) and fails; at Linux's 500 it
 * compacts and succeeds.  Values outside 0..1000 are refused.
 */
static void test_extfrag_threshold(void **state)
{
	struct list_head held;
	struct page *block;
	unsigned long n;

	(void)state;
	INIT_LIST_HEAD(&held);
	n = fragment_everything(&held);
	assert_int_equal(sysctl_extfrag_threshold, 500);
	assert_int_equal(extfrag_threshold_set(1000), 0);
	assert_null(alloc_pages(GFP_KERNEL, 4));
	assert_int_equal(compact_events[COMPACTSTALL], 0);
	host_log_clear();
	assert_int_equal(extfrag_threshold_set(1001), -EINVAL);
	host_log_expect("compaction: extfrag_threshold 1001 refused (0..1000): -EINVAL, it stays 1000");
	host_log_clear();
	assert_int_equal(extfrag_threshold_set(500), 0);
	block = alloc_pages(GFP_KERNEL, 4);
	assert_non_null(block);
	list_add(&block->lru, &held);
	assert_int_equal(compact_events[COMPACTSTALL], 1);
	free_held(&held);
	check_patterns(n);
	finish();
}

/* ---- page isolation and alloc_contig_range ---- */

/* Whether every page of the pageblock at block is free or one of the mapping's (anonymous, mapped) pages. */
static bool block_holds_only_ours(unsigned long block)
{
	for (unsigned long pfn = block; pfn < block + pageblock_nr_pages;) {
		struct page *p = pfn_to_page(pfn);

		if (PageBuddy(p)) {
			pfn += 1UL << p->order;
			continue;
		}
		if (!PagePcp(p) && !(PageAnon(p) && page_mapcount(p) > 0))
			return false;
		pfn++;
	}
	return true;
}

/* The pageblock of the first of the mapping's n pages (even indexes) whose pageblock holds only ours and free pages. */
static unsigned long our_block(unsigned long n)
{
	for (unsigned long i = 0; i < n; i += 2) {
		unsigned long block = page_to_pfn(page_at(task.mm, FIXED + i * P, NULL)) & ~(pageblock_nr_pages - 1);

		if (block_holds_only_ours(block))
			return block;
	}
	fail_msg("no pageblock holds only the mapping's pages");
	return 0;
}

/*
 * A pageblock holding only the mapping's pages and free ones, taken whole: its user
 * pages migrate out (contents kept), every page of it comes back as an
 * allocated order-0 page, and the pageblock is Movable again afterwards.
 * A pinned page makes the range busy; a range not of whole pageblocks is
 * refused.
 */
static void test_alloc_contig_range(void **state)
{
	unsigned long n = 4096, block, free_before;
	struct zone *z;
	struct page *pinned;

	(void)state;
	fragment(n);
	block = our_block(n);
	z = pfn_zone(block);
	assert_int_equal(get_pfnblock_migratetype(z, block), MIGRATE_MOVABLE);
	free_before = free_now();
	assert_int_equal(alloc_contig_range(block, block + pageblock_nr_pages, MIGRATE_MOVABLE), 0);
	for (unsigned long pfn = block; pfn < block + pageblock_nr_pages; pfn++) {
		assert_int_equal(pfn_to_page(pfn)->flags, PG_head);
		assert_int_equal(page_ref_count(pfn_to_page(pfn)), 1);
	}
	for (unsigned long i = 0; i < n; i += 2) {
		unsigned long pfn = page_to_pfn(page_at(task.mm, FIXED + i * P, NULL));

		assert_false(pfn >= block && pfn < block + pageblock_nr_pages);
	}
	check_patterns(n);
	assert_int_equal(get_pfnblock_migratetype(z, block), MIGRATE_MOVABLE);
	free_contig_range(block, pageblock_nr_pages);
	assert_int_equal(free_now(), free_before);
	assert_int_equal(buddy_check(), 0);
	/* A page someone holds: the range stays, its pageblock Movable again. */
	block = our_block(n);
	pinned = NULL;
	for (unsigned long i = 0; i < n && !pinned; i += 2)
		if ((page_to_pfn(page_at(task.mm, FIXED + i * P, NULL)) & ~(pageblock_nr_pages - 1)) == block)
			pinned = page_at(task.mm, FIXED + i * P, NULL);
	assert_non_null(pinned);
	get_page(pinned);
	assert_int_equal(alloc_contig_range(block, block + pageblock_nr_pages, MIGRATE_MOVABLE), -EBUSY);
	assert_int_equal(get_pfnblock_migratetype(z, block), MIGRATE_MOVABLE);
	put_page(pinned);
	assert_int_equal(alloc_contig_range(block + 1, block + pageblock_nr_pages, MIGRATE_MOVABLE), -EINVAL);
	check_patterns(n);
	assert_int_equal(buddy_check(), 0);
	finish();
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_rmap_through_fork_cow_munmap_mremap_exit, boot, teardown),
		cmocka_unit_test_setup_teardown(test_merge_keeps_families_apart, boot, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_page_moves_everything, boot, teardown),
		cmocka_unit_test_setup_teardown(test_migrate_skips_file_pages, boot, teardown),
		cmocka_unit_test_setup_teardown(test_compact_nodes_builds_large_blocks, boot, teardown),
		cmocka_unit_test_setup_teardown(test_compact_refused_without_kernel_lock, boot, teardown),
		cmocka_unit_test_setup_teardown(test_direct_compaction, boot, teardown),
		cmocka_unit_test_setup_teardown(test_direct_compaction_deferred, boot, teardown),
		cmocka_unit_test_setup_teardown(test_compaction_cached_positions, boot, teardown),
		cmocka_unit_test_setup_teardown(test_extfrag_threshold, boot, teardown),
		cmocka_unit_test_setup_teardown(test_alloc_contig_range, boot, teardown),
	};

	(void)argc;
	host_fixmap_reserve(argv);	/* user pages in HighMem are reached through kmap_local's slots */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
