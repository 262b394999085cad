/*
 * The arch interface (include/arch.h) for the host tests.  "RAM" is an
 * mmap'd host buffer (a memfd) with arch_pv_delta pointing at it, so __va() of a
 * physical RAM address is a real host pointer.  The MMU is a two-level table
 * shaped like the ARM one (4096 sections of 256 pages), holding physical
 * address and flags per 4 KiB page; nothing is really mapped, with one
 * exception: once a test binary calls host_fixmap_reserve, a RAM page
 * mapped into the fixmap's first 32 pages (page_alloc.c's scratch page,
 * the kmap_local slots) is also mapped there in the host process, onto the
 * same host memory as its __va() alias (the RAM is a memfd, mapped twice),
 * so code that writes through those addresses (zero_block for highmem, a
 * test reading through kmap_local_page) really reaches the page.  Every
 * map, unmap and flush is counted and recorded for the tests (host.h).
 */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <cmocka.h>

#include <arch.h>
#include <highmem.h>
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
static phys_addr_t ram_base;
static int ram_fd = -1;
static int maps_before_failure = -1;

/* The part of the fixmap the kernel uses: the scratch page's 16 pages and the kmap_local slots (highmem.h). */
#define HOST_FIXMAP_END		KMAP_LOCAL_END
static bool fixmap_reserved;

static void fixmap_unback(unsigned long va, unsigned long size);

void *host_ram_setup(phys_addr_t base, size_t size)
{
	host_ram_release();
	ram_fd = memfd_create("vxmm-fake-ram", MFD_CLOEXEC);
	if (ram_fd < 0 || ftruncate(ram_fd, (off_t)size) != 0)
		fail_msg("host_ram_setup: cannot make a memfd of 0x%zx bytes of fake RAM", size);
	ram = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_NORESERVE, ram_fd, 0);
	if (ram == MAP_FAILED) {
		ram = NULL;
		fail_msg("host_ram_setup: cannot mmap 0x%zx bytes of fake RAM", size);
	}
	ram_size = size;
	ram_base = base;
	arch_pv_delta = (unsigned long)ram - base;
	return ram;
}

void host_ram_release(void)
{
	fixmap_unback(FIXADDR_START, HOST_FIXMAP_END - FIXADDR_START);
	if (ram)
		munmap(ram, ram_size);
	if (ram_fd >= 0)
		close(ram_fd);
	ram = NULL;
	ram_fd = -1;
	ram_size = 0;
	ram_base = 0;
	arch_pv_delta = 0;
}

/*
 * The host's own stack is placed at random in the top 8 MiB or so of a
 * 32-bit process and may cover the fixmap; without randomisation it ends
 * at 0xffffe000 and starts about 132 KiB below, 3 MiB clear of it.  So:
 * run once more without randomisation (once: the variable marks the second
 * run), then hold the window with an inaccessible mapping that pages are
 * mapped into.
 */
bool host_fixmap_reserve(char **argv)
{
	int persona = personality(0xffffffff);
	void *p;

	if (fixmap_reserved)
		return true;
	if (persona != -1 && !(persona & ADDR_NO_RANDOMIZE) && !getenv("HOST_FIXMAP_REEXEC")) {
		setenv("HOST_FIXMAP_REEXEC", "1", 1);
		personality((unsigned long)persona | ADDR_NO_RANDOMIZE);
		execv("/proc/self/exe", argv);
	}
	p = mmap((void *)FIXADDR_START, HOST_FIXMAP_END - FIXADDR_START, PROT_NONE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
	fixmap_reserved = p == (void *)FIXADDR_START;
	if (!fixmap_reserved)
		fprintf(stderr, "fake_arch: 0x%08lx-0x%08lx is taken in this process: fixmap pages stay unbacked\n",
			FIXADDR_START, HOST_FIXMAP_END);
	return fixmap_reserved;
}

bool host_fixmap_backed(void) { return fixmap_reserved; }

static bool in_backed_window(unsigned long va, unsigned long size)
{
	return fixmap_reserved && va >= FIXADDR_START && va < HOST_FIXMAP_END && size <= HOST_FIXMAP_END - va;
}

/* Map [va, va + size) onto fake RAM at pa in the host too, if it is in the window and pa in RAM. */
static void fixmap_back(unsigned long va, phys_addr_t pa, unsigned long size)
{
	if (!in_backed_window(va, size) || !ram || pa < ram_base || pa + size > ram_base + ram_size)
		return;
	if (mmap((void *)va, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, ram_fd,
		 (off_t)(pa - ram_base)) == MAP_FAILED) {
		fprintf(stderr, "fake_arch: cannot back 0x%08lx with fake RAM\n", va);
		abort();
	}
}

/*
 * Back to inaccessible, for the part of [va, va + size) in the window: a
 * stale kernel address faults in the host as it would on the board.
 */
static void fixmap_unback(unsigned long va, unsigned long size)
{
	unsigned long end = va + size < va ? ~0UL : va + size;

	va = va < FIXADDR_START ? FIXADDR_START : va;
	end = end > HOST_FIXMAP_END ? HOST_FIXMAP_END : end;
	if (!fixmap_reserved || va >= end)
		return;
	size = end - va;
	if (mmap((void *)va, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1,
		 0) == MAP_FAILED) {
		fprintf(stderr, "fake_arch: cannot unback 0x%08lx\n", va);
		abort();
	}
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
	fixmap_unback(FIXADDR_START, HOST_FIXMAP_END - FIXADDR_START);
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
		fixmap_back(va, pa, size);
	}
	record(HOST_OP_MAP, va, pa, size, flags, ret);
	return ret;
}

/*
 * The fast single-page paths.  Making a table is what can fail on the
 * board, so arch_ensure_table is what host_arch_fail_map_after makes fail.
 * arch_set_pte and arch_clear_pte are counted and recorded as a map and an
 * unmap of one page (arch_clear_ptes below as one unmap of its run), so
 * the tests read them like the range calls; the preconditions the board
 * does not check (alignment, an empty entry) fail the test here.
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
	fixmap_back(va, pa, PAGE_SIZE);
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
	fixmap_unback(va, PAGE_SIZE);
	record(HOST_OP_UNMAP, va, 0, PAGE_SIZE, 0, 0);
}

/*
 * Counted and recorded as one unmap of the whole run, so a test sees one
 * call where arch_clear_pte would have made one per page.  The
 * precondition the board does not check (every section of the run has a
 * table) fails the test here.
 */
void arch_clear_ptes(unsigned long va, unsigned int nr_pages)
{
	if (!IS_ALIGNED(va, PAGE_SIZE))
		fail_msg("arch_clear_ptes(0x%08lx): not page aligned", va);
	for (unsigned int i = 0; i < nr_pages; i++) {
		struct fake_pte *pte = pte_of(va + i * PAGE_SIZE, false);

		if (!pte)
			fail_msg("arch_clear_ptes(0x%08lx, %u): no table for 0x%08lx", va, nr_pages,
				 va + i * PAGE_SIZE);
		if (pte->present) {
			pte->present = false;
			host_arch.mapped_pages--;
		}
	}
	host_arch.unmaps++;
	fixmap_unback(va, nr_pages * PAGE_SIZE);
	record(HOST_OP_UNMAP, va, 0, nr_pages * PAGE_SIZE, 0, 0);
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
	fixmap_unback(va, size);
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
