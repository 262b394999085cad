/*
 * Permanent kernel mappings of highmem pages: the LAST_PKMAP slots of the
 * window [PKMAP_BASE, PAGE_OFFSET), their use counts, and the page -> slot
 * hash that page_address() reads.  The page tables themselves belong to
 * the arch layer (arch_set_pte, arch_clear_ptes); the short-lived nested
 * mappings are kmap_local.c's.
 */
#include <highmem.h>
#include <lockdep.h>
#include <printk.h>
#include <sched.h>
#include <spinlock.h>
#include <string.h>
#include <wait.h>

/*
 * kmap_lock (Linux's name): all of pkmap below; taken before pgd_lock and
 * the page allocator's.  A plain spin_lock, as Linux's lock_kmap is: kmap
 * may sleep, so no interrupt handler takes it, and kernel code runs with
 * IRQs masked anyway.
 */
static DEFINE_SPINLOCK(kmap_lock);

/* Tasks waiting for a slot (Linux's pkmap_map_wait); pkmap.waiters counts them, under kmap_lock. */
static DECLARE_WAIT_QUEUE_HEAD(pkmap_map_wait);

/*
 * pkmap.count[nr], the state of slot nr:
 *   0      free: not mapped, no TLB entry can exist for it.
 *   1      mapped, no users: the last kunmap left it for the next flush.
 *          Its TLB entry may still be live, so it is not reused for another
 *          page until the wrap of the search unmaps it and flushes.  A kmap
 *          of the same page takes it back as it is.
 *   n > 1  mapped with n - 1 users.
 * pkmap.page[nr] is the page in a slot whose count is not 0, and the slot
 * is on the hash chain of that page's pfn exactly then.
 *
 * Every field kmap and kunmap touch is in one object, pkmap, so that one base
 * address reaches them all (each separate variable costs a two-instruction
 * address on ARM).
 */
#define PKMAP_HASH_SIZE	LAST_PKMAP	/* buckets of the page -> slot hash below */

static struct {
	unsigned int count[LAST_PKMAP];
	struct page *page[LAST_PKMAP];
	unsigned int last_nr;	/* the slot last handed out; the search starts after it */
	unsigned int waiters;	/* tasks asleep on pkmap_map_wait */
	bool full_reported;	/* "all slots in use" said once until a wrap frees a slot */
	unsigned short hash_head[PKMAP_HASH_SIZE];	/* see the hash below */
	unsigned short hash_next[LAST_PKMAP];
} pkmap;

unsigned long pkmap_flushes;

/*
 * page -> slot: chains of slots hanging from buckets chosen by the low
 * bits of the pfn.  With as many buckets as slots a chain is about one
 * slot long, and pages of consecutive pfns (the common case) never share
 * one, so finding a mapped page, or learning that it is not mapped, is
 * O(1) (make bench: kmap + kunmap 182 instructions; 6318 when hash_find
 * searches the slots instead).  Links hold slot + 1, so the all-zero state before pkmap_init is a
 * valid empty table (page_address may be asked about highmem before kmap
 * is set up).
 */
#define PKMAP_NONE	(-1)
#define PKMAP_FULL	(-2)	/* map_new_slot: every slot has users */

_Static_assert((PKMAP_HASH_SIZE & (PKMAP_HASH_SIZE - 1)) == 0,
	       "hash_bucket masks the pfn: the bucket count must be a power of two");
_Static_assert(LAST_PKMAP < 0xffff, "a link (slot + 1) must fit the unsigned short chains");

static unsigned short *hash_bucket(unsigned long pfn)
{
	return &pkmap.hash_head[pfn & (PKMAP_HASH_SIZE - 1)];
}

static int hash_find(const struct page *page, unsigned long pfn)
{
	for (unsigned int link = *hash_bucket(pfn); link; link = pkmap.hash_next[link - 1])
		if (pkmap.page[link - 1] == page)
			return (int)link - 1;
	return PKMAP_NONE;
}

static void hash_add(unsigned int nr, unsigned long pfn)
{
	unsigned short *head = hash_bucket(pfn);

	pkmap.hash_next[nr] = *head;
	*head = (unsigned short)(nr + 1);
}

/* Empty the table: every chain ends at once (a wrap then puts back the slots it keeps). */
static void hash_clear(void)
{
	memset(pkmap.hash_head, 0, sizeof(pkmap.hash_head));
}

/*
 * Also gives the window its page tables, so that a kmap only writes one
 * entry (arch_set_pte).  If a table cannot be had now, the first kmap into
 * its section tries again and reports.
 */
void pkmap_init(void)
{
	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++) {
		pkmap.count[nr] = 0;
		pkmap.page[nr] = NULL;
		pkmap.hash_next[nr] = 0;
	}
	for (unsigned int b = 0; b < PKMAP_HASH_SIZE; b++)
		pkmap.hash_head[b] = 0;
	pkmap.last_nr = 0;
	pkmap.waiters = 0;
	pkmap.full_reported = false;
	pkmap_flushes = 0;
	for (unsigned long va = PKMAP_BASE; va < PAGE_OFFSET; va += SECTION_SIZE)
		arch_ensure_table(va);
	kmap_local_reset();	/* each CPU its own kmap_local slots, now that each has its per-CPU area */
}

/*
 * Free the slots from nr on whose count is 1 and unmap them together;
 * returns the first slot past that run (nr itself if it has no such slot).
 * Fast path: one arch_clear_ptes per run instead of one arch_clear_pte per
 * slot (make bench: kmap + kunmap 148 instructions with it, 170 without).
 */
static unsigned int free_unused_run(unsigned int nr)
{
	unsigned int first = nr;

	for (; nr < LAST_PKMAP && pkmap.count[nr] == 1; nr++)
		pkmap.count[nr] = 0;
	if (nr > first)
		arch_clear_ptes(PKMAP_ADDR(first), nr - first);
	return nr;
}

/*
 * At a wrap: free every slot whose count is 1, each run of them unmapped at
 * once, and put the slots that keep their users back on the emptied hash;
 * then flush the TLB for the whole window once, if anything was unmapped
 * (one range flush is far cheaper than one per slot).  Freeing slots makes
 * running out worth a new report.  Once per wrap, so out of kmap's line.
 */
static __attribute__((noinline)) void flush_unused_slots(void)
{
	bool unmapped = false;

	hash_clear();
	for (unsigned int nr = 0; nr < LAST_PKMAP;) {
		unsigned int end = free_unused_run(nr);

		if (end > nr) {
			unmapped = true;
			nr = end;
			continue;
		}
		if (pkmap.count[nr] > 1)
			hash_add(nr, page_to_pfn(pkmap.page[nr]));
		nr++;
	}
	if (unmapped) {
		arch_flush_tlb_range(PKMAP_BASE, LAST_PKMAP * PAGE_SIZE);
		pkmap_flushes++;
		pkmap.full_reported = false;
	}
}

/*
 * The next free slot after pkmap.last_nr, flushing each time the search
 * passes slot 0.  Slots freed by that flush may lie behind the point where
 * it happened, so a fruitless round gets a second one; if that finds
 * nothing too, every slot has users.  Returns the slot or PKMAP_NONE.
 */
static int find_free_slot(void)
{
	unsigned int nr = pkmap.last_nr;

	for (unsigned int step = 0; step < 2 * LAST_PKMAP; step++) {
		nr = (nr + 1) & (LAST_PKMAP - 1);
		if (unlikely(nr == 0))
			flush_unused_slots();
		if (pkmap.count[nr] == 0) {
			pkmap.last_nr = nr;
			return (int)nr;
		}
	}
	pkmap.last_nr = nr;
	return PKMAP_NONE;
}

/* A free slot's entry, when its section had no table yet; reports a failure. */
static __attribute__((noinline)) int map_slot_with_table(unsigned int nr, unsigned long pfn)
{
	int err = arch_ensure_table(PKMAP_ADDR(nr));

	if (!err)
		err = arch_set_pte(PKMAP_ADDR(nr), PFN_PHYS(pfn), ARCH_MAP_CACHED | ARCH_MAP_NX);
	if (err)
		pr_err("kmap: cannot map pfn 0x%lx at 0x%08lx (error %d)\n", pfn, PKMAP_ADDR(nr), err);
	return err;
}

/*
 * A new slot for page with count 1 (its caller adds its own use), or
 * PKMAP_FULL, or PKMAP_NONE when no page table can be had.  A free
 * slot has no TLB entry (the wrap that freed it flushed), so writing its
 * entry is all a map takes.  The A9's data cache is physically indexed and
 * tagged, so two virtual addresses of one frame cannot alias: no cache
 * flush on map or unmap.  Inlined into kmap even though the slot-full
 * path calls it too: GCC would otherwise call it out of line from both
 * (make bench: kmap + kunmap 204 instructions instead of 220).
 */
static __always_inline int map_new_slot(struct page *page, unsigned long pfn)
{
	int nr = find_free_slot();

	if (unlikely(nr == PKMAP_NONE))
		return PKMAP_FULL;
	if (unlikely(arch_set_pte(PKMAP_ADDR(nr), PFN_PHYS(pfn), ARCH_MAP_CACHED | ARCH_MAP_NX)) &&
	    map_slot_with_table((unsigned int)nr, pfn))
		return PKMAP_NONE;
	pkmap.page[nr] = page;
	pkmap.count[nr] = 1;
	hash_add((unsigned int)nr, pfn);
	return nr;
}

/*
 * Called with kmap_lock held, which it drops while it waits: is there a
 * slot for page yet (another CPU may also have mapped this very page)?
 */
static int retry_slot(struct page *page, unsigned long pfn)
{
	int nr = hash_find(page, pfn);

	return nr == PKMAP_NONE ? map_new_slot(page, pfn) : nr;
}

/*
 * A task may sleep (current is NULL while a CPU's idle task runs: the
 * shell, or a secondary's loop); lockdep (3g-debug) also refuses it with a
 * spinlock held, after its report.  Called with kmap_lock dropped.
 */
static bool kmap_may_sleep(void)
{
	return current && lockdep_sleep_allowed(__FILE__, __LINE__);
}

/*
 * Called with kmap_lock held, which it drops while it waits: a context
 * that cannot sleep (an idle task: the shell's or a secondary's loop, or
 * a task holding a spinlock) says so once and polls for up to a
 * second, for a kunmap on another CPU, then gives up with one more line.
 */
static int poll_for_slot(struct page *page, unsigned long pfn)
{
	u32 start = spin_debug_ticks();
	int nr;

	if (!pkmap.full_reported)
		pr_err("kmap: all %d pkmap slots are in use; %s cannot sleep: waiting up to a second for a kunmap\n",
		       LAST_PKMAP, current ? "a task holding a spinlock" : "this context");
	pkmap.full_reported = true;
	do {
		spin_unlock(&kmap_lock);
		for (volatile unsigned int spin = 0; spin < 1000; spin++)
			;	/* let a kunmap on another CPU have the lock */
		spin_lock(&kmap_lock);
		nr = retry_slot(page, pfn);
	} while (nr == PKMAP_FULL && spin_debug_ticks() - start < spin_debug_ticks_per_sec());
	if (nr != PKMAP_FULL)
		return nr;
	pr_err("kmap: no pkmap slot came free within a second; returning NULL\n");
	return PKMAP_NONE;
}

/*
 * All slots have users.  Linux's kmap sleeps on pkmap_map_wait until a
 * kunmap leaves a slot unused, then searches again; so does a task here.
 * Called with kmap_lock held and returns with it held; the slot or
 * PKMAP_NONE.  Out of kmap's line: the fast path only tests for it.
 */
static __attribute__((noinline)) int wait_for_slot(struct page *page, unsigned long pfn)
{
	bool sleep;
	int nr;

	spin_unlock(&kmap_lock);
	sleep = kmap_may_sleep();	/* with kmap_lock dropped: lockdep must not count it */
	spin_lock(&kmap_lock);
	nr = retry_slot(page, pfn);
	if (nr != PKMAP_FULL)
		return nr;
	if (!sleep)
		return poll_for_slot(page, pfn);
	while (nr == PKMAP_FULL) {
		pkmap.waiters++;
		/* On the queue before kmap_lock goes: a kunmap on another CPU right after it wakes this task. */
		prepare_to_wait(&pkmap_map_wait);
		spin_unlock(&kmap_lock);
		wait_schedule();
		finish_wait(&pkmap_map_wait);
		spin_lock(&kmap_lock);
		pkmap.waiters--;
		nr = retry_slot(page, pfn);
	}
	return nr;
}

void *kmap(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	int nr;

	if (!PageHighMem(page))
		return __va(PFN_PHYS(pfn));
	spin_lock(&kmap_lock);
	nr = hash_find(page, pfn);
	if (nr == PKMAP_NONE)
		nr = map_new_slot(page, pfn);
	if (unlikely(nr == PKMAP_FULL))
		nr = wait_for_slot(page, pfn);
	if (nr >= 0)
		pkmap.count[nr]++;
	spin_unlock(&kmap_lock);
	return nr < 0 ? NULL : (void *)PKMAP_ADDR(nr);
}

static __attribute__((noinline)) void report_bad_kunmap(unsigned long pfn, int nr)
{
	if (nr == PKMAP_NONE)
		pr_err("kmap: kunmap of pfn 0x%lx which is not mapped\n", pfn);
	else
		pr_err("kmap: kunmap of pfn 0x%lx which is not mapped (slot %d has no users)\n", pfn, nr);
}

/*
 * kunmap's drop with tasks waiting for a slot: one left unused is one the
 * next search can free, so they are woken.  Out of kunmap's line.
 */
static __attribute__((noinline)) void kunmap_and_wake(int nr)
{
	if (--pkmap.count[nr] == 1)
		wake_up(&pkmap_map_wait);
}

void kunmap(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	int nr;

	if (!PageHighMem(page))
		return;
	spin_lock(&kmap_lock);
	nr = hash_find(page, pfn);
	if (unlikely(nr == PKMAP_NONE || pkmap.count[nr] < 2))
		report_bad_kunmap(pfn, nr);
	else if (unlikely(pkmap.waiters))
		kunmap_and_wake(nr);
	else
		pkmap.count[nr]--;	/* never to 0 here: its TLB entry waits for the next wrap */
	spin_unlock(&kmap_lock);
}

void *pkmap_page_address(const struct page *page)
{
	int nr;

	spin_lock(&kmap_lock);
	nr = hash_find(page, page_to_pfn(page));
	spin_unlock(&kmap_lock);
	return nr == PKMAP_NONE ? NULL : (void *)PKMAP_ADDR(nr);
}

int pkmap_slot_users(unsigned int nr)
{
	if (nr >= LAST_PKMAP)
		return -1;
	return (int)pkmap.count[nr] - 1;
}

struct page *pkmap_slot_page(unsigned int nr)
{
	return nr < LAST_PKMAP && pkmap.count[nr] ? pkmap.page[nr] : NULL;
}

void pkmap_show(struct seq *s)
{
	seq_printf(s, "slot  vaddr       pfn       count  (1: unused until the next flush, n: n-1 users)\n");
	for (unsigned int nr = 0; nr < LAST_PKMAP; nr++)
		if (pkmap.count[nr])
			seq_printf(s, "%4u  0x%08lx  0x%06lx  %u\n", nr, PKMAP_ADDR(nr),
				   page_to_pfn(pkmap.page[nr]), pkmap.count[nr]);
}
