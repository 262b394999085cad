/*
 * The physical memory core at the shell (kernel only, left out of the host
 * build): /proc/buddyinfo, /proc/zoneinfo and /proc/meminfo, the `alloc`,
 * `free`, `buddycheck` and `meminfo-check` commands, and the self-test that
 * writes every free page of every zone.
 */
#include <gfp.h>
#include <printk.h>
#include <selftest.h>
#include <shell.h>
#include <string.h>
#include "internal.h"

PROC_FILE(buddyinfo, "buddyinfo", buddyinfo_show);
PROC_FILE(zoneinfo, "zoneinfo", zoneinfo_show);
PROC_FILE(meminfo, "meminfo", meminfo_show);

static int cmd_alloc(int argc, char **argv)
{
	bool high = argc > 2 && !strcmp(argv[2], "high");
	char virt[16] = "none";
	unsigned long order;
	struct page *page;

	if (argc < 2 || argc > 3 || (argc == 3 && !high)) {
		kprintf("usage: alloc <order> [high]\n");
		return 1;
	}
	if (!shell_parse_ulong(argv[1], &order))
		return 1;
	if (order >= MAX_ORDER) {
		kprintf("alloc: order %lu is too large (orders are 0..%d)\n", order, MAX_ORDER - 1);
		return 1;
	}
	page = alloc_pages(high ? GFP_HIGHUSER : GFP_KERNEL, (unsigned int)order);
	if (!page) {
		kprintf("alloc: no block of order %lu available\n", order);
		return 1;
	}
	meminfo_account_other(1L << order);	/* held until `free` */
	if (page_address(page))
		snprintf(virt, sizeof(virt), "0x%08lx", (unsigned long)page_address(page));
	kprintf("pfn 0x%lx order %lu phys 0x%08lx virt %s (%s)\n", page_to_pfn(page), order,
		(unsigned long)page_to_phys(page), virt, page_zone(page)->name);
	return 0;
}
SHELL_CMD(alloc, "alloc", "<order> [high]", "allocate 2^order pages (high: HighMem first)", cmd_alloc);

static int cmd_free(int argc, char **argv)
{
	unsigned long pfn, order;

	if (argc != 3) {
		kprintf("usage: free <pfn> <order>\n");
		return 1;
	}
	if (!shell_parse_ulong(argv[1], &pfn) || !shell_parse_ulong(argv[2], &order))
		return 1;
	if (order >= MAX_ORDER) {
		kprintf("free: order %lu is too large (orders are 0..%d)\n", order, MAX_ORDER - 1);
		return 1;
	}
	if (buddy_free_pfn(pfn, (unsigned int)order))
		return 1;
	meminfo_account_other(-(1L << order));
	return 0;
}
SHELL_CMD(free, "free", "<pfn> <order>", "give back a block from alloc", cmd_free);

static int cmd_buddycheck(int argc, char **argv)
{
	int problems;

	(void)argc;
	(void)argv;
	problems = buddy_check();
	kprintf("buddycheck: %d problem%s\n", problems, problems == 1 ? "" : "s");
	return problems ? 1 : 0;
}
SHELL_CMD(buddycheck, "buddycheck", "", "check every buddy allocator invariant", cmd_buddycheck);

static char meminfo_check_buf[1024];

static int cmd_meminfo_check(int argc, char **argv)
{
	struct seq s;
	bool ok;

	(void)argc;
	(void)argv;
	seq_init(&s, meminfo_check_buf, sizeof(meminfo_check_buf));
	ok = meminfo_check_show(&s);
	kputs(meminfo_check_buf);
	return ok ? 0 : 1;
}
SHELL_CMD(meminfo_check, "meminfo-check", "",
	  "attribute every page of MemTotal to one owner and check they add up", cmd_meminfo_check);

/* ---- self-test ---- */

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
