/*
 * The highmem mappings at the shell (kernel only, left out of the host
 * build): `kmap`, `kunmap` and /proc/pkmap.  `highmem-test` is in
 * highmem/ktest_highmem.c, with the self-test that runs it.
 */
#include <gfp.h>
#include <highmem.h>
#include <printk.h>
#include <shell.h>

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
