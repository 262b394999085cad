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

#define CONSOLE_RING_SIZE	256	/* a power of two: head and tail run freely, masked on use */

DECLARE_WAIT_QUEUE_HEAD(console_wq);

/*
 * head - tail characters wait, at [tail, head) mod the size.  Only the
 * handler moves head and only readers move tail, and both run with IRQs
 * masked on one CPU, so no lock is needed yet.
 */
static char ring[CONSOLE_RING_SIZE];
static unsigned int ring_head, ring_tail;
static unsigned long ring_dropped;

static void console_rx_interrupt(unsigned int irq, void *dev)
{
	int c;

	while ((c = board.getc()) >= 0) {	/* reading the FIFO empty clears the interrupt */
		if (ring_head - ring_tail < CONSOLE_RING_SIZE)
			ring[ring_head++ % CONSOLE_RING_SIZE] = (char)c;
		else if (!ring_dropped++)
			pr_warn("console: input ring full (%u characters); dropping input\n", CONSOLE_RING_SIZE);
	}
	wake_up(&console_wq);
}

int console_getc_nowait(void)
{
	if (ring_head != ring_tail)
		return (unsigned char)ring[ring_tail++ % CONSOLE_RING_SIZE];
	return board.getc();
}

void __init console_irq_init(void)
{
	if (request_irq(board.console_irq, console_rx_interrupt, NULL))
		return;		/* request_irq said why; input is still read by polling */
	irq_set_name(board.console_irq, "uart-pl011");
	board.console_irq_enable();
}
