/*
 * Reports of where memory went: the boot-time Memory: line (Linux 6.1's
 * mem_init_print_info), the Virtual kernel memory layout block (the format
 * ARM printed until Linux 5.0; 6.1 no longer prints it) and /proc/meminfo.
 * The numbers come from the zones (zone.c) and the section symbols the
 * caller passes in.
 */
#include <mm.h>
#include <printk.h>
#include <vmalloc.h>

#define PAGES_K(pages)	((pages) << (PAGE_SHIFT - 10))

static bool in_section(unsigned long addr, unsigned long start, unsigned long end)
{
	return addr >= start && addr < end;
}

static void print_memory_line(const struct kernel_sections *ks)
{
	unsigned long code = ks->text_end - ks->text_start;
	unsigned long data = ks->data_end - ks->data_start;
	unsigned long ro = ks->rodata_end - ks->rodata_start;
	unsigned long init = ks->init_end - ks->init_start;
	unsigned long bss = ks->bss_end - ks->bss_start;
	unsigned long phys = get_num_physpages();
	char high[32] = "";

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
		PAGES_K(nr_free_pages()), PAGES_K(phys), code >> 10, data >> 10, ro >> 10,
		init >> 10, bss >> 10, PAGES_K(phys - totalram_pages()), 0UL, high);
}

/* Sizes of the kernel's own sections are rounded up to whole kB, as Linux did. */
static void print_layout(const struct kernel_sections *ks)
{
	pr_notice("Virtual kernel memory layout:\n");
	pr_notice("    vector  : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		  VECTORS_BASE, VECTORS_BASE + PAGE_SIZE, PAGE_SIZE >> 10);
	pr_notice("    fixmap  : 0x%08lx - 0x%08lx   (%4lu kB)\n",
		  FIXADDR_START, FIXADDR_END, (FIXADDR_END - FIXADDR_START) >> 10);
	pr_notice("    vmalloc : 0x%08lx - 0x%08lx   (%4lu MB)\n",
		  vmalloc_start, VMALLOC_END, (VMALLOC_END - vmalloc_start) >> 20);
	pr_notice("    lowmem  : 0x%08lx - 0x%08lx   (%4lu MB)\n",
		  PAGE_OFFSET, high_memory_vaddr, (high_memory_vaddr - PAGE_OFFSET) >> 20);
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

void mem_print_info(const struct kernel_sections *ks)
{
	print_memory_line(ks);
	print_layout(ks);
}

static void meminfo_line(struct seq *s, const char *name, unsigned long kbytes)
{
	seq_printf(s, "%-16s%8lu kB\n", name, kbytes);
}

/*
 * Linux 6.1's /proc/meminfo lines for what exists here, in its order.
 * MemAvailable is free memory less the reserves (no page cache to add).
 */
void meminfo_show(struct seq *s)
{
	unsigned long free = nr_free_pages(), reserve = totalreserve_pages();

	meminfo_line(s, "MemTotal:", PAGES_K(totalram_pages()));
	meminfo_line(s, "MemFree:", PAGES_K(free));
	meminfo_line(s, "MemAvailable:", PAGES_K(free > reserve ? free - reserve : 0));
	if (IS_ENABLED(CONFIG_HIGHMEM)) {
		meminfo_line(s, "HighTotal:", PAGES_K(totalhigh_pages()));
		meminfo_line(s, "HighFree:", PAGES_K(nr_free_highpages()));
		meminfo_line(s, "LowTotal:", PAGES_K(totalram_pages() - totalhigh_pages()));
		meminfo_line(s, "LowFree:", PAGES_K(free - nr_free_highpages()));
	}
	meminfo_line(s, "VmallocTotal:", (VMALLOC_END - vmalloc_start) >> 10);
	meminfo_line(s, "VmallocUsed:", PAGES_K(vmalloc_nr_pages()));
	meminfo_line(s, "VmallocChunk:", 0);	/* Linux 6.1 prints 0 */
}
