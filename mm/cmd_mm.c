/*
 * The physical memory core at the shell (kernel only, left out of the host
 * build): /proc/buddyinfo, /proc/pagetypeinfo, /proc/zoneinfo and /proc/meminfo, and the
 * `alloc`, `free`, `buddycheck` and `meminfo-check` commands.  The
 * self-test is in mm/ktest_page_alloc.c.
 */
#include <gfp.h>
#include <printk.h>
#include <shell.h>
#include <string.h>
#include "internal.h"

PROC_FILE(buddyinfo, "buddyinfo", buddyinfo_show);
PROC_FILE(pagetypeinfo, "pagetypeinfo", pagetypeinfo_show);
PROC_FILE(zoneinfo, "zoneinfo", zoneinfo_show);
PROC_FILE(meminfo, "meminfo", meminfo_show);

static int cmd_alloc(int argc, char **argv)
{
	bool high = argc > 2 && !strcmp(argv[2], "high");
	char virt[16] = "none";
	unsigned long order;
	struct page *page;

	if (argc < 2 || argc > 3 || (argc == 3 && !high)) {
		kprintf("usage: alloc <order> [high]\n");
		return 1;
	}
	if (!shell_parse_ulong(argv[1], &order))
		return 1;
	if (order >= MAX_ORDER) {
		kprintf("alloc: order %lu is too large (orders are 0..%d)\n", order, MAX_ORDER - 1);
		return 1;
	}
	page = alloc_pages(high ? GFP_HIGHUSER : GFP_KERNEL, (unsigned int)order);
	if (!page) {
		kprintf("alloc: no block of order %lu available\n", order);
		return 1;
	}
	meminfo_account_other(1L << order);	/* held until `free` */
	if (page_address(page))
		snprintf(virt, sizeof(virt), "0x%08lx", (unsigned long)page_address(page));
	kprintf("pfn 0x%lx order %lu phys 0x%08lx virt %s (%s)\n", page_to_pfn(page), order,
		(unsigned long)page_to_phys(page), virt, page_zone(page)->name);
	return 0;
}
SHELL_CMD(alloc, "alloc", "<order> [high]", "allocate 2^order pages (high: HighMem first)", cmd_alloc);

static int cmd_free(int argc, char **argv)
{
	unsigned long pfn, order;

	if (argc != 3) {
		kprintf("usage: free <pfn> <order>\n");
		return 1;
	}
	if (!shell_parse_ulong(argv[1], &pfn) || !shell_parse_ulong(argv[2], &order))
		return 1;
	if (order >= MAX_ORDER) {
		kprintf("free: order %lu is too large (orders are 0..%d)\n", order, MAX_ORDER - 1);
		return 1;
	}
	if (buddy_free_pfn(pfn, (unsigned int)order))
		return 1;
	meminfo_account_other(-(1L << order));
	return 0;
}
SHELL_CMD(free, "free", "<pfn> <order>", "give back a block from alloc", cmd_free);

static int cmd_buddycheck(int argc, char **argv)
{
	int problems;

	(void)argc;
	(void)argv;
	problems = buddy_check();
	kprintf("buddycheck: %d problem%s\n", problems, problems == 1 ? "" : "s");
	return problems ? 1 : 0;
}
SHELL_CMD(buddycheck, "buddycheck", "", "check every buddy allocator invariant", cmd_buddycheck);

static char meminfo_check_buf[1024];

static int cmd_meminfo_check(int argc, char **argv)
{
	struct seq s;
	bool ok;

	(void)argc;
	(void)argv;
	seq_init(&s, meminfo_check_buf, sizeof(meminfo_check_buf));
	ok = meminfo_check_show(&s);
	kputs(meminfo_check_buf);
	return ok ? 0 : 1;
}
SHELL_CMD(meminfo_check, "meminfo-check", "",
	  "attribute every page of MemTotal to one owner and check they add up", cmd_meminfo_check);

static char extfrag_buf[512];

static void extfrag_print(const char *name, void (*show)(struct seq *s))
{
	struct seq s;

	seq_init(&s, extfrag_buf, sizeof(extfrag_buf));
	show(&s);
	kprintf("extfrag/%s:\n", name);
	kputs(extfrag_buf);
}

/* Linux shows these in debugfs (/sys/kernel/debug/extfrag/); here they are one command. */
static int cmd_extfrag(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	extfrag_print("unusable_index", unusable_index_show);
	extfrag_print("extfrag_index", extfrag_index_show);
	return 0;
}
SHELL_CMD(extfrag, "extfrag", "", "fragmentation per zone and order: Linux's unusable and extfrag indexes", cmd_extfrag);
