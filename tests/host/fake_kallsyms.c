/*
 * Host shim for include/kallsyms.h: the host build has no kernel symbol
 * table, so every lookup finds nothing and callers print the address.
 */
#include <kallsyms.h>

const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset)
{
	(void)addr;
	(void)size;
	(void)offset;
	return NULL;
}
