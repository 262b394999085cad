/*
 * The address-space counters (Linux's vm_event_states and the node
 * counters /proc/meminfo and /proc/vmstat read), overcommit as Linux's
 * heuristic mode (vm.overcommit_memory 0), and the layout default for the
 * top-down search.  Linux keeps the first two in mm/vmstat.c and
 * mm/util.c; one small file holds both here.
 */
#include <compaction.h>
#include <mm.h>
#include <mmu_context.h>
#include <seq.h>
#include <slab.h>
#include "vma.h"

unsigned long vm_events[NR_VM_EVENTS];
unsigned long nr_anon_pages;
unsigned long nr_mlock;
long vm_committed_as;

/* Linux's defaults: vm.overcommit_ratio 50; no swap and no hugetlb pages here. */
#define OVERCOMMIT_RATIO	50
#define TOTAL_SWAP_PAGES	0UL
#define HUGETLB_PAGES		0UL

unsigned long vm_commit_limit(void)
{
	return (totalram_pages() - HUGETLB_PAGES) * OVERCOMMIT_RATIO / 100 + TOTAL_SWAP_PAGES;
}

int vm_enough_memory(unsigned long pages)
{
	return pages > totalram_pages() + TOTAL_SWAP_PAGES ? -ENOMEM : 0;
}

/*
 * Linux's mmap_base (mm/util.c) without randomisation: the stack's limit
 * (8 MiB) and guard gap (1 MiB) below STACK_TOP, raised to the 128 MiB
 * minimum gap (MIN_GAP), so 3G/1G gives 0xb7000000.
 */
#define MIN_GAP		(128UL << 20)

unsigned long mmap_base_default(void)
{
	unsigned long gap = STACK_SIZE + STACK_GUARD_GAP;

	if (gap < MIN_GAP)
		gap = MIN_GAP;
	return ALIGN_DOWN(STACK_TOP - gap, PAGE_SIZE);
}

static unsigned long free_list_pages(void)
{
	return node_zones[ZONE_NORMAL].free_pages + node_zones[ZONE_HIGHMEM].free_pages;
}

/*
 * Where Linux 6.1's vmstat_text has them: after the fault and reclaim
 * events, pgmigrate_success and pgmigrate_fail (CONFIG_MIGRATION), then
 * the compaction events (CONFIG_COMPACTION), in this order, kcompactd's
 * three last.
 */
static void vmstat_show_compaction(struct seq *s)
{
	static const char *const names[NR_COMPACT_EVENTS] = {
		[PGMIGRATE_SUCCESS] = "pgmigrate_success",
		[PGMIGRATE_FAIL] = "pgmigrate_fail",
		[COMPACTMIGRATE_SCANNED] = "compact_migrate_scanned",
		[COMPACTFREE_SCANNED] = "compact_free_scanned",
		[COMPACTISOLATED] = "compact_isolated",
		[COMPACTSTALL] = "compact_stall",
		[COMPACTFAIL] = "compact_fail",
		[COMPACTSUCCESS] = "compact_success",
		[KCOMPACTD_WAKE] = "compact_daemon_wake",
		[KCOMPACTD_MIGRATE_SCANNED] = "compact_daemon_migrate_scanned",
		[KCOMPACTD_FREE_SCANNED] = "compact_daemon_free_scanned",
	};

	for (int i = 0; i < NR_COMPACT_EVENTS; i++)
		seq_printf(s, "%s %lu\n", names[i], compact_events[i]);
}

/*
 * Linux 6.1's /proc/vmstat names, in its order, for what this kernel
 * counts.  Every anonymous page is on the active list (there is no LRU
 * or reclaim to age it), so nr_zone_inactive_anon and nr_inactive_anon
 * are 0 and the active counts are the anonymous pages; nr_mapped counts
 * file pages mapped from a page cache, which does not exist here (file
 * mappings get private copies, counted as anonymous), so it is 0.
 * pgmajfault is 0: no fault ever waits for I/O.
 */
void vmstat_show(struct seq *s)
{
	seq_printf(s, "nr_free_pages %lu\n", free_list_pages());
	seq_printf(s, "nr_zone_inactive_anon 0\nnr_zone_active_anon %lu\n", nr_anon_pages);
	seq_printf(s, "nr_mlock %lu\n", nr_mlock);
	seq_printf(s, "nr_inactive_anon 0\nnr_active_anon %lu\n", nr_anon_pages);
	seq_printf(s, "nr_slab_reclaimable %lu\nnr_slab_unreclaimable %lu\n", slab_reclaimable_pages(),
		   slab_unreclaimable_pages());
	seq_printf(s, "nr_anon_pages %lu\nnr_mapped 0\n", nr_anon_pages);
	seq_printf(s, "nr_page_table_pages %lu\n", user_page_table_pages());
	seq_printf(s, "pgfault %lu\npgmajfault %lu\n", vm_events[PGFAULT], vm_events[PGMAJFAULT]);
	vmstat_show_compaction(s);
}
