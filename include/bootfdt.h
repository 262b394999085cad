/*
 * bootfdt: everything the kernel learns from the device tree blob, read
 * with libfdt after the whole blob has passed fdt_check_full().  Every
 * problem found is reported on one line starting "fdt: "; usable parts are
 * kept, unusable ones dropped, and the caller decides what to do if nothing
 * usable is left.
 */
#ifndef BOOTFDT_H
#define BOOTFDT_H

#include <init.h>
#include <types.h>

#define BOOTFDT_MAX_BANKS	8
#define BOOTFDT_MAX_RESERVED	16
#define BOOTFDT_CMDLINE_SIZE	1024

struct bootfdt_range {
	phys_addr_t base;
	phys_addr_t size;
	bool nomap;		/* a /reserved-memory child with no-map: memblock_mark_nomap, not reserve */
};

struct bootfdt {
	u32 totalsize;			/* of the blob, to reserve it */
	u32 addr_cells, size_cells;	/* of the root node; 1 and 1 when absent, as Linux */
	char model[64];			/* root "model", or "" */
	unsigned int nr_banks;		/* /memory reg entries, validated */
	struct bootfdt_range banks[BOOTFDT_MAX_BANKS];
	unsigned int nr_reserved;	/* /memreserve/ and /reserved-memory reg */
	struct bootfdt_range reserved[BOOTFDT_MAX_RESERVED];
	char bootargs[BOOTFDT_CMDLINE_SIZE];	/* /chosen/bootargs or "" */
	u64 initrd_start, initrd_end;	/* /chosen linux,initrd-start/-end; both 0 if absent or bad */
	unsigned int nr_problems;	/* lines reported */
};

/*
 * Validate the blob at fdt (at most max_size bytes readable there) and fill
 * *info.  Returns 0 when the blob is structurally sound (problems with single
 * nodes may still have been reported and the offending data dropped), or a
 * negative libfdt error when the blob cannot be used at all; in both cases
 * every problem has been printed.
 */
int __init bootfdt_scan(const void *fdt, size_t max_size, struct bootfdt *info);

/* True if the 4 bytes at p are the FDT magic (0xd00dfeed, big-endian). */
bool bootfdt_has_magic(const void *p);

#endif
