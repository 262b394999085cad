/*
 * Temporary kernel mappings (kmap_local_page, and kmap_atomic by its older
 * name): a stack of KMAP_LOCAL_SLOTS fixmap pages per CPU, pushed by a
 * map and popped by an unmap, newest first.  Each CPU has its own slots
 * (CPU n's start n * KMAP_LOCAL_SLOTS pages above KMAP_LOCAL_BASE, as
 * Linux's fixmap gives each CPU KM_MAX_IDX of its own), so no lock is
 * needed: only the CPU itself maps or unmaps them.  The permanent pkmap window is
 * pkmap.c's; the page tables are the arch layer's.
 *
 * The slots start at FIXADDR_START + 16 pages: page_alloc.c's scratch
 * mapping (mm_scratch_map) owns FIXADDR_START, and the self-tests use pages
 * up to FIXADDR_START + 15 pages.
 *
 *   FIXADDR_START        KMAP_LOCAL_BASE                 KMAP_LOCAL_END
 *   | scratch .. +15     | slot 0 | slot 1 | ... | slot 15 | CPU 1's 16 | ...
 *                          oldest ---------------> newest
 */
#include <highmem.h>
#include <percpu.h>
#include <printk.h>
#include <smp.h>

_Static_assert(KMAP_LOCAL_BASE + NR_CPUS * KMAP_LOCAL_SLOTS * PAGE_SIZE <= FIXADDR_END,
	       "every CPU's kmap_local slots must fit in the fixmap");

/* CPU cpu's first slot. */
static unsigned long cpu_slots(unsigned int cpu)
{
	return KMAP_LOCAL_BASE + cpu * KMAP_LOCAL_SLOTS * PAGE_SIZE;
}

/*
 * This CPU's stack: top is the slot the next map takes (the slots below it
 * are mapped, the one just below being the newest), end is just past the
 * CPU's last slot.  Kept as addresses rather than counts, so a map and an
 * unmap need no arithmetic to find their slot, and together so that one
 * per-CPU address reaches both (make bench: kmap_local 15 instructions
 * fewer than with the CPU's slots worked out from smp_processor_id).
 * CPU 0's initial values, copied to every CPU by setup_per_cpu_areas;
 * kmap_local_reset (from pkmap_init) gives each CPU its own.
 */
struct kmap_local_stack {
	unsigned long top, end;
};

static DEFINE_PER_CPU(struct kmap_local_stack, kmap_stack) = { KMAP_LOCAL_BASE, KMAP_LOCAL_END };

void kmap_local_reset(void)
{
	for (unsigned int cpu = 0; cpu < nr_cpu_ids; cpu++) {
		per_cpu(kmap_stack, cpu).top = cpu_slots(cpu);
		per_cpu(kmap_stack, cpu).end = cpu_slots(cpu) + KMAP_LOCAL_SLOTS * PAGE_SIZE;
	}
}

unsigned int kmap_local_depth(void)
{
	const struct kmap_local_stack *k = this_cpu_ptr(&kmap_stack);

	return (unsigned int)((k->top - (k->end - KMAP_LOCAL_SLOTS * PAGE_SIZE)) >> PAGE_SHIFT);
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
	struct kmap_local_stack *k;
	unsigned long va;

	/* Lowmem takes no slot, as in Linux: kunmap_local of it is a no-op. */
	if (!PageHighMem(page))
		return __va(PFN_PHYS(pfn));
	k = this_cpu_ptr(&kmap_stack);
	va = k->top;
	if (unlikely(va == k->end))
		return refuse_nesting(pfn);
	if (unlikely(arch_set_pte_flush(va, PFN_PHYS(pfn), ARCH_MAP_CACHED | ARCH_MAP_NX)) &&
	    map_slot_with_table(va, pfn))
		return NULL;
	k->top = va + PAGE_SIZE;
	return (void *)va;
}

static __attribute__((noinline)) void report_bad_unmap(unsigned long va)
{
	const struct kmap_local_stack *k = this_cpu_ptr(&kmap_stack);
	unsigned int owner = (unsigned int)((va - KMAP_LOCAL_BASE) / (KMAP_LOCAL_SLOTS * PAGE_SIZE));
	unsigned long top_va = k->top;

	if (owner != smp_processor_id())
		pr_err("kmap_local: kunmap_local of 0x%08lx on CPU%u, but it is CPU%u's slot; not unmapped\n", va,
		       smp_processor_id(), owner);
	else if (top_va == k->end - KMAP_LOCAL_SLOTS * PAGE_SIZE)
		pr_err("kmap_local: kunmap_local of 0x%08lx with no local mapping held\n", va);
	else
		pr_err("kmap_local: kunmap_local of 0x%08lx but the newest mapping is 0x%08lx\n",
		       va, top_va - PAGE_SIZE);
}

/*
 * The slot is popped before its entry is cleared, so the clear can be the
 * last call; nothing between the two can map a slot (the slots are this
 * CPU's, and no interrupt handler maps pages).
 */
void kunmap_local(const void *addr)
{
	unsigned long va = (unsigned long)addr & PAGE_MASK;
	struct kmap_local_stack *k;

	if (va - KMAP_LOCAL_BASE >= NR_CPUS * KMAP_LOCAL_SLOTS * PAGE_SIZE)
		return;
	/*
	 * With nothing held, top - PAGE_SIZE lies below this CPU's slots, and
	 * another CPU's slot is never this CPU's newest: one test covers all three mistakes.
	 */
	k = this_cpu_ptr(&kmap_stack);
	if (unlikely(va != k->top - PAGE_SIZE)) {
		report_bad_unmap(va);
		return;
	}
	k->top = va;
	arch_clear_pte_flush(va);
}
