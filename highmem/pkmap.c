/*
 * Permanent kernel mappings of highmem pages: the LAST_PKMAP slots of the
 * window [PKMAP_BASE, PAGE_OFFSET), their use counts, and the page -> slot
 * hash that page_address() reads.  The page tables themselves belong to
 * the arch layer (arch_map_range); the short-lived nested mappings are
 * kmap_local.c's.
 */
#include <highmem.h>
#include <printk.h>

/*
 * pkmap_count[nr], the state of slot nr:
 *   0      free: not mapped, no TLB entry can exist for it.
 *   1      mapped, no users: the last kunmap left it for the next flush.
 *          Its TLB entry may still be live, so it is not reused for another
 *          page until the wrap of the search unmaps it and flushes.  A kmap
 *          of the same page takes it back as it is.
 *   n > 1  mapped with n - 1 users.
 * pkmap_page[nr] is the page in a slot whose count is not 0, and the slot
 * is on the hash chain of that page's pfn exactly then.
 */
static unsigned int pkmap_count[LAST_PKMAP];
static struct page *pkmap_page[LAST_PKMAP];

/* The slot last handed out; the search for a free one starts after it. */
static unsigned int last_pkmap_nr;

/* Set once "all slots in use" has been reported, so it is said once. */
static bool full_reported;

unsigned long pkmap_flushes;

/*
 * page -> slot: chains of slots hanging from buckets chosen by the low
 * bits of the pfn.  With at most 512 mapped slots over 128 buckets a chain
 * is a handful of slots, so finding a mapped page is close to O(1).  Links
 * hold slot + 1, so the all-zero state before pkmap_init is a valid empty
 * table (page_address may be asked about highmem before kmap is set up).
 */
#define PKMAP_HASH_SIZE	128
#define PKMAP_NONE	(-1)

static unsigned short hash_head[PKMAP_HASH_SIZE];
static unsigned short hash_next[LAST_PKMAP];

static unsigned short *hash_bucket(const struct page *page)
{
	return &hash_head[page_to_pfn(page) & (PKMAP_HASH_SIZE - 1)];
}

static int hash_find(const struct page *page)
{
	for (unsigned int link = *hash_bucket(page); link; link = hash_next[link - 1])
		if (pkmap_page[link - 1] == page)
			return (int)link - 1;
	return PKMAP_NONE;
}

static void hash_add(unsigned int nr)
{
	unsigned short *head = hash_bucket(pkmap_page[nr]);

	hash_next[nr] = *head;
	*head = (unsigned short)(nr + 1);
}

static void hash_del(unsigned int nr)
{
	unsigned short *link = hash_bucket(pkmap_page[nr]);

	while (*link != nr + 1)
		link = &hash_next[*link - 1];
	*link = hash_next[nr];
}

void pkmap_init(void)
{
	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++) {
		pkmap_count[nr] = 0;
		pkmap_page[nr] = NULL;
		hash_next[nr] = 0;
	}
	for (unsigned int b = 0; b < PKMAP_HASH_SIZE; b++)
		hash_head[b] = 0;
	last_pkmap_nr = 0;
	full_reported = false;
	pkmap_flushes = 0;
}

/*
 * Unmap every slot whose count is 1 and free it, then flush the TLB for
 * the whole window once, if anything was unmapped: one range flush is
 * far cheaper than one per slot.
 */
static void flush_unused_slots(void)
{
	bool unmapped = false;

	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++) {
		if (pkmap_count[nr] != 1)
			continue;
		arch_unmap_range(PKMAP_ADDR(nr), PAGE_SIZE);
		hash_del(nr);
		pkmap_page[nr] = NULL;
		pkmap_count[nr] = 0;
		unmapped = true;
	}
	if (unmapped) {
		arch_flush_tlb_range(PKMAP_BASE, LAST_PKMAP * PAGE_SIZE);
		pkmap_flushes++;
	}
}

/*
 * The next free slot after last_pkmap_nr, flushing each time the search
 * passes slot 0.  Slots freed by that flush may lie behind the point where
 * it happened, so a fruitless round gets a second one; if that finds
 * nothing too, every slot has users.  Returns the slot or PKMAP_NONE.
 */
static int find_free_slot(void)
{
	for (unsigned int step = 0; step < 2 * LAST_PKMAP; step++) {
		last_pkmap_nr = (last_pkmap_nr + 1) & (LAST_PKMAP - 1);
		if (last_pkmap_nr == 0)
			flush_unused_slots();
		if (pkmap_count[last_pkmap_nr] == 0)
			return (int)last_pkmap_nr;
	}
	return PKMAP_NONE;
}

/*
 * A new slot for page with count 1 (its caller adds its own use).  The
 * A9's data cache is physically indexed and tagged, so two virtual
 * addresses of one frame cannot alias: no cache flush on map or unmap.
 */
static int map_new_slot(struct page *page)
{
	int nr = find_free_slot();
	int err;

	if (nr == PKMAP_NONE) {
		if (!full_reported)
			pr_err("kmap: all %d pkmap slots are in use; returning NULL\n", LAST_PKMAP);
		full_reported = true;
		return PKMAP_NONE;
	}
	err = arch_map_range(PKMAP_ADDR(nr), page_to_phys(page), PAGE_SIZE, ARCH_MAP_CACHED | ARCH_MAP_NX);
	if (err) {
		pr_err("kmap: cannot map pfn 0x%lx at 0x%08lx (error %d)\n",
		       page_to_pfn(page), PKMAP_ADDR(nr), err);
		return PKMAP_NONE;
	}
	pkmap_page[nr] = page;
	pkmap_count[nr] = 1;
	hash_add((unsigned int)nr);
	return nr;
}

void *kmap(struct page *page)
{
	int nr;

	if (!PageHighMem(page))
		return page_address(page);
	nr = hash_find(page);
	if (nr == PKMAP_NONE)
		nr = map_new_slot(page);
	if (nr == PKMAP_NONE)
		return NULL;
	pkmap_count[nr]++;
	return (void *)PKMAP_ADDR(nr);
}

void kunmap(struct page *page)
{
	int nr;

	if (!PageHighMem(page))
		return;
	nr = hash_find(page);
	if (nr == PKMAP_NONE) {
		pr_err("kmap: kunmap of pfn 0x%lx which is not mapped\n", page_to_pfn(page));
		return;
	}
	if (pkmap_count[nr] < 2) {
		pr_err("kmap: kunmap of pfn 0x%lx which is not mapped (slot %d has no users)\n",
		       page_to_pfn(page), nr);
		return;
	}
	/* A slot never drops to 0 here: its TLB entry waits for the next wrap. */
	pkmap_count[nr]--;
	/* A slot can be had again, so running out later is worth a new report. */
	if (pkmap_count[nr] == 1)
		full_reported = false;
}

void *pkmap_page_address(const struct page *page)
{
	int nr = hash_find(page);

	return nr == PKMAP_NONE ? NULL : (void *)PKMAP_ADDR(nr);
}

int pkmap_slot_users(unsigned int nr)
{
	if (nr >= LAST_PKMAP)
		return -1;
	return (int)pkmap_count[nr] - 1;
}

struct page *pkmap_slot_page(unsigned int nr)
{
	return nr < LAST_PKMAP ? pkmap_page[nr] : NULL;
}

void pkmap_show(struct seq *s)
{
	seq_printf(s, "slot  vaddr       pfn       count  (1: unused until the next flush, n: n-1 users)\n");
	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++)
		if (pkmap_count[nr])
			seq_printf(s, "%4u  0x%08lx  0x%06lx  %u\n", nr, PKMAP_ADDR(nr),
				   page_to_pfn(pkmap_page[nr]), pkmap_count[nr]);
}
