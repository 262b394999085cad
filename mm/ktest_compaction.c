/*
 * Self-tests of page isolation on the real machine (kernel only; the
 * migration of user pages is tested on the host in tests/host/test_rmap.c
 * and from user space by tests/boot/cases_compact.py): a free pageblock
 * taken whole by alloc_contig_range and given back, an isolated pageblock
 * giving nothing out, and the kernel image's pageblock kept out of isolation.
 */
#include <compaction.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <mmu_context.h>
#include <sched.h>
#include <selftest.h>
#include "internal.h"

/* The highest pageblock of z that is one free Movable block, or 0 if none. */
static unsigned long free_movable_block(struct zone *z)
{
	drain_all_pages();
	for (unsigned long b = ALIGN_DOWN(zone_end_pfn(z), pageblock_nr_pages); b >= pageblock_nr_pages + z->zone_start_pfn;) {
		const struct page *page;

		b -= pageblock_nr_pages;
		page = pfn_valid(b) ? pfn_to_page(b) : NULL;
		if (page && PageBuddy(page) && page->order == pageblock_order &&
		    get_pfnblock_migratetype(z, b) == MIGRATE_MOVABLE)
			return b;
	}
	return 0;
}

static int ktest_contig_free_block(void)
{
	struct zone *z = &node_zones[ZONE_NORMAL];
	unsigned long b = free_movable_block(z), free_before = nr_free_pages(), bad = 0;

	KT_EXPECT(b, "no free Movable pageblock in Normal");
	if (!b)
		return 0;
	if (alloc_contig_range(b, b + pageblock_nr_pages, MIGRATE_MOVABLE)) {
		KT_EXPECT(0, "pageblock 0x%lx not taken", b);
		return 0;	/* nothing of it is ours to free */
	}
	for (unsigned long pfn = b; pfn < b + pageblock_nr_pages; pfn++)
		bad += pfn_to_page(pfn)->flags != PG_head || page_ref_count(pfn_to_page(pfn)) != 1;
	KT_EXPECT(!bad, "%lu pages of 0x%lx not allocated order-0 pages", bad, b);
	KT_EXPECT(nr_free_pages() == free_before - pageblock_nr_pages, "free pages %lu, want %lu", nr_free_pages(),
		  free_before - pageblock_nr_pages);
	KT_EXPECT(get_pfnblock_migratetype(z, b) == MIGRATE_MOVABLE, "pageblock 0x%lx not Movable again", b);
	free_contig_range(b, pageblock_nr_pages);
	KT_EXPECT(nr_free_pages() == free_before, "free pages %lu, want %lu", nr_free_pages(), free_before);
	KT_EXPECT(buddy_check() == 0, "buddy invariants broken");
	return 0;
}
KTEST(compaction_contig_free_block, ktest_contig_free_block);

/* While isolated, a free pageblock gives none of its pages to order-0 requests that drain the rest. */
static int ktest_isolated_block_gives_nothing(void)
{
	struct zone *z = &node_zones[ZONE_NORMAL];
	unsigned long b = free_movable_block(z), inside = 0;
	struct list_head pages;
	struct page *page;

	KT_EXPECT(b, "no free Movable pageblock in Normal");
	if (!b)
		return 0;
	KT_EXPECT(start_isolate_page_range(b, b + pageblock_nr_pages, MIGRATE_MOVABLE) == 0, "0x%lx not isolated", b);
	KT_EXPECT(test_pages_isolated(b, b + pageblock_nr_pages) == 0, "0x%lx: a page is not free and isolated", b);
	INIT_LIST_HEAD(&pages);
	for (unsigned long i = 0; i < 4 * pageblock_nr_pages && (page = alloc_page(GFP_KERNEL | __GFP_MOVABLE)); i++) {
		inside += page_to_pfn(page) >= b && page_to_pfn(page) < b + pageblock_nr_pages;
		list_add(&page->lru, &pages);
	}
	KT_EXPECT(!inside, "%lu pages handed out of the isolated pageblock 0x%lx", inside, b);
	while (!list_empty(&pages)) {
		page = list_first_entry(&pages, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	undo_isolate_page_range(b, b + pageblock_nr_pages, MIGRATE_MOVABLE);
	KT_EXPECT(get_pfnblock_migratetype(z, b) == MIGRATE_MOVABLE, "pageblock 0x%lx not Movable again", b);
	KT_EXPECT(buddy_check() == 0, "buddy invariants broken");
	return 0;
}
KTEST(compaction_isolated_block_gives_nothing, ktest_isolated_block_gives_nothing);

/* The kernel image is no one's to move: its pageblock cannot be isolated, and its type stays. */
static int ktest_kernel_block_kept(void)
{
	static int in_the_image;
	unsigned long pfn = page_to_pfn(virt_to_page(&in_the_image));
	unsigned long b = ALIGN_DOWN(pfn, pageblock_nr_pages);
	struct zone *z = pfn_zone(pfn);
	int mt = get_pfnblock_migratetype(z, b);

	if (b < z->zone_start_pfn)
		return 0;	/* a partial first pageblock: not a whole pageblock of the zone */
	KT_EXPECT(start_isolate_page_range(b, b + pageblock_nr_pages, MIGRATE_MOVABLE) == -EBUSY,
		  "the kernel's pageblock 0x%lx was isolated", b);
	KT_EXPECT(get_pfnblock_migratetype(z, b) == mt, "its type changed from %d to %d", mt,
		  get_pfnblock_migratetype(z, b));
	return 0;
}
KTEST(compaction_kernel_block_kept, ktest_kernel_block_kept);

/* The user page mapped at va, moved to a lowmem page first if it is in HighMem; NULL if that fails. */
static struct page *user_page_in_lowmem(struct mm_struct *mm, unsigned long va)
{
	unsigned int flags;
	struct page *page = user_page_at(mm, va, &flags), *low;

	if (!page || !PageHighMem(page))
		return page;
	low = alloc_page(GFP_KERNEL);
	if (low && migrate_page(low, page) != MIGRATE_DONE) {
		__free_page(low);
		return NULL;
	}
	return low;
}

/*
 * A write through a user address right after migrate_page must land in
 * the new page: the old translation was flushed.  Both pages are lowmem,
 * so the copy needs no kmap_local, whose own TLB invalidate (under QEMU
 * a TLBIMVAIS of any address was seen to drop the stale user entry too:
 * tests/boot/cases_compact.py) would hide a missing flush, as it does for
 * HighMem pages in /bin/compact at 1 GiB.  Runs on the mm's table from the boot
 * CPU before any process exists (compaction's rule holds).
 */
static int ktest_migrate_flushes_old_translation(void)
{
	static struct mm_struct the_mm;	/* an ASID the boot's processes never have: they do not exist yet */
	struct mm_struct *mm = &the_mm, *prev = current ? current->mm : NULL;
	struct page *old, *new = NULL;
	bool moved = false;
	long va;

	*mm = (struct mm_struct){ .asid = 253 };
	KT_EXPECT(pgd_alloc(mm) == 0, "pgd_alloc failed");
	if (!mm->pgd)
		return 0;
	va = do_mmap(mm, 0, PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, NULL, 0);
	KT_EXPECT(!IS_ERR_VALUE(va) && handle_mm_fault(mm, (unsigned long)va, VM_WRITE) == 0, "no user page");
	old = IS_ERR_VALUE(va) ? NULL : user_page_in_lowmem(mm, (unsigned long)va);
	new = old ? alloc_page(GFP_KERNEL) : NULL;
	KT_EXPECT(old && new, "no lowmem pages for the migration");
	if (old && new) {
		switch_mm(mm);
		*(volatile u32 *)va = 1;	/* the TLB now holds va -> old */
		moved = migrate_page(new, old) == MIGRATE_DONE;
		KT_EXPECT(moved, "the page did not migrate");
		*(volatile u32 *)va = 0x600dcafe;
		switch_mm(prev);
		KT_EXPECT(!moved || *(u32 *)page_address(new) == 0x600dcafe,
			  "the write after migration went elsewhere (0x%x in the new page): a stale TLB entry",
			  *(u32 *)page_address(new));
	}
	exit_mmap(mm);	/* the VMA, its page (new, or old if it did not move), the tables */
	if (new && !moved)
		__free_page(new);
	return 0;
}
KTEST(compaction_migrate_flushes_old_translation, ktest_migrate_flushes_old_translation);
