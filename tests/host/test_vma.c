/*
 * The address space over the fake arch (tests/host/fake_mm_user.c): the
 * VMA tree and list through mmap, munmap, mprotect, mremap, madvise,
 * mlock, mincore, msync and brk with Linux 6.1's errors; the fault
 * handler's decisions; copy-on-write through dup_mmap with the page
 * counts and the buddy allocator back to its starting state; overcommit;
 * the maps and status views.  Expected addresses come from Linux's layout
 * rules written here (TASK_SIZE - 128 MiB for mmap_base), errno values
 * from Linux's errno-base.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>
#include <gfp.h>
#include <highmem.h>
#include <initramfs.h>
#include <mm.h>
#include <mman.h>
#include <mmu_context.h>
#include <rmap.h>
#include <sched.h>
#include <slab.h>
#include <syscall.h>
#include "../../mm/internal.h"
#include "../../mm/vma.h"
#include "mm_boot.h"

#define P		4096UL
#define BASE		(TASK_SIZE - 128 * 1024 * 1024UL)	/* Linux's mmap_base without randomisation */
#define FIXED		0x20000000UL
#define RW		(PROT_READ | PROT_WRITE)
#define ANON		(MAP_PRIVATE | MAP_ANONYMOUS)

/* Linux's errno values (include/uapi/asm-generic/errno-base.h). */
#define L_EPERM		1
#define L_ENXIO		6
#define L_ENOMEM	12
#define L_EACCES	13
#define L_EFAULT	14
#define L_EEXIST	17
#define L_ENODEV	19
#define L_EINVAL	22

static struct task_struct task, child;
static struct mm_struct task_mm, child_mm;	/* task.mm and child.mm point here */
static struct mm_snapshot at_start;

static int boot(void **state)
{
	(void)state;
	mm_boot(SMALL_RAM, SMALL_VMALLOC);
	slab_reset();
	kmalloc_init();
	pkmap_init();
	kmap_local_reset();
	zero_page_reset();
	vma_cache_reset();
	zero_page_init();
	kmem_cache_shrink(vma_cache());	/* the cache with no slab: where finish() leaves it */
	kmem_cache_shrink(anon_vma_cache());
	nr_anon_pages = nr_mlock = 0;	/* a failed test before must not fail the next */
	vm_committed_as = 0;
	sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;
	memset(&task, 0, sizeof(task));
	memset(&child, 0, sizeof(child));
	memset(&task_mm, 0, sizeof(task_mm));
	memset(&child_mm, 0, sizeof(child_mm));
	task.mm = &task_mm;
	child.mm = &child_mm;
	assert_int_equal(pgd_alloc(task.mm), 0);
	current = &task;
	mm_snap_buddyinfo(&at_start);
	return 0;
}

static int teardown(void **state)
{
	current = NULL;
	return host_ram_teardown(state);
}

static long map(unsigned long addr, unsigned long len, unsigned long prot, unsigned long flags)
{
	return do_mmap(task.mm, addr, len, prot, flags, NULL, 0);
}

static struct page *page_at(struct mm_struct *mm, unsigned long va, unsigned int *flags)
{
	unsigned int f;

	return user_page_at(mm, va, flags ? flags : &f);
}

static u8 peek(struct mm_struct *mm, unsigned long va)
{
	struct page *page = page_at(mm, va & PAGE_MASK, NULL);
	u8 *p, v;

	assert_non_null(page);
	p = kmap_local_page(page);
	v = p[va & ~PAGE_MASK];
	kunmap_local(p);
	return v;
}

/* A user write: fault for write, then store through the page's kernel mapping. */
static void poke(struct mm_struct *mm, unsigned long va, u8 v)
{
	u8 *p;

	assert_int_equal(handle_mm_fault(mm, va, VM_WRITE), 0);
	p = kmap_local_page(page_at(mm, va & PAGE_MASK, NULL));
	p[va & ~PAGE_MASK] = v;
	kunmap_local(p);
}

static unsigned int count_vmas(struct mm_struct *mm)
{
	unsigned int n = 0;

	for (struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		if (v->vm_next)
			assert_true(v->vm_end <= v->vm_next->vm_start);
		n++;
	}
	assert_int_equal(n, mm->map_count);
	assert_true(rb_check(&mm->mm_rb) >= 0);
	return n;
}

static void finish(void)
{
	exit_mmap(task.mm);
	kmem_cache_shrink(vma_cache());
	kmem_cache_shrink(anon_vma_cache());
	assert_int_equal(nr_anon_pages, 0);
	assert_int_equal(vm_committed_as, 0);
	assert_int_equal(nr_mlock, 0);
	assert_buddyinfo_equal(&at_start);
}

/* ---- placement and merging ---- */

static void test_top_down_from_mmap_base_and_merge(void **state)
{
	(void)state;
	assert_int_equal(map(0, 3 * P, RW, ANON), (long)(BASE - 3 * P));
	assert_int_equal(map(0, 2 * P, RW, ANON), (long)(BASE - 5 * P));
	/* Adjacent, same flags, offsets in one run: one VMA, as Linux's vma_merge. */
	assert_int_equal(count_vmas(task.mm), 1);
	assert_int_equal(task.mm->mmap->vm_start, BASE - 5 * P);
	assert_int_equal(task.mm->mmap->vm_end, BASE);
	/* A different protection does not merge. */
	assert_int_equal(map(0, P, PROT_READ, ANON), (long)(BASE - 6 * P));
	assert_int_equal(count_vmas(task.mm), 2);
	/* A free hint is taken, rounded up to a page; a taken one is not. */
	assert_int_equal(map(FIXED + 1, P, RW, ANON), (long)(FIXED + P));
	assert_int_equal(map(FIXED + P, P, RW, ANON), (long)(BASE - 7 * P));
	finish();
}

static void test_fixed_noreplace_and_fixed_over(void **state)
{
	struct vm_area_struct *v;

	(void)state;
	assert_int_equal(map(FIXED, 8 * P, RW, ANON | MAP_FIXED), (long)FIXED);
	poke(task.mm, FIXED + 3 * P, 7);
	assert_int_equal(map(FIXED + 2 * P, P, RW, ANON | MAP_FIXED_NOREPLACE), -L_EEXIST);
	assert_int_equal(peek(task.mm, FIXED + 3 * P), 7);
	/* MAP_FIXED replaces: the old page is gone, the new mapping reads zero. */
	assert_int_equal(map(FIXED + 3 * P, 2 * P, PROT_READ, ANON | MAP_FIXED), (long)(FIXED + 3 * P));
	assert_int_equal(count_vmas(task.mm), 3);
	v = vma_lookup(task.mm, FIXED + 3 * P);
	assert_int_equal(v->vm_start, FIXED + 3 * P);
	assert_int_equal(v->vm_end, FIXED + 5 * P);
	assert_int_equal(v->vm_flags & VM_ACCESS_FLAGS, VM_READ);
	assert_null(page_at(task.mm, FIXED + 3 * P, NULL));
	assert_int_equal(task.mm->rss, 0);
	finish();
}

/* ---- munmap ---- */

static void test_munmap_splits_exactly(void **state)
{
	(void)state;
	assert_int_equal(map(FIXED, 10 * P, RW, ANON | MAP_FIXED), (long)FIXED);
	for (unsigned long i = 0; i < 10; i++)
		poke(task.mm, FIXED + i * P, (u8)(i + 1));
	assert_int_equal(task.mm->rss, 10);
	assert_int_equal(do_munmap(task.mm, FIXED + 3 * P, 2 * P), 0);
	assert_int_equal(count_vmas(task.mm), 2);
	assert_int_equal(task.mm->mmap->vm_end, FIXED + 3 * P);
	assert_int_equal(task.mm->mmap->vm_next->vm_start, FIXED + 5 * P);
	assert_int_equal(task.mm->rss, 8);
	for (unsigned long i = 0; i < 10; i++) {
		if (i == 3 || i == 4) {
			assert_null(page_at(task.mm, FIXED + i * P, NULL));
			assert_int_equal(handle_mm_fault(task.mm, FIXED + i * P, VM_READ), -L_EFAULT);
		} else {
			assert_int_equal(peek(task.mm, FIXED + i * P), i + 1);
		}
	}
	/* An unmapped range is fine; bad arguments are not. */
	assert_int_equal(do_munmap(task.mm, FIXED + 3 * P, 2 * P), 0);
	assert_int_equal(do_munmap(task.mm, FIXED + 1, P), -L_EINVAL);
	assert_int_equal(do_munmap(task.mm, FIXED, 0), -L_EINVAL);
	assert_int_equal(do_munmap(task.mm, TASK_SIZE - P, 2 * P), -L_EINVAL);
	/* A partial page rounds up: unmapping 1 byte takes the whole page. */
	assert_int_equal(do_munmap(task.mm, FIXED + 9 * P, 1), 0);
	assert_null(page_at(task.mm, FIXED + 9 * P, NULL));
	assert_int_equal(task.mm->mmap->vm_next->vm_end, FIXED + 9 * P);
	finish();
}

static void test_mmap_errors(void **state)
{
	(void)state;
	assert_int_equal(map(0, 0, RW, ANON), -L_EINVAL);
	assert_int_equal(map(0, P, RW, MAP_ANONYMOUS), -L_EINVAL);			/* no type */
	assert_int_equal(map(0, P, RW, MAP_ANONYMOUS | MAP_SHARED_VALIDATE), -L_EINVAL);
	assert_int_equal(map(FIXED + 1, P, RW, ANON | MAP_FIXED), -L_EINVAL);
	assert_int_equal(map(0, TASK_SIZE, RW, ANON), -L_ENOMEM);
	assert_int_equal(map(0, (unsigned long)-P + 1, RW, ANON), -L_ENOMEM);		/* rounds up to 0 */
	assert_int_equal(map(TASK_SIZE - P, 2 * P, RW, ANON | MAP_FIXED), -L_ENOMEM);
	/* Heuristic overcommit: one request larger than RAM is refused, NORESERVE is not charged. */
	assert_int_equal(map(0, (totalram_pages() + 1) * P, RW, ANON), -L_ENOMEM);
	assert_false(IS_ERR_VALUE(map(0, (totalram_pages() + 1) * P, RW, ANON | MAP_NORESERVE)));
	assert_int_equal(vm_committed_as, 0);
	assert_int_equal(count_vmas(task.mm), 1);
	finish();
}

/* ---- mprotect and the merge rules ---- */

static void test_mprotect_splits_and_merges_back(void **state)
{
	struct vm_area_struct *v;
	unsigned int f;

	(void)state;
	assert_int_equal(map(FIXED, 4 * P, RW, ANON | MAP_FIXED), (long)FIXED);
	poke(task.mm, FIXED + P, 1);
	assert_int_equal(do_mprotect(task.mm, FIXED + P, P, PROT_READ), 0);
	assert_int_equal(count_vmas(task.mm), 3);
	v = vma_lookup(task.mm, FIXED + P);
	assert_int_equal(v->vm_flags & VM_ACCESS_FLAGS, VM_READ);
	assert_int_equal(vma_lookup(task.mm, FIXED)->vm_flags & VM_ACCESS_FLAGS, VM_READ | VM_WRITE);
	page_at(task.mm, FIXED + P, &f);
	assert_int_equal(f & VM_WRITE, 0);			/* the PTE follows */
	assert_int_equal(handle_mm_fault(task.mm, FIXED + P, VM_WRITE), -L_EFAULT);
	/* Back to read/write: one VMA again, with the flags it had. */
	assert_int_equal(do_mprotect(task.mm, FIXED + P, P, RW), 0);
	assert_int_equal(count_vmas(task.mm), 1);
	assert_int_equal(task.mm->mmap->vm_flags & (VM_ACCESS_FLAGS | VM_ACCOUNT), VM_READ | VM_WRITE | VM_ACCOUNT);
	/* PROT_NONE: the PTE gives no user access. */
	assert_int_equal(do_mprotect(task.mm, FIXED, 4 * P, PROT_NONE), 0);
	page_at(task.mm, FIXED + P, &f);
	assert_int_equal(f, 0);
	assert_int_equal(handle_mm_fault(task.mm, FIXED + P, VM_READ), -L_EFAULT);
	/* Errors as Linux's. */
	assert_int_equal(do_mprotect(task.mm, FIXED + 1, P, PROT_READ), -L_EINVAL);
	assert_int_equal(do_mprotect(task.mm, FIXED, P, 0x10), -L_EINVAL);
	assert_int_equal(do_mprotect(task.mm, FIXED, 0, PROT_READ), 0);
	assert_int_equal(do_mprotect(task.mm, FIXED, 5 * P, PROT_READ), -L_ENOMEM);	/* runs past the end */
	assert_int_equal(do_mprotect(task.mm, FIXED - P, P, PROT_READ), -L_ENOMEM);
	finish();
}

static void test_locked_flag_survives_merge(void **state)
{
	(void)state;
	assert_int_equal(map(FIXED, 4 * P, RW, ANON | MAP_FIXED), (long)FIXED);
	assert_int_equal(apply_vma_lock_flags(task.mm, FIXED + 2 * P, FIXED + 4 * P, true), 0);
	assert_int_equal(count_vmas(task.mm), 2);
	assert_false(vma_lookup(task.mm, FIXED)->vm_flags & VM_LOCKED);
	assert_true(vma_lookup(task.mm, FIXED + 3 * P)->vm_flags & VM_LOCKED);
	assert_int_equal(task.mm->locked_vm, 2);
	assert_int_equal(populate_range(task.mm, FIXED + 2 * P, FIXED + 4 * P), 0);
	assert_int_equal(nr_mlock, 2);
	assert_int_equal(apply_vma_lock_flags(task.mm, FIXED, FIXED + 2 * P, true), 0);
	assert_int_equal(count_vmas(task.mm), 1);
	assert_true(task.mm->mmap->vm_flags & VM_LOCKED);
	assert_int_equal(task.mm->locked_vm, 4);
	assert_int_equal(apply_vma_lock_flags(task.mm, FIXED, FIXED + 4 * P, false), 0);
	assert_int_equal(nr_mlock, 0);
	assert_int_equal(task.mm->locked_vm, 0);
	assert_int_equal(apply_vma_lock_flags(task.mm, FIXED, FIXED + 5 * P, true), -L_ENOMEM);
	finish();
}

/* sysctl max_map_count (65530): the split that would pass it gets -ENOMEM, and the count stays there. */
static void test_max_map_count(void **state)
{
	unsigned long pages = 70000, i;
	int err = 0;

	(void)state;
	assert_int_equal(map(FIXED, pages * P, PROT_NONE, ANON | MAP_FIXED | MAP_NORESERVE), (long)FIXED);
	for (i = 0; i < pages && !err; i += 2)
		err = do_mprotect(task.mm, FIXED + i * P, P, PROT_READ);
	assert_int_equal(err, -L_ENOMEM);
	assert_int_equal(task.mm->map_count, DEFAULT_MAX_MAP_COUNT);
	assert_int_equal(count_vmas(task.mm), DEFAULT_MAX_MAP_COUNT);
	/* A hole in the middle of one VMA needs one more: refused, nothing changed. */
	assert_int_equal(do_munmap(task.mm, FIXED + (pages - 3) * P, P), -L_ENOMEM);
	assert_int_equal(task.mm->map_count, DEFAULT_MAX_MAP_COUNT);
	finish();
}

/* ---- faults ---- */

static void test_zero_page_then_own_page(void **state)
{
	struct page *zero;
	unsigned int f;
	long a;

	(void)state;
	a = map(0, 2 * P, RW, ANON);
	assert_int_equal(handle_mm_fault(task.mm, (unsigned long)a, VM_READ), 0);
	zero = page_at(task.mm, (unsigned long)a, &f);
	assert_true(is_zero_page(zero));
	assert_int_equal(f & VM_WRITE, 0);
	assert_int_equal(task.mm->rss, 0);
	poke(task.mm, (unsigned long)a + 5, 9);
	assert_false(is_zero_page(page_at(task.mm, (unsigned long)a, &f)));
	assert_true(f & VM_WRITE);
	assert_int_equal(peek(task.mm, (unsigned long)a + 5), 9);
	assert_int_equal(peek(task.mm, (unsigned long)a + 6), 0);
	assert_int_equal(task.mm->rss, 1);
	assert_int_equal(nr_anon_pages, 1);
	/* User pages come from HighMem first where there is one. */
	if (SMALL_HAS_HIGHMEM)
		assert_true(page_to_pfn(page_at(task.mm, (unsigned long)a, NULL)) >= small_low_end_pfn());
	/* A shared anonymous mapping never maps the zero page: a read gets a page to share. */
	a = map(0, P, RW, MAP_SHARED | MAP_ANONYMOUS);
	assert_int_equal(handle_mm_fault(task.mm, (unsigned long)a, VM_READ), 0);
	assert_false(is_zero_page(page_at(task.mm, (unsigned long)a, NULL)));
	finish();
}

static void test_file_mapping_eof_and_sigbus(void **state)
{
	static u8 data[5000];
	struct ramfs_file file = { "bin/data", 0100644, data, sizeof(data) };
	long a;

	(void)state;
	for (unsigned int i = 0; i < sizeof(data); i++)
		data[i] = (u8)(i * 7 + 1);
	a = do_mmap(task.mm, 0, 3 * P, RW, MAP_PRIVATE, &file, 0);
	assert_false(IS_ERR_VALUE(a));
	assert_int_equal(handle_mm_fault(task.mm, (unsigned long)a, VM_READ), 0);
	assert_int_equal(peek(task.mm, (unsigned long)a + 4095), (u8)(4095 * 7 + 1));
	assert_int_equal(handle_mm_fault(task.mm, (unsigned long)a + P, VM_READ), 0);
	assert_int_equal(peek(task.mm, (unsigned long)a + P + 903), (u8)(4999 * 7 + 1));
	assert_int_equal(peek(task.mm, (unsigned long)a + P + 904), 0);	/* past EOF, inside its page */
	assert_int_equal(handle_mm_fault(task.mm, (unsigned long)a + 2 * P, VM_READ), -L_ENXIO);
	/* A private write changes the copy only. */
	poke(task.mm, (unsigned long)a, 0xee);
	assert_int_equal(data[0], 1);
	/* An offset: page 1 of the file at the start. */
	a = do_mmap(task.mm, 0, P, PROT_READ, MAP_PRIVATE, &file, 1);
	assert_int_equal(handle_mm_fault(task.mm, (unsigned long)a, VM_READ), 0);
	assert_int_equal(peek(task.mm, (unsigned long)a), (u8)(4096 * 7 + 1));
	assert_int_equal(do_mmap(task.mm, 0, P, RW, MAP_SHARED, &file, 0), -L_ENODEV);
	finish();
}

/* ---- copy-on-write ---- */

static void test_cow_after_dup_mmap(void **state)
{
	unsigned long priv, shared;
	struct page *p0;
	unsigned int f;

	(void)state;
	priv = (unsigned long)map(0, 4 * P, RW, ANON);
	shared = (unsigned long)map(0, P, RW, MAP_SHARED | MAP_ANONYMOUS);
	for (unsigned long i = 0; i < 4; i++)
		poke(task.mm, priv + i * P, (u8)(0x10 + i));
	poke(task.mm, shared, 0x55);
	assert_int_equal(pgd_alloc(child.mm), 0);
	assert_int_equal(dup_mmap(child.mm, task.mm), 0);
	assert_int_equal(count_vmas(child.mm), count_vmas(task.mm));
	p0 = page_at(task.mm, priv, &f);
	assert_ptr_equal(page_at(child.mm, priv, NULL), p0);
	assert_int_equal(page_ref_count(p0), 2);
	assert_int_equal(page_mapcount(p0), 2);
	assert_int_equal(f & VM_WRITE, 0);			/* write-protected in the parent */
	page_at(child.mm, priv, &f);
	assert_int_equal(f & VM_WRITE, 0);			/* and in the child */
	page_at(child.mm, shared, &f);
	assert_true(f & VM_WRITE);				/* shared stays writable */
	assert_int_equal(vm_committed_as, 2 * 4);		/* the private mapping, once per mm */
	/* The child writes: it gets a copy, the parent keeps its byte. */
	poke(child.mm, priv, 0x99);
	assert_ptr_not_equal(page_at(child.mm, priv, NULL), p0);
	assert_int_equal(peek(child.mm, priv + 1), 0);
	assert_int_equal(peek(child.mm, priv), 0x99);
	assert_int_equal(peek(task.mm, priv), 0x10);
	assert_int_equal(page_ref_count(p0), 1);
	/* The parent writes: only it holds the page now, so no copy. */
	poke(task.mm, priv, 0x11);
	assert_ptr_equal(page_at(task.mm, priv, NULL), p0);
	assert_int_equal(peek(child.mm, priv), 0x99);
	/* Shared memory is one page for both. */
	poke(child.mm, shared, 0x66);
	assert_int_equal(peek(task.mm, shared), 0x66);
	/* The child goes: every page the parent still maps survives, with its contents. */
	exit_mmap(child.mm);
	for (unsigned long i = 1; i < 4; i++) {
		assert_int_equal(peek(task.mm, priv + i * P), 0x10 + i);
		assert_int_equal(page_ref_count(page_at(task.mm, priv + i * P, NULL)), 1);
	}
	assert_int_equal(peek(task.mm, shared), 0x66);
	finish();
}

/* ---- mremap, madvise, mincore, msync ---- */

static void test_mremap_grow_shrink_move(void **state)
{
	long a, b;

	(void)state;
	a = map(FIXED, 2 * P, RW, ANON | MAP_FIXED);
	poke(task.mm, FIXED, 1);
	poke(task.mm, FIXED + P, 2);
	assert_int_equal(do_mremap(task.mm, FIXED, 2 * P, 4 * P, 0, 0), a);		/* in place */
	assert_int_equal(task.mm->mmap->vm_end, FIXED + 4 * P);
	assert_int_equal(do_mremap(task.mm, FIXED, 4 * P, 3 * P, 0, 0), a);		/* shrink */
	assert_int_equal(task.mm->mmap->vm_end, FIXED + 3 * P);
	map(FIXED + 3 * P, P, PROT_READ, ANON | MAP_FIXED);				/* a wall above */
	assert_int_equal(do_mremap(task.mm, FIXED, 3 * P, 5 * P, 0, 0), -L_ENOMEM);
	b = do_mremap(task.mm, FIXED, 3 * P, 5 * P, MREMAP_MAYMOVE, 0);
	assert_false(IS_ERR_VALUE(b));
	assert_int_not_equal(b, a);
	assert_int_equal(peek(task.mm, (unsigned long)b), 1);
	assert_int_equal(peek(task.mm, (unsigned long)b + P), 2);
	assert_null(vma_lookup(task.mm, FIXED));
	assert_int_equal(task.mm->rss, 2);
	/* MREMAP_FIXED moves to the given place, replacing what is there. */
	assert_int_equal(do_mremap(task.mm, (unsigned long)b, 5 * P, 5 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
				   FIXED + 16 * P), (long)(FIXED + 16 * P));
	assert_int_equal(peek(task.mm, FIXED + 17 * P), 2);
	/* Errors. */
	assert_int_equal(do_mremap(task.mm, FIXED + 100 * P, P, 2 * P, 0, 0), -L_EFAULT);
	assert_int_equal(do_mremap(task.mm, FIXED + 16 * P, 6 * P, 7 * P, 0, 0), -L_EFAULT);
	assert_int_equal(do_mremap(task.mm, FIXED + 1, P, 2 * P, 0, 0), -L_EINVAL);
	assert_int_equal(do_mremap(task.mm, FIXED + 16 * P, P, 0, 0, 0), -L_EINVAL);
	assert_int_equal(do_mremap(task.mm, FIXED + 16 * P, P, P, 8, 0), -L_EINVAL);
	assert_int_equal(do_mremap(task.mm, FIXED + 16 * P, P, 2 * P, MREMAP_FIXED, FIXED), -L_EINVAL);
	assert_int_equal(do_mremap(task.mm, FIXED + 16 * P, 2 * P, 2 * P, MREMAP_MAYMOVE | MREMAP_FIXED,
				   FIXED + 17 * P), -L_EINVAL);					/* overlap */
	finish();
}

static void test_madvise_mincore_msync(void **state)
{
	unsigned char vec[6];
	long a;

	(void)state;
	a = map(FIXED, 4 * P, RW, ANON | MAP_FIXED);
	poke(task.mm, FIXED, 3);
	poke(task.mm, FIXED + 2 * P, 4);
	assert_int_equal(handle_mm_fault(task.mm, FIXED + 3 * P, VM_READ), 0);	/* the zero page */
	assert_int_equal(do_mincore(task.mm, FIXED, 4 * P, vec), 0);
	assert_memory_equal(vec, ((unsigned char[]){ 1, 0, 1, 1 }), 4);
	assert_int_equal(do_mincore(task.mm, FIXED, 3 * P + 1, vec), 0);		/* a part page counts */
	assert_int_equal(do_mincore(task.mm, FIXED + 1, P, vec), -L_EINVAL);
	assert_int_equal(do_mincore(task.mm, FIXED, 5 * P, vec), -L_ENOMEM);
	assert_int_equal(do_madvise(task.mm, FIXED, 4 * P, MADV_DONTNEED), 0);
	assert_int_equal(task.mm->rss, 0);
	assert_int_equal(handle_mm_fault(task.mm, FIXED, VM_READ), 0);
	assert_int_equal(peek(task.mm, FIXED), 0);				/* zero after DONTNEED */
	assert_int_equal(do_madvise(task.mm, FIXED, P, 999), -L_EINVAL);
	assert_int_equal(do_madvise(task.mm, FIXED + 1, P, MADV_NORMAL), -L_EINVAL);
	assert_int_equal(do_madvise(task.mm, FIXED, 5 * P, MADV_NORMAL), -L_ENOMEM);
	assert_int_equal(do_madvise(task.mm, FIXED, 0, MADV_DONTNEED), 0);
	assert_int_equal(do_msync(task.mm, FIXED, P, MS_SYNC), 0);
	assert_int_equal(do_msync(task.mm, FIXED, P, MS_SYNC | MS_ASYNC), -L_EINVAL);
	assert_int_equal(do_msync(task.mm, FIXED, P, 8), -L_EINVAL);
	assert_int_equal(do_msync(task.mm, FIXED + 1, P, MS_SYNC), -L_EINVAL);
	assert_int_equal(do_msync(task.mm, FIXED, 5 * P, MS_SYNC), -L_ENOMEM);
	(void)a;
	finish();
}

/* ---- brk ---- */

static long brk(unsigned long addr)
{
	struct syscall_args a = { { addr } };

	return sys_brk(&a);
}

static void test_brk_rules(void **state)
{
	(void)state;
	task.mm->start_brk = task.mm->brk = FIXED;
	assert_int_equal(brk(0), (long)FIXED);
	assert_int_equal(brk(FIXED - 1), (long)FIXED);			/* below the start: unchanged */
	assert_int_equal(brk(FIXED + 3 * P + 5), (long)(FIXED + 3 * P + 5));
	assert_int_equal(count_vmas(task.mm), 1);
	poke(task.mm, FIXED + 3 * P + 4, 1);
	map(FIXED + 8 * P, P, PROT_READ, ANON | MAP_FIXED);
	assert_int_equal(brk(FIXED + 7 * P + 1), (long)(FIXED + 3 * P + 5));	/* within a page of a mapping */
	assert_int_equal(brk(FIXED + 7 * P), (long)(FIXED + 7 * P));
	assert_int_equal(brk(FIXED + P), (long)(FIXED + P));			/* shrink: pages go */
	assert_null(page_at(task.mm, FIXED + 3 * P, NULL));
	assert_int_equal(task.mm->mmap->vm_end, FIXED + P);
	finish();
}

/* ---- the views ---- */

static void test_maps_and_status_format(void **state)
{
	static char buf[1024];
	struct seq s;

	(void)state;
	assert_int_equal(mmap_anon(task.mm, 0x10000, 0x11000, VM_READ | VM_EXEC), 0);
	assert_int_equal(mmap_anon(task.mm, 0x11000, 0x12000, VM_READ | VM_WRITE), 0);
	task.mm->start_brk = task.mm->brk = 0x12000;
	brk(0x13000);
	assert_int_equal(mmap_anon(task.mm, STACK_TOP - STACK_SIZE, STACK_TOP, VM_READ | VM_WRITE | VM_GROWSDOWN), 0);
	map(0, P, PROT_READ, MAP_SHARED | MAP_ANONYMOUS);
	poke(task.mm, 0x12000, 1);
	seq_init(&s, buf, sizeof(buf));
	show_map_vmas(&s, task.mm);
	snprintf(buf + 512, 512,
		 "00010000-00011000 r-xp 00000000 00:00 0 \n"
		 "00011000-00013000 rw-p 00000000 00:00 0          [heap]\n"
		 "%08lx-%08lx r--s 00000000 00:00 0 \n"
		 "%08lx-%08lx rw-p 00000000 00:00 0          [stack]\n",
		 BASE - P, BASE, STACK_TOP - STACK_SIZE, STACK_TOP);
	assert_string_equal(buf, buf + 512);
	seq_init(&s, buf, sizeof(buf));
	show_mm_status(&s, task.mm);
	/* total 1 + 2 + 1 + 2048 pages; data 2 (bss and heap merged), stack 2048, text 1; rss 1; one table block. */
	assert_string_equal(buf, "VmPeak:\t    8208 kB\nVmSize:\t    8208 kB\nVmLck:\t       0 kB\nVmPin:\t       0 kB\n"
			    "VmHWM:\t       4 kB\nVmRSS:\t       4 kB\nRssAnon:\t       4 kB\nRssFile:\t       0 kB\n"
			    "RssShmem:\t       0 kB\nVmData:\t       8 kB\nVmStk:\t    8192 kB\nVmExe:\t       4 kB\n"
			    "VmLib:\t       0 kB\nVmPTE:\t       4 kB\nVmSwap:\t       0 kB\n");
	finish();
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_top_down_from_mmap_base_and_merge, boot, teardown),
		cmocka_unit_test_setup_teardown(test_fixed_noreplace_and_fixed_over, boot, teardown),
		cmocka_unit_test_setup_teardown(test_munmap_splits_exactly, boot, teardown),
		cmocka_unit_test_setup_teardown(test_mmap_errors, boot, teardown),
		cmocka_unit_test_setup_teardown(test_mprotect_splits_and_merges_back, boot, teardown),
		cmocka_unit_test_setup_teardown(test_locked_flag_survives_merge, boot, teardown),
		cmocka_unit_test_setup_teardown(test_max_map_count, boot, teardown),
		cmocka_unit_test_setup_teardown(test_zero_page_then_own_page, boot, teardown),
		cmocka_unit_test_setup_teardown(test_file_mapping_eof_and_sigbus, boot, teardown),
		cmocka_unit_test_setup_teardown(test_cow_after_dup_mmap, boot, teardown),
		cmocka_unit_test_setup_teardown(test_mremap_grow_shrink_move, boot, teardown),
		cmocka_unit_test_setup_teardown(test_madvise_mincore_msync, boot, teardown),
		cmocka_unit_test_setup_teardown(test_brk_rules, boot, teardown),
		cmocka_unit_test_setup_teardown(test_maps_and_status_format, boot, teardown),
	};

	(void)argc;
	host_fixmap_reserve(argv);	/* user pages in HighMem are reached through kmap_local's slots */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
