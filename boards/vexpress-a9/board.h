/*
 * Versatile Express V2M-P1 motherboard with the CoreTile Express A9x4
 * (vexpress-v2p-ca9): the only place that knows this board's addresses.
 * Physical addresses follow dts/vexpress-v2p-ca9.dts; the static virtual
 * addresses are this kernel's choice: the top 2 MiB of the vmalloc window,
 * which even the smallest vmalloc= (16 MiB) keeps, so that no lowmem limit
 * reaches them; start_kernel reserves them there as static areas
 * (vmalloc_reserve_early).
 * Usable from assembly.
 */
#ifndef BOARD_VEXPRESS_A9_H
#define BOARD_VEXPRESS_A9_H

#define BOARD_PHYS_OFFSET	0x60000000	/* /memory@60000000: RAM start */
#define BOARD_TEXT_OFFSET	0x00008000	/* kernel loaded at RAM + 32 KiB */
#define BOARD_PGD_OFFSET	0x00004000	/* initial L1 table: RAM + 16 KiB */

/* Motherboard peripherals, one 1 MiB section (dts: /bus@40000000/motherboard-bus). */
#define V2M_PERIPH_PHYS		0x10000000
#define V2M_PERIPH_VIRT		0xff600000
#define V2M_PERIPH_SIZE		0x00100000
#define V2M_SYSREGS_PHYS	0x10000000	/* dts: sysreg@10000000 */
#define V2M_SP810_PHYS		0x10001000	/* dts: sysctl@10001000 */
#define V2M_UART0_PHYS		0x10009000	/* dts: serial@10009000 (console) */
#define V2M_TIMER01_PHYS	0x10011000	/* dts: timer@10011000 (SP804) */
#define V2M_RTC_PHYS		0x10017000	/* dts: rtc@10017000 (PL031) */

/* GIC interrupt IDs: the SPIs start at ID 32 (dts: the interrupts of each node are <0 spi level>). */
#define V2M_UART0_IRQ		(32 + 5)	/* dts: serial@10009000 interrupts = <0 5 4> */

/*
 * The motherboard's 32 MiB PSRAM on static memory chip select 2 (V2M-P1 TRM 2.6,
 * legacy memory map; Linux's vexpress-v2m.dtsi psram@2,00000000).  Nothing else uses
 * it: scripts/nor-boot.S parks the secondary cores in a copy of its pen there.
 */
#define V2M_PSRAM_PHYS		0x48000000
#define V2M_PSRAM_PEN_PHYS	(V2M_PSRAM_PHYS + 0x1000)

/* Cortex-A9 MPCore private region and L2C-310, one section (dts: scu@1e000000). */
#define A9_PRIV_PHYS		0x1e000000
#define A9_PRIV_VIRT		0xff700000
#define A9_PRIV_SIZE		0x00100000

/* Virtual address of a motherboard peripheral in the static map. */
#define V2M_VIRT(phys)		((phys) - V2M_PERIPH_PHYS + V2M_PERIPH_VIRT)

/* System registers (V2M-P1 TRM, 4.3 "Register summary"). */
#define V2M_SYS_FLAGSSET	0x30	/* writes set bits; reads give SYS_FLAGS (scripts/nor-boot.S) */
#define V2M_SYS_24MHZ		0x5c	/* counts at 24 MHz from reset */
#define V2M_SYS_24MHZ_HZ	24000000
#define V2M_SYS_CFGDATA		0xa0
#define V2M_SYS_CFGCTRL		0xa4
#define V2M_SYS_CFGSTAT		0xa8

/* SYS_CFGCTRL (V2M-P1 TRM 4.3.14): start, write, function, site, position, device. */
#define SYS_CFGCTRL_START	0x80000000	/* bit 31: start the transfer */
#define SYS_CFGCTRL_WRITE	0x40000000	/* bit 30: write SYS_CFGDATA */
#define SYS_CFGCTRL_FUNC(f)	((f) << 20)	/* bits 25:20: function */
#define SYS_CFG_SHUTDOWN	8
#define SYS_CFG_REBOOT		9

/* PL011 registers (PL011 TRM, 3.2 "Summary of registers"). */
#define PL011_DR		0x00
#define PL011_FR		0x18
#define PL011_FR_TXFF		(1 << 5)	/* transmit FIFO full */
#define PL011_FR_RXFE		(1 << 4)	/* receive FIFO empty */
#define PL011_FR_BUSY		(1 << 3)
#define PL011_IMSC		0x38		/* interrupt mask set/clear: 1 lets it through */
#define PL011_IMSC_RXIM		(1 << 4)	/* receive (FIFO at its trigger level) */
#define PL011_IMSC_RTIM		(1 << 6)	/* receive timeout (characters waiting below the level) */

/* PL031 registers (PL031 TRM, 3.2 "Summary of RTC registers"). */
#define PL031_DR		0x00		/* the counter: seconds, set from the host clock by QEMU */

#endif
