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
#include <slab.h>

struct highmem_result {
	unsigned long pages;	/* highmem pages written and read back */
	unsigned long flushes;	/* pkmap window flushes meanwhile */
	unsigned long errors;	/* mapping failures and words that read back wrong */
};

/*
 * Every allocation the test makes gets a token: the run number and the
 * allocation's place in that run.  Word i of the page holds
 * (pfn << 10 | i) ^ mix(token), and mix multiplies by an odd constant, a
 * bijection on 32 bits, so two allocations never write the same words to
 * the same page: a page handed out twice holds the later pattern and fails
 * the earlier allocation's check.  The pfn keeps pages of one run apart.
 */
static unsigned long highmem_runs;

static unsigned long pattern(unsigned long pfn, unsigned long token, unsigned long i)
{
	return (pfn << 10 | i) ^ (token * 0x9e3779b1UL) ^ 0x5a5a0000UL;
}

#define WORDS_PER_PAGE	(PAGE_SIZE / sizeof(unsigned long))

static unsigned long write_through_kmap(struct page *page, unsigned long token)
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
		words[i] = pattern(pfn, token, i);
	kunmap(page);
	return 0;
}

static unsigned long check_through_kmap_local(struct page *page, unsigned long token)
{
	unsigned long pfn = page_to_pfn(page), *words = kmap_local_page(page), bad = 0;

	if (!words) {
		kprintf("highmem-test: kmap_local_page of pfn 0x%lx failed\n", pfn);
		return 1;
	}
	for (unsigned long i = 0; i < WORDS_PER_PAGE; i++) {
		if (words[i] == pattern(pfn, token, i))
			continue;
		if (!bad)
			kprintf("highmem-test: pfn 0x%lx word %lu holds 0x%08lx, expected 0x%08lx "
				"(allocation %lu of this run)\n", pfn, i, words[i],
				pattern(pfn, token, i), token & 0x1ffffUL);
		bad = 1;
	}
	kunmap_local(words);
	return bad;
}

/* Give back the Normal pages take_highmem set aside. */
static void free_page_list(struct list_head *list)
{
	while (!list_empty(list)) {
		struct page *page = list_entry(list->next, struct page, lru);

		list_del(&page->lru);
		__free_page(page);
	}
}

/*
 * Take free highmem pages until there are none, or as many as were free:
 * more than that means a page was handed out twice.  GFP_HIGHUSER is held
 * to the low mark first, as in Linux, so it also gets Normal pages while
 * HighMem is below its low mark (__GFP_MEMALLOC ignores the marks once
 * Normal is down to its own): those are set aside on a list until HighMem
 * is empty.  The highmem pfns go in a kmalloc'd array, not in the pages'
 * own lru links, which a page handed out twice would tie in a loop.
 */
static unsigned long take_highmem(unsigned long *pfns, unsigned long room, struct highmem_result *r,
				  unsigned long run)
{
	struct list_head lowmem;
	struct page *page;
	unsigned long n = 0;

	INIT_LIST_HEAD(&lowmem);
	while (n < room && nr_free_highpages() && (page = alloc_page(GFP_HIGHUSER | __GFP_MEMALLOC)) != NULL) {
		if (!PageHighMem(page)) {
			list_add(&page->lru, &lowmem);
			continue;
		}
		r->errors += write_through_kmap(page, run << 17 | n);
		pfns[n++] = page_to_pfn(page);
	}
	free_page_list(&lowmem);
	if (n == room && nr_free_highpages()) {
		kprintf("highmem-test: %lu pages taken but %lu still free: %lu were free at the start\n",
			n, nr_free_highpages(), room);
		r->errors++;
	}
	return n;
}

/* Every free highmem page written through kmap, checked through kmap_local_page, given back. */
static void highmem_run(struct highmem_result *r)
{
	unsigned long flushes_before, room, run = ++highmem_runs;
	unsigned long *pfns;

	/*
	 * Pages a process freed wait on the per-CPU lists, by migrate type
	 * (Movable for user pages), where this test's requests do not reach:
	 * give them back to the free lists first, so that every free highmem
	 * page is taken.
	 */
	drain_all_pages();
	flushes_before = pkmap_flushes;
	room = nr_free_highpages();
	pfns = kmalloc(room * sizeof(*pfns), GFP_KERNEL);

	*r = (struct highmem_result){ 0 };
	if (!pfns) {
		kprintf("highmem-test: no memory for a list of %lu pfns\n", room);
		r->errors++;
		return;
	}
	r->pages = take_highmem(pfns, room, r, run);
	r->flushes = pkmap_flushes - flushes_before;
	for (unsigned long k = 0; k < r->pages; k++)
		r->errors += check_through_kmap_local(pfn_to_page(pfns[k]), run << 17 | k);
	for (unsigned long k = 0; k < r->pages; k++)
		__free_page(pfn_to_page(pfns[k]));
	kfree(pfns);
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
 * must wrap and flush to go on).  Skipped, not passed, without highmem.
 */
static int ktest_highmem(void)
{
	struct highmem_result r;

	if (!totalhigh_pages())
		return ktest_skip("no highmem");
	highmem_run(&r);
	KT_EXPECT(r.pages > 0, "no highmem page could be allocated");
	KT_EXPECT(r.errors == 0, "%lu errors over %lu pages", r.errors, r.pages);
	KT_EXPECT(r.flushes >= r.pages / LAST_PKMAP, "%lu pkmap flushes for %lu pages, expected at least %lu",
		  r.flushes, r.pages, r.pages / LAST_PKMAP);
	return 0;
}
KTEST(highmem_test, ktest_highmem);
