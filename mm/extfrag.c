/*
 * External fragmentation, as Linux's debugfs files extfrag/unusable_index
 * and extfrag/extfrag_index show it (Linux's mm/vmstat.c and
 * Documentation/admin-guide/sysctl/vm.rst, extfrag_threshold): two numbers
 * per zone and order, both in thousandths, printed as 0.000 .. 1.000.
 *
 *   unusable index: the share of the zone's free pages that sit in blocks
 *   too small for a request of that order.  0 means every free page could
 *   serve it, 1 means none could (or nothing is free).
 *
 *   fragmentation index: only for an order that cannot be served now.
 *   Near 0 the request fails for lack of memory (reclaim would help),
 *   near 1 for lack of large blocks (compaction would help); -1.000 when
 *   the request would succeed.
 *
 * Both read the buddy free lists only: pages on the per-CPU lists are not
 * counted, as in Linux.
 */
#include <mm.h>
#include <seq.h>
#include "internal.h"

void extfrag_fill(const struct zone *z, unsigned int order, struct contig_page_info *info)
{
	info->free_pages = 0;
	info->free_blocks_total = 0;
	info->free_blocks_suitable = 0;
	for (unsigned int o = 0; o < MAX_ORDER; o++) {
		unsigned long blocks = z->free_area[o].nr_free;

		info->free_blocks_total += blocks;
		info->free_pages += blocks << o;
		if (o >= order)	/* in blocks of the requested order */
			info->free_blocks_suitable += blocks << (o - order);
	}
}

int unusable_free_index(unsigned int order, const struct contig_page_info *info)
{
	u64 unusable;

	if (!info->free_pages)
		return 1000;
	unusable = info->free_pages - (info->free_blocks_suitable << order);
	return (int)(unusable * 1000 / info->free_pages);
}

int fragmentation_index(unsigned int order, const struct contig_page_info *info)
{
	u64 requested = 1UL << order;

	if (!info->free_blocks_total)
		return 0;
	if (info->free_blocks_suitable)
		return -1000;	/* the request would succeed */
	return 1000 - (int)((1000 + (u64)info->free_pages * 1000 / requested) / info->free_blocks_total);
}

static void index_show(struct seq *s, int (*index)(unsigned int, const struct contig_page_info *),
		       const char *fmt)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];

		if (!populated_zone(z))
			continue;
		seq_printf(s, "Node 0, zone %8s ", z->name);
		for (unsigned int o = 0; o < MAX_ORDER; o++) {
			struct contig_page_info info;
			int v;

			extfrag_fill(z, o, &info);
			v = index(o, &info);
			/* -1000 prints as -1.000: the sign is in the quotient, the remainder is 0 */
			seq_printf(s, fmt, v / 1000, (v < 0 ? -v : v) % 1000);
		}
		seq_puts(s, "\n");
	}
}

void unusable_index_show(struct seq *s)
{
	index_show(s, unusable_free_index, "%d.%03d ");
}

void extfrag_index_show(struct seq *s)
{
	index_show(s, fragmentation_index, "%2d.%03d ");
}
