/*
 * setup_arch: from what the loader handed over to a filled memblock.
 * Validates the DTB and the command line first (bootfdt.c, cmdline.c
 * report every problem), then acts once: adds the RAM banks, applies
 * mem= (cmdline.c, as Linux's early_mem), and reserves the kernel, its
 * page table, the DTB and every reservation the DTB names (no-map ones
 * are marked MEMBLOCK_NOMAP instead, as Linux does).
 */
#include <arch.h>
#include <board.h>
#include <bootfdt.h>
#include <cmdline.h>
#include <initramfs.h>
#include <memblock.h>
#include <printk.h>
#include <string.h>
#include <asm/hw.h>
#include <asm/setup.h>

struct arm_boot_info arm_boot_info;
unsigned long arch_pv_delta;
char boot_command_line[CMDLINE_MAX];

static struct bootfdt fdt_info;

/* head.S stores r5, r7, r9, r10, r11 with one stmia, then pgd_phys at offset 20. */
_Static_assert(offsetof(struct arm_boot_info, phys_offset) == 0 &&
	       offsetof(struct arm_boot_info, dtb_phys) == 4 &&
	       offsetof(struct arm_boot_info, machine) == 8 &&
	       offsetof(struct arm_boot_info, loader_r2) == 12 &&
	       offsetof(struct arm_boot_info, appended) == 16 &&
	       offsetof(struct arm_boot_info, pgd_phys) == 20,
	       "struct arm_boot_info must match the stores in head.S");

/* head.S walks board.iomap with the offsets of include/board.h. */
_Static_assert(offsetof(struct board_desc, iomap) == BOARD_DESC_IOMAP &&
	       offsetof(struct board_desc, nr_iomap) == BOARD_DESC_NR_IOMAP &&
	       offsetof(struct board_iomap, phys) == BOARD_IOMAP_PHYS &&
	       offsetof(struct board_iomap, virt) == BOARD_IOMAP_VIRT &&
	       offsetof(struct board_iomap, size) == BOARD_IOMAP_SIZE &&
	       offsetof(struct board_iomap, type) == BOARD_IOMAP_TYPE &&
	       sizeof(struct board_iomap) == BOARD_IOMAP_ENTRY_SIZE,
	       "include/board.h's offsets must match the structures head.S reads");

#define PHYS_SPACE_END	0x100000000ULL	/* end of the 32-bit physical space (non-LPAE) */

const char *arm_split_name(void)
{
	if (IS_ENABLED(CONFIG_VMSPLIT_2G))
		return "2G/2G";
	return IS_ENABLED(CONFIG_VMSPLIT_1G) ? "1G/3G" : "3G/1G";
}

static phys_addr_t kernel_phys(const char *sym)
{
	return __pa(sym);
}

/*
 * With an appended DTB, QEMU (given no -dtb) still passes -append as an
 * ATAG list at r2: extend the DTB's bootargs with it, as Linux's
 * ATAG_DTB_COMPAT does.  Only a list inside the early-mapped kernel
 * region is read, and only tags that end inside it (the bound is checked
 * in 64 bits, so that a huge size cannot wrap past it).  Returns the
 * command line and sets *len to its length within its tag, or NULL.
 */
const char *atag_cmdline(phys_addr_t atags, size_t *len)
{
	phys_addr_t lo = arm_boot_info.phys_offset, hi = kernel_phys(_end);
	const u32 *tag;

	if ((atags & 3) || atags < lo || (u64)atags + ATAG_HEADER_WORDS * 4 > hi)
		return NULL;
	tag = __va(atags);
	if (tag[1] != ATAG_CORE)
		return NULL;
	while (tag[0] >= ATAG_HEADER_WORDS && (u64)__pa(tag) + (u64)tag[0] * 4 <= hi) {
		if (tag[1] == ATAG_CMDLINE) {
			*len = strnlen((const char *)&tag[ATAG_HEADER_WORDS], (tag[0] - ATAG_HEADER_WORDS) * 4);
			return (const char *)&tag[ATAG_HEADER_WORDS];
		}
		if (tag[1] == ATAG_NONE)
			break;
		tag += tag[0];
	}
	return NULL;
}

static void build_command_line(void)
{
	const char *extra = NULL;
	size_t n, extra_len = 0;

	snprintf(boot_command_line, CMDLINE_MAX, "%s", fdt_info.bootargs);
	if (arm_boot_info.appended)
		extra = atag_cmdline(arm_boot_info.loader_r2, &extra_len);
	if (!extra || !extra_len)
		return;
	n = strlen(boot_command_line);
	if (n && n < CMDLINE_MAX - 1)
		boot_command_line[n++] = ' ';
	snprintf(boot_command_line + n, CMDLINE_MAX - n, "%.*s", (int)extra_len, extra);
}

/* Map the DTB through the fixed window head.S set up and read it. */
static void scan_fdt(void)
{
	phys_addr_t pa = arm_boot_info.dtb_phys;
	unsigned long off = pa & ~SECTION_MASK;
	const void *fdt = (const void *)(FDT_FIXED_BASE + off);

	if ((pa & 3) || !bootfdt_has_magic(fdt)) {
		pr_err("fdt: no device tree blob at 0x%08x (loader passed r2 = 0x%08x, nothing appended to the image)\n",
		       (unsigned int)pa, (unsigned int)arm_boot_info.loader_r2);
		panic("no device tree: cannot learn the size of RAM");
	}
	if (bootfdt_scan(fdt, FDT_FIXED_SIZE - off, &fdt_info) < 0)
		panic("the device tree blob at 0x%08x is unusable (see the fdt: line above)", (unsigned int)pa);
	if (fdt_info.model[0])
		pr_info("OF: fdt: Machine model: %s\n", fdt_info.model);
	pr_info("fdt: blob at 0x%08x, %u bytes%s\n", (unsigned int)pa, (unsigned int)fdt_info.totalsize,
		arm_boot_info.appended ? " (appended to the kernel image)" : "");
}

/* True if [base, base + size) overlaps [lo, hi). */
static bool overlaps(phys_addr_t base, phys_addr_t size, phys_addr_t lo, phys_addr_t hi)
{
	return base < hi && base + size > lo;
}

static void reserve_memory(void)
{
	phys_addr_t pgd = arm_boot_info.pgd_phys;
	phys_addr_t kstart = kernel_phys(_start), kend = kernel_phys(_end);
	phys_addr_t dtb = arm_boot_info.dtb_phys;

	memblock_reserve(pgd, L1_TABLE_SIZE);
	memblock_reserve(kstart, kend - kstart);
	memblock_reserve(dtb, ALIGN(fdt_info.totalsize, 4));
	for (unsigned int i = 0; i < fdt_info.nr_reserved; i++) {
		const struct bootfdt_range *r = &fdt_info.reserved[i];

		/* The kernel runs there already: such a reservation cannot be meant. */
		if (overlaps(r->base, r->size, pgd, kend)) {
			pr_err("fdt: reservation [mem 0x%08x-0x%08x] covers the running kernel at 0x%08x-0x%08x; ignored\n",
			       (unsigned int)r->base, (unsigned int)(r->base + r->size - 1),
			       (unsigned int)pgd, (unsigned int)(kend - 1));
			continue;
		}
		if (!r->nomap)
			memblock_reserve(r->base, r->size);
		else if (memblock_is_region_reserved(r->base, r->size))	/* Linux refuses these (-EBUSY) */
			pr_err("fdt: no-map reservation [mem 0x%08x-0x%08x] overlaps memory already reserved; ignored\n",
			       (unsigned int)r->base, (unsigned int)(r->base + r->size - 1));
		else
			memblock_mark_nomap(r->base, r->size);
	}
	reserve_initrd_mem((phys_addr_t)fdt_info.initrd_start, (phys_addr_t)fdt_info.initrd_end);
}

/*
 * RAM below PHYS_OFFSET (the load address minus TEXT_OFFSET, which head.S
 * checks is on a 1 MiB boundary) has no lowmem address: it would land
 * below PAGE_OFFSET, in the pkmap window.  Linux drops it too
 * (MIN_MEMBLOCK_ADDR in drivers/of/fdt.c).  Returns the new start.
 */
static u64 clip_below_phys_offset(unsigned int bank, u64 start, u64 end, phys_addr_t phys_offset)
{
	u64 clip = min(end, (u64)phys_offset);

	pr_info("fdt: memory bank %u: [mem 0x%08x-0x%08x] lies below the kernel's PHYS_OFFSET 0x%08x; ignored\n",
		bank, (unsigned int)start, (unsigned int)(clip - 1), (unsigned int)phys_offset);
	return clip;
}

/* The DTB's banks to memblock, whole pages at or above PHYS_OFFSET only; panics if the kernel is not in them. */
static void add_memory_banks(void)
{
	phys_addr_t kstart = kernel_phys(_start), kend = kernel_phys(_end);
	phys_addr_t phys_offset = arm_boot_info.phys_offset;

	memblock_reset();
	for (unsigned int i = 0; i < fdt_info.nr_banks; i++) {
		const struct bootfdt_range *b = &fdt_info.banks[i];
		u64 start = ALIGN((u64)b->base, PAGE_SIZE), end = ALIGN_DOWN((u64)b->base + b->size, PAGE_SIZE);

		/*
		 * Only whole pages count, as in Linux.  U-Boot on this board
		 * probes a second bank at 0x80000000 and reports 4 bytes when
		 * no RAM answers there.
		 */
		if (end <= start) {
			pr_info("fdt: memory bank %u: [mem 0x%08x-0x%08x] holds no whole page; skipped\n", i,
				(unsigned int)b->base, (unsigned int)(b->base + b->size - 1));
			continue;
		}
		if (start < phys_offset)
			start = clip_below_phys_offset(i, start, end, phys_offset);
		if (end <= start)
			continue;
		pr_info("fdt: memory bank %u: [mem 0x%08x-0x%08x] %u MiB\n", i, (unsigned int)start,
			(unsigned int)(end - 1), (unsigned int)((end - start) >> 20));
		memblock_add((phys_addr_t)start, (phys_addr_t)(end - start));
	}
	if (!memblock.memory.cnt)
		panic("the device tree describes no usable memory");
	if (!memblock_is_memory(kstart) || !memblock_is_memory(kend - 1)) {
		pr_err("fdt: no memory bank holds the running kernel at 0x%08x-0x%08x\n",
		       (unsigned int)kstart, (unsigned int)(kend - 1));
		panic("the device tree's memory does not include the kernel");
	}
}

void __init setup_arch(struct boot_params *bp)
{
	scan_fdt();
	build_command_line();
	pr_notice("Kernel command line: %s\n", boot_command_line);
	cmdline_parse(boot_command_line, bp);
	if (bp->loglevel >= 0)
		console_set_loglevel(bp->loglevel);
	else if (bp->quiet)
		console_set_loglevel(CONSOLE_LOGLEVEL_QUIET);
	add_memory_banks();
	cmdline_apply_mem(bp, arm_boot_info.phys_offset, kernel_phys(_start), kernel_phys(_end));
	reserve_memory();
}
