/*
 * The highmem mappings at the shell (kernel only, left out of the host
 * build): `kmap`, `kunmap`, /proc/pkmap, and `highmem-test` with the
 * self-test that runs it: every free highmem page written through kmap and
 * read back through kmap_local_page.
 */
#include <gfp.h>
#include <highmem.h>
#include <printk.h>
#include <selftest.h>
#include <shell.h>
#include <slab.h>

PROC_FILE(pkmap, "pkmap", pkmap_show);

/* The frame behind a pfn argument, or NULL after saying why not. */
static struct page *parse_pfn(const char *cmd, const char *arg)
{
	unsigned long pfn;

	if (!shell_parse_ulong(arg, &pfn))
		return NULL;
	if (!pfn_valid(pfn)) {
		kprintf("%s: pfn 0x%lx is outside mem_map [0x%lx, 0x%lx)\n", cmd, pfn, min_pfn, max_pfn);
		return NULL;
	}
	return pfn_to_page(pfn);
}

static int cmd_kmap(int argc, char **argv)
{
	struct page *page;
	void *va;

	if (argc != 2) {
		kprintf("usage: kmap <pfn>\n");
		return 1;
	}
	page = parse_pfn("kmap", argv[1]);
	if (!page)
		return 1;
	va = kmap(page);
	if (!va)
		return 1;
	if (PageHighMem(page))
		kprintf("pfn 0x%lx -> 0x%08lx (pkmap slot %lu, %d user%s)\n", page_to_pfn(page),
			(unsigned long)va, PKMAP_NR(va), pkmap_slot_users(PKMAP_NR(va)),
			pkmap_slot_users(PKMAP_NR(va)) == 1 ? "" : "s");
	else
		kprintf("pfn 0x%lx -> 0x%08lx (lowmem: linear address, no slot)\n",
			page_to_pfn(page), (unsigned long)va);
	return 0;
}
SHELL_CMD(kmap, "kmap", "<pfn>", "map a page frame with kmap (highmem: a pkmap slot)", cmd_kmap);

static int cmd_kunmap(int argc, char **argv)
{
	struct page *page;
	void *va;

	if (argc != 2) {
		kprintf("usage: kunmap <pfn>\n");
		return 1;
	}
	page = parse_pfn("kunmap", argv[1]);
	if (!page)
		return 1;
	va = pkmap_page_address(page);
	if (PageHighMem(page) && (!va || pkmap_slot_users(PKMAP_NR(va)) < 1)) {
		kunmap(page);	/* reports the bug */
		return 1;
	}
	kunmap(page);
	return 0;
}
SHELL_CMD(kunmap, "kunmap", "<pfn>", "drop one kmap reference to a page frame", cmd_kunmap);

/* ---- highmem-test ---- */

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

/*
 * Take free highmem pages (watermarks ignored; GFP_HIGHUSER falls back to
 * Normal only when HighMem is empty, and that first lowmem page goes
 * straight back) until there are none, or as many as were free: more than
 * that means a page was handed out twice.  Their pfns go in a kmalloc'd
 * array, not in the pages' own lru links, which a page handed out twice
 * would tie in a loop.
 */
static unsigned long take_highmem(unsigned long *pfns, unsigned long room, struct highmem_result *r,
				  unsigned long run)
{
	struct page *page;
	unsigned long n = 0;

	while (n < room && (page = alloc_page(GFP_HIGHUSER | __GFP_MEMALLOC)) != NULL) {
		if (!PageHighMem(page)) {
			__free_page(page);
			return n;
		}
		r->errors += write_through_kmap(page, run << 17 | n);
		pfns[n++] = page_to_pfn(page);
	}
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
	unsigned long flushes_before = pkmap_flushes, room = nr_free_highpages(), run = ++highmem_runs;
	unsigned long *pfns = kmalloc(room * sizeof(*pfns), GFP_KERNEL);

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

/* Where all RAM is lowmem (2G/2G with 1 GiB, or no CONFIG_HIGHMEM) there is nothing to test. */
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
