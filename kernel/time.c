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
#include <smp.h>
#include <spinlock.h>
#include <ktime.h>

volatile unsigned long jiffies;
DECLARE_WAIT_QUEUE_HEAD(timer_wq);

/*
 * Each read of mono_clock updates it (the counter's wraps), so clock_lock
 * serialises the CPUs' reads; IRQs are masked in all kernel code
 * (include/irq.h), so the tick on this CPU cannot come in halfway.  It is
 * innermost: nothing is taken while holding it.
 */
static DEFINE_SPINLOCK(clock_lock);
static struct counter_clock mono_clock;
static u64 real_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC, fixed at boot */
static u64 last_tick_ns;
static u64 jiffies_ns;		/* the clock at the last jiffy counted */

u64 ktime_get_ns(void)
{
	u64 ns;

	spin_lock(&clock_lock);
	ns = counter_clock_ns(&mono_clock, board.counter());
	spin_unlock(&clock_lock);
	return ns;
}

u64 ktime_get_real_ns(void)
{
	return ktime_get_ns() + real_offset_ns;
}

/* CPU 0's tick writes it: read under clock_lock, so that another CPU never sees half of the 64 bits new. */
u64 ktime_get_coarse_ns(void)
{
	u64 ns;

	spin_lock(&clock_lock);
	ns = last_tick_ns;
	spin_unlock(&clock_lock);
	return ns;
}

/*
 * Every CPU's tick runs the scheduler's; the clock and jiffies advance on
 * CPU 0's alone (Linux's tick_do_timer_cpu), so they count 1/HZ s once,
 * whatever the number of CPUs.
 */
void tick_periodic(void)
{
	if (smp_processor_id() == 0) {
		u64 now = ktime_get_ns();	/* also keeps the 32-bit counter's wraps counted */

		spin_lock(&clock_lock);
		last_tick_ns = now;
		/*
		 * As Linux's tick_do_update_jiffies64: one jiffy per 1/HZ s of the
		 * clock, so a tick that came late (an emulator busy with the other
		 * CPUs) and merged with the next one is not lost.
		 */
		while (now - jiffies_ns >= TICK_NSEC) {
			jiffies_ns += TICK_NSEC;
			jiffies++;
		}
		spin_unlock(&clock_lock);
		wake_up(&timer_wq);
	}
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
	jiffies_ns = ktime_get_ns();
	print_clock(board.counter_hz);
	real_offset_ns = (u64)rtc * NSEC_PER_SEC;
	pr_info("rtc-pl031: setting system clock to %llu seconds since the epoch (from the RTC)\n", (u64)rtc);
	err = arch_timer_init(HZ);
	if (err)
		pr_err("time: no periodic tick (error %d): jiffies stay 0, and sleeps wake only on other interrupts\n", err);
}
