/*
 * Self-tests of setup_arch (arch/arm/setup.c): the ATAG command line is
 * read only within its bounds, and memblock holds the reservations boot
 * made (the kernel image, head.S's L1 table, the DTB).
 */
#include <arch.h>
#include <memblock.h>
#include <selftest.h>
#include <string.h>
#include <asm/hw.h>
#include <asm/setup.h>

/* An ATAG list inside the kernel image (.bss), where atag_cmdline may read. */
static u32 atag_test_list[12];

static const char *atag_test_read(size_t *len)
{
	*len = ~(size_t)0;
	return atag_cmdline(__pa(atag_test_list), len);
}

/*
 *   [CORE, 2 words][CMDLINE, 2 + 2 words: "mem=64M\0"][NONE]    read, 7 bytes
 *   [CORE, 2 words][CMDLINE, 0x40000001 words]                 refused: 4 * size wraps 32 bits
 *   [CORE, 2 words][CMDLINE, 2 + 1 words: "abcd", no NUL]      read, only the tag's 4 bytes
 */
static int atag_cmdline_bounds(void)
{
	u32 *t = atag_test_list;
	const char *line;
	size_t len;

	memset(atag_test_list, 0, sizeof(atag_test_list));
	t[0] = 2;
	t[1] = ATAG_CORE;
	t[2] = 4;
	t[3] = ATAG_CMDLINE;
	memcpy(&t[4], "mem=64M", 8);
	t[6] = 2;
	t[7] = ATAG_NONE;
	line = atag_test_read(&len);
	KT_EXPECT(line && len == 7 && !memcmp(line, "mem=64M", 7), "a proper list gave %s, length %lu",
		  line ? line : "NULL", (unsigned long)len);

	t[2] = 0x40000001;
	KT_EXPECT(!atag_test_read(&len), "a tag whose size wraps 32 bits must be refused");

	t[2] = 3;
	memcpy(&t[4], "abcdefgh", 8);
	line = atag_test_read(&len);
	KT_EXPECT(line && len == 4, "an unterminated command line must stop at its tag's end (length %lu)",
		  (unsigned long)len);
	return 0;
}
KTEST(atag_cmdline_bounds, atag_cmdline_bounds);

static int memblock_boot_reservations(void)
{
	phys_addr_t kstart = __pa(_start), kend = __pa(_end);

	KT_EXPECT(memblock_is_reserved(kstart) && memblock_is_reserved(kend - 1),
		  "the kernel image 0x%08x-0x%08x must be reserved", kstart, kend - 1);
	KT_EXPECT(memblock_is_reserved(arm_boot_info.pgd_phys) &&
		  memblock_is_reserved(arm_boot_info.pgd_phys + SZ_16K - 1),
		  "the L1 table at 0x%08x must be reserved", arm_boot_info.pgd_phys);
	KT_EXPECT(memblock_is_reserved(arm_boot_info.dtb_phys), "the DTB at 0x%08x must be reserved",
		  arm_boot_info.dtb_phys);
	KT_EXPECT(memblock_is_memory(kstart), "the kernel must sit in RAM");
	KT_EXPECT(memblock_start_of_DRAM() == arm_boot_info.phys_offset,
		  "RAM starts at 0x%08x, where the kernel was loaded", memblock_start_of_DRAM());
	return 0;
}
KTEST(memblock_boot_reservations, memblock_boot_reservations);
