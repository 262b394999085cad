/*
 * Self-tests of the buddy allocator (kernel only): every free page of every
 * zone taken, written, checked and given back, with /proc/buddyinfo as it
 * was before; the HighAtomic reserve seen in /proc/pagetypeinfo.
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

/* ---- the HighAtomic reserve in /proc/pagetypeinfo ---- */

static char pagetypeinfo_buf[4096];

/* The first occurrence of needle in s, or NULL (lib/string.c has no strstr). */
static const char *find_text(const char *s, const char *needle)
{
	size_t n = strlen(needle);

	for (; s && *s; s++)
		if (!strncmp(s, needle, n))
			return s;
	return NULL;
}

/*
 * Normal's row of /proc/pagetypeinfo's "Number of blocks type" table
 * (Unmovable, Movable, Reclaimable, HighAtomic, Isolate), read from the
 * text the file shows; false if the row is not there.
 */
static bool normal_block_counts(unsigned long counts[MIGRATE_TYPES])
{
	static const char row[] = "Node 0, zone   Normal ";
	const char *p;
	struct seq s;

	seq_init(&s, pagetypeinfo_buf, sizeof(pagetypeinfo_buf));
	pagetypeinfo_show(&s);
	p = find_text(find_text(pagetypeinfo_buf, "Number of blocks type"), row);
	if (!p)
		return false;
	p += sizeof(row) - 1;
	for (int t = 0; t < MIGRATE_TYPES; t++) {
		while (*p == ' ')
			p++;
		if (*p < '0' || *p > '9')
			return false;
		for (counts[t] = 0; *p >= '0' && *p <= '9'; p++)
			counts[t] = counts[t] * 10 + (unsigned long)(*p - '0');
	}
	return true;
}

static void print_block_counts(const char *when, const unsigned long c[MIGRATE_TYPES])
{
	kprintf("    # Normal pageblocks %s: Unmovable %lu Movable %lu Reclaimable %lu HighAtomic %lu Isolate %lu\n",
	       when, c[MIGRATE_UNMOVABLE], c[MIGRATE_MOVABLE], c[MIGRATE_RECLAIMABLE], c[MIGRATE_HIGHATOMIC],
	       c[MIGRATE_ISOLATE]);
}

/* Order-0 GFP_KERNEL pages onto list until Normal's free lists are at its low mark or below. */
static void take_normal_to_low_mark(struct list_head *list)
{
	const struct zone *z = &node_zones[ZONE_NORMAL];
	struct page *page;

	while (z->free_pages > low_wmark_pages(z) && (page = alloc_page(GFP_KERNEL)) != NULL)
		list_add(&page->lru, list);
}

/* Every order-0 GFP_KERNEL page Normal still gives, onto list. */
static void take_normal_all(struct list_head *list)
{
	struct page *page;

	while ((page = alloc_page(GFP_KERNEL)) != NULL)
		list_add(&page->lru, list);
}

static void free_list_pages(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *page = list_first_entry(list, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
}

/*
 * Linux 6.1's reserve, seen in the "Number of blocks type" table: with
 * Normal at its low mark, a GFP_ATOMIC order-1 request goes the slow path
 * (ALLOC_HARDER) and makes its pageblock HighAtomic, one more in the
 * table (Normal reserves nothing yet, below its limit of 1% of its pages
 * plus a pageblock); freed, the pageblock stays HighAtomic; then
 * GFP_KERNEL requests until one fails take it back before failing (the
 * zone's last reserved pageblock only once the retries have run out), and
 * the table has no HighAtomic pageblock again.
 */
static int ktest_highatomic_reserve(void)
{
	struct zone *z = &node_zones[ZONE_NORMAL];
	unsigned long before[MIGRATE_TYPES] = { 0 }, reserved[MIGRATE_TYPES] = { 0 }, after[MIGRATE_TYPES] = { 0 };
	struct list_head pages;
	struct page *atomic;

	if (z->nr_reserved_highatomic)
		return ktest_skip("Normal reserves %lu HighAtomic pages already", z->nr_reserved_highatomic);
	INIT_LIST_HEAD(&pages);
	drain_all_pages();
	KT_EXPECT(normal_block_counts(before), "no Normal row in /proc/pagetypeinfo:\n%s", pagetypeinfo_buf);
	print_block_counts("before", before);
	take_normal_to_low_mark(&pages);
	atomic = alloc_pages(GFP_ATOMIC, 1);
	KT_EXPECT(atomic, "GFP_ATOMIC order 1 failed at %lu free pages (min %lu)", z->free_pages,
		  min_wmark_pages(z));
	KT_EXPECT(z->nr_reserved_highatomic == pageblock_nr_pages, "%lu pages reserved, expected %lu",
		  z->nr_reserved_highatomic, pageblock_nr_pages);
	if (atomic)
		__free_pages(atomic, 1);
	free_list_pages(&pages);
	KT_EXPECT(normal_block_counts(reserved), "no Normal row in /proc/pagetypeinfo");
	print_block_counts("reserved", reserved);
	KT_EXPECT(reserved[MIGRATE_HIGHATOMIC] == before[MIGRATE_HIGHATOMIC] + 1, "%lu HighAtomic pageblocks, %lu before",
		  reserved[MIGRATE_HIGHATOMIC], before[MIGRATE_HIGHATOMIC]);

	take_normal_all(&pages);
	KT_EXPECT(z->nr_reserved_highatomic == 0, "%lu pages still reserved", z->nr_reserved_highatomic);
	free_list_pages(&pages);
	drain_all_pages();
	KT_EXPECT(normal_block_counts(after), "no Normal row in /proc/pagetypeinfo");
	print_block_counts("after", after);
	KT_EXPECT(after[MIGRATE_HIGHATOMIC] == before[MIGRATE_HIGHATOMIC], "%lu HighAtomic pageblocks, %lu before",
		  after[MIGRATE_HIGHATOMIC], before[MIGRATE_HIGHATOMIC]);
	KT_EXPECT(buddy_check() == 0, "buddy invariants broken");
	return 0;
}
KTEST(page_alloc_highatomic_reserve, ktest_highatomic_reserve);
