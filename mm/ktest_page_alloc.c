/*
 * Self-test of the buddy allocator (kernel only): every free page of every
 * zone taken, written, checked and given back, with /proc/buddyinfo as it
 * was before.
 */
#include <gfp.h>
#include <printk.h>
#include <selftest.h>
#include <shell.h>
#include <string.h>
#include "internal.h"

static char buddyinfo_at_start[1024], buddyinfo_at_end[1024];

static void snapshot_buddyinfo(char *buf, size_t size)
{
	struct seq s;

	seq_init(&s, buf, size);
	buddyinfo_show(&s);
}

/* Fill the page with its sequence number; highmem through the scratch mapping. */
static bool write_page(struct page *page, unsigned long seq)
{
	unsigned long *words = page_address(page);

	if (!words)
		words = mm_scratch_map(page_to_pfn(page));
	if (!words)
		return false;
	memset(words, (int)(seq & 0xff), PAGE_SIZE);
	words[0] = seq;
	if (PageHighMem(page))
		mm_scratch_unmap();
	return true;
}

static unsigned long read_seq(struct page *page)
{
	unsigned long *words = page_address(page), seq;

	if (!words)
		words = mm_scratch_map(page_to_pfn(page));
	if (!words)
		return ~0UL;
	seq = words[0];
	if (PageHighMem(page))
		mm_scratch_unmap();
	return seq;
}

/*
 * Take every free page of both zones (watermarks ignored), write each, then
 * check each still holds what was written (so no page was handed out
 * twice), free them all and expect /proc/buddyinfo as it was before (both
 * read with the pcp lists drained, so that they show every free page).
 */
static int ktest_every_free_page(void)
{
	unsigned long free_before = nr_free_pages(), high_before = nr_free_highpages();
	unsigned long taken = 0, highmem = 0;
	struct list_head pages;
	struct page *page;

	drain_all_pages();
	snapshot_buddyinfo(buddyinfo_at_start, sizeof(buddyinfo_at_start));
	INIT_LIST_HEAD(&pages);
	while ((page = alloc_page(GFP_HIGHUSER | __GFP_MEMALLOC)) != NULL) {
		KT_EXPECT(write_page(page, taken), "cannot map pfn 0x%lx", page_to_pfn(page));
		highmem += PageHighMem(page);
		list_add(&page->lru, &pages);
		taken++;
	}
	KT_EXPECT(taken == free_before, "took %lu pages, %lu were free", taken, free_before);
	KT_EXPECT(highmem == high_before, "took %lu highmem pages, %lu were free", highmem, high_before);
	KT_EXPECT(nr_free_pages() == 0, "%lu pages still free", nr_free_pages());

	while (!list_empty(&pages)) {
		page = list_entry(pages.next, struct page, lru);
		list_del(&page->lru);
		taken--;
		KT_EXPECT(read_seq(page) == taken, "pfn 0x%lx holds %lu, expected %lu",
			  page_to_pfn(page), read_seq(page), taken);
		__free_page(page);
	}
	drain_all_pages();
	snapshot_buddyinfo(buddyinfo_at_end, sizeof(buddyinfo_at_end));
	KT_EXPECT(!strcmp(buddyinfo_at_start, buddyinfo_at_end),
		  "buddyinfo differs:\n%s---\n%s", buddyinfo_at_start, buddyinfo_at_end);
	KT_EXPECT(buddy_check() == 0, "buddy invariants broken");
	return 0;
}
KTEST(page_alloc_every_free_page, ktest_every_free_page);
