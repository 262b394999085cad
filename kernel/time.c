/*
 * The kernel's time: jiffies and the tick, the monotonic clock read from
 * the board's free-running counter (SYS_24MHZ on this board, which QEMU
 * drives from its virtual clock, so under -icount shift=0 one ns is one
 * instruction), and the real-time clock as the RTC's seconds at boot plus
 * the monotonic clock.  Arithmetic in kernel/time_calc.c, system calls in
 * kernel/sys_time.c, the ticking timer in the arch code.
 */
#include <board.h>
#include <init.h>
#include <printk.h>
#include <sched.h>
#include <ktime.h>

volatile unsigned long jiffies;
DECLARE_WAIT_QUEUE_HEAD(timer_wq);

/*
 * Read with IRQs masked, as all kernel code runs (include/irq.h), so the
 * tick cannot update the clock halfway through a read.
 */
static struct counter_clock mono_clock;
static u64 real_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC, fixed at boot */
static u64 last_tick_ns;

u64 ktime_get_ns(void)
{
	return counter_clock_ns(&mono_clock, board.counter());
}

u64 ktime_get_real_ns(void)
{
	return ktime_get_ns() + real_offset_ns;
}

u64 ktime_get_coarse_ns(void)
{
	return last_tick_ns;
}

void tick_periodic(void)
{
	last_tick_ns = ktime_get_ns();	/* also keeps the 32-bit counter's wraps counted */
	jiffies++;
	wake_up(&timer_wq);
	scheduler_tick();
}

/* Linux's sched_clock line, with this counter's figures. */
static void __init print_clock(u32 hz)
{
	u64 wrap_ns = ((u64)1 << 32) * NSEC_PER_SEC / hz;

	pr_info("sched_clock: 32 bits at %uMHz, resolution %uns, wraps every %lluns\n", hz / 1000000,
		(unsigned int)(NSEC_PER_SEC / hz), wrap_ns);
}

void __init time_init(void)
{
	u32 rtc = board.rtc_read();
	int err;

	counter_clock_init(&mono_clock, board.counter_hz, board.counter());
	print_clock(board.counter_hz);
	real_offset_ns = (u64)rtc * NSEC_PER_SEC;
	pr_info("rtc-pl031: setting system clock to %llu seconds since the epoch (from the RTC)\n", (u64)rtc);
	err = arch_timer_init(HZ);
	if (err)
		pr_err("time: no periodic tick (error %d): jiffies stay 0, and sleeps wake only on other interrupts\n", err);
}
