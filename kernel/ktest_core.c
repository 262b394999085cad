/*
 * Self-tests of kernel/ and lib/ (lib/ is a leaf, so its tests live here):
 * the kernel's own vsnprintf against the C standard's results, and the
 * symbol table kallsyms_lookup reads.
 */
#include <kallsyms.h>
#include <printk.h>
#include <selftest.h>
#include <string.h>

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

/* The table scripts/mksyms writes (kernel/kallsyms.c reads it). */
extern const u32 kallsyms_num;
extern const u32 kallsyms_addresses[], kallsyms_sizes[], kallsyms_name_offsets[];
extern const char kallsyms_names[];

/* A function finds itself at every offset inside it, and data finds nothing. */
static int kallsyms_finds_itself(void)
{
	unsigned long fn = (unsigned long)kallsyms_lookup, size = 0, off = 1;
	const char *name = kallsyms_lookup(fn, &size, &off);

	KT_EXPECT(kallsyms_num > 100, "the table has only %u entries", (unsigned int)kallsyms_num);
	KT_EXPECT(name && !strcmp(name, "kallsyms_lookup") && off == 0 && size > 8,
		  "kallsyms_lookup(0x%08lx) gave %s+0x%lx/0x%lx", fn, name ? name : "NULL", off, size);
	name = kallsyms_lookup(fn + size - 1, &size, &off);
	KT_EXPECT(name && !strcmp(name, "kallsyms_lookup") && off == size - 1,
		  "the last byte of kallsyms_lookup gave %s+0x%lx", name ? name : "NULL", off);
	KT_EXPECT(!kallsyms_lookup((unsigned long)&kallsyms_num, &size, &off), "a rodata address found a function");
	KT_EXPECT(!kallsyms_lookup(0, &size, &off), "address 0 found a function");
	for (u32 i = 1; i < kallsyms_num; i++)
		if (kallsyms_addresses[i] <= kallsyms_addresses[i - 1]) {
			KT_EXPECT(0, "table not sorted at entry %u", (unsigned int)i);
			break;
		}
	return 0;
}
KTEST(kallsyms_finds_itself, kallsyms_finds_itself);
