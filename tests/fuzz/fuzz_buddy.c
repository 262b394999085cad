/*
 * Fuzz target: buddy allocator operation sequences over a small fake
 * machine booted the way the kernel boots (memblock, limits, mem_map,
 * zones, feeding), with holes and reservations chosen by the input.
 *
 *   0x60000000 [L][kernel]...[hole]....[resv]..[mem_map] limit ...HighMem... end
 *              Normal                                    |  (36 or 48 MiB only)
 *
 * Operations: allocations (any order, including one too big; gfp mixes;
 * by page or by virtual address), frees of live blocks by page, pfn or
 * address, and bad frees that must be refused with one "buddy: " line and
 * no change: double frees, wrong orders, tail pages, random pfns, pointers
 * that are not in mem_map.  A shadow map of owned pfns checks every block
 * handed out (aligned, in one allowed zone, not reserved, not owned, zeroed
 * when asked).  After every step buddy_check() must find nothing and each
 * zone's free count (free lists plus pcp list) must equal its boot count
 * minus the live pages; at the end every block is freed, the pcp lists are
 * drained and /proc/buddyinfo must equal its boot state.
 */
#include <stdlib.h>
#include <string.h>

#include <gfp.h>
#include <memblock.h>
#include <seq.h>
#include "fuzz.h"
#include "host.h"

#define MiB		(1024UL * 1024UL)
#define RAM_BASE	0x60000000U
#define RAM_MAX		(48 * MiB)
#define KERNEL_BASE	0x60004000U	/* early L1 table and image, as tests/host/mm_boot.h has it */
#define KERNEL_END	0x60123000U
#define MAX_LIVE	256
#define MAX_OPS		160
#define PAGES_MAX	(RAM_MAX >> PAGE_SHIFT)

struct block {
	unsigned long pfn;
	unsigned int order;
};

static struct block live[MAX_LIVE];
static unsigned int nr_live;
static unsigned long freed_pfn[16];	/* heads freed lately, for double frees */
static unsigned int nr_freed;
static u8 owned[PAGES_MAX];		/* by pfn - RAM_BASE pfn */
static unsigned long boot_free[MAX_NR_ZONES];
static char boot_info[1024];

static void buddyinfo_text(char *buf, size_t size)
{
	struct seq s;

	seq_init(&s, buf, size);
	buddyinfo_show(&s);
}

/* ---- boot ---- */

/* RAM size, holes and extra reservations from the first input bytes. */
static void boot(struct fuzz_in *in)
{
	static const unsigned long sizes[] = { 16 * MiB, 36 * MiB, 48 * MiB, 24 * MiB };
	u8 cfg = fuzz_u8(in);
	unsigned long ram = sizes[cfg % 4];
	unsigned int i;

	host_arch_reset();
	memblock_reset();
	memblock_add(RAM_BASE, ram);
	memblock_reserve(KERNEL_BASE, KERNEL_END - KERNEL_BASE);
	/* up to two holes and three reservations, each at most 1/16 of RAM */
	for (i = 0; i < ((cfg >> 2) & 3) % 3; i++)
		memblock_remove(RAM_BASE + (fuzz_bytes(in, 2) << PAGE_SHIFT) % ram,
				((fuzz_u8(in) % 64) + 1) * (ram / 1024));
	for (i = 0; i < (cfg >> 4) % 4; i++)
		memblock_reserve(RAM_BASE + (fuzz_bytes(in, 2) << PAGE_SHIFT) % ram,
				 ((fuzz_u8(in) % 64) + 1) * (ram / 1024));

	host_log_clear();
	zones_reset();
	adjust_lowmem_bounds(RAM_BASE, ram > 32 * MiB ? 976 * MiB : 0);	/* 976M: lowmem is 32 MiB, the rest HighMem */
	mem_map_init();
	zones_init();
	buddy_feed_all();
	fuzz_check(buddy_check() == 0, "buddy_check fails right after boot");

	for (i = 0; i < MAX_NR_ZONES; i++)
		boot_free[i] = node_zones[i].free_pages + zone_pcp_count(&node_zones[i]);
	buddyinfo_text(boot_info, sizeof(boot_info));
	memset(owned, 0, sizeof(owned));
	nr_live = 0;
	nr_freed = 0;
}

/* ---- the shadow ---- */

static u8 *owner(unsigned long pfn)
{
	fuzz_check(pfn >= (RAM_BASE >> PAGE_SHIFT) && pfn < (RAM_BASE >> PAGE_SHIFT) + PAGES_MAX,
		   "pfn 0x%lx outside the fake RAM", pfn);
	return &owned[pfn - (RAM_BASE >> PAGE_SHIFT)];
}

static unsigned long live_pages(const struct zone *z)
{
	unsigned long n = 0;

	for (unsigned int i = 0; i < nr_live; i++)
		if (page_zone(pfn_to_page(live[i].pfn)) == z)
			n += 1UL << live[i].order;
	return n;
}

static void check_state(void)
{
	int problems = buddy_check();

	fuzz_check(problems == 0, "buddy_check found %d problems", problems);
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];

		/* free pages: on the free lists and on the pcp list */
		fuzz_check(z->free_pages + zone_pcp_count(z) == boot_free[i] - live_pages(z),
			   "%s: %lu pages free (%lu on the pcp list), boot had %lu and %lu are allocated",
			   z->name, z->free_pages + zone_pcp_count(z), zone_pcp_count(z), boot_free[i], live_pages(z));
	}
}

/* Is (pfn, order) exactly a live block?  Returns its index or -1. */
static int live_index(unsigned long pfn, unsigned int order)
{
	for (unsigned int i = 0; i < nr_live; i++)
		if (live[i].pfn == pfn && live[i].order == order)
			return (int)i;
	return -1;
}

/* ---- allocation ---- */

/* A block just handed out: where it may be, and its contents when zeroed. */
static void take_block(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long pfn = page_to_pfn(page);
	const struct zone *z = page_zone(page);

	fuzz_check(PageHead(page) && page->order == order && page->_refcount == 1,
		   "pfn 0x%lx order %u: flags 0x%lx order %u refcount %d", pfn, order, page->flags,
		   page->order, page->_refcount);
	fuzz_check((pfn & ((1UL << order) - 1)) == 0, "pfn 0x%lx misaligned for order %u", pfn, order);
	fuzz_check(zone_spans_pfn(z, pfn) && zone_spans_pfn(z, pfn + (1UL << order) - 1),
		   "block 0x%lx order %u leaves zone %s", pfn, order, z->name);
	fuzz_check(z == &node_zones[ZONE_NORMAL] || (gfp & __GFP_HIGHMEM),
		   "block 0x%lx from %s without __GFP_HIGHMEM", pfn, z->name);
	fuzz_check(!memblock_is_region_reserved(PFN_PHYS(pfn), PAGE_SIZE << order),
		   "block 0x%lx order %u overlaps memblock.reserved", pfn, order);
	for (unsigned long i = 0; i < (1UL << order); i++) {
		u8 *o = owner(pfn + i);
		u8 *mem = __va(PFN_PHYS(pfn + i));	/* the fake RAM holds highmem too */

		fuzz_check(!*o, "pfn 0x%lx handed out twice", pfn + i);
		fuzz_check(i == 0 || !(pfn_to_page(pfn + i)->flags & (PG_reserved | PG_buddy | PG_pcp | PG_head)),
			   "tail pfn 0x%lx has flags 0x%lx", pfn + i, pfn_to_page(pfn + i)->flags);
		if (gfp & __GFP_ZERO)
			fuzz_check(mem[0] == 0 && mem[PAGE_SIZE / 2] == 0 && mem[PAGE_SIZE - 1] == 0,
				   "pfn 0x%lx of a __GFP_ZERO block is not zero", pfn + i);
		*o = 1;
		mem[0] = mem[PAGE_SIZE / 2] = mem[PAGE_SIZE - 1] = 0xa5;	/* for the next __GFP_ZERO */
	}
	live[nr_live].pfn = pfn;
	live[nr_live].order = order;
	nr_live++;
}

/* NULL with __GFP_MEMALLOC: no zone it may use has a block that large. */
static void check_refusal(unsigned int order, gfp_t gfp)
{
	int highest = (gfp & __GFP_HIGHMEM) && IS_ENABLED(CONFIG_HIGHMEM) ? ZONE_HIGHMEM : ZONE_NORMAL;

	if (order >= MAX_ORDER || !(gfp & __GFP_MEMALLOC))
		return;
	for (int zt = highest; zt >= ZONE_NORMAL; zt--)
		for (unsigned int o = order; o < MAX_ORDER; o++)
			fuzz_check(node_zones[zt].free_area[o].nr_free == 0,
				   "alloc_pages(0x%x, %u) failed with a free order-%u block in %s",
				   gfp, order, o, node_zones[zt].name);
}

static void do_alloc(struct fuzz_in *in)
{
	static const gfp_t extra[] = { __GFP_HIGHMEM, __GFP_HIGH, __GFP_ATOMIC, __GFP_ZERO, __GFP_MEMALLOC };
	u8 how = fuzz_u8(in), flags = fuzz_u8(in);
	unsigned int order = how % (MAX_ORDER + 1);	/* MAX_ORDER itself must fail */
	gfp_t gfp = GFP_KERNEL;
	struct page *page;

	for (unsigned int i = 0; i < ARRAY_SIZE(extra); i++)
		if (flags & (1u << i))
			gfp |= extra[i];
	/*
	 * Zeroing a highmem block goes through mm_scratch_map(), whose kernel
	 * address the fake arch records but cannot back with host memory.
	 */
	if (gfp & __GFP_HIGHMEM)
		gfp &= ~__GFP_ZERO;
	if (nr_live == MAX_LIVE)
		return;

	if (how & 0x80) {
		unsigned long va = __get_free_pages(gfp, order);

		page = va ? virt_to_page((void *)va) : NULL;
		gfp &= ~__GFP_HIGHMEM;
	} else {
		page = alloc_pages(gfp, order);
	}
	if (page)
		take_block(page, order, gfp);
	else
		check_refusal(order, gfp);
	fuzz_check(page || !host_log_lines(), "a failed allocation printed something");
}

/* ---- freeing ---- */

static void do_free(struct fuzz_in *in)
{
	u8 how = fuzz_u8(in);
	unsigned int i;
	struct block b;
	struct page *page;

	if (!nr_live)
		return;
	i = fuzz_u8(in) % nr_live;
	b = live[i];
	page = pfn_to_page(b.pfn);
	live[i] = live[--nr_live];
	for (unsigned long k = 0; k < (1UL << b.order); k++)
		*owner(b.pfn + k) = 0;
	freed_pfn[nr_freed++ % ARRAY_SIZE(freed_pfn)] = b.pfn;

	if (how % 3 == 0)
		__free_pages(page, b.order);
	else if (how % 3 == 1 || PageHighMem(page))
		fuzz_check(buddy_free_pfn(b.pfn, b.order) == 0, "free of live block 0x%lx order %u refused",
			   b.pfn, b.order);
	else
		free_pages((unsigned long)page_address(page), b.order);
	fuzz_check(host_log_lines() == 0, "a proper free printed something");
}

/* A free that must be refused: one "buddy: " line, nothing changed. */
static void do_bad_free(struct fuzz_in *in)
{
	static char before[1024], after[1024];
	u8 kind = fuzz_u8(in) % 6, x = fuzz_u8(in), y = fuzz_u8(in);
	unsigned long free_before = nr_free_pages();
	unsigned long pfn = 0;
	unsigned int order = y % (MAX_ORDER + 2);
	int ret = -EINVAL;

	buddyinfo_text(before, sizeof(before));
	switch (kind) {
	case 0:		/* a head freed lately: a double free unless it is live again */
		if (!nr_freed)
			return;
		pfn = freed_pfn[x % min(nr_freed, (unsigned int)ARRAY_SIZE(freed_pfn))];
		break;
	case 1:		/* a live block with the wrong order */
	case 2:		/* a page inside a live block */
		if (!nr_live)
			return;
		pfn = live[x % nr_live].pfn;
		if (kind == 2)
			pfn += y % (1UL << live[x % nr_live].order);
		else if (order == live[x % nr_live].order)
			order++;
		break;
	case 3:		/* anywhere around the machine */
		pfn = min_pfn - 16 + ((unsigned long)x << 8 | y) % (max_pfn - min_pfn + 32);
		order = fuzz_u8(in) % (MAX_ORDER + 2);
		break;
	case 4:		/* a pointer that is not a struct page in mem_map */
	default: {
		static const long offsets[] = { -1, 1, 2, 4 };
		uintptr_t p = (uintptr_t)mem_map + (uintptr_t)(offsets[x % 4] * (long)(x % 8 < 4 ? 1 : sizeof(struct page)));

		if (kind == 5)
			p = (uintptr_t)(mem_map + (max_pfn - min_pfn)) + (uintptr_t)(x % 4) * sizeof(struct page);
		if (p >= (uintptr_t)mem_map && (p - (uintptr_t)mem_map) % sizeof(struct page) == 0 &&
		    p < (uintptr_t)(mem_map + (max_pfn - min_pfn)))
			return;		/* a real struct page after all */
		__free_pages((struct page *)p, order);
		goto check;
	}
	}
	if (live_index(pfn, order) >= 0)
		return;			/* that is a proper free */
	ret = buddy_free_pfn(pfn, order);
check:
	fuzz_check(ret == -EINVAL, "bad free of pfn 0x%lx order %u accepted", pfn, order);
	fuzz_check(host_log_lines() == 1 && fuzz_log_is_lines("buddy: "),
		   "a refused free should print one \"buddy: \" line");
	buddyinfo_text(after, sizeof(after));
	fuzz_check(!strcmp(before, after) && nr_free_pages() == free_before,
		   "a refused free changed the free lists:\n%s---\n%s", before, after);
}

static void free_all(void)
{
	char now[1024];

	while (nr_live) {
		struct block b = live[--nr_live];

		for (unsigned long k = 0; k < (1UL << b.order); k++)
			*owner(b.pfn + k) = 0;
		fuzz_check(buddy_free_pfn(b.pfn, b.order) == 0, "final free of 0x%lx order %u refused", b.pfn, b.order);
	}
	check_state();
	drain_all_pages();	/* the exact buddy state: pcp pages back on the free lists */
	check_state();
	buddyinfo_text(now, sizeof(now));
	fuzz_check(!strcmp(now, boot_info), "buddyinfo after freeing everything:\n%sat boot:\n%s", now, boot_info);
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	static bool ram_ready;
	struct fuzz_in in;
	unsigned int ops;

	if (!ram_ready) {
		host_ram_setup(RAM_BASE, RAM_MAX);
		ram_ready = true;
	}
	fuzz_in_init(&in, data, size);
	boot(&in);

	for (ops = 0; in.left && ops < MAX_OPS; ops++) {
		u8 op = fuzz_u8(&in) % 8;

		host_log_clear();
		if (op < 3)
			do_alloc(&in);
		else if (op < 6)
			do_free(&in);
		else
			do_bad_free(&in);
		check_state();
	}
	host_log_clear();
	free_all();
	return 0;
}
