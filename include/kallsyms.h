/*
 * The kernel's symbol table (kernel/kallsyms.c, built by scripts/mksyms at
 * link time): from a code address to the function that holds it, for
 * fault reports and /proc/vmallocinfo.  The host build has no table: its
 * shim (tests/host/fake_kallsyms.c) finds nothing, so callers must always
 * have a numeric fallback.
 */
#ifndef KALLSYMS_H
#define KALLSYMS_H

#include <types.h>

/*
 * The function containing addr: returns its name and sets *size (bytes)
 * and *offset (addr minus its start).  Returns NULL, leaving both
 * untouched, if addr lies in no function of the kernel's text.
 */
const char *kallsyms_lookup(unsigned long addr, unsigned long *size, unsigned long *offset);

#endif
