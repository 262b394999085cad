/*
 * Reports of where memory went: the boot-time Memory: line (Linux 6.1's
 * mem_init_print_info), the Virtual kernel memory layout block (the format
 * ARM printed until Linux 5.0; 6.1 no longer prints it) and /proc/meminfo.
 * The numbers come from the zones (zone.c) and the section symbols the
 * caller passes in; /proc/meminfo's from the owners of the pages too
 * (slab, vmalloc, the page tables), and meminfo_check adds them all up.
 */
#include <mm.h>
#include <percpu.h>
#include <printk.h>
#include <slab.h>
#include <mmu_context.h>
#include <vmalloc.h>
#include "internal.h"
#include "vma.h"

#define PAGES_K(pages)	((pages) << (PAGE_SHIFT - 10))

static bool in_section(unsigned long addr, unsigned long start, unsigned long end)
{
	return addr >= start && addr < end;
}

static unsigned long free_list_pages(enum zone_type zt);
static unsigned long stacks_bytes(const struct kernel_sections *ks);
static unsigned long kernel_stack_bytes;

/*
 * Linux 6.1's mem_init_print_info.  "available" is nr_free_pages() there,
 * NR_FREE_PAGES: pages on the free lists only; "reserved" is present
 * pages less managed ones (reservations, no-map memory, partial pages).
 */
void mem_init_print_info(const struct kernel_sections *ks)
{
	unsigned long code = ks->text_end - ks->text_start;
	unsigned long data = ks->data_end - ks->data_start;
	unsigned long ro = ks->rodata_end - ks->rodata_start;
	unsigned long init = ks->init_end - ks->init_start;
	unsigned long bss = ks->bss_end - ks->bss_start;
	unsigned long phys = get_num_physpages();
	char high[32] = "";

	kernel_stack_bytes = stacks_bytes(ks);
	/* A section placed inside another is counted once, as Linux does. */
	if (in_section(ks->init_start, ks->data_start, ks->data_end) && data > init)
		data -= init;
	if (in_section(ks->rodata_start, ks->text_start, ks->text_end) && code > ro)
		code -= ro;
	if (in_section(ks->rodata_start, ks->data_start, ks->data_end) && data > ro)
		data -= ro;
	if (IS_ENABLED(CONFIG_HIGHMEM))
		snprintf(high, sizeof(high), ", %luK highmem", PAGES_K(totalhigh_pages()));

	pr_info("Memory: %luK/%luK available (%luK kernel code, %luK rwdata, %luK rodata, "
		"%luK init, %luK bss, %luK reserved, %luK cma-reserved%s)\n",
		PAGES_K(free_list_pages(ZONE_NORMAL) + free_list_pages(ZONE_HIGHMEM)), PAGES_K(phys),
		code >> 10, data >> 10, ro >> 10,
		init >> 10, bss >> 10, PAGES_K(phys - totalram_pages()), 0UL, high);
}

/* Sizes of the kernel's own sections are rounded up to whole kB, as Linux did. */
void mem_print_layout(const struct kernel_sections *ks)
{
	pr_notice("Virtual kernel memory layout:\n");
	pr_notice("    vector  : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		  VECTORS_BASE, VECTORS_BASE + PAGE_SIZE, PAGE_SIZE >> 10);
	pr_notice("    fixmap  : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		  FIXADDR_START, FIXADDR_END, (FIXADDR_END - FIXADDR_START) >> 10);
	pr_notice("    vmalloc : 0x%08lx - 0x%08lx   (%4lu MB)\n",
		  vmalloc_start, VMALLOC_END, (VMALLOC_END - vmalloc_start) >> 20);
	pr_notice("    lowmem  : 0x%08lx - 0x%08lx   (%4lu MB)\n",
		  PAGE_OFFSET, (unsigned long)high_memory, ((unsigned long)high_memory - PAGE_OFFSET) >> 20);
	if (IS_ENABLED(CONFIG_HIGHMEM))
		pr_notice("    pkmap   : 0x%08lx - 0x%08lx   (%4lu MB)\n", PKMAP_BASE,
			  PKMAP_BASE + LAST_PKMAP * PAGE_SIZE, (LAST_PKMAP * PAGE_SIZE) >> 20);
	pr_notice("    modules : 0x%08lx - 0x%08lx   (%4lu MB)\n",
		  MODULES_VADDR, MODULES_END, (MODULES_END - MODULES_VADDR) >> 20);
	pr_notice("      .text : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		  ks->text_start, ks->text_end, (ks->text_end - ks->text_start + SZ_1K - 1) >> 10);
	pr_notice("      .init : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		  ks->init_start, ks->init_end, (ks->init_end - ks->init_start + SZ_1K - 1) >> 10);
	pr_notice("      .data : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		  ks->data_start, ks->data_end, (ks->data_end - ks->data_start + SZ_1K - 1) >> 10);
	pr_notice("       .bss : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		  ks->bss_start, ks->bss_end, (ks->bss_end - ks->bss_start + SZ_1K - 1) >> 10);
}

/* The stacks' bytes, for KernelStack; a stack that ends below its start is refused, not counted. */
static unsigned long stacks_bytes(const struct kernel_sections *ks)
{
	unsigned long bytes = 0;

	for (unsigned int i = 0; i < ks->nr_stacks; i++) {
		const struct kernel_stack *st = &ks->stacks[i];

		if (st->top < st->base) {
			pr_err("meminfo: %s stack [0x%08lx-0x%08lx) ends below its start; not counted in KernelStack\n",
			       st->name, st->base, st->top);
			continue;
		}
		bytes += st->top - st->base;
	}
	return bytes;
}

static void meminfo_line(struct seq *s, const char *name, unsigned long kbytes)
{
	seq_printf(s, "%-16s%8lu kB\n", name, kbytes);
}

/* ---- who holds the pages ---- */

static long other_pages;

void meminfo_account_other(long pages) { other_pages += pages; }
long meminfo_other_pages(void) { return other_pages; }

/*
 * Free pages as Linux's NR_FREE_PAGES counts them: on the free lists only.
 * Pages waiting on a per-CPU list are free to the allocator (nr_free_pages
 * includes them, for the leak checks that compare it before and after)
 * but not to /proc/meminfo, which on Linux leaves them out of MemFree,
 * HighFree and LowFree alike; meminfo_check shows them as their own term.
 */
static unsigned long free_list_pages(enum zone_type zt) { return node_zones[zt].free_pages; }
static unsigned long pcp_pages(void)
{
	return zone_pcp_count(&node_zones[ZONE_NORMAL]) + zone_pcp_count(&node_zones[ZONE_HIGHMEM]);
}

/*
 * Linux 6.1's /proc/meminfo lines, in its order and format, for what
 * exists here: the totals, the zones' split, and kernel memory.  Of the
 * fields Linux prints unconditionally, those about kernel memory are kept
 * where their value is real here, so the two files line up:
 *   KReclaimable  reclaimable kernel memory: nothing here can be reclaimed,
 *                 so 0 is the count;
 *   KernelStack   the bytes of every stack the kernel runs on, in kB:
 *                 Linux counts each task's kernel stack; this kernel has
 *                 no tasks, and its stacks are the SVC stack and the four
 *                 exception-mode stacks of vectors.S (37 kB; the SVC
 *                 stack's guard page is not stack).  They lie in the
 *                 image, outside MemTotal, so meminfo_check has no term
 *                 for them;
 *   PageTables    user page tables, as Linux's NR_PAGETABLE counts (its
 *                 kernel tables are counted nowhere in the file): every
 *                 process's first-level table and second-level table
 *                 pages (arch/arm/mm_user.c).  The L2 tables the kernel
 *                 takes from the page allocator for itself are
 *                 meminfo_check's "kernel page tables" term instead;
 *   VmallocChunk  Linux 6.1 prints 0: since 4.4 (get_vmalloc_info
 *                 removed) it no longer computes the largest free vmalloc
 *                 range and keeps the line as 0, so 0 is Linux's value;
 *   Percpu        pages of the per-CPU areas (mm/percpu.c): taken from
 *                 memblock before the buddy allocator, so outside MemTotal
 *                 as Linux's embedded first chunk is.
 * The process lines (mm/util.c keeps the counts): AnonPages, the user
 * pages mapped at least once; Active(anon) the same and Inactive(anon) 0,
 * since with no reclaim nothing ages a page off the active list (an
 * honest first answer, not Linux's LRU); Mlocked, the mappings of pages
 * in VM_LOCKED areas; Mapped, page-cache pages mapped by processes, 0
 * (file mappings get private copies, counted in AnonPages); CommitLimit
 * Linux's (totalram - hugetlb) * overcommit_ratio 50 / 100 + swap, with
 * no hugetlb and no swap; Committed_AS every VM_ACCOUNT mapping's pages
 * (private writable memory, brk and stacks; not MAP_NORESERVE).
 * Left out: the page cache, file LRU, swap and writeback lines (no page
 * cache, no swap) and SecPageTables (no KVM), all 0.
 * MemAvailable is MemFree less the reserves (no page cache or reclaimable
 * slab to add), Linux's si_mem_available here.
 */
void meminfo_show(struct seq *s)
{
	unsigned long high = free_list_pages(ZONE_HIGHMEM);
	unsigned long free = free_list_pages(ZONE_NORMAL) + high, reserve = totalreserve_pages();
	unsigned long sreclaimable = slab_reclaimable_pages(), sunreclaim = slab_unreclaimable_pages();

	meminfo_line(s, "MemTotal:", PAGES_K(totalram_pages()));
	meminfo_line(s, "MemFree:", PAGES_K(free));
	meminfo_line(s, "MemAvailable:", PAGES_K(free > reserve ? free - reserve : 0));
	meminfo_line(s, "Active(anon):", PAGES_K(nr_anon_pages));
	meminfo_line(s, "Inactive(anon):", 0);
	meminfo_line(s, "Mlocked:", PAGES_K(nr_mlock));
	if (IS_ENABLED(CONFIG_HIGHMEM)) {
		meminfo_line(s, "HighTotal:", PAGES_K(totalhigh_pages()));
		meminfo_line(s, "HighFree:", PAGES_K(high));
		meminfo_line(s, "LowTotal:", PAGES_K(totalram_pages() - totalhigh_pages()));
		meminfo_line(s, "LowFree:", PAGES_K(free - high));
	}
	meminfo_line(s, "AnonPages:", PAGES_K(nr_anon_pages));
	meminfo_line(s, "Mapped:", 0);
	meminfo_line(s, "KReclaimable:", PAGES_K(sreclaimable));
	meminfo_line(s, "Slab:", PAGES_K(sreclaimable + sunreclaim));
	meminfo_line(s, "SReclaimable:", PAGES_K(sreclaimable));
	meminfo_line(s, "SUnreclaim:", PAGES_K(sunreclaim));
	meminfo_line(s, "KernelStack:", kernel_stack_bytes >> 10);
	meminfo_line(s, "PageTables:", PAGES_K(user_page_table_pages()));
	meminfo_line(s, "CommitLimit:", PAGES_K(vm_commit_limit()));
	meminfo_line(s, "Committed_AS:", PAGES_K((unsigned long)vm_committed_as));
	meminfo_line(s, "VmallocTotal:", (VMALLOC_END - vmalloc_start) >> 10);
	meminfo_line(s, "VmallocUsed:", PAGES_K(vmalloc_nr_pages()));
	meminfo_line(s, "VmallocChunk:", 0);
	meminfo_line(s, "Percpu:", PAGES_K(pcpu_nr_pages()));
}

/* ---- the check: every page of MemTotal in exactly one term ---- */

struct page_walk {
	unsigned long free, pcp, allocated;
};

/* Count pages by their flags alone (mm.h's state encoding), zone by zone. */
static void walk_mem_map(struct page_walk *w)
{
	for (int i = 0; i < MAX_NR_ZONES; i++) {
		const struct zone *z = &node_zones[i];

		for (unsigned long pfn = z->zone_start_pfn; pfn < zone_end_pfn(z);) {
			const struct page *p;
			unsigned long n = 1;

			if (!pfn_valid(pfn)) {	/* a SPARSEMEM hole: no struct page */
				pfn++;
				continue;
			}
			p = pfn_to_page(pfn);
			if (PageBuddy(p) || PageHead(p) || PagePcp(p))
				n = 1UL << p->order;
			if (PageBuddy(p))
				w->free += n;
			else if (PageHead(p))
				w->allocated += n;
			else if (PagePcp(p))
				w->pcp += n;
			pfn += n;
		}
	}
}

static void check_line(struct seq *s, const char *name, unsigned long pages)
{
	seq_printf(s, "%-24s%8lu pages\n", name, pages);
}

bool meminfo_check_show(struct seq *s)
{
	unsigned long total = totalram_pages();
	unsigned long free = free_list_pages(ZONE_NORMAL) + free_list_pages(ZONE_HIGHMEM), pcp = pcp_pages();
	unsigned long slab = slab_reclaimable_pages() + slab_unreclaimable_pages();
	unsigned long tables = arch_page_table_pages(), vused = vmalloc_nr_pages();
	unsigned long records = vmalloc_nr_node_pages();
	unsigned long user = user_pages_in_use();
	unsigned long in_use = slab + tables + vused + records + user + (unsigned long)other_pages;
	struct page_walk w = { 0, 0, 0 };
	bool sums, walk_agrees;

	walk_mem_map(&w);
	sums = free + pcp + in_use == total;
	walk_agrees = w.free == free && w.pcp == pcp && w.allocated == in_use;
	check_line(s, "MemTotal", total);
	check_line(s, "MemFree", free);
	check_line(s, "per-CPU lists", pcp);
	check_line(s, "Slab", slab);
	check_line(s, "kernel page tables", tables);
	check_line(s, "VmallocUsed", vused);
	check_line(s, "vmalloc records", records);
	seq_printf(s, "%-24s%8ld pages\n", "other (alloc, mempools)", other_pages);
	check_line(s, "processes", user);
	check_line(s, "sum of the terms", free + pcp + in_use);
	seq_printf(s, "mem_map walk: %lu free, %lu per-CPU, %lu allocated\n", w.free, w.pcp, w.allocated);
	if (!sums)
		seq_printf(s, "MemTotal - sum = %ld pages\n", (long)(total - (free + pcp + in_use)));
	if (w.allocated != in_use)
		seq_printf(s, "allocated but in no term: %ld pages\n", (long)(w.allocated - in_use));
	seq_printf(s, "adds up: %s\n", sums && walk_agrees ? "yes" : "no");
	return sums && walk_agrees;
}
