/*
 * The board descriptor: everything generic kernel code may ask of the
 * board.  Exactly one board provides `board` (boards/<name>/board.c).
 * mm/ and highmem/ never include this.
 */
#ifndef BOARD_H
#define BOARD_H

/*
 * Field offsets head.S reads to map board.iomap before the MMU is on
 * (arch/arm/setup.c checks them against the structures below).
 */
#define BOARD_DESC_IOMAP	4	/* struct board_desc: iomap */
#define BOARD_DESC_NR_IOMAP	8	/* struct board_desc: nr_iomap */
#define BOARD_IOMAP_PHYS	4	/* struct board_iomap: phys */
#define BOARD_IOMAP_VIRT	8	/* struct board_iomap: virt */
#define BOARD_IOMAP_SIZE	12	/* struct board_iomap: size */
#define BOARD_IOMAP_TYPE	16	/* struct board_iomap: type */
#define BOARD_IOMAP_ENTRY_SIZE	20	/* sizeof(struct board_iomap) */
#define BOARD_MAP_DEVICE_TYPE	0	/* the value of BOARD_MAP_DEVICE */

#ifndef __ASSEMBLER__

#include <types.h>

/* Memory types of a static device mapping. */
enum board_map_type {
	BOARD_MAP_DEVICE = BOARD_MAP_DEVICE_TYPE,	/* device registers: uncached, never executed */
	BOARD_MAP_NORMAL,	/* memory-like (flash read as memory) */
};

/* One entry of the board's static I/O map: mapped by head.S, again by paging_init. */
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
	unsigned long cpu_private;		/* virtual base of the CPU's private region (SCU, GIC, timers) */
	unsigned int console_irq;		/* GIC interrupt ID of the console UART */
	void (*console_irq_enable)(void);	/* let the console UART interrupt when input arrives */
	u32 (*rtc_read)(void);			/* the real-time clock: seconds since 1970-01-01 00:00 UTC */
};

extern const struct board_desc board;

#endif /* __ASSEMBLER__ */
#endif
