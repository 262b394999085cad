/*
 * Address to function name, over the table scripts/mksyms writes at link
 * time (the Makefile links the kernel twice to build it).  The table is
 * sorted by address; each entry has a size, so an address in the padding
 * between two functions, or outside the text, finds nothing.
 */
#include <kallsyms.h>
#include <selftest.h>
#include <string.h>

extern const u32 kallsyms_num;
extern const u32 kallsyms_addresses[], kallsyms_sizes[], kallsyms_name_offsets[];
extern const char kallsyms_names[];

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	u32 lo = 0, hi = kallsyms_num;

	/* Find the last entry starting at or below addr: [lo, hi) narrows to it. */
	if (!hi || addr < kallsyms_addresses[0])
		return NULL;
	while (hi - lo > 1) {
		u32 mid = lo + (hi - lo) / 2;

		if (kallsyms_addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (addr - kallsyms_addresses[lo] >= kallsyms_sizes[lo])
		return NULL;
	*size = kallsyms_sizes[lo];
	*offset = addr - kallsyms_addresses[lo];
	return &kallsyms_names[kallsyms_name_offsets[lo]];
}

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
