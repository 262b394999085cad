/*
 * The Cortex-A9 private timer (each CPU's own, "twd" in Linux) as the
 * periodic tick on every CPU: auto-reload every 1/HZ s, its PPI (one
 * per-CPU interrupt, registered once, enabled by each CPU) calling
 * tick_periodic (kernel/time.c).  The registers sit at the same address
 * for every CPU, each seeing its own timer (Cortex-A9 MPCore TRM 4.1).  Its clock is PERIPHCLK, which differs between boards
 * and emulators, so its rate is measured against the board's free-running
 * counter first, as Linux's twd driver calibrates when it has no clock.
 */
#include <board.h>
#include <irq.h>
#include <printk.h>
#include <ktime.h>

/* Private timer registers (Cortex-A9 MPCore TRM 4.2, "Private timer and watchdog registers"). */
#define TWD_OFFSET		0x600	/* in the private region (TRM table 1-3) */
#define TWD_LOAD		0x00
#define TWD_COUNTER		0x04
#define TWD_CONTROL		0x08
#define TWD_INTSTAT		0x0c
#define TWD_CONTROL_ENABLE	(1 << 0)
#define TWD_CONTROL_AUTO_RELOAD	(1 << 1)
#define TWD_CONTROL_IRQ_ENABLE	(1 << 2)
#define TWD_INTSTAT_EVENT	(1 << 0)	/* set at zero; writing 1 clears it */
#define TWD_PPI			29	/* the private timer's interrupt ID (TRM 3.3, dts: timer@1e000600) */
/* Calibrate for 1/4096 s of the board's counter: 5860 of its ticks, and quick under -icount. */
#define TWD_CALIBRATE_SHIFT	12

static unsigned long twd_rate;
static unsigned int twd_hz;

static volatile u32 *twd(unsigned int offset)
{
	return (volatile u32 *)(board.cpu_private + TWD_OFFSET + offset);
}

/*
 * One reading of the private timer, stamped with the board's counter read
 * just before and just after it (the midpoint: each read of a device
 * register can take a while on an emulator).
 */
static u32 twd_read_stamped(u32 *stamp)
{
	u32 before = board.counter(), value = *twd(TWD_COUNTER), after = board.counter();

	*stamp = before + (after - before) / 2;
	return value;
}

/* Count the private timer down from the top while the board's counter advances a known amount. */
static unsigned long twd_calibrate(void)
{
	u32 window = board.counter_hz >> TWD_CALIBRATE_SHIFT, start, end, twd_start, twd_end;

	*twd(TWD_CONTROL) = 0;
	*twd(TWD_LOAD) = 0xffffffff;
	*twd(TWD_CONTROL) = TWD_CONTROL_ENABLE;
	twd_start = twd_read_stamped(&start);
	while (board.counter() - start < window)
		;
	twd_end = twd_read_stamped(&end);
	return timer_rate_from(twd_start - twd_end, end - start, board.counter_hz);
}

static void twd_interrupt(unsigned int irq, void *dev)
{
	*twd(TWD_INTSTAT) = TWD_INTSTAT_EVENT;
	tick_periodic();
}

/* This CPU's private timer ticking at twd_hz, and its PPI let through to this CPU. */
static void twd_start_this_cpu(void)
{
	*twd(TWD_CONTROL) = 0;
	*twd(TWD_INTSTAT) = TWD_INTSTAT_EVENT;
	*twd(TWD_LOAD) = timer_load_for(twd_rate, twd_hz);
	*twd(TWD_CONTROL) = TWD_CONTROL_ENABLE | TWD_CONTROL_AUTO_RELOAD | TWD_CONTROL_IRQ_ENABLE;
	enable_percpu_irq(TWD_PPI);
}

/* The boot CPU: calibrate (all CPUs share PERIPHCLK), the handler once for all CPUs, its own timer. */
int arch_timer_init(unsigned int hz)
{
	int err;

	if (!twd_rate) {
		twd_rate = twd_calibrate();
		pr_info("Calibrating local timer... %lu.%02luMHz.\n", twd_rate / 1000000, (twd_rate / 10000) % 100);
	}
	*twd(TWD_CONTROL) = 0;
	err = request_percpu_irq(TWD_PPI, twd_interrupt, "twd", NULL);
	if (err)
		return err;
	twd_hz = hz;
	twd_start_this_cpu();
	return 0;
}

void arch_timer_starting_cpu(void)
{
	if (twd_hz)
		twd_start_this_cpu();
}
