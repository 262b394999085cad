/*
 * Zones: the spans of ZONE_NORMAL and ZONE_HIGHMEM, their watermarks,
 * lowmem reserves and pcp list sizes, the Zone ranges boot block and
 * /proc/zoneinfo.  Where lowmem ends is the arch's rule (arch/arm/lowmem.c);
 * the free lists and pcp lists inside each zone belong to page_alloc.c.
 */
#include <mm.h>
#include <percpu.h>
#include <memblock.h>
#include <printk.h>
#include <slab.h>
#include <string.h>
#include "internal.h"

struct zone node_zones[MAX_NR_ZONES];

unsigned long max_low_pfn;

/* Linux 6.1 defaults (mm/page_alloc.c); min_free_kbytes is recomputed when the zones are fed. */
#define MIN_FREE_KBYTES_DEFAULT	1024
int min_free_kbytes = MIN_FREE_KBYTES_DEFAULT;
int watermark_scale_factor = 10;

/* Per zone: 1/ratio of the pages above it is kept from fallback; 0 = none. */
static const unsigned int lowmem_reserve_ratio[MAX_NR_ZONES] = {
	[ZONE_NORMAL] = 32,
	[ZONE_HIGHMEM] = 0,
};

static const char *const zone_names[MAX_NR_ZONES] = {
	[ZONE_NORMAL] = "Normal",
	[ZONE_HIGHMEM] = "HighMem",
};

/* Every zone's pagesets, one per CPU (struct zone's per_cpu_pageset points here). */
static DEFINE_PER_CPU(struct per_cpu_pages, zone_pagesets[MAX_NR_ZONES]);

/*
 * Every possible CPU's pageset of every zone empty, as Linux's boot
 * pageset: high 0, batch 1, every page passes straight through until
 * zone_pcp_update sizes them.  Called again once setup_per_cpu_areas has
 * given each CPU its copy of the per-CPU data: a copy's list heads still
 * point into the data it was copied from.
 */
void setup_per_cpu_pageset(void)
{
	unsigned int cpu;

	for (int i = 0; i < MAX_NR_ZONES; i++)
		for_each_possible_cpu(cpu) {
			struct per_cpu_pages *pcp = zone_pcp(&node_zones[i], cpu);

			spin_lock_init(&pcp->lock);
			for (int l = 0; l < NR_PCP_LISTS; l++)
				INIT_LIST_HEAD(&pcp->lists[l]);
			pcp->count = 0;
			pcp->high = 0;
			pcp->batch = 1;
		}
}

void zones_reset(void)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &node_zones[i];

		*z = (struct zone){ .name = zone_names[i] };
		for (int o = 0; o < MAX_ORDER; o++)
			for (int t = 0; t < MIGRATE_TYPES; t++)
				INIT_LIST_HEAD(&z->free_area[o].free_list[t]);
		spin_lock_init(&z->lock);
		z->per_cpu_pageset = &zone_pagesets[i];
	}
	setup_per_cpu_pageset();
	/* Above every pfn until zones_init: page_zone() says Normal for all of mem_map. */
	node_zones[ZONE_HIGHMEM].zone_start_pfn = ~0UL;
	max_low_pfn = 0;
	min_free_kbytes = MIN_FREE_KBYTES_DEFAULT;
}

/* ---- spans ---- */


static void zone_init_span(enum zone_type zt, unsigned long start_pfn, unsigned long end_pfn)
{
	struct zone *z = &node_zones[zt];

	z->zone_start_pfn = start_pfn;
	z->spanned_pages = end_pfn > start_pfn ? end_pfn - start_pfn : 0;
	z->present_pages = memblock_pages_in(start_pfn, end_pfn);
}

/* No struct page is written: page_zone() reads the zone from the pfn. */
void zones_init(void)
{
	unsigned long low_end = min(max_low_pfn, max_pfn);

	zone_init_span(ZONE_NORMAL, min_pfn, low_end);
	zone_init_span(ZONE_HIGHMEM, low_end, max_pfn);
	setup_per_cpu_pageset();	/* after setup_per_cpu_areas: each CPU's own copy */
	zone_print_ranges();
}

static void print_mem_range(const char *prefix, unsigned long start_pfn, unsigned long end_pfn)
{
	pr_info("%s[mem 0x%016llx-0x%016llx]\n", prefix,
		(unsigned long long)start_pfn << PAGE_SHIFT,
		((unsigned long long)end_pfn << PAGE_SHIFT) - 1);
}

/* The lines Linux 6.1's free_area_init prints, for one node and no Movable zone. */
void zone_print_ranges(void)
{
	char prefix[16];

	pr_info("Zone ranges:\n");
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];

		if (i == ZONE_HIGHMEM && !IS_ENABLED(CONFIG_HIGHMEM))
			continue;
		snprintf(prefix, sizeof(prefix), "  %-8s ", z->name);
		if (z->spanned_pages == 0)
			pr_info("%sempty\n", prefix);
		else
			print_mem_range(prefix, z->zone_start_pfn, zone_end_pfn(z));
	}
	pr_info("Movable zone start for each node\n");
	pr_info("Early memory node ranges\n");
	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *r = &memblock.memory.regions[i];

		print_mem_range("  node   0: ", PFN_UP(r->base), PFN_DOWN((u64)r->base + r->size));
	}
	print_mem_range("Initmem setup node 0 ", min_pfn, max_pfn);
}

/* ---- watermarks (Linux 6.1 mm/page_alloc.c) ---- */

static unsigned long int_sqrt(unsigned long x)
{
	unsigned long r = 0;

	for (unsigned long bit = 1UL << (sizeof(long) * 8 - 2); bit; bit >>= 2) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
	}
	return r;
}

/* x * n / d without overflowing x * n, as Linux's mult_frac. */
static unsigned long mult_frac(unsigned long x, unsigned long n, unsigned long d)
{
	return (x / d) * n + ((x % d) * n) / d;
}

/* Linux 6.1's bounds on the computed min_free_kbytes: 128 KiB .. 256 MiB. */
#define MIN_FREE_KBYTES_LOW	128UL
#define MIN_FREE_KBYTES_HIGH	262144UL

/* sqrt(lowmem in KiB * 16), within the bounds above. */
void calculate_min_free_kbytes(void)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages() * (PAGE_SIZE >> 10);
	unsigned long kbytes = int_sqrt(lowmem_kbytes * 16);

	min_free_kbytes = (int)max(MIN_FREE_KBYTES_LOW, min(kbytes, MIN_FREE_KBYTES_HIGH));
}

/*
 * min: pages_min shared out by managed pages over lowmem; HighMem instead
 * gets managed/1024 clamped to 32..128.  low = min + step, high = low + step,
 * step = max(share/4, managed * watermark_scale_factor / 10000).
 */
void setup_per_zone_wmarks(void)
{
	unsigned long pages_min = (unsigned long)min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long lowmem_pages = node_zones[ZONE_NORMAL].managed_pages;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &node_zones[i];
		/* pages_min * managed / lowmem_pages, in 32 bits (no 64-bit division on ARM) */
		unsigned long share = lowmem_pages ? mult_frac(z->managed_pages, pages_min, lowmem_pages) : 0;
		unsigned long step;

		if (is_highmem(z))
			z->_watermark[WMARK_MIN] = max(32UL, min(z->managed_pages / 1024, 128UL));
		else
			z->_watermark[WMARK_MIN] = share;
		step = max(share >> 2, mult_frac(z->managed_pages, (unsigned long)watermark_scale_factor, 10000));
		z->_watermark[WMARK_LOW] = z->_watermark[WMARK_MIN] + step;
		z->_watermark[WMARK_HIGH] = z->_watermark[WMARK_LOW] + step;
		zone_pcp_update(z);	/* high follows the low mark, as in Linux */
	}
}

/* Linux 6.1's zone_batchsize: ~0.1% of the zone, at most 1 MiB, as 2^n - 1, at least 1. */
static unsigned long zone_batchsize(const struct zone *z)
{
	unsigned long batch = min(z->managed_pages >> 10, (unsigned long)(SZ_1M / PAGE_SIZE)) / 4;

	if (batch < 1)
		batch = 1;
	batch = (1UL << (sizeof(long) * 8 - 1 - __builtin_clzl(batch + batch / 2))) - 1;	/* rounddown_pow_of_two */
	return max(batch, 1UL);
}

/*
 * Linux 6.1's zone_highsize with one CPU: the low watermark (a full pcp
 * list alone should not wake reclaim), but at least 4 * batch.  For about
 * 1 GiB with 3G/1G (190000 Normal pages, 65536 HighMem; test_zone): Normal
 * batch 63, high 1088 (its low mark); HighMem batch 15, high 139.
 */
void zone_pcp_update(struct zone *z)
{
	unsigned long batch = zone_batchsize(z);
	unsigned int cpu;

	/* Every CPU's pageset alike, each sized as Linux sizes the one CPU's (high not split between CPUs). */
	for_each_possible_cpu(cpu) {
		zone_pcp(z, cpu)->batch = batch;
		zone_pcp(z, cpu)->high = max(low_wmark_pages(z), batch << 2);
	}
}

void setup_per_zone_lowmem_reserve(void)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		struct zone *z = &node_zones[i];
		unsigned long above = 0;

		z->lowmem_reserve[i] = 0;
		for (int j = i + 1; j < MAX_NR_ZONES; j++) {
			above += node_zones[j].managed_pages;
			if (!lowmem_reserve_ratio[i] || !z->managed_pages)
				z->lowmem_reserve[j] = 0;
			else
				z->lowmem_reserve[j] = above / lowmem_reserve_ratio[i];
		}
	}
}

/* Linux runs this as a postcore initcall; here buddy_feed_all calls it. */
void init_per_zone_wmark_min(void)
{
	calculate_min_free_kbytes();
	setup_per_zone_wmarks();
	setup_per_zone_lowmem_reserve();
}

/* ---- accounting ---- */

static unsigned long zone_free_all(const struct zone *z) { return z->free_pages + zone_pcp_count(z); }

unsigned long nr_free_pages(void)
{
	return zone_free_all(&node_zones[ZONE_NORMAL]) + zone_free_all(&node_zones[ZONE_HIGHMEM]);
}

unsigned long totalram_pages(void)
{
	return node_zones[ZONE_NORMAL].managed_pages + node_zones[ZONE_HIGHMEM].managed_pages;
}

unsigned long totalhigh_pages(void) { return node_zones[ZONE_HIGHMEM].managed_pages; }
unsigned long nr_free_highpages(void) { return zone_free_all(&node_zones[ZONE_HIGHMEM]); }

unsigned long get_num_physpages(void)
{
	return node_zones[ZONE_NORMAL].present_pages + node_zones[ZONE_HIGHMEM].present_pages;
}

unsigned long nr_free_buffer_pages(void)
{
	const struct zone *z = &node_zones[ZONE_NORMAL];

	return z->managed_pages > high_wmark_pages(z) ? z->managed_pages - high_wmark_pages(z) : 0;
}

/* Pages no allocation may take: per zone its largest reserve plus its high mark. */
unsigned long totalreserve_pages(void)
{
	unsigned long total = 0;

	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];
		unsigned long most = 0;

		for (int j = i; j < MAX_NR_ZONES; j++)
			most = max(most, z->lowmem_reserve[j]);
		total += min(most + high_wmark_pages(z), z->managed_pages);
	}
	return total;
}

/* ---- /proc/zoneinfo ---- */

/*
 * Linux 6.1's node counters (enum node_stat_item, as vmstat_text names
 * them, for an ARM kernel with swap and without NUMA, THP statistics or
 * the shadow call stack), printed once, under the first populated zone.
 * Only the slab has pages to count here; this kernel has no page cache,
 * LRU lists, swap or user space, so everything else is 0: its one
 * kernel stack is in the image (as meminfo says), and nr_page_table_pages
 * counts user page tables in Linux, of which there are none.
 */
static const char *const node_stat_names[] = {
	"nr_inactive_anon", "nr_active_anon", "nr_inactive_file", "nr_active_file", "nr_unevictable",
	"nr_slab_reclaimable", "nr_slab_unreclaimable", "nr_isolated_anon", "nr_isolated_file",
	"workingset_nodes", "workingset_refault_anon", "workingset_refault_file", "workingset_activate_anon",
	"workingset_activate_file", "workingset_restore_anon", "workingset_restore_file",
	"workingset_nodereclaim", "nr_anon_pages", "nr_mapped", "nr_file_pages", "nr_dirty", "nr_writeback",
	"nr_writeback_temp", "nr_shmem", "nr_shmem_hugepages", "nr_shmem_pmdmapped", "nr_file_hugepages",
	"nr_file_pmdmapped", "nr_anon_transparent_hugepages", "nr_vmscan_write", "nr_vmscan_immediate_reclaim",
	"nr_dirtied", "nr_written", "nr_throttled_written", "nr_kernel_misc_reclaimable", "nr_foll_pin_acquired",
	"nr_foll_pin_released", "nr_kernel_stack", "nr_page_table_pages", "nr_sec_page_table_pages",
	"nr_swapcached",
};

/* Linux 6.1's zone counters (enum zone_stat_item, with zsmalloc): only the free pages are not 0 here. */
static const char *const zone_stat_names[] = {
	"nr_free_pages", "nr_zone_inactive_anon", "nr_zone_active_anon", "nr_zone_inactive_file",
	"nr_zone_active_file", "nr_zone_unevictable", "nr_zone_write_pending", "nr_mlock", "nr_bounce",
	"nr_zspages", "nr_free_cma",
};

static unsigned long node_stat(const char *name)
{
	if (!strcmp(name, "nr_slab_reclaimable"))
		return slab_reclaimable_pages();
	if (!strcmp(name, "nr_slab_unreclaimable"))
		return slab_unreclaimable_pages();
	return 0;
}

static void zoneinfo_show_node_stats(struct seq *s)
{
	seq_puts(s, "\n  per-node stats");
	for (size_t i = 0; i < ARRAY_SIZE(node_stat_names); i++)
		seq_printf(s, "\n      %-12s %lu", node_stat_names[i], node_stat(node_stat_names[i]));
}

/*
 * The zones Linux 6.1 has on this board, in its order: Normal, HighMem
 * (with CONFIG_HIGHMEM), and Movable, which it always has and which stays
 * empty without movablecore= or kernelcore=.  Movable has no struct zone
 * here: NULL.
 */
#define ZONEINFO_ZONES	3

static unsigned int zoneinfo_zones(const struct zone *zones[ZONEINFO_ZONES])
{
	unsigned int n = 0;

	zones[n++] = &node_zones[ZONE_NORMAL];
	if (IS_ENABLED(CONFIG_HIGHMEM))
		zones[n++] = &node_zones[ZONE_HIGHMEM];
	zones[n++] = NULL;
	return n;
}

/*
 * z's protection against requests whose highest zone is zones[j]: its
 * lowmem_reserve, and against Movable what it holds against the highest
 * real zone above it.  Linux sums the managed pages of the zones above,
 * and an empty Movable adds none; the highest real zone and Movable
 * itself keep nothing back.
 */
static unsigned long zoneinfo_protection(const struct zone *z, const struct zone *const *zones, unsigned int n,
					 unsigned int j)
{
	const struct zone *last = zones[n - 2];

	if (!z)
		return 0;
	if (zones[j])
		return z->lowmem_reserve[zones[j] - node_zones];
	return z == last ? 0 : z->lowmem_reserve[last - node_zones];
}

/*
 * The zone counters, every online CPU's pageset (each followed by its vm
 * stats threshold, as Linux 6.1's zoneinfo_show_print does under
 * CONFIG_SMP), and the last lines, for a populated zone.
 */
static void zoneinfo_show_populated(struct seq *s, const struct zone *z)
{
	unsigned int cpu;

	seq_printf(s, "\n      %-12s %lu", zone_stat_names[0], z->free_pages);
	for (size_t i = 1; i < ARRAY_SIZE(zone_stat_names); i++)
		seq_printf(s, "\n      %-12s %lu", zone_stat_names[i], 0UL);
	seq_printf(s, "\n  pagesets");
	for_each_online_cpu(cpu) {
		const struct per_cpu_pages *pcp = zone_pcp(z, cpu);

		seq_printf(s, "\n    cpu: %i"
			      "\n              count: %lu"
			      "\n              high:  %lu"
			      "\n              batch: %lu",
			   cpu, pcp->count, pcp->high, pcp->batch);
		/* Counters here are exact, never held back per CPU: no threshold. */
		seq_printf(s, "\n  vm stats threshold: %d", 0);
	}
	seq_printf(s, "\n  node_unreclaimable:  %u"
		      "\n  start_pfn:           %lu",
		   0u, z->zone_start_pfn);
}

/*
 * One zone as Linux 6.1's zoneinfo_show_print: "pages free" and
 * nr_free_pages leave out the pages on the pcp list, shown as its count.
 */
static void zoneinfo_show_zone(struct seq *s, const struct zone *const *zones, unsigned int n, unsigned int i,
			       bool first_populated)
{
	static const struct zone empty = { .name = "Movable" };
	const struct zone *z = zones[i] ? zones[i] : &empty;

	seq_printf(s, "Node 0, zone %8s", z->name);
	if (first_populated)
		zoneinfo_show_node_stats(s);
	seq_printf(s, "\n  pages free     %lu"
		      "\n        boost    %lu"
		      "\n        min      %lu"
		      "\n        low      %lu"
		      "\n        high     %lu"
		      "\n        spanned  %lu"
		      "\n        present  %lu"
		      "\n        managed  %lu"
		      "\n        cma      %lu",
		   z->free_pages, 0UL, min_wmark_pages(z), low_wmark_pages(z),
		   high_wmark_pages(z), z->spanned_pages, z->present_pages,
		   z->managed_pages, 0UL);
	seq_printf(s, "\n        protection: (%lu", zoneinfo_protection(zones[i], zones, n, 0));
	for (unsigned int j = 1; j < n; j++)
		seq_printf(s, ", %lu", zoneinfo_protection(zones[i], zones, n, j));
	seq_puts(s, ")");
	if (populated_zone(z))
		zoneinfo_show_populated(s, z);
	seq_puts(s, "\n");
}

void zoneinfo_show(struct seq *s)
{
	const struct zone *zones[ZONEINFO_ZONES];
	unsigned int n = zoneinfo_zones(zones);
	bool stats_shown = false;

	for (unsigned int i = 0; i < n; i++) {
		bool first = !stats_shown && zones[i] && populated_zone(zones[i]);

		zoneinfo_show_zone(s, zones, n, i, first);
		stats_shown |= first;
	}
}
