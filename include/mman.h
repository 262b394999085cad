/*
 * A process's address space (mm/): the VMAs in their tree and list, the
 * memory system calls' work on a given mm (which need not be the current
 * one: exec builds a new image before it runs), demand paging and
 * copy-on-write, and the teardown at exit.  The flag values are Linux's
 * (uapi/mman.h); errors are Linux 6.1's, as negative errno values.
 */
#ifndef MMAN_H
#define MMAN_H

#include <sched.h>
#include <uapi/mman.h>

#ifndef EPERM
#define EPERM		1
#endif
#ifndef ENXIO
#define ENXIO		6
#endif
#ifndef EBADF
#define EBADF		9
#endif
#ifndef EAGAIN
#define EAGAIN		11
#endif
#ifndef EACCES
#define EACCES		13
#endif
#ifndef EEXIST
#define EEXIST		17
#endif
#ifndef ENODEV
#define ENODEV		19
#endif
#ifndef EOVERFLOW
#define EOVERFLOW	75
#endif
#ifndef EOPNOTSUPP
#define EOPNOTSUPP	95
#endif

struct page;
struct ramfs_file;

/*
 * Calls that return an address or -errno: user addresses above 2 GiB are
 * negative as a long, so an error is a value in [-4095, -1], as Linux's
 * IS_ERR_VALUE.
 */
#define MAX_ERRNO	4095
static inline bool IS_ERR_VALUE(long x)
{
	return (unsigned long)x >= (unsigned long)-MAX_ERRNO;
}

/* Linux's sysctl vm.max_map_count default (DEFAULT_MAX_MAP_COUNT: 65536 - 6). */
#define DEFAULT_MAX_MAP_COUNT	65530
extern int sysctl_max_map_count;

/* The lowest address a mapping gets unless MAP_FIXED asks (Linux's mmap_min_addr, CONFIG_DEFAULT_MMAP_MIN_ADDR). */
#define MMAP_MIN_ADDR		4096UL
/* Where the bottom-up fallback search starts (ARM's TASK_UNMAPPED_BASE). */
#define TASK_UNMAPPED_BASE	ALIGN(TASK_SIZE / 3, PAGE_SIZE)
/* Pages kept free below a VM_GROWSDOWN mapping (Linux's stack_guard_gap, 256 pages). */
#define STACK_GUARD_GAP		(256UL << PAGE_SHIFT)

/* ---- the VMAs (mm/mmap.c) ---- */

/* The first VMA that ends above addr (it may start above addr too), or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* The VMA holding addr, or NULL. */
struct vm_area_struct *vma_lookup(struct mm_struct *mm, unsigned long addr);
/* The first VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm, unsigned long start, unsigned long end);

/*
 * Where a new mapping of len bytes goes: with MAP_FIXED, addr itself
 * (-EINVAL unaligned, -ENOMEM past TASK_SIZE); else addr if it is free
 * (rounded up to a page), else top-down from mmap_base (TASK_SIZE less
 * Linux's 128 MiB minimum stack gap), then bottom-up from
 * TASK_UNMAPPED_BASE, as Linux's legacy-free top-down layout.  Returns
 * the address, or -ENOMEM when no gap is large enough.
 */
long get_unmapped_area(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long flags);

/*
 * mmap as Linux 6.1's do_mmap: prot PROT_*, flags MAP_*, file (NULL for
 * MAP_ANONYMOUS) read from page pgoff on.  Returns the address, or
 * -EINVAL (zero length, bad type, unaligned MAP_FIXED), -ENOMEM (no room,
 * too many VMAs, overcommit refused), -EEXIST (MAP_FIXED_NOREPLACE over a
 * mapping), -EOVERFLOW (pgoff + pages wraps), -ENODEV (a shared file
 * mapping: not supported, the initramfs has no shared page cache).
 * MAP_POPULATE and MAP_LOCKED fault every page in before returning.
 */
long do_mmap(struct mm_struct *mm, unsigned long addr, unsigned long len, unsigned long prot,
	     unsigned long flags, const struct ramfs_file *file, unsigned long pgoff);

/* munmap as Linux's: -EINVAL unaligned, zero or past TASK_SIZE, -ENOMEM if a split would pass max_map_count. */
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);

/*
 * exec's call: [start, end) (page aligned, inside user space, free) as a
 * private anonymous mapping with VM_* flags (VM_GROWSDOWN marks the
 * stack: mm->start_stack is set to its top); its pages come on first
 * touch.  Returns 0, -EINVAL for a bad range, -ENOMEM.
 */
int mmap_anon(struct mm_struct *mm, unsigned long start, unsigned long end, unsigned long vm_flags);

/* ---- the other calls, each on a given mm, each as Linux 6.1's (see its file for the error order) ---- */

int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long prot);	/* mprotect.c */
/* Returns the (new) address or -errno. */
long do_mremap(struct mm_struct *mm, unsigned long addr, unsigned long old_len, unsigned long new_len,
	       unsigned long flags, unsigned long new_addr);						/* mremap.c */
int do_madvise(struct mm_struct *mm, unsigned long start, unsigned long len, long behavior);		/* madvise.c */
/* uvec is a user pointer (copy_to_user). */
long do_mincore(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned char *uvec);	/* mincore.c */
int do_msync(struct mm_struct *mm, unsigned long start, unsigned long len, unsigned long flags);		/* msync.c */

/* ---- demand paging and copy-on-write (mm/memory.c) ---- */

/*
 * Before the first process runs: the shared zero page (without it, reads
 * get fresh pages) and the VMA cache with its first slab.
 */
void zero_page_init(void);
bool is_zero_page(const struct page *page);

/*
 * A fault at addr in mm wanting access (one VM_* flag): map what belongs
 * there (see mm/memory.c).  Returns 0 when the access can be retried,
 * -EFAULT when addr is in no VMA or the VMA forbids the access (SIGSEGV),
 * -ENXIO past the last page of a mapped file (SIGBUS), -ENOMEM when no
 * page can be had.
 */
int handle_mm_fault(struct mm_struct *mm, unsigned long addr, unsigned int access);

/*
 * The page of its own at va in mm, made (zeroed, with the VMA's access)
 * if absent or the zero page: exec writes file bytes into it.  NULL if va
 * is in no VMA or no page can be had.
 */
struct page *get_user_page(struct mm_struct *mm, unsigned long va);

/* Unmap and free every user page and VMA and the page tables: the end of a process's memory. */
void exit_mmap(struct mm_struct *mm);

#endif
