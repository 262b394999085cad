/*
 * The console as a tty (/dev/console, /dev/tty), with Linux's line
 * discipline cut to what a shell needs (drivers/tty/n_tty.c): canonical
 * mode edits a line (erase, kill, echo) and hands it over whole at the
 * newline or VEOF; raw mode (ICANON clear, as busybox's line editor sets
 * it with TCSETS) hands over bytes as they come.  Output turns "\n" into
 * "\r\n" under OPOST|ONLCR.  Also /dev/null and /dev/zero.  Termios
 * values are Linux's (include/uapi/asm-generic/termbits.h, ioctls.h;
 * the defaults are drivers/tty/tty_io.c tty_std_termios).
 */
#include <board.h>
#include <file.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <wait.h>

#include "fs_internal.h"
#include <console.h>

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCSCTTY	0x540E
#define TIOCGPGRP	0x540F
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define FIONREAD	0x541B
#define TIOCNOTTY	0x5422

#define ICRNL	0000400
#define IGNCR	0000200
#define INLCR	0000100
#define IXON	0002000
#define OPOST	0000001
#define ONLCR	0000004
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHOK	0000040
#define ECHOCTL	0001000
#define ECHOKE	0004000
#define IEXTEN	0100000
#define B38400	0000017
#define CS8	0000060
#define CREAD	0000200
#define HUPCL	0002000

enum { VINTR, VQUIT, VERASE, VKILL, VEOF, VTIME, VMIN, VSWTC, VSTART, VSTOP, VSUSP, VEOL, VREPRINT,
       VDISCARD, VWERASE, VLNEXT, VEOL2, NCCS = 19 };

struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[NCCS];
};

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define TTY_BUF_SIZE	4096	/* Linux's N_TTY_BUF_SIZE */
#define TTY_MAX_LINES	64

/*
 * The console's one tty.  In canonical mode rbuf holds whole lines, their
 * lengths in line_len (a VEOF on an empty line is a line of length 0:
 * read returns 0), and line is the one being edited; in raw mode every
 * byte goes straight to rbuf.
 */
static struct tty {
	struct termios termios;
	struct winsize winsize;
	int pgrp;
	u8 rbuf[TTY_BUF_SIZE];
	size_t rlen;
	size_t line_len[TTY_MAX_LINES];
	unsigned int nlines;
	u8 line[TTY_BUF_SIZE];
	size_t llen;
} console_tty = {
	.termios = {
		.c_iflag = ICRNL | IXON,
		.c_oflag = OPOST | ONLCR,
		.c_cflag = B38400 | CS8 | CREAD | HUPCL,
		.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | ECHOCTL | ECHOKE | IEXTEN,
		.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22, 0 },
	},
	.winsize = { 24, 80, 0, 0 },
};

static void tty_put(struct tty *tty, char c)
{
	if (c == '\n' && (tty->termios.c_oflag & (OPOST | ONLCR)) == (OPOST | ONLCR))
		board.putc('\r');
	board.putc(c);
}

static void tty_echo(struct tty *tty, char c)
{
	if (!(tty->termios.c_lflag & ECHO))
		return;
	if ((tty->termios.c_lflag & ECHOCTL) && (u8)c < ' ' && c != '\n' && c != '\t') {
		board.putc('^');
		board.putc((char)(c + '@'));
		return;
	}
	tty_put(tty, c);
}

static bool tty_canon(const struct tty *tty)
{
	return tty->termios.c_lflag & ICANON;
}

/* The line being edited becomes readable (without its terminator if eof). */
static void tty_push_line(struct tty *tty)
{
	if (tty->nlines == TTY_MAX_LINES || tty->rlen + tty->llen > TTY_BUF_SIZE)
		return;		/* full: the line is dropped, as n_tty drops input past its buffer */
	memcpy(tty->rbuf + tty->rlen, tty->line, tty->llen);
	tty->rlen += tty->llen;
	tty->line_len[tty->nlines++] = tty->llen;
	tty->llen = 0;
}

static void tty_erase(struct tty *tty, bool whole_line)
{
	while (tty->llen) {
		tty->llen--;
		if (tty->termios.c_lflag & ECHO && tty->termios.c_lflag & ECHOE) {
			board.putc('\b');
			board.putc(' ');
			board.putc('\b');
		}
		if (!whole_line)
			break;
	}
}

/* One input byte through canonical-mode editing. */
static void tty_receive_canon(struct tty *tty, u8 c)
{
	const u8 *cc = tty->termios.c_cc;

	if (c == cc[VERASE] || c == '\b') {
		tty_erase(tty, false);
	} else if (c == cc[VKILL]) {
		tty_erase(tty, true);
	} else if (c == cc[VEOF]) {
		tty_push_line(tty);
	} else if ((tty->termios.c_lflag & ISIG) && c == cc[VINTR]) {
		if (tty->pgrp)
			kill_pgrp(tty->pgrp, SIGINT);	/* the foreground group, as Linux's n_tty isig */
		tty_echo(tty, (char)c);
		tty_put(tty, '\n');
		tty->llen = 0;
	} else if (tty->llen < TTY_BUF_SIZE - 1 || c == '\n') {
		tty->line[tty->llen++] = c;
		tty_echo(tty, (char)c);
		if (c == '\n' || (cc[VEOL] && c == cc[VEOL]))
			tty_push_line(tty);
	}
}

static void tty_receive(struct tty *tty, u8 c)
{
	u32 iflag = tty->termios.c_iflag;

	if (c == '\r' && (iflag & IGNCR))
		return;
	if (c == '\r' && (iflag & ICRNL))
		c = '\n';
	else if (c == '\n' && (iflag & INLCR))
		c = '\r';
	if (tty_canon(tty)) {
		tty_receive_canon(tty, c);
		return;
	}
	if (tty->rlen < TTY_BUF_SIZE)
		tty->rbuf[tty->rlen++] = c;
	tty_echo(tty, (char)c);
}

static bool tty_readable(const struct tty *tty)
{
	return tty_canon(tty) ? tty->nlines > 0 : tty->rlen > 0;
}

/*
 * Take what the console has received, but no more than a read needs: the
 * bytes after a complete line stay in the UART for whoever reads next
 * (the kernel shell, when the program has exited).  True if a read would
 * now return.
 */
static bool tty_input_ready(struct tty *tty)
{
	int c;

	while (!tty_readable(tty) && (c = console_getc_nowait()) >= 0)
		tty_receive(tty, (u8)c);
	return tty_readable(tty);
}

/* Sleep until input arrives: 0, or -EINTR. */
static int tty_wait_input(struct tty *tty)
{
	return wait_event_interruptible(console_wq, tty_input_ready(tty));
}

/* Hand over n bytes from the front of rbuf (a line's bytes in canonical mode). */
static long tty_copy_out(struct tty *tty, char *ubuf, size_t n)
{
	if (n && copy_to_user(ubuf, tty->rbuf, n))
		return -EFAULT;
	memmove(tty->rbuf, tty->rbuf + n, tty->rlen - n);
	tty->rlen -= n;
	return (long)n;
}

static long tty_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	struct tty *tty = &console_tty;
	size_t take;
	long ret;

	if (!n)
		return 0;
	if (!tty_input_ready(tty)) {
		if (!tty_canon(tty) && !tty->termios.c_cc[VMIN])
			return 0;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		ret = tty_wait_input(tty);
		if (ret)
			return ret;
	}
	if (!tty_canon(tty))
		return tty_copy_out(tty, ubuf, min(n, tty->rlen));
	/* One line per read; what does not fit stays for the next read. */
	take = min(n, tty->line_len[0]);
	ret = tty_copy_out(tty, ubuf, take);
	if (ret < 0)
		return ret;
	tty->line_len[0] -= take;
	if (!tty->line_len[0]) {
		memmove(tty->line_len, tty->line_len + 1, (tty->nlines - 1) * sizeof(tty->line_len[0]));
		tty->nlines--;
	}
	return ret;
}

#define TTY_WRITE_CHUNK	256

static long tty_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	char kbuf[TTY_WRITE_CHUNK];
	size_t done = 0;

	while (done < n) {
		size_t k = min(n - done, sizeof(kbuf));

		if (copy_from_user(kbuf, ubuf + done, k))
			return done ? (long)done : -EFAULT;
		for (size_t i = 0; i < k; i++)
			tty_put(&console_tty, kbuf[i]);
		done += k;
	}
	return (long)done;
}

static unsigned int tty_poll(struct file *f)
{
	return (tty_input_ready(&console_tty) ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM;
}

/* Switch to new settings: leaving canonical mode makes the line being edited readable as it is. */
static void tty_set_termios(struct tty *tty, const struct termios *t, bool flush)
{
	bool was_canon = tty_canon(tty);

	tty->termios = *t;
	if (flush) {
		tty->rlen = tty->llen = 0;
		tty->nlines = 0;
	}
	if (was_canon && !tty_canon(tty)) {
		memcpy(tty->rbuf + tty->rlen, tty->line, min(tty->llen, TTY_BUF_SIZE - tty->rlen));
		tty->rlen += min(tty->llen, TTY_BUF_SIZE - tty->rlen);
		tty->llen = 0;
		tty->nlines = 0;
	} else if (!was_canon && tty_canon(tty) && tty->rlen) {
		tty->nlines = 1;	/* raw bytes waiting are one line, readable as they are */
		tty->line_len[0] = tty->rlen;
	}
}

static long tty_readable_bytes(struct tty *tty)
{
	tty_input_ready(tty);
	return (long)tty->rlen;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty *tty = &console_tty;
	void *u = (void *)arg;
	struct termios t;
	int v;

	switch (cmd) {
	case TCGETS:
		return copy_to_user(u, &tty->termios, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, u, sizeof(t)))
			return -EFAULT;
		tty_set_termios(tty, &t, cmd == TCSETSF);
		return 0;
	case TIOCGWINSZ:
		return copy_to_user(u, &tty->winsize, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty->winsize, u, sizeof(tty->winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		v = tty->pgrp ? tty->pgrp : current->pid;
		return copy_to_user(u, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSPGRP:
		if (copy_from_user(&v, u, sizeof(v)))
			return -EFAULT;
		if (v < 0)
			return -EINVAL;
		tty->pgrp = v;
		return 0;
	case FIONREAD:
		v = (int)tty_readable_bytes(tty);
		return copy_to_user(u, &v, sizeof(v)) ? -EFAULT : 0;
	case TIOCSCTTY:
	case TIOCNOTTY:
		return 0;	/* one console, always the controlling tty */
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tty_fops = {
	.read = tty_read,
	.write = tty_write,
	.llseek = no_llseek,
	.ioctl = tty_ioctl,
	.poll = tty_poll,
};

static long null_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	return 0;
}

static long null_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	return (long)n;
}

static long zero_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	static const char zeros[256];
	size_t done = 0;

	while (done < n) {
		size_t k = min(n - done, sizeof(zeros));

		if (copy_to_user(ubuf + done, zeros, k))
			return done ? (long)done : -EFAULT;
		done += k;
	}
	return (long)done;
}

static loff_t null_llseek(struct file *f, loff_t off, int whence)
{
	f->f_pos = 0;
	return 0;
}

static const struct file_operations null_fops = { .read = null_read, .write = null_write, .llseek = null_llseek };
static const struct file_operations zero_fops = { .read = zero_read, .write = null_write, .llseek = null_llseek };

const struct file_operations *chrdev_fops(u32 rdev)
{
	switch (rdev) {
	case MKDEV(5, 0):	/* /dev/tty */
	case MKDEV(5, 1):	/* /dev/console */
	case MKDEV(4, 0):	/* /dev/tty0 */
	case MKDEV(4, 1):	/* /dev/tty1 */
		return &tty_fops;
	case MKDEV(1, 3):
		return &null_fops;
	case MKDEV(1, 5):
		return &zero_fops;
	default:
		return NULL;
	}
}
