/*
 * The arch interface (include/arch.h) for the host tests.  "RAM" is an
 * mmap'd host buffer with arch_pv_delta pointing at it, so __va() of a
 * physical RAM address is a real host pointer.  The MMU is a two-level table
 * shaped like the ARM one (4096 sections of 256 pages), holding physical
 * address and flags per 4 KiB page; nothing is really mapped.  Every map,
 * unmap and flush is counted and recorded for the tests (host.h).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <cmocka.h>

#include <arch.h>
#include "host.h"

#define L1_ENTRIES	4096
#define L2_ENTRIES	256

struct fake_pte {
	phys_addr_t pa;
	unsigned int flags;
	bool present;
};

unsigned long arch_pv_delta;
struct host_arch_stats host_arch;
struct host_op host_ops[HOST_OPS_MAX];

static struct fake_pte *l1[L1_ENTRIES];
static void *ram;
static size_t ram_size;
static int maps_before_failure = -1;

void *host_ram_setup(phys_addr_t base, size_t size)
{
	host_ram_release();
	ram = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (ram == MAP_FAILED) {
		ram = NULL;
		fail_msg("host_ram_setup: cannot mmap 0x%zx bytes of fake RAM", size);
	}
	ram_size = size;
	arch_pv_delta = (unsigned long)ram - base;
	return ram;
}

void host_ram_release(void)
{
	if (ram)
		munmap(ram, ram_size);
	ram = NULL;
	ram_size = 0;
	arch_pv_delta = 0;
}

int host_ram_teardown(void **state)
{
	(void)state;
	host_ram_release();
	return 0;
}

static struct fake_pte *pte_of(unsigned long va, bool create)
{
	unsigned long i = va >> SECTION_SHIFT;

	if (!l1[i] && create) {
		l1[i] = calloc(L2_ENTRIES, sizeof(struct fake_pte));
		if (!l1[i]) {
			fprintf(stderr, "fake_arch: out of host memory\n");
			abort();
		}
	}
	return l1[i] ? &l1[i][(va >> PAGE_SHIFT) % L2_ENTRIES] : NULL;
}

static void record(enum host_op_kind kind, unsigned long va, phys_addr_t pa,
		   unsigned long size, unsigned int flags, int result)
{
	struct host_op *op;

	if (host_arch.nr_ops >= HOST_OPS_MAX)
		return;
	op = &host_ops[host_arch.nr_ops++];
	op->kind = kind;
	op->va = va;
	op->pa = pa;
	op->size = size;
	op->flags = flags;
	op->result = result;
}

void host_arch_reset(void)
{
	unsigned int i;

	for (i = 0; i < L1_ENTRIES; i++) {
		free(l1[i]);
		l1[i] = NULL;
	}
	memset(&host_arch, 0, sizeof(host_arch));
	maps_before_failure = -1;
}

void host_arch_fail_map_after(int n)
{
	maps_before_failure = n;
}

/* [va, va + size) lies inside the 32-bit space and is not yet mapped. */
static bool range_free(unsigned long va, unsigned long size)
{
	unsigned long off;

	if (va + size < va && va + size != 0)
		return false;
	for (off = 0; off < size; off += PAGE_SIZE) {
		struct fake_pte *pte = pte_of(va + off, false);

		if (pte && pte->present)
			return false;
	}
	return true;
}

int arch_map_range(unsigned long va, phys_addr_t pa, unsigned long size, unsigned int flags)
{
	unsigned long off;
	int ret = 0;

	host_arch.maps++;
	if (!IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE) || !IS_ALIGNED(size, PAGE_SIZE) ||
	    size == 0 || !range_free(va, size)) {
		ret = -EINVAL;
	} else if (maps_before_failure == 0) {
		ret = -ENOMEM;
		maps_before_failure = -1;
	} else if (maps_before_failure > 0) {
		maps_before_failure--;
	}

	if (ret == 0) {
		for (off = 0; off < size; off += PAGE_SIZE) {
			struct fake_pte *pte = pte_of(va + off, true);

			pte->pa = pa + off;
			pte->flags = flags;
			pte->present = true;
			host_arch.mapped_pages++;
		}
	}
	record(HOST_OP_MAP, va, pa, size, flags, ret);
	return ret;
}

/*
 * The fast single-page paths.  Making a table is what can fail on the
 * board, so arch_ensure_table is what host_arch_fail_map_after makes fail.
 * arch_set_pte and arch_clear_pte are counted and recorded as a map and an
 * unmap of one page, so the tests read them like the range calls; the
 * preconditions the board does not check (alignment, an empty entry) fail
 * the test here.
 */
int arch_ensure_table(unsigned long va)
{
	if (pte_of(va, false))
		return 0;
	if (maps_before_failure == 0) {
		maps_before_failure = -1;
		return -ENOMEM;
	}
	pte_of(va, true);
	return 0;
}

int arch_set_pte(unsigned long va, phys_addr_t pa, unsigned int flags)
{
	struct fake_pte *pte = pte_of(va, false);

	if (!IS_ALIGNED(va, PAGE_SIZE) || !IS_ALIGNED(pa, PAGE_SIZE))
		fail_msg("arch_set_pte(0x%08lx, 0x%08llx): not page aligned", va, (unsigned long long)pa);
	if (!pte)
		return -ENOENT;
	if (pte->present)
		fail_msg("arch_set_pte(0x%08lx): the entry already maps 0x%08llx", va, (unsigned long long)pte->pa);
	host_arch.maps++;
	pte->pa = pa;
	pte->flags = flags;
	pte->present = true;
	host_arch.mapped_pages++;
	record(HOST_OP_MAP, va, pa, PAGE_SIZE, flags, 0);
	return 0;
}

void arch_clear_pte(unsigned long va)
{
	struct fake_pte *pte = pte_of(va, false);

	if (!IS_ALIGNED(va, PAGE_SIZE))
		fail_msg("arch_clear_pte(0x%08lx): not page aligned", va);
	host_arch.unmaps++;
	if (pte && pte->present) {
		pte->present = false;
		host_arch.mapped_pages--;
	}
	record(HOST_OP_UNMAP, va, 0, PAGE_SIZE, 0, 0);
}

/* Recorded as the two calls they stand for: a one-page map or unmap, then a flush of that page. */
int arch_set_pte_flush(unsigned long va, phys_addr_t pa, unsigned int flags)
{
	int err = arch_set_pte(va, pa, flags);

	if (!err)
		arch_flush_tlb_page(va);
	return err;
}

void arch_clear_pte_flush(unsigned long va)
{
	arch_clear_pte(va);
	arch_flush_tlb_page(va);
}

void arch_unmap_range(unsigned long va, unsigned long size)
{
	unsigned long off;

	host_arch.unmaps++;
	for (off = 0; off < size; off += PAGE_SIZE) {
		struct fake_pte *pte = pte_of(va + off, false);

		if (pte && pte->present) {
			pte->present = false;
			host_arch.mapped_pages--;
		}
	}
	record(HOST_OP_UNMAP, va, 0, size, 0, 0);
}

bool arch_query(unsigned long va, phys_addr_t *pa, unsigned int *flags)
{
	struct fake_pte *pte = pte_of(va, false);

	host_arch.queries++;
	if (!pte || !pte->present)
		return false;
	if (pa)
		*pa = pte->pa + (phys_addr_t)(va & ~PAGE_MASK);
	if (flags)
		*flags = pte->flags;
	return true;
}

void arch_flush_tlb_page(unsigned long va)
{
	host_arch.flush_page++;
	record(HOST_OP_FLUSH_PAGE, va, 0, PAGE_SIZE, 0, 0);
}

void arch_flush_tlb_range(unsigned long va, unsigned long size)
{
	host_arch.flush_range++;
	record(HOST_OP_FLUSH_RANGE, va, 0, size, 0, 0);
}

void arch_flush_tlb_all(void)
{
	host_arch.flush_all++;
	record(HOST_OP_FLUSH_ALL, 0, 0, 0, 0, 0);
}

/* The fake tables are host memory, not pages of the fake RAM: none to count. */
unsigned long arch_page_table_pages(void)
{
	return 0;
}
