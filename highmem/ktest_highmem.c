/*
 * The highmem check (kernel only): `highmem-test` at the shell and the
 * self-test highmem_test write every free highmem page through kmap and
 * read it back through kmap_local_page.
 */
#include <gfp.h>
#include <highmem.h>
#include <printk.h>
#include <selftest.h>
#include <shell.h>

struct highmem_result {
	unsigned long pages;	/* highmem pages written and read back */
	unsigned long flushes;	/* pkmap window flushes meanwhile */
	unsigned long errors;	/* mapping failures and words that read back wrong */
};

/* Word i of the page with this pfn: no two pages share a pattern. */
static unsigned long pattern(unsigned long pfn, unsigned long i)
{
	return (pfn << 10 | i) ^ 0x5a5a0000UL;
}

#define WORDS_PER_PAGE	(PAGE_SIZE / sizeof(unsigned long))

static unsigned long write_through_kmap(struct page *page)
{
	unsigned long pfn = page_to_pfn(page), *words = kmap(page);

	if (!words) {
		kprintf("highmem-test: kmap of pfn 0x%lx failed\n", pfn);
		return 1;
	}
	if (page_address(page) != words) {
		kprintf("highmem-test: page_address of pfn 0x%lx is %p, kmap gave %p\n",
			pfn, page_address(page), (void *)words);
		kunmap(page);
		return 1;
	}
	for (unsigned long i = 0; i < WORDS_PER_PAGE; i++)
		words[i] = pattern(pfn, i);
	kunmap(page);
	return 0;
}

static unsigned long check_through_kmap_local(struct page *page)
{
	unsigned long pfn = page_to_pfn(page), *words = kmap_local_page(page), bad = 0;

	if (!words) {
		kprintf("highmem-test: kmap_local_page of pfn 0x%lx failed\n", pfn);
		return 1;
	}
	for (unsigned long i = 0; i < WORDS_PER_PAGE; i++) {
		if (words[i] == pattern(pfn, i))
			continue;
		if (!bad)
			kprintf("highmem-test: pfn 0x%lx word %lu holds 0x%08lx, expected 0x%08lx\n",
				pfn, i, words[i], pattern(pfn, i));
		bad = 1;
	}
	kunmap_local(words);
	return bad;
}

/*
 * Take every free highmem page (watermarks ignored in the end; but
 * GFP_HIGHUSER, held to the low mark first as in Linux, also gets Normal
 * pages while HighMem is below its low mark: those are set aside until
 * HighMem is empty, then go straight back), write each through kmap,
 * check each through kmap_local_page, give them all back.
 */
static void highmem_run(struct highmem_result *r)
{
	unsigned long flushes_before = pkmap_flushes;
	struct list_head pages, lowmem;
	struct page *page;

	*r = (struct highmem_result){ 0 };
	INIT_LIST_HEAD(&pages);
	INIT_LIST_HEAD(&lowmem);
	while (nr_free_highpages() && (page = alloc_page(GFP_HIGHUSER | __GFP_MEMALLOC)) != NULL) {
		if (!PageHighMem(page)) {
			list_add(&page->lru, &lowmem);
			continue;
		}
		r->errors += write_through_kmap(page);
		list_add(&page->lru, &pages);
		r->pages++;
	}
	while (!list_empty(&lowmem)) {
		page = list_entry(lowmem.next, struct page, lru);
		list_del(&page->lru);
		__free_page(page);
	}
	r->flushes = pkmap_flushes - flushes_before;
	while (!list_empty(&pages)) {
		page = list_entry(pages.next, struct page, lru);
		list_del(&page->lru);
		r->errors += check_through_kmap_local(page);
		__free_page(page);
	}
	if (kmap_local_depth() != 0) {
		kprintf("highmem-test: %u local mappings left behind\n", kmap_local_depth());
		r->errors++;
	}
}

/* In 2G/2G with 1 GiB all RAM is lowmem: that case prints "no highmem". */
static int cmd_highmem_test(int argc, char **argv)
{
	struct highmem_result r;

	(void)argc;
	(void)argv;
	if (!totalhigh_pages()) {
		kprintf("highmem-test: no highmem\n");
		return 0;
	}
	highmem_run(&r);
	kprintf("highmem-test: %lu pages written and verified, %lu pkmap flushes, %lu errors\n",
		r.pages, r.flushes, r.errors);
	return r.errors ? 1 : 0;
}
SHELL_CMD(highmem_test, "highmem-test", "",
	  "write every free highmem page through kmap, verify through kmap_local_page", cmd_highmem_test);

/*
 * The same as a self-test: no errors, and at least one window flush per
 * LAST_PKMAP pages (each page leaves its slot at count 1, so the search
 * must wrap and flush to go on).
 */
static int ktest_highmem(void)
{
	struct highmem_result r;

	if (!totalhigh_pages())
		return 0;
	highmem_run(&r);
	KT_EXPECT(r.pages > 0, "no highmem page could be allocated");
	KT_EXPECT(r.errors == 0, "%lu errors over %lu pages", r.errors, r.pages);
	KT_EXPECT(r.flushes >= r.pages / LAST_PKMAP, "%lu pkmap flushes for %lu pages, expected at least %lu",
		  r.flushes, r.pages, r.pages / LAST_PKMAP);
	return 0;
}
KTEST(highmem_test, ktest_highmem);
