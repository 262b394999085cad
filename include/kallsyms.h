/*
 * The kernel's symbol table (kernel/kallsyms.c, built by scripts/mksyms at
 * link time): from a code address to the function that holds it, for
 * fault reports and /proc/vmallocinfo.  The host build has no table: its
 * shim (tests/host/fake_kallsyms.c) finds nothing, so callers must always
 * have a numeric fallback.
 */
#ifndef KALLSYMS_H
#define KALLSYMS_H

#include <stdio.h>	/* snprintf: lib/vsprintf.c in the kernel, libc on the host */
#include <types.h>

/*
 * The function containing addr: returns its name and sets *size (bytes)
 * and *offset (addr minus its start).  Returns NULL, leaving both
 * untouched, if addr lies in no function of the kernel's text.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset);

/* Room for what sprint_symbol writes (Linux's KSYM_SYMBOL_LEN). */
#define KSYM_SYMBOL_LEN	128

/*
 * addr as Linux's sprint_symbol writes it (%pS): function+0xoffset/0xsize,
 * or, outside every function, the address itself as 0x%08lx.  Returns buf.
 */
static inline char *sprint_symbol(char buf[KSYM_SYMBOL_LEN], unsigned long addr)
{
	unsigned long size, off;
	const char *name = kallsyms_lookup(addr, &size, &off);

	if (name)
		snprintf(buf, KSYM_SYMBOL_LEN, "%s+0x%lx/0x%lx", name, off, size);
	else
		snprintf(buf, KSYM_SYMBOL_LEN, "0x%08lx", addr);
	return buf;
}

#endif
