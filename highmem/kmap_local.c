/*
 * Temporary kernel mappings (kmap_local_page, and kmap_atomic by its older
 * name): a stack of KMAP_LOCAL_SLOTS fixmap pages for one CPU, pushed by a
 * map and popped by an unmap, newest first.  The permanent pkmap window is
 * pkmap.c's; the page tables are the arch layer's.
 *
 * The slots start at FIXADDR_START + 16 pages: page_alloc.c's scratch
 * mapping (mm_scratch_map) owns FIXADDR_START, and the self-tests use pages
 * up to FIXADDR_START + 15 pages.
 *
 *   FIXADDR_START        KMAP_LOCAL_BASE                 KMAP_LOCAL_END
 *   | scratch .. +15     | slot 0 | slot 1 | ... | slot 15 |
 *                          oldest ---------------> newest
 */
#include <highmem.h>
#include <printk.h>

/* Slots 0 .. depth - 1 are mapped, slot depth - 1 being the newest. */
static unsigned int depth;

static unsigned long slot_addr(unsigned int nr)
{
	return KMAP_LOCAL_BASE + (unsigned long)nr * PAGE_SIZE;
}

void kmap_local_reset(void)
{
	depth = 0;
}

unsigned int kmap_local_depth(void)
{
	return depth;
}

/*
 * Only this slot's TLB entry is flushed, on map and on unmap; the A9's
 * data cache is physically indexed and tagged, so the new virtual address
 * cannot alias a cached line of another one and no cache flush is needed.
 */
void *kmap_local_page(struct page *page)
{
	unsigned long va;
	int err;

	/* Lowmem takes no slot, as in Linux: kunmap_local of it is a no-op. */
	if (!PageHighMem(page))
		return page_address(page);
	if (depth == KMAP_LOCAL_SLOTS) {
		pr_err("kmap_local: %d mappings already nested; refusing pfn 0x%lx\n",
		       KMAP_LOCAL_SLOTS, page_to_pfn(page));
		return NULL;
	}
	va = slot_addr(depth);
	err = arch_map_range(va, page_to_phys(page), PAGE_SIZE, ARCH_MAP_CACHED | ARCH_MAP_NX);
	if (err) {
		pr_err("kmap_local: cannot map pfn 0x%lx at 0x%08lx (error %d)\n", page_to_pfn(page), va, err);
		return NULL;
	}
	arch_flush_tlb_page(va);
	depth++;
	return (void *)va;
}

void kunmap_local(const void *addr)
{
	unsigned long va = (unsigned long)addr & PAGE_MASK;

	if (va < KMAP_LOCAL_BASE || va >= KMAP_LOCAL_END)
		return;
	if (depth == 0) {
		pr_err("kmap_local: kunmap_local of 0x%08lx with no local mapping held\n", va);
		return;
	}
	if (va != slot_addr(depth - 1)) {
		pr_err("kmap_local: kunmap_local of 0x%08lx but the newest mapping is 0x%08lx\n",
		       va, slot_addr(depth - 1));
		return;
	}
	arch_unmap_range(va, PAGE_SIZE);
	arch_flush_tlb_page(va);
	depth--;
}
