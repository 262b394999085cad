/*
 * Console input for sleepers: the receive interrupt drains the UART into
 * a ring buffer and wakes console_wq.  The kernel shell, which polls with
 * IRQs masked, reads through console_getc_nowait too, so characters that
 * arrived while a program ran come out first and in order.
 */
#include <board.h>
#include <console.h>
#include <init.h>
#include <irq.h>
#include <printk.h>
#include <spinlock.h>

#define CONSOLE_RING_SIZE	256	/* a power of two: head and tail run freely, masked on use */

DECLARE_WAIT_QUEUE_HEAD(console_wq);

/*
 * head - tail characters wait, at [tail, head) mod the size.  Only the
 * handler moves head and only readers move tail; the handler runs on CPU 0
 * (the GIC routes shared interrupts there) and a reader may be on any CPU,
 * so ring_lock covers the ring and rx_held.  IRQs are masked in all kernel
 * code, so it is a plain spinlock; nothing is taken inside it.
 */
static DEFINE_SPINLOCK(ring_lock);
static char ring[CONSOLE_RING_SIZE];
static unsigned int ring_head, ring_tail;
static bool rx_held;	/* the ring is full: the receive interrupt is off until a reader makes room */

/*
 * Drain the UART while the ring has room.  When it is full the rest stays
 * in the UART's FIFO and the interrupt is switched off: the FIFO fills,
 * and the sender waits (QEMU stops reading its end, a real line has
 * flow control or a slow typist), so nothing typed is lost.
 */
static void console_rx_interrupt(unsigned int irq, void *dev)
{
	int c;

	spin_lock(&ring_lock);
	while (ring_head - ring_tail < CONSOLE_RING_SIZE) {
		c = board.getc();	/* reading the FIFO empty clears the interrupt */
		if (c < 0)
			break;
		ring[ring_head++ % CONSOLE_RING_SIZE] = (char)c;
	}
	if (ring_head - ring_tail == CONSOLE_RING_SIZE) {
		disable_irq(irq);
		rx_held = true;
	}
	spin_unlock(&ring_lock);
	wake_up(&console_wq);
}

int console_getc_nowait(void)
{
	int c;

	spin_lock(&ring_lock);
	if (ring_head == ring_tail) {
		c = board.getc();
	} else {
		c = (unsigned char)ring[ring_tail++ % CONSOLE_RING_SIZE];
		if (rx_held) {		/* room again: what waits in the FIFO comes in */
			rx_held = false;
			enable_irq(board.console_irq);
		}
	}
	spin_unlock(&ring_lock);
	return c;
}

void __init console_irq_init(void)
{
	if (request_irq(board.console_irq, console_rx_interrupt, NULL))
		return;		/* request_irq said why; input is still read by polling */
	irq_set_name(board.console_irq, "uart-pl011");
	board.console_irq_enable();
}
