/*
 * Self-tests of the core: the kernel's own vsnprintf against the C
 * standard's results, and memblock's record of what boot reserved.
 */
#include <arch.h>
#include <memblock.h>
#include <printk.h>
#include <selftest.h>
#include <string.h>
#include <asm/setup.h>

#define EXPECT_FMT(want, ...)							\
	do {									\
		char buf[64];							\
		snprintf(buf, sizeof(buf), __VA_ARGS__);			\
		KT_EXPECT(!strcmp(buf, want), "got '%s', want '%s'", buf, want); \
	} while (0)

static int vsnprintf_formats(void)
{
	char small[4];

	EXPECT_FMT("[   42]", "[%5d]", 42);
	EXPECT_FMT("[42   ]", "[%-5d]", 42);
	EXPECT_FMT("-0042", "%05d", -42);
	EXPECT_FMT("0x0000000060000000", "0x%016llx", 0x60000000ULL);
	EXPECT_FMT("ffffffff", "%lx", 0xffffffffUL);
	EXPECT_FMT("18446744073709551615", "%llu", ~0ULL);
	EXPECT_FMT("-9223372036854775808", "%lld", (long long)(1ULL << 63));
	EXPECT_FMT("ab   |", "%-5s|", "ab");
	EXPECT_FMT("abc", "%.3s", "abcdef");
	EXPECT_FMT("0x1f", "%#x", 31);
	EXPECT_FMT("100%", "%d%%", 100);
	EXPECT_FMT("  007", "%5.3d", 7);
	KT_EXPECT(snprintf(small, sizeof(small), "%s", "hello") == 5 && !strcmp(small, "hel"),
		  "truncation must keep 3 characters and return the full length");
	return 0;
}
KTEST(vsnprintf_formats, vsnprintf_formats);

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
