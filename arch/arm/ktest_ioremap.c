/*
 * Self-test of ioremap on a real device of the board: the first device
 * region of the board's static map (board.iomap, boards/vexpress-a9/board.c:
 * the motherboard's peripherals, whose first page is the system registers,
 * dts: sysreg@10000000).  It lives in arch/ because mm/ may not ask the
 * board for an address (scripts/check-layering).
 */
#include <arch.h>
#include <board.h>
#include <selftest.h>
#include <vmalloc.h>

#define IOREMAP_TEST_OFFSET	0x8	/* not page aligned: ioremap must keep it */

/* The physical start of the board's first device region, or 0 if it has none. */
static phys_addr_t first_device_phys(void)
{
	for (unsigned int i = 0; i < board.nr_iomap; i++)
		if (board.iomap[i].type == BOARD_MAP_DEVICE)
			return board.iomap[i].phys;
	return 0;
}

/* ioremap keeps the offset into the page and maps device memory; iounmap undoes it. */
static int ktest_vmalloc_ioremap(void)
{
	const phys_addr_t dev = first_device_phys();
	u8 *p;
	unsigned int flags;
	phys_addr_t pa;

	KT_EXPECT(dev != 0, "the board's static map has no device region");
	if (!dev)
		return 0;
	p = ioremap(dev + IOREMAP_TEST_OFFSET, 4);
	KT_EXPECT(p != NULL, "ioremap failed");
	if (!p)
		return 0;
	KT_EXPECT(((unsigned long)p & ~PAGE_MASK) == IOREMAP_TEST_OFFSET, "ioremap lost the offset: %p", p);
	KT_EXPECT(arch_query((unsigned long)p, &pa, &flags) && pa == dev + IOREMAP_TEST_OFFSET &&
		  (flags & ARCH_MAP_DEVICE), "ioremap mapping is wrong: pa 0x%08x flags 0x%x", pa, flags);
	iounmap(p);
	KT_EXPECT(!arch_query((unsigned long)p, &pa, &flags), "iounmap left the page mapped");
	return 0;
}
KTEST(vmalloc_ioremap, ktest_vmalloc_ioremap);
