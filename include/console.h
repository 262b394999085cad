/*
 * Console input that a task can sleep on (kernel/console.c): the UART's
 * receive interrupt moves characters into a ring and wakes console_wq;
 * readers take them with console_getc_nowait.  Output stays board.putc.
 */
#ifndef CONSOLE_H
#define CONSOLE_H

#include <wait.h>

/* Woken whenever the receive interrupt has put characters in the ring. */
extern struct wait_queue_head console_wq;

/* The next input character: from the ring, else straight from the UART; -1 if there is none. */
int console_getc_nowait(void);

/* Hook the console UART's receive interrupt up (after irq_init). */
void console_irq_init(void);

#endif
