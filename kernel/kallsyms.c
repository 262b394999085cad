/*
 * Address to function name, over the table scripts/mksyms writes at link
 * time (the Makefile links the kernel twice to build it).  The table is
 * sorted by address; each entry has a size, so an address in the padding
 * between two functions, or outside the text, finds nothing.
 */
#include <kallsyms.h>
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
