/*
 * Versatile Express A9x4 board support: the static I/O map, the PL011
 * console on UART0, the SP804 timer as the clock, and power-off and reboot
 * through the motherboard's system configuration registers.
 */
#include <arch.h>
#include <board.h>
#include <boards/vexpress-a9/board.h>

/*
 * The static map must stay inside the part of the vmalloc window that the
 * smallest reserve Linux accepts (vmalloc=16M) still leaves above lowmem:
 * [VMALLOC_END - 16 MiB, VMALLOC_END).
 */
#define IN_TOP_OF_VMALLOC(virt, size)	((virt) >= VMALLOC_END - SZ_16M && (virt) + (size) <= VMALLOC_END && \
					 (size) && !((virt) % SZ_1M) && !((size) % SZ_1M))
_Static_assert(IN_TOP_OF_VMALLOC(V2M_PERIPH_VIRT, V2M_PERIPH_SIZE) && IN_TOP_OF_VMALLOC(A9_PRIV_VIRT, A9_PRIV_SIZE),
	       "the static device map must lie where no lowmem limit can reach");

/* The static device map, established by paging_init (head.S maps the same two sections early). */
static const struct board_iomap vexpress_iomap[] = {
	{ "v2m-periph", V2M_PERIPH_PHYS, V2M_PERIPH_VIRT, V2M_PERIPH_SIZE, BOARD_MAP_DEVICE },
	{ "a9-private", A9_PRIV_PHYS, A9_PRIV_VIRT, A9_PRIV_SIZE, BOARD_MAP_DEVICE },
};

#define REG32(addr)	(*(volatile u32 *)(addr))
#define UART0		V2M_VIRT(V2M_UART0_PHYS)
#define SYSREGS		V2M_VIRT(V2M_SYSREGS_PHYS)
#define SP810		V2M_VIRT(V2M_SP810_PHYS)
#define TIMER0		V2M_VIRT(V2M_TIMER01_PHYS)
#define RTC		V2M_VIRT(V2M_RTC_PHYS)

/* PL011 (PL011 TRM 3.3): baud divisors for 38400 from the 24 MHz UARTCLK. */
#define PL011_IBRD	0x24
#define PL011_FBRD	0x28
#define PL011_LCRH	0x2c
#define PL011_CR	0x30
#define PL011_LCRH_WLEN8	(3 << 5)
#define PL011_LCRH_FEN		(1 << 4)
#define PL011_CR_UARTEN		(1 << 0)
#define PL011_CR_TXE		(1 << 8)
#define PL011_CR_RXE		(1 << 9)
#define UART_CLK_HZ		24000000	/* dts: clock "v2m:oscclk2", 24 MHz */
#define UART_BAUD		38400		/* U-Boot's rate for this board */

/* SP804 (SP804 TRM 3.2): timer 0 free-running, 32-bit, counting down at 1 MHz. */
#define SP804_LOAD	0x00
#define SP804_VALUE	0x04
#define SP804_CTRL	0x08
#define SP804_CTRL_32BIT	(1 << 1)
#define SP804_CTRL_ENABLE	(1 << 7)
#define TIMER_HZ		1000000		/* TIMCLK, selected in the SP810 below */
/* SP810 SCCTRL (SP810 TRM 3.3.1): TimerEn0Sel selects TIMCLK for timer 0. */
#define SP810_SCCTRL		0x00
#define SP810_TIMEREN0SEL	(1 << 15)

static void pl011_init(void)
{
	/* Keep what U-Boot configured; a direct boot finds the UART disabled. */
	if (REG32(UART0 + PL011_CR) & PL011_CR_UARTEN)
		return;
	REG32(UART0 + PL011_IBRD) = UART_CLK_HZ / (16 * UART_BAUD);
	REG32(UART0 + PL011_FBRD) = ((UART_CLK_HZ % (16 * UART_BAUD)) * 64 + 8 * UART_BAUD) / (16 * UART_BAUD);
	/* Changing FEN empties the receive FIFO: keep it, so typed-ahead input survives. */
	REG32(UART0 + PL011_LCRH) = (REG32(UART0 + PL011_LCRH) & PL011_LCRH_FEN) | PL011_LCRH_WLEN8;
	REG32(UART0 + PL011_CR) = PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE;
}

/*
 * Receive and receive-timeout interrupts: together they fire for any
 * character waiting, and both clear when the FIFO is read empty (PL011
 * TRM 3.4 "Interrupts"), which the console's handler does.
 */
static void pl011_irq_enable(void)
{
	REG32(UART0 + PL011_IMSC) |= PL011_IMSC_RXIM | PL011_IMSC_RTIM;
}

static u32 pl031_read(void)
{
	return REG32(RTC + PL031_DR);
}

static void pl011_putc(char c)
{
	while (REG32(UART0 + PL011_FR) & PL011_FR_TXFF)
		;
	REG32(UART0 + PL011_DR) = (u8)c;
}

static int pl011_getc(void)
{
	if (REG32(UART0 + PL011_FR) & PL011_FR_RXFE)
		return -1;
	return REG32(UART0 + PL011_DR) & 0xff;
}

/*
 * The SP804 counts down through 32 bits in 71 minutes; the clock extends
 * it to 64 bits by counting wraps, which holds as long as it is read at
 * least once per wrap (the shell's idle loop does).
 */
static u32 timer_last;
static u64 timer_high;

static void sp804_init(void)
{
	REG32(SP810 + SP810_SCCTRL) |= SP810_TIMEREN0SEL;
	REG32(TIMER0 + SP804_CTRL) = 0;
	REG32(TIMER0 + SP804_LOAD) = 0xffffffff;
	REG32(TIMER0 + SP804_CTRL) = SP804_CTRL_32BIT | SP804_CTRL_ENABLE;
	timer_last = 0;
	timer_high = 0;
}

static u64 sp804_clock_ns(void)
{
	u32 elapsed = 0xffffffff - REG32(TIMER0 + SP804_VALUE);

	if (elapsed < timer_last)
		timer_high += 1ULL << 32;
	timer_last = elapsed;
	return (timer_high + elapsed) * (1000000000ULL / TIMER_HZ);
}

static u32 sys_24mhz(void)
{
	return REG32(SYSREGS + V2M_SYS_24MHZ);
}

static void vexpress_early_init(void)
{
	pl011_init();
	sp804_init();
}

static void __noreturn sys_cfg_function(unsigned int function)
{
	REG32(SYSREGS + V2M_SYS_CFGDATA) = 0;
	REG32(SYSREGS + V2M_SYS_CFGSTAT) = 0;
	REG32(SYSREGS + V2M_SYS_CFGCTRL) = SYS_CFGCTRL_START | SYS_CFGCTRL_WRITE |
					   SYS_CFGCTRL_FUNC(function);
	for (;;)
		__asm__ volatile("wfi");
}

static void __noreturn vexpress_poweroff(void)
{
	/* Let the last console line leave the FIFO first. */
	while (REG32(UART0 + PL011_FR) & PL011_FR_BUSY)
		;
	sys_cfg_function(SYS_CFG_SHUTDOWN);
}

static void __noreturn vexpress_reboot(void)
{
	while (REG32(UART0 + PL011_FR) & PL011_FR_BUSY)
		;
	sys_cfg_function(SYS_CFG_REBOOT);
}

const struct board_desc board = {
	.name = "ARM Versatile Express Cortex-A9x4 (vexpress-v2p-ca9)",
	.iomap = vexpress_iomap,
	.nr_iomap = ARRAY_SIZE(vexpress_iomap),
	.early_init = vexpress_early_init,
	.putc = pl011_putc,
	.getc = pl011_getc,
	.clock_ns = sp804_clock_ns,
	.counter = sys_24mhz,
	.counter_hz = V2M_SYS_24MHZ_HZ,
	.poweroff = vexpress_poweroff,
	.reboot = vexpress_reboot,
	.cpu_private = A9_PRIV_VIRT,
	.console_irq = V2M_UART0_IRQ,
	.console_irq_enable = pl011_irq_enable,
	.rtc_read = pl031_read,
};
