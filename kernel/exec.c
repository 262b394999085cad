/*
 * exec for a new process: the whole file is checked first (kernel/elf.c),
 * then the PT_LOAD segments are mapped and filled, the heap placed after
 * them, and the stack built as Linux's create_elf_tables builds it:
 *
 *   STACK_TOP  +--------------------------+
 *              | 0 (4 bytes)              |
 *              | execfn, env and arg      |  NUL-terminated strings
 *              | strings                  |
 *              | 16 random bytes          |  AT_RANDOM points here
 *              +--------------------------+  rounded down to 16 bytes
 *              | auxv: (type, value)...   |  ending with AT_NULL
 *              | NULL, envp[envc-1]..[0]  |
 *              | NULL, argv[argc-1]..[0]  |
 *   sp ->      | argc                     |  16-byte aligned
 *              +--------------------------+
 *
 * The block is composed in a kernel buffer, then copied to the top page
 * of the stack mapping; the rest of the stack comes on demand.
 */
#include <board.h>
#include <elf.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
#include <mmu_context.h>
#include <printk.h>
#include <sched.h>
#include <string.h>
#include <asm/hw.h>
#include <asm/ptrace.h>
#include <asm/thread.h>

#include "exec.h"

/* auxv types (Linux's include/uapi/linux/auxvec.h) and ARM's HWCAP bits (arch/arm/include/uapi/asm/hwcap.h). */
#define AT_NULL		0
#define AT_PHDR		3
#define AT_PHENT	4
#define AT_PHNUM	5
#define AT_PAGESZ	6
#define AT_BASE		7
#define AT_FLAGS	8
#define AT_ENTRY	9
#define AT_UID		11
#define AT_EUID		12
#define AT_GID		13
#define AT_EGID		14
#define AT_HWCAP	16
#define AT_CLKTCK	17
#define AT_SECURE	23
#define AT_RANDOM	25
#define AT_EXECFN	31
#define HWCAP_SWP	(1 << 0)
#define HWCAP_HALF	(1 << 1)
#define HWCAP_THUMB	(1 << 2)
#define HWCAP_FAST_MULT	(1 << 4)
#define HWCAP_EDSP	(1 << 7)
#define HWCAP_VFP	(1 << 6)
#define HWCAP_NEON	(1 << 12)
#define HWCAP_VFPv3	(1 << 13)
#define HWCAP_TLS	(1 << 15)
#define HWCAP_VFPD32	(1 << 19)
/* VFP state is saved per task (arch/arm/vfp.S) and set_tls exists (kernel/syscall.c). */
#define ELF_HWCAP_BASE	(HWCAP_SWP | HWCAP_HALF | HWCAP_THUMB | HWCAP_FAST_MULT | HWCAP_EDSP | HWCAP_VFP | \
			 HWCAP_VFPv3 | HWCAP_TLS)

/* NEON and the upper 16 double registers where MVFR0 says they exist (QEMU's and the tile's A9 have both). */
static u32 elf_hwcap(void)
{
	return ELF_HWCAP_BASE | (vfp_has_d32() ? HWCAP_NEON | HWCAP_VFPD32 : 0);
}
#define USER_HZ		100
#define PSR_T_BIT	0x20

#define ARGS_BLOCK	PAGE_SIZE	/* strings, random bytes and vectors: one page */
#define MAX_ARGS	32

/* Copy len bytes of src to user address va of mm (not yet running), into pages of its own.  0 or -ENOMEM. */
static int copy_to_mm(struct mm_struct *mm, unsigned long va, const void *src, size_t len, bool code)
{
	const u8 *s = src;

	while (len) {
		size_t off = va & ~PAGE_MASK, n = min(len, (size_t)(PAGE_SIZE - off));
		struct page *page = get_user_page(mm, va);
		u8 *p;

		if (!page)
			return -ENOMEM;
		p = kmap_local_page(page);

		memcpy(p + off, s, n);
		if (code)
			flush_dcache_to_pou(p + off, n);
		kunmap_local(p);
		va += n;
		s += n;
		len -= n;
	}
	return 0;
}

static unsigned int vm_flags_of(u32 p_flags)
{
	return ((p_flags & PF_R) ? VM_READ : 0) | ((p_flags & PF_W) ? VM_WRITE : 0) |
	       ((p_flags & PF_X) ? VM_EXEC : 0);
}

/* Every PT_LOAD: a VMA over its memory, its file bytes copied in (bss comes on demand); the heap after the last. */
static int load_segments(struct mm_struct *mm, const u8 *file, const struct elf_image *img)
{
	for (unsigned int i = 0; i < img->ehdr->e_phnum; i++) {
		const Elf32_Phdr *p = &img->phdr[i];
		int err;

		if (p->p_type != PT_LOAD)
			continue;
		err = mmap_anon(mm, p->p_vaddr & PAGE_MASK, ALIGN((unsigned long)p->p_vaddr + p->p_memsz, PAGE_SIZE),
				vm_flags_of(p->p_flags));
		if (!err)
			err = copy_to_mm(mm, p->p_vaddr, file + p->p_offset, p->p_filesz, p->p_flags & PF_X);
		if (err)
			return err;
	}
	mm->start_brk = mm->brk = ALIGN(img->end, PAGE_SIZE);
	return 0;
}

/* Not cryptographic: AT_RANDOM's bytes, from the board's counter, stirred (xorshift32). */
static void fill_random(u8 *buf, size_t len)
{
	u32 x = (u32)board.counter() | 1;

	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (u8)x;
	}
}

/* Strings are put from the top of the block down; *top is the offset of the last one put. */
static int put_string(char *blk, size_t *top, size_t floor, const char *s)
{
	size_t n = strlen(s) + 1;

	if (*top < floor + n)
		return -E2BIG;
	*top -= n;
	memcpy(blk + *top, s, n);
	return 0;
}

struct stack_layout {
	u32 *vec;		/* argc, argv, envp, auxv, inside the block */
	size_t nvec;
	size_t sp_off;		/* the vector's offset in the block */
};

/* The pointer vector below the strings: argc, argv[], NULL, envp[], NULL, auxv. */
static int put_vectors(char *blk, size_t top, unsigned long base, const u32 *strs, unsigned int argc,
		       unsigned int envc, const u32 *aux, unsigned int naux, struct stack_layout *out)
{
	size_t nvec = 1 + argc + 1 + envc + 1 + naux;
	size_t sp_off;
	u32 *v;

	if (top < nvec * 4 + 16)
		return -E2BIG;
	sp_off = ALIGN_DOWN(top - nvec * 4, 16);
	v = (u32 *)(blk + sp_off);
	*v++ = argc;
	for (unsigned int i = 0; i < argc; i++)
		*v++ = (u32)base + strs[i];
	*v++ = 0;
	for (unsigned int i = 0; i < envc; i++)
		*v++ = (u32)base + strs[argc + i];
	*v++ = 0;
	memcpy(v, aux, naux * 4);
	out->vec = (u32 *)(blk + sp_off);
	out->nvec = nvec;
	out->sp_off = sp_off;
	return 0;
}

static unsigned int count(const char *const v[])
{
	unsigned int n = 0;

	while (v[n])
		n++;
	return n;
}

/* Strings and random bytes into the block; strs[] gets each string's offset (argv, then envp). */
static int put_strings(char *blk, size_t *top, const char *path, const char *const argv[],
		       const char *const envp[], u32 *strs, size_t *execfn, size_t *rnd)
{
	unsigned int argc = count(argv), envc = count(envp);
	int err = put_string(blk, top, 0, path);

	*execfn = *top;
	for (int i = (int)envc - 1; !err && i >= 0; i--) {
		err = put_string(blk, top, 0, envp[i]);
		strs[argc + i] = (u32)*top;
	}
	for (int i = (int)argc - 1; !err && i >= 0; i--) {
		err = put_string(blk, top, 0, argv[i]);
		strs[i] = (u32)*top;
	}
	if (err || *top < 16)
		return -E2BIG;
	*top = ALIGN_DOWN(*top, 4) - 16;
	*rnd = *top;
	fill_random((u8 *)blk + *rnd, 16);
	return 0;
}

/* Build the initial stack in the top page of the stack mapping; returns the user sp, or 0 if it does not fit. */
static unsigned long build_stack(struct mm_struct *mm, const struct elf_image *img, const char *path,
				 const char *const argv[], const char *const envp[], char *blk)
{
	unsigned long base = STACK_TOP - ARGS_BLOCK;
	unsigned int argc = count(argv), envc = count(envp);
	size_t top = ARGS_BLOCK - 4, execfn, rnd;
	struct stack_layout st;
	u32 strs[2 * MAX_ARGS];

	if (argc > MAX_ARGS || envc > MAX_ARGS)
		return 0;
	memset(blk, 0, ARGS_BLOCK);
	if (put_strings(blk, &top, path, argv, envp, strs, &execfn, &rnd))
		return 0;
	u32 aux[] = {
		AT_HWCAP, elf_hwcap(), AT_PAGESZ, PAGE_SIZE, AT_CLKTCK, USER_HZ,
		AT_PHDR, (u32)img->phdr_vaddr, AT_PHENT, sizeof(Elf32_Phdr), AT_PHNUM, img->ehdr->e_phnum,
		AT_BASE, 0, AT_FLAGS, 0, AT_ENTRY, (u32)img->entry,
		AT_UID, 0, AT_EUID, 0, AT_GID, 0, AT_EGID, 0, AT_SECURE, 0,
		AT_RANDOM, (u32)(base + rnd), AT_EXECFN, (u32)(base + execfn), AT_NULL, 0,
	};
	if (put_vectors(blk, top, base, strs, argc, envc, aux, ARRAY_SIZE(aux), &st))
		return 0;
	if (copy_to_mm(mm, base, blk, ARGS_BLOCK, false))
		return 0;
	return base + st.sp_off;
}

int exec_image(struct mm_struct *mm, const void *file, size_t size, const char *path,
	       const char *const argv[], const char *const envp[], struct pt_regs *regs)
{
	struct elf_image img;
	char why[128];
	unsigned long sp;
	char *blk;
	int err;

	if (elf_check(file, size, TASK_SIZE, &img, why, sizeof(why))) {
		pr_err("exec: %s: not a valid executable: %s; not run\n", path, why);
		return -ENOEXEC;
	}
	err = load_segments(mm, file, &img);
	if (!err)
		err = mmap_anon(mm, STACK_TOP - STACK_SIZE, STACK_TOP, VM_READ | VM_WRITE | VM_GROWSDOWN);
	if (err) {
		pr_err("exec: %s: cannot map its memory (error %d); not run\n", path, err);
		return err;
	}
	blk = (char *)__get_free_page(GFP_KERNEL);
	sp = blk ? build_stack(mm, &img, path, argv, envp, blk) : 0;
	free_page((unsigned long)blk);
	if (!sp) {
		pr_err("exec: %s: arguments and environment do not fit in %lu bytes; not run\n", path, ARGS_BLOCK);
		return -E2BIG;
	}
	flush_icache_all();
	memset(regs, 0, sizeof(*regs));
	regs->sp = (u32)sp;
	regs->pc = (u32)img.entry & ~1u;
	regs->cpsr = MODE_USR | PSR_I_BIT | PSR_F_BIT | ((img.entry & 1) ? PSR_T_BIT : 0);
	return 0;
}
