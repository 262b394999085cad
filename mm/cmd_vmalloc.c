/*
 * vmalloc at the shell (kernel only, left out of the host build):
 * /proc/vmallocinfo and the `vmalloc`, `vfree` and `vmalloc-overrun`
 * commands.  `vmalloc-test` and the self-tests are in mm/ktest_vmalloc.c.
 */
#include <printk.h>
#include <shell.h>
#include <string.h>
#include <vmalloc.h>

PROC_FILE(vmallocinfo, "vmallocinfo", vmallocinfo_show);

static int cmd_vmalloc(int argc, char **argv)
{
	unsigned long size;
	void *p;

	if (argc != 2) {
		kprintf("usage: vmalloc <size>\n");
		return 1;
	}
	if (!shell_parse_ulong(argv[1], &size))
		return 1;
	p = vmalloc(size);
	if (!p) {
		kprintf("vmalloc: cannot allocate %lu bytes\n", size);
		return 1;
	}
	kprintf("vmalloc: 0x%08lx (%lu bytes)\n", (unsigned long)p, size);
	return 0;
}
SHELL_CMD(vmalloc, "vmalloc", "<size>", "allocate virtually contiguous memory", cmd_vmalloc);

static int cmd_vfree(int argc, char **argv)
{
	unsigned long addr, before;

	if (argc != 2) {
		kprintf("usage: vfree <addr>\n");
		return 1;
	}
	if (!shell_parse_ulong(argv[1], &addr))
		return 1;
	before = vmalloc_nr_areas();
	vfree((void *)addr);
	return vmalloc_nr_areas() == before ? 1 : 0;
}
SHELL_CMD(vfree, "vfree", "<addr>", "give back an area from vmalloc", cmd_vfree);

static int cmd_vmalloc_overrun(int argc, char **argv)
{
	volatile u8 *p = vmalloc(2 * PAGE_SIZE);

	(void)argc;
	(void)argv;
	if (!p) {
		kprintf("vmalloc-overrun: cannot allocate\n");
		return 1;
	}
	kprintf("vmalloc-overrun: writing one byte past [0x%08lx-0x%08lx]\n",
		(unsigned long)p, (unsigned long)p + 2 * PAGE_SIZE);
	p[2 * PAGE_SIZE] = 1;
	kprintf("vmalloc-overrun: the write did not fault\n");
	vfree((const void *)p);
	return 1;
}
SHELL_CMD(vmalloc_overrun, "vmalloc-overrun", "", "write one byte past a vmalloc area (faults)", cmd_vmalloc_overrun);
