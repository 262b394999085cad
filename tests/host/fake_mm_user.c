/*
 * The user page-table half of the arch interface (include/mmu_context.h)
 * and the user-copy calls (include/uaccess.h) for the host tests: a
 * process's "first-level table" is a host array with one pointer per
 * 4 MiB block to a host array of 1024 entries, each pfn << 12 | access
 * bits | FAKE_PRESENT.  Table memory comes from the host (calloc), so the
 * buddy allocator sees only the user pages themselves, and a test can
 * require its free count back exactly.  `current` is whatever task a
 * test points it at.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <mm.h>
#include <initramfs.h>
#include <mmu_context.h>
#include <sched.h>
#include <uaccess.h>

#define FAKE_BLOCKS	1024			/* 4 MiB blocks in 4 GiB */
#define FAKE_PTES	1024			/* pages in a block */
#define FAKE_PRESENT	0x100u
#define FAKE_ACCESS	0x7u			/* VM_READ | VM_WRITE | VM_EXEC */

DEFINE_PER_CPU(struct task_struct *, current_task);
static unsigned long fake_table_pages;

/* The host tests run no processes beside the test itself: mappings are stable unless a test says not. */
bool host_user_mappings_stable = true;

bool user_mappings_stable(void)
{
	return host_user_mappings_stable;
}

static u32 **blocks(const struct mm_struct *mm)
{
	return (u32 **)mm->pgd;
}

int pgd_alloc(struct mm_struct *mm)
{
	mm->pgd = calloc(FAKE_BLOCKS, sizeof(u32 *));
	return mm->pgd ? 0 : -ENOMEM;
}

void pgd_free(struct mm_struct *mm)
{
	for (unsigned int i = 0; i < FAKE_BLOCKS; i++)
		if (blocks(mm)[i]) {
			free(blocks(mm)[i]);
			fake_table_pages--;
		}
	free(mm->pgd);
	mm->pgd = NULL;
	mm->nr_ptes = 0;
}

static u32 *fake_pte(const struct mm_struct *mm, unsigned long va)
{
	u32 *b = va < TASK_SIZE ? blocks(mm)[va >> 22] : NULL;

	return b ? &b[(va >> PAGE_SHIFT) & (FAKE_PTES - 1)] : NULL;
}

int user_alloc_table(struct mm_struct *mm, unsigned long va)
{
	if (va >= TASK_SIZE)
		return -ENOMEM;
	if (!blocks(mm)[va >> 22]) {
		blocks(mm)[va >> 22] = calloc(FAKE_PTES, sizeof(u32));
		fake_table_pages++;
		mm->nr_ptes++;
	}
	return 0;
}

int user_map_page(struct mm_struct *mm, unsigned long va, struct page *page, unsigned int vm_flags)
{
	u32 *pte;

	if ((va & ~PAGE_MASK) || va >= TASK_SIZE || user_alloc_table(mm, va))
		return -EINVAL;
	pte = fake_pte(mm, va);
	if (*pte)
		return -EINVAL;
	*pte = (u32)(page_to_pfn(page) << PAGE_SHIFT) | (vm_flags & FAKE_ACCESS) | FAKE_PRESENT;
	return 0;
}

struct page *user_page_at(const struct mm_struct *mm, unsigned long va, unsigned int *vm_flags)
{
	u32 *pte = fake_pte(mm, va);

	if (!pte || !*pte)
		return NULL;
	*vm_flags = *pte & FAKE_ACCESS;
	return pfn_to_page(*pte >> PAGE_SHIFT);
}

int user_protect_page(struct mm_struct *mm, unsigned long va, unsigned int vm_flags)
{
	u32 *pte = fake_pte(mm, va);

	if (!pte || !*pte)
		return -EINVAL;
	*pte = (*pte & ~FAKE_ACCESS) | (vm_flags & FAKE_ACCESS);
	return 0;
}

bool user_table_at(const struct mm_struct *mm, unsigned long va)
{
	return va < TASK_SIZE && blocks(mm)[va >> 22];
}

/* A lookup per page, 4 MiB skipped where there is no table: what mm/memory.c's walk did before it moved here. */
void user_walk_present(struct mm_struct *mm, unsigned long start, unsigned long end, user_walk_fn fn, void *arg)
{
	for (unsigned long va = start; va < end && va < TASK_SIZE;) {
		unsigned int flags;
		struct page *page;

		if (!user_table_at(mm, va)) {
			va = (va & ~((FAKE_PTES * PAGE_SIZE) - 1)) + FAKE_PTES * PAGE_SIZE;
			continue;
		}
		page = user_page_at(mm, va, &flags);
		if (page)
			fn(mm, va, page, flags, arg);
		va += PAGE_SIZE;
	}
}

struct page *user_unmap_page(struct mm_struct *mm, unsigned long va)
{
	u32 *pte = fake_pte(mm, va);
	struct page *page;

	if (!pte || !*pte)
		return NULL;
	page = pfn_to_page(*pte >> PAGE_SHIFT);
	*pte = 0;
	return page;
}

unsigned long user_page_table_pages(void)
{
	return fake_table_pages;
}

void switch_mm(struct mm_struct *mm)
{
	(void)mm;
}

void flush_dcache_to_pou(const void *kaddr, size_t len)
{
	(void)kaddr;
	(void)len;
}

void flush_icache_all(void)
{
}

/* User pointers are host pointers here (the tests pass their own buffers, anywhere in the host's space). */
bool access_ok(const void *addr, unsigned long size)
{
	(void)addr;
	(void)size;
	return true;
}

unsigned long copy_from_user(void *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

unsigned long copy_to_user(void *to, const void *from, unsigned long n)
{
	memcpy(to, from, n);
	return 0;
}

/*
 * fs/open.c's fd-to-file step for sys_mmap2, which the host library leaves
 * out: the host tests call do_mmap with files of their own, so no fd names one.
 */
const struct ramfs_file *fget_ramfs(int fd)
{
	(void)fd;
	return NULL;
}
