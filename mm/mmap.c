/*
 * A process's address space: its VMAs (a red-black tree for lookups, a
 * sorted list for walks; include/mm_types.h says why not the maple tree),
 * the search for free room, mmap/munmap/brk, exec's mappings, fork's copy
 * (dup_mmap) and the teardown.  Pages are not touched here except through
 * mm/memory.c's helpers; mprotect, mremap, madvise, mlock, mincore and
 * msync are in their own files as in Linux, the counters in mm/util.c.
 */
#include <gfp.h>
#include <initramfs.h>
#include <mm.h>
#include <mmu_context.h>
#include <printk.h>
#include <rmap.h>
#include <sched.h>
#include <slab.h>
#include <string.h>
#include <syscall.h>
#include "vma.h"

int sysctl_max_map_count = DEFAULT_MAX_MAP_COUNT;

/* ---- lookups ---- */

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct rb_node *n = mm->mm_rb.rb_node;
	struct vm_area_struct *found = NULL;

	while (n) {
		struct vm_area_struct *v = rb_entry(n, struct vm_area_struct, vm_rb);

		if (v->vm_end > addr) {
			found = v;
			if (v->vm_start <= addr)
				break;
			n = n->rb_left;
		} else {
			n = n->rb_right;
		}
	}
	return found;
}

struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *v = find_vma(mm, addr);

	return v && v->vm_start <= addr ? v : NULL;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	struct vm_area_struct *v = find_vma(mm, start);

	return v && v->vm_start < end ? v : NULL;
}

/* ---- linking, with the counters Linux keeps per mm (vm_stat_account) ---- */

/* Linux's vm_area_cachep: one slab cache for every VMA. */
static struct kmem_cache *vm_area_cachep;

struct kmem_cache *vma_cache(void)
{
	return vm_area_cachep;
}

void vma_cache_init(void)
{
	if (vm_area_cachep)
		return;
	vm_area_cachep = kmem_cache_create("vm_area_struct", sizeof(struct vm_area_struct), 0, 0, NULL);
	/*
	 * Its first slab now, before any process: a cache keeps its slabs, and
	 * the first process to map something must not look as if it kept a
	 * page (the boot tests compare free pages around every exec).
	 */
	vma_free(vma_alloc());
	anon_vma_init();
}

void vma_cache_reset(void)
{
	vm_area_cachep = NULL;
	anon_vma_cache_reset();
}

struct vm_area_struct *vma_alloc(void)
{
	if (!vm_area_cachep)
		vma_cache_init();
	return vm_area_cachep ? kmem_cache_alloc(vm_area_cachep, GFP_KERNEL | __GFP_ZERO) : NULL;
}

void vma_free(struct vm_area_struct *vma)
{
	if (!vma)
		return;
	unlink_anon_vma(vma);
	kmem_cache_free(vm_area_cachep, vma);
}

struct vm_area_struct *vm_area_dup(const struct vm_area_struct *orig)
{
	struct vm_area_struct *new = vma_alloc();

	if (!new)
		return NULL;
	*new = *orig;
	anon_vma_clone(new, orig);
	return new;
}

/* Linux's is_exec_mapping, is_stack_mapping and is_data_mapping decide which counter a VMA adds to. */
static void vm_stat_account(struct mm_struct *mm, unsigned long flags, long pages)
{
	mm->total_vm += pages;
	if ((flags & (VM_EXEC | VM_WRITE | VM_GROWSDOWN)) == VM_EXEC)
		mm->exec_vm += pages;
	else if (flags & VM_GROWSDOWN)
		mm->stack_vm += pages;
	else if ((flags & (VM_WRITE | VM_SHARED)) == VM_WRITE)
		mm->data_vm += pages;
	if (flags & VM_LOCKED)
		mm->locked_vm += pages;
	if (flags & VM_ACCOUNT) {
		mm->committed += pages;
		vm_committed_as += pages;
	}
	if (mm->total_vm > mm->hiwater_vm)
		mm->hiwater_vm = mm->total_vm;
}

void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct rb_node **link = &mm->mm_rb.rb_node, *parent = NULL, *prev_node;
	struct vm_area_struct *prev, *next;

	while (*link) {
		parent = *link;
		link = vma->vm_start < rb_entry(parent, struct vm_area_struct, vm_rb)->vm_start ?
		       &parent->rb_left : &parent->rb_right;
	}
	rb_link_node(&vma->vm_rb, parent, link);
	rb_insert_color(&vma->vm_rb, &mm->mm_rb);
	prev_node = rb_prev(&vma->vm_rb);
	prev = prev_node ? rb_entry(prev_node, struct vm_area_struct, vm_rb) : NULL;
	next = prev ? prev->vm_next : mm->mmap;
	vma->vm_prev = prev;
	vma->vm_next = next;
	if (prev)
		prev->vm_next = vma;
	else
		mm->mmap = vma;
	if (next)
		next->vm_prev = vma;
	vma->vm_mm = mm;
	mm->map_count++;
	vm_stat_account(mm, vma->vm_flags, (long)vma_pages(vma));
}

void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	rb_erase(&vma->vm_rb, &mm->mm_rb);
	if (vma->vm_prev)
		vma->vm_prev->vm_next = vma->vm_next;
	else
		mm->mmap = vma->vm_next;
	if (vma->vm_next)
		vma->vm_next->vm_prev = vma->vm_prev;
	vma->vm_next = vma->vm_prev = NULL;
	mm->map_count--;
	vm_stat_account(mm, vma->vm_flags, -(long)vma_pages(vma));
}

struct vm_area_struct *split_vma(struct mm_struct *mm, struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *new;

	if (mm->map_count >= sysctl_max_map_count || !(new = vm_area_dup(vma)))
		return NULL;
	vma_unlink(mm, vma);
	vma->vm_end = addr;
	new->vm_start = addr;
	new->vm_pgoff += (addr - vma->vm_start) >> PAGE_SHIFT;
	vma_link(mm, vma);
	vma_link(mm, new);
	return new;
}

/*
 * Whether b can continue a: touching, the same flags and file, b's offset
 * where a's ends, and at most one reverse-map family between them (a page
 * of either must stay findable from the merged VMA's anon_vma).
 */
static bool can_merge(const struct vm_area_struct *a, const struct vm_area_struct *b)
{
	return a && b && a->vm_end == b->vm_start && a->vm_flags == b->vm_flags && a->vm_file == b->vm_file &&
	       a->vm_pgoff + vma_pages(a) == b->vm_pgoff && anon_vma_compatible(a, b);
}

/* a takes b's range over; b goes. */
static void merge_into(struct mm_struct *mm, struct vm_area_struct *a, struct vm_area_struct *b)
{
	unsigned long end = b->vm_end;

	anon_vma_merge(a, b);
	vma_unlink(mm, b);
	vma_free(b);
	vma_unlink(mm, a);
	a->vm_end = end;
	vma_link(mm, a);
}

struct vm_area_struct *vma_merge_neighbours(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma->vm_prev;

	if (can_merge(prev, vma)) {
		merge_into(mm, prev, vma);
		vma = prev;
	}
	if (can_merge(vma, vma->vm_next))
		merge_into(mm, vma, vma->vm_next);
	return vma;
}

/* ---- finding room ---- */

static unsigned long vm_start_gap(const struct vm_area_struct *v)
{
	unsigned long start = v->vm_start;

	if ((v->vm_flags & VM_GROWSDOWN) && start > STACK_GUARD_GAP)
		return start - STACK_GUARD_GAP;
	return (v->vm_flags & VM_GROWSDOWN) ? 0 : start;
}

static struct vm_area_struct *last_vma(struct mm_struct *mm)
{
	struct rb_node *n = rb_last(&mm->mm_rb);

	return n ? rb_entry(n, struct vm_area_struct, vm_rb) : NULL;
}

/* The highest len bytes free inside [low, high), walking the gaps from the top down. */
static long unmapped_area_topdown(struct mm_struct *mm, unsigned long len, unsigned long low, unsigned long high)
{
	unsigned long top = high;

	for (struct vm_area_struct *v = last_vma(mm);; v = v->vm_prev) {
		unsigned long bottom = v ? max(v->vm_end, low) : low;

		if (top > bottom && top - bottom >= len)
			return (long)((top - len) & PAGE_MASK);
		if (!v || v->vm_end <= low)
			return -ENOMEM;
		top = min(top, vm_start_gap(v));
	}
}

/* The lowest len bytes free inside [low, high), walking up. */
static long unmapped_area(struct mm_struct *mm, unsigned long len, unsigned long low, unsigned long high)
{
	unsigned long bottom = low;

	for (struct vm_area_struct *v = find_vma(mm, low);; v = v->vm_next) {
		unsigned long top = v ? min(vm_start_gap(v), high) : high;

		if (top > bottom && top - bottom >= len)
			return (long)bottom;
		if (!v || v->vm_end >= high)
			return -ENOMEM;
		bottom = max(bottom, v->vm_end);
	}
}

/* A hint is taken if the whole range is free, the stack's guard gap included. */
static bool hint_fits(struct mm_struct *mm, unsigned long addr, unsigned long len)
{
	struct vm_area_struct *next = find_vma(mm, addr);	/* the first that ends above addr */

	if (addr < MMAP_MIN_ADDR || addr > TASK_SIZE - len)
		return false;
	return !next || addr + len <= vm_start_gap(next);
}

long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long flags)
{
	unsigned long base = mm->mmap_base ? mm->mmap_base : mmap_base_default();
	long found;

	if (len > TASK_SIZE - MMAP_MIN_ADDR)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		return (addr & ~PAGE_MASK) ? -EINVAL : (long)addr;
	}
	if (addr) {
		addr = ALIGN(addr, PAGE_SIZE);
		if (hint_fits(mm, addr, len))
			return (long)addr;
	}
	found = unmapped_area_topdown(mm, len, max(PAGE_SIZE, MMAP_MIN_ADDR), base);
	if (IS_ERR_VALUE(found))	/* Linux's fallback when the top-down room is used up */
		found = unmapped_area(mm, len, TASK_UNMAPPED_BASE, TASK_SIZE);
	return found;
}

/* ---- mmap ---- */

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	return ((prot & PROT_READ) ? VM_READ : 0) | ((prot & PROT_WRITE) ? VM_WRITE : 0) |
	       ((prot & PROT_EXEC) ? VM_EXEC : 0) | ((flags & MAP_GROWSDOWN) ? VM_GROWSDOWN : 0) |
	       ((flags & MAP_LOCKED) ? VM_LOCKED : 0) | ((flags & MAP_NORESERVE) ? VM_NORESERVE : 0) |
	       VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
}

/* Linux's accountable_mapping: private writable memory is what overcommit charges. */
static bool accountable(unsigned long vm_flags)
{
	return (vm_flags & (VM_NORESERVE | VM_SHARED | VM_WRITE)) == VM_WRITE;
}

/* [addr, addr + len) is free now (or made free here): one VMA there, merged with its neighbours. */
static long mmap_region(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long vm_flags,
			const struct ramfs_file *file, unsigned long pgoff)
{
	struct vm_area_struct *vma;
	int err = do_munmap(mm, addr, len);

	if (err)
		return err;
	if (accountable(vm_flags)) {
		if (vm_enough_memory(len >> PAGE_SHIFT))
			return -ENOMEM;
		vm_flags |= VM_ACCOUNT;
	}
	vma = vma_alloc();
	if (!vma)
		return -ENOMEM;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma->vm_pgoff = pgoff;
	vma->vm_file = file;
	vma_link(mm, vma);
	vma_merge_neighbours(mm, vma);
	return (long)addr;
}

/* The mapping type and what it makes of vm_flags and pgoff (Linux's do_mmap switch); 0 or -errno. */
static int mmap_type(unsigned long flags, const struct ramfs_file *file, unsigned long addr,
		     unsigned long *vm_flags, unsigned long *pgoff)
{
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
	case MAP_SHARED_VALIDATE:
		if (file)
			return -ENODEV;	/* no shared page cache under the initramfs */
		if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE || (*vm_flags & VM_GROWSDOWN))
			return -EINVAL;	/* Linux: anonymous memory takes only MAP_SHARED or MAP_PRIVATE */
		*vm_flags |= VM_SHARED | VM_MAYSHARE;
		*pgoff = 0;
		return 0;
	case MAP_PRIVATE:
		if (!file)
			*pgoff = addr >> PAGE_SHIFT;
		return 0;
	default:
		return -EINVAL;
	}
}

long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long prot,
	     unsigned long flags, const struct ramfs_file *file, unsigned long pgoff)
{
	unsigned long vm_flags = calc_vm_flags(prot, flags) | mm->def_flags;
	long ret;
	int err;

	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	if (!len)
		return -EINVAL;
	if (!(flags & MAP_FIXED) && addr && addr < MMAP_MIN_ADDR)
		addr = MMAP_MIN_ADDR;
	len = ALIGN(len, PAGE_SIZE);
	if (!len)
		return -ENOMEM;
	if (pgoff + (len >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	if (mm->map_count > sysctl_max_map_count)
		return -ENOMEM;
	ret = get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR_VALUE(ret))
		return ret;
	addr = (unsigned long)ret;
	if ((flags & MAP_FIXED_NOREPLACE) && find_vma_intersection(mm, addr, addr + len))
		return -EEXIST;
	err = mmap_type(flags, file, addr, &vm_flags, &pgoff);
	if (err)
		return err;
	ret = mmap_region(mm, addr, len, vm_flags, file, pgoff);
	if (!IS_ERR_VALUE(ret) && ((vm_flags & VM_LOCKED) || (flags & (MAP_POPULATE | MAP_NONBLOCK)) == MAP_POPULATE))
		populate_range(mm, addr, addr + len);	/* as Linux: a failure here is not mmap's */
	return ret;
}

int mmap_anon(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long vm_flags)
{
	vm_flags |= VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC;
	if ((start | end) & ~PAGE_MASK || start >= end || end > TASK_SIZE || find_vma_intersection(mm, start, end))
		return -EINVAL;
	if (vm_flags & VM_GROWSDOWN)
		mm->start_stack = end;
	return IS_ERR_VALUE(mmap_region(mm, start, end - start, vm_flags, NULL, start >> PAGE_SHIFT)) ? -ENOMEM : 0;
}

/* ---- munmap ---- */

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	struct vm_area_struct *vma, *last;
	unsigned long end;

	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = ALIGN(len, PAGE_SIZE);
	end = start + len;
	if (!len)
		return -EINVAL;
	vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	/* Cutting a hole in one VMA makes two: refused at the limit, before anything changes. */
	if (vma->vm_start < start && end < vma->vm_end && mm->map_count >= sysctl_max_map_count)
		return -ENOMEM;
	if (vma->vm_start < start && !(vma = split_vma(mm, vma, start)))
		return -ENOMEM;
	last = find_vma(mm, end);
	if (last && last->vm_start < end && !split_vma(mm, last, end))
		return -ENOMEM;
	while (vma && vma->vm_start < end) {
		struct vm_area_struct *next = vma->vm_next;

		zap_page_range(vma, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vma_free(vma);
		vma = next;
	}
	return 0;
}

void exit_mmap(struct mm_struct *mm)
{
	while (mm->mmap) {
		struct vm_area_struct *vma = mm->mmap;

		zap_page_range(vma, vma->vm_start, vma->vm_end);
		vma_unlink(mm, vma);
		vma_free(vma);
	}
	pgd_free(mm);
}

/* ---- fork ---- */

int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	mm->mmap_base = oldmm->mmap_base;
	mm->start_brk = oldmm->start_brk;
	mm->brk = oldmm->brk;
	mm->start_stack = oldmm->start_stack;
	for (struct vm_area_struct *v = oldmm->mmap; v; v = v->vm_next) {
		struct vm_area_struct *new;

		if ((v->vm_flags & VM_ACCOUNT) && vm_enough_memory(vma_pages(v)))
			return -ENOMEM;
		new = vm_area_dup(v);	/* the child's VMA joins the parent's reverse-map family */
		if (!new)
			return -ENOMEM;
		new->vm_flags &= ~VM_LOCKED;	/* Linux: a child does not inherit mlock */
		vma_link(mm, new);
		if (copy_page_range(new, v))
			return -ENOMEM;
	}
	return 0;
}

/* ---- brk ---- */

/* The heap grows by [start, end): an anonymous mapping there, merged with the heap below. */
static int do_brk(struct mm_struct *mm, unsigned long start, unsigned long end)
{
	unsigned long vm_flags = VM_READ | VM_WRITE | VM_MAYREAD | VM_MAYWRITE | VM_MAYEXEC | mm->def_flags;

	if (IS_ERR_VALUE(mmap_region(mm, start, end - start, vm_flags, NULL, start >> PAGE_SHIFT)))
		return -ENOMEM;
	if (vm_flags & VM_LOCKED)
		populate_range(mm, start, end);
	return 0;
}

/*
 * brk(addr) as Linux 6.1's: below the heap's start, or when the new pages
 * cannot be had or would come within a page of the next mapping, the
 * break stays and is returned; otherwise the heap grows (a VMA, paged on
 * demand) or shrinks (unmapped) and the new break is returned.  brk(0)
 * asks for the current one.
 */
long sys_brk(const struct syscall_args *a)
{
	struct mm_struct *mm = current->mm;
	unsigned long brk = a->arg[0];
	unsigned long newend = ALIGN(brk, PAGE_SIZE), oldend = ALIGN(mm->brk, PAGE_SIZE);
	struct vm_area_struct *next;

	if (brk < mm->start_brk || brk > TASK_SIZE)
		return (long)mm->brk;
	if (newend == oldend) {
		mm->brk = brk;
	} else if (brk <= mm->brk) {
		if (do_munmap(mm, newend, oldend - newend))
			return (long)mm->brk;
		mm->brk = brk;
	} else {
		next = find_vma(mm, oldend);
		if ((next && newend + PAGE_SIZE > vm_start_gap(next)) || do_brk(mm, oldend, newend))
			return (long)mm->brk;
		mm->brk = brk;
	}
	return (long)mm->brk;
}

/* ---- the system calls ---- */

/* mmap2(addr, len, prot, flags, fd, pgoff): the offset in 4096-byte units, as ARM's mmap2. */
long sys_mmap2(const struct syscall_args *a)
{
	const struct ramfs_file *file = NULL;
	unsigned long flags = a->arg[3];

	if (!(flags & MAP_ANONYMOUS)) {
		file = fget_ramfs((int)a->arg[4]);
		if (!file)
			return -EBADF;
	}
	return do_mmap(current->mm, a->arg[0], a->arg[1], a->arg[2], flags, file,
		       file ? a->arg[5] : 0);
}

long sys_munmap(const struct syscall_args *a)
{
	return do_munmap(current->mm, a->arg[0], a->arg[1]);
}
