/*
 * The board descriptor: everything generic kernel code may ask of the
 * board.  Exactly one board provides `board` (boards/<name>/board.c).
 * mm/ and highmem/ never include this.
 */
#ifndef BOARD_H
#define BOARD_H

#include <types.h>

/* Memory types of a static device mapping. */
enum board_map_type {
	BOARD_MAP_DEVICE,	/* device registers: uncached, never executed */
	BOARD_MAP_NORMAL,	/* memory-like (flash read as memory) */
};

/* One entry of the board's static I/O map: established at paging_init. */
struct board_iomap {
	const char *name;
	phys_addr_t phys;
	unsigned long virt;
	unsigned long size;	/* a multiple of 1 MiB */
	enum board_map_type type;
};

struct board_desc {
	const char *name;
	const struct board_iomap *iomap;
	unsigned int nr_iomap;
	void (*early_init)(void);		/* console and clock; MMU on, early map */
	void (*putc)(char c);			/* blocking console output */
	int (*getc)(void);			/* console input: a byte, or -1 if none */
	u64 (*clock_ns)(void);			/* monotonic nanoseconds since early_init */
	/*
	 * A free-running counter from machine reset that QEMU derives from
	 * its virtual clock, so under -icount it counts instructions:
	 * counter_hz ticks per second of guest time.
	 */
	u32 (*counter)(void);
	u32 counter_hz;
	void (*poweroff)(void) __noreturn;
	void (*reboot)(void) __noreturn;
};

extern const struct board_desc board;

#endif
