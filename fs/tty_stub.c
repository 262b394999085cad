/*
 * PLACEHOLDER until branch irq merges (remove at that merge, with
 * fs/tty_stub.h): console input polled from the board's UART, under the
 * names irq's include/console.h gives its interrupt-driven version.
 */
#include <board.h>

#include "tty_stub.h"

DECLARE_WAIT_QUEUE_HEAD(console_wq);

int console_getc_nowait(void)
{
	return board.getc();
}
