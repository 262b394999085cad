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

/*
 * The slot the next map takes: the slots below it are mapped, the one just
 * below being the newest.  Kept as an address rather than a count, so a
 * map and an unmap need no arithmetic to find their slot.
 */
static unsigned long top = KMAP_LOCAL_BASE;

void kmap_local_reset(void)
{
	top = KMAP_LOCAL_BASE;
}

unsigned int kmap_local_depth(void)
{
	return (unsigned int)((top - KMAP_LOCAL_BASE) >> PAGE_SHIFT);
}

/*
 * The slow half of a map: the slot's section had no page table yet (the
 * first map after boot, or after the host tests reset the fake MMU).
 * Returns 0 or the error, after reporting it.
 */
static __attribute__((noinline)) int map_slot_with_table(unsigned long va, unsigned long pfn)
{
	int err = arch_ensure_table(va);

	if (!err)
		err = arch_set_pte_flush(va, PFN_PHYS(pfn), ARCH_MAP_CACHED | ARCH_MAP_NX);
	if (err)
		pr_err("kmap_local: cannot map pfn 0x%lx at 0x%08lx (error %d)\n", pfn, va, err);
	return err;
}

static __attribute__((noinline)) void *refuse_nesting(unsigned long pfn)
{
	pr_err("kmap_local: %d mappings already nested; refusing pfn 0x%lx\n", KMAP_LOCAL_SLOTS, pfn);
	return NULL;
}

/*
 * Only this slot's TLB entry is flushed, on map and on unmap (as Linux
 * does on ARM); the A9's data cache is physically indexed and tagged, so
 * the new virtual address cannot alias a cached line of another one and no
 * cache flush is needed.  The entry is written and flushed in one arch
 * call: the slots' table is made once, by the first map, and stays.  The
 * pfn is worked out once, for the zone test and the entry both.
 */
void *kmap_local_page(struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	unsigned long va;

	/* Lowmem takes no slot, as in Linux: kunmap_local of it is a no-op. */
	if (!PageHighMem(page))
		return __va(PFN_PHYS(pfn));
	va = top;
	if (unlikely(va == KMAP_LOCAL_END))
		return refuse_nesting(pfn);
	if (unlikely(arch_set_pte_flush(va, PFN_PHYS(pfn), ARCH_MAP_CACHED | ARCH_MAP_NX)) &&
	    map_slot_with_table(va, pfn))
		return NULL;
	top = va + PAGE_SIZE;
	return (void *)va;
}

static __attribute__((noinline)) void report_bad_unmap(unsigned long va)
{
	if (top == KMAP_LOCAL_BASE)
		pr_err("kmap_local: kunmap_local of 0x%08lx with no local mapping held\n", va);
	else
		pr_err("kmap_local: kunmap_local of 0x%08lx but the newest mapping is 0x%08lx\n",
		       va, top - PAGE_SIZE);
}

/*
 * The slot is popped before its entry is cleared, so the clear can be the
 * last call; nothing between the two can map a slot (one CPU, and no
 * interrupt handler maps pages).
 */
void kunmap_local(const void *addr)
{
	unsigned long va = (unsigned long)addr & PAGE_MASK;

	if (va - KMAP_LOCAL_BASE >= KMAP_LOCAL_END - KMAP_LOCAL_BASE)
		return;
	/* With nothing held, top - PAGE_SIZE lies below the slots: one test covers both mistakes. */
	if (unlikely(va != top - PAGE_SIZE)) {
		report_bad_unmap(va);
		return;
	}
	top = va;
	arch_clear_pte_flush(va);
}
