/*
 * PLACEHOLDER until branch irq merges (remove at that merge): the names
 * of irq's include/console.h, provided by fs/tty_stub.c over the board's
 * polled getc.  With no receive interrupt nothing would wake a sleeper
 * on console_wq, so TTY_STUB_POLLING makes fs/tty.c poll instead of
 * sleeping; at the merge, include <console.h> in fs/tty.c instead of this
 * file, and drop TTY_STUB_POLLING's branch there.
 */
#ifndef FS_TTY_STUB_H
#define FS_TTY_STUB_H

#include <wait.h>

#define TTY_STUB_POLLING	1

extern struct wait_queue_head console_wq;

/* The next received byte, or -1 if none. */
int console_getc_nowait(void);

#endif
