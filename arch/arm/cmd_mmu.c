/*
 * `pt <virtual address>`: walk the kernel's page tables for one address
 * and print each descriptor with its fields decoded (ARM ARM B3.5.1).
 */
#include <arch.h>
#include <printk.h>
#include <shell.h>
#include <asm/hw.h>
#include <asm/mmu.h>

static const char *mem_type(u32 tex, u32 c, u32 b)
{
	if (tex == 1 && c && b)
		return "normal, write-back write-allocate";
	if (tex == 0 && !c && b)
		return "shareable device";
	if (tex == 0 && !c && !b)
		return "strongly ordered";
	if (tex == 1 && !c && !b)
		return "normal, non-cacheable";
	return "other";
}

static const char *access(u32 apx, u32 ap)
{
	static const char *const names[8] = {
		"no access", "kernel RW", "kernel RW, user RO", "kernel RW, user RW",
		"reserved", "kernel RO", "kernel RO, user RO", "kernel RO, user RO",
	};
	return names[(apx << 2) | ap];
}

/* One line for a section or page descriptor, its fields already extracted. */
static void describe(const char *what, u32 pa, u32 tex, u32 c, u32 b, u32 apx, u32 ap, u32 xn, u32 shared)
{
	kprintf("%s -> pa 0x%08x, %s, %s%s%s\n", what, pa, mem_type(tex, c, b), access(!!apx, ap),
		xn ? ", never execute" : ", executable", shared ? ", shareable" : "");
}

static int cmd_pt(int argc, char **argv)
{
	unsigned long va;
	struct mmu_walk w;
	phys_addr_t pa;
	unsigned int flags;

	if (argc != 2 || !shell_parse_ulong(argv[1], &va)) {
		kputs("usage: pt <virtual address>\n");
		return -EINVAL;
	}
	mmu_walk(va, &w);
	kprintf("va 0x%08lx: L1[%u] at 0x%08lx = 0x%08x: ", va, w.l1_index, w.l1_addr, w.l1);
	switch (w.l1 & PMD_TYPE_MASK) {
	case PMD_TYPE_FAULT:
		kputs("fault (not mapped)\n");
		return 0;
	case PMD_TYPE_SECT:
		describe("1 MiB section", w.l1 & SECTION_MASK, (w.l1 >> PMD_SECT_TEX_SHIFT) & 7, w.l1 & PMD_SECT_C,
			 w.l1 & PMD_SECT_B, w.l1 & PMD_SECT_APX, (w.l1 >> PMD_SECT_AP_SHIFT) & 3,
			 w.l1 & PMD_SECT_XN, w.l1 & PMD_SECT_S);
		break;
	case PMD_TYPE_TABLE:
		kprintf("L2 table at pa 0x%08x\n", w.l1 & PMD_TABLE_MASK);
		kprintf("  L2[%u] at 0x%08lx = 0x%08x: ", w.l2_index, w.l2_addr, w.l2);
		if (!(w.l2 & PTE_TYPE_SMALL)) {
			kputs("fault (not mapped)\n");
			return 0;
		}
		describe("4 KiB page", w.l2 & PAGE_MASK, (w.l2 >> PTE_TEX_SHIFT) & 7, w.l2 & PTE_C, w.l2 & PTE_B,
			 w.l2 & PTE_APX, (w.l2 >> PTE_AP_SHIFT) & 3, w.l2 & PTE_XN, w.l2 & PTE_S);
		break;
	default:
		kputs("reserved descriptor type\n");
		return 0;
	}
	if (arch_query(va, &pa, &flags))
		kprintf("  => pa 0x%08x\n", pa);
	return 0;
}
SHELL_CMD(pt, "pt", "<virtual address>", "walk the page tables for an address", cmd_pt);
