/*
 * Slab and kmalloc at the shell (kernel only, left out of the host build):
 * /proc/slabinfo and the `kmalloc` and `kfree` commands.  `slab-test` and
 * the self-test that runs the same checks are in mm/ktest_slab.c.
 */
#include <slab.h>
#include <printk.h>
#include <shell.h>
#include <string.h>

PROC_FILE(slabinfo, "slabinfo", slabinfo_show);

static int cmd_kmalloc(int argc, char **argv)
{
	unsigned long size;
	void *p;

	if (argc != 2) {
		kprintf("usage: kmalloc <size>\n");
		return 1;
	}
	if (!shell_parse_ulong(argv[1], &size))
		return 1;
	p = kmalloc(size, GFP_KERNEL);
	if (!p) {
		kprintf("kmalloc: no memory for %lu bytes\n", size);
		return 1;
	}
	kprintf("0x%08lx (%lu usable bytes)\n", (unsigned long)p, (unsigned long)ksize(p));
	return 0;
}
SHELL_CMD(kmalloc, "kmalloc", "<size>", "allocate size bytes with kmalloc and print the address", cmd_kmalloc);

static int cmd_kfree(int argc, char **argv)
{
	unsigned long addr, reports = slab_reports;

	if (argc != 2) {
		kprintf("usage: kfree <addr>\n");
		return 1;
	}
	if (!shell_parse_ulong(argv[1], &addr))
		return 1;
	kfree((void *)addr);
	return slab_reports != reports;
}
SHELL_CMD(kfree, "kfree", "<addr>", "give back memory from kmalloc", cmd_kfree);
