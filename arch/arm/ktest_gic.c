/*
 * Self-tests of the GIC driver (arch/arm/gic.c) on the real distributor:
 * an SGI to this CPU reaches its per-CPU handler with its ID and this
 * CPU's copy of the per-CPU device, once; request_irq refuses a per-CPU ID;
 * an interrupt with no handler is reported and disabled, and the CPU is
 * not interrupted by it again; arch_idle returns on an interrupt already
 * pending; an acknowledge with nothing pending
 * (the spurious ID) changes nothing.
 */
#include <board.h>
#include <irq.h>
#include <selftest.h>
#include <smp.h>
#include <ktime.h>
#include <percpu.h>
#include <asm/gic.h>

#define TEST_SGI	15		/* the last SGI: the SMP work uses the first ones */
#define TEST_SPI	(32 + 3)	/* SP804 timers 2/3 (dts: timer@10012000), which nothing uses */
#define TWD_PPI		29

struct sgi_seen {
	unsigned int calls, irq;
	void *dev;
};

static DEFINE_PER_CPU(struct sgi_seen, sgi_seen);

static void sgi_handler(unsigned int irq, void *dev)
{
	struct sgi_seen *seen = dev;

	seen->calls++;
	seen->irq = irq;
	seen->dev = dev;
}

static volatile u32 *dist(unsigned int offset)
{
	return (volatile u32 *)(board.cpu_private + GIC_DIST_OFFSET + offset);
}

static int gic_sgi_to_self(void)
{
	struct sgi_seen *seen = this_cpu_ptr(&sgi_seen);

	*seen = (struct sgi_seen){ 0, 0, NULL };
	KT_EXPECT(request_irq(TEST_SGI, sgi_handler, seen) == -EINVAL, "request_irq of SGI %u must be -EINVAL",
		  TEST_SGI);
	KT_EXPECT(request_percpu_irq(TEST_SGI, sgi_handler, "ktest", &sgi_seen) == 0, "request_percpu_irq(%u) failed",
		  TEST_SGI);
	KT_EXPECT(request_percpu_irq(TEST_SGI, sgi_handler, "ktest", &sgi_seen) == -EBUSY,
		  "a second request_percpu_irq must be -EBUSY");
	enable_percpu_irq(TEST_SGI);
	gic_send_sgi(1u << smp_processor_id(), TEST_SGI);
	for (int i = 0; i < 100 && !seen->calls; i++)
		arch_idle();	/* the tick wakes us too: wait a few of them at most */
	KT_EXPECT(seen->calls == 1, "the SGI handler ran %u times, expected once", seen->calls);
	KT_EXPECT(seen->irq == TEST_SGI && seen->dev == seen, "handler got irq %u dev %p, expected %p", seen->irq,
		  seen->dev, (void *)seen);
	free_irq(TEST_SGI, &sgi_seen);
	KT_EXPECT(request_irq(GIC_MAX_IRQS, sgi_handler, seen) == -EINVAL, "an ID past the GIC must be -EINVAL");
	return 0;
}

/* Software makes the unused SPI pending with no handler: one report, then it stays disabled. */
static int gic_unhandled_is_disabled(void)
{
	enable_irq(TEST_SPI);
	*dist(GICD_ISPENDR + gic_bit_reg(TEST_SPI)) = gic_bit_mask(TEST_SPI);
	arch_idle();
	KT_EXPECT(!(*dist(GICD_ISENABLER + gic_bit_reg(TEST_SPI)) & gic_bit_mask(TEST_SPI)),
		  "interrupt %u without a handler is still enabled", TEST_SPI);
	*dist(GICD_ICPENDR + gic_bit_reg(TEST_SPI)) = gic_bit_mask(TEST_SPI);
	return 0;
}

/* With IRQs masked and (after the tick's next event is cleared) nothing pending, handle_irq reads 1023. */
static int gic_spurious_changes_nothing(void)
{
	u32 enabled = *dist(GICD_ISENABLER);

	handle_irq();
	handle_irq();
	KT_EXPECT(*dist(GICD_ISENABLER) == enabled, "the banked enables changed from 0x%08x to 0x%08x", enabled,
		  (unsigned int)*dist(GICD_ISENABLER));
	KT_EXPECT(enabled & gic_bit_mask(TWD_PPI), "the tick's PPI %u is not enabled", TWD_PPI);
	return 0;
}

/*
 * arch_idle ends on an interrupt that is already pending, without waiting
 * for the next tick: jiffies must not move across it.  Three tries, so
 * that a tick falling by chance inside the few instructions cannot fail it.
 */
static int arch_idle_takes_pending(void)
{
	struct sgi_seen *seen = this_cpu_ptr(&sgi_seen);
	bool prompt = false;

	*seen = (struct sgi_seen){ 0, 0, NULL };
	KT_EXPECT(request_percpu_irq(TEST_SGI, sgi_handler, "ktest", &sgi_seen) == 0, "request_percpu_irq(%u) failed",
		  TEST_SGI);
	enable_percpu_irq(TEST_SGI);
	for (int i = 0; i < 3 && !prompt; i++) {
		unsigned long before = jiffies;
		unsigned int calls = seen->calls;

		gic_send_sgi(1u << smp_processor_id(), TEST_SGI);
		arch_idle();
		prompt = seen->calls == calls + 1 && jiffies == before;
	}
	KT_EXPECT(prompt, "arch_idle waited for a tick after the SGI (%u SGIs seen)", seen->calls);
	free_irq(TEST_SGI, &sgi_seen);
	return 0;
}

KTEST(gic_sgi_to_self, gic_sgi_to_self);
KTEST(arch_idle_takes_pending, arch_idle_takes_pending);
KTEST(gic_unhandled_is_disabled, gic_unhandled_is_disabled);
KTEST(gic_spurious_changes_nothing, gic_spurious_changes_nothing);
