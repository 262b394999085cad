/*
 * A process's page tables (arch/arm/mm_user.c): the first-level table of
 * its own, user pages in second-level tables, and switching TTBR0 and the
 * ASID.  The kernel half of each table is a copy of the kernel's own
 * table: a TTBCR.N split cannot put the boundary at TASK_SIZE for the
 * 3G/1G split (N gives 2 GiB, 1 GiB, ... for TTBR0), and the pkmap window
 * below PAGE_OFFSET must be visible in every split.  As in Linux, the
 * kernel half is copied once, by pgd_alloc; a first-level entry the kernel
 * made since (a vmalloc area's new L2 table) is copied in when an access
 * through this table takes a translation fault on it (arch/arm/fault.c
 * calls pgd_fill_kernel_entry).
 */
#ifndef MMU_CONTEXT_H
#define MMU_CONTEXT_H

#include <sched.h>

struct page;

/* Allocate mm's first-level table, user half empty.  Returns 0 or -ENOMEM. */
int pgd_alloc(struct mm_struct *mm);

/*
 * Free every second-level table and the first-level table (the user
 * pages must be unmapped and freed by the caller first), and drop mm's
 * ASID from the TLB.
 */
void pgd_free(struct mm_struct *mm);

/* Map the user page at va (page aligned, below TASK_SIZE) to page with VM_* flags.  0, -EINVAL, or -ENOMEM. */
int user_map_page(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int vm_flags);

/* The page mapped at user address va and its VM_* flags, or NULL if nothing is mapped there. */
struct page *user_page_at(const struct mm_struct *mm, unsigned long va, unsigned int *vm_flags);

/*
 * Call fn for every present user page of [start, end) (below TASK_SIZE),
 * in address order, with its page and VM_* flags.  fn may rewrite or
 * clear the entry at va, and map pages in other mms or other sections
 * of this one, but must not free a table.
 */
typedef void (*user_walk_fn)(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int vm_flags,
			     void *arg);
void user_walk_present(struct mm_struct *mm, unsigned long start, unsigned long end, user_walk_fn fn, void *arg);

/* Rewrite the present entry at va for VM_* flags (same page), flush it from the TLB.  0, or -EINVAL if none. */
int user_protect_page(struct mm_struct *mm, unsigned long va, unsigned int vm_flags);

/* Whether the 1 MiB section of va has its second-level table installed (arch/arm/mm_user.c: when it is used). */
bool user_table_at(const struct mm_struct *mm, unsigned long va);

/* Make the second-level table for va if there is none (what user_map_page would make).  0 or -ENOMEM. */
int user_alloc_table(struct mm_struct *mm, unsigned long va);

/* Pages of user page tables in use, all processes: /proc/meminfo's PageTables. */
unsigned long user_page_table_pages(void);

/* Unmap the user page at va, flush it from the TLB; returns the page that was there, or NULL. */
struct page *user_unmap_page(struct mm_struct *mm, unsigned long va);

/* Install mm (NULL: the kernel's own table) in TTBR0 with its ASID. */
void switch_mm(struct mm_struct *mm);

/*
 * A kernel-mode translation fault at va: if va >= TASK_SIZE and the table
 * in this CPU's TTBR0 lacks (or differs in) the first-level entry the
 * kernel's table has, copy it in and return true (the access may run
 * again); false for a fault that no copy can fix.  Abort mode, IRQs off.
 */
bool pgd_fill_kernel_entry(unsigned long va);

/* After writing code through a kernel alias: clean it to the point of unification. */
void flush_dcache_to_pou(const void *kaddr, size_t len);
/* And then, once, before the code runs: invalidate the instruction cache and branch predictor. */
void flush_icache_all(void);

#endif
