/*
 * The console as a tty: its termios (Linux's tty_std_termios defaults,
 * drivers/tty/tty_io.c), the window size, the foreground group, ENOTTY
 * for an unknown request, and one canonical-mode line read from stdin:
 * the boot case types "hello tty" after starting this program.
 */
#include "lib/fs.h"
#include "lib/ulib.h"

/* tty_std_termios: c_iflag ICRNL|IXON, c_oflag OPOST|ONLCR, c_cflag B38400|CS8|CREAD|HUPCL,
 * c_lflag ISIG|ICANON|ECHO|ECHOE|ECHOK|ECHOCTL|ECHOKE|IEXTEN (include/uapi/asm-generic/termbits.h). */
#define STD_IFLAG	(0000400 | 0002000)
#define STD_OFLAG	(0000001 | 0000004)
#define STD_CFLAG	(0000017 | 0000060 | 0000200 | 0002000)
#define STD_LFLAG	(0000001 | 0000002 | 0000010 | 0000020 | 0000040 | 0001000 | 0004000 | 0100000)

static int bad;

/* Raw mode as busybox's line editor sets it: ICANON and ECHO off, VMIN 1; the boot case types "~" unechoed. */
static void test_raw(const struct termios *std)
{
	struct termios raw = *std, now;
	struct pollfd p = { 0, POLLIN, 0 };
	char c = 0;

	raw.c_lflag &= ~(unsigned int)(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	check_eq(&bad, "TCSETS to raw mode", ioctl(0, TCSETS, &raw), 0);
	check_eq(&bad, "... TCGETS shows it", (ioctl(0, TCGETS, &now), now.c_lflag & (ICANON | ECHO)), 0);
	printf("tty: raw, type one key\n");
	check_eq(&bad, "poll on stdin waits for the key: POLLIN", (poll(&p, 1, -1), p.revents), POLLIN);
	check_eq(&bad, "a raw read returns the key alone, no newline needed", read(0, &c, 1), 1);
	check_eq(&bad, "... the key the boot case typed", c, 0x7e);
	check_eq(&bad, "TCSETS back to the standard settings", ioctl(0, TCSETS, (void *)std), 0);
	check_eq(&bad, "... canonical with echo again", (ioctl(0, TCGETS, &now), now.c_lflag), STD_LFLAG);
}

int main(int argc, char **argv, char **envp)
{
	struct termios t;
	struct winsize w, w2 = { 30, 100, 0, 0 };
	char line[64];
	int pgrp = 0;
	long n;

	check_eq(&bad, "TCGETS on stdin", ioctl(0, TCGETS, &t), 0);
	check_eq(&bad, "... c_iflag", t.c_iflag, STD_IFLAG);
	check_eq(&bad, "... c_oflag", t.c_oflag, STD_OFLAG);
	check_eq(&bad, "... c_cflag", t.c_cflag, STD_CFLAG);
	check_eq(&bad, "... c_lflag", t.c_lflag, STD_LFLAG);
	check_eq(&bad, "... VERASE is DEL, VEOF ^D, VMIN 1", t.c_cc[2] * 10000 + t.c_cc[4] * 100 + t.c_cc[VMIN], 1270401);
	check_eq(&bad, "TIOCGWINSZ", ioctl(1, TIOCGWINSZ, &w), 0);
	check_eq(&bad, "... 24 rows, 80 columns", w.ws_row * 1000 + w.ws_col, 24080);
	check_eq(&bad, "TIOCSWINSZ 30x100 then TIOCGWINSZ",
	      (ioctl(1, TIOCSWINSZ, &w2), ioctl(1, TIOCGWINSZ, &w), w.ws_row * 1000 + w.ws_col), 30100);
	ioctl(1, TIOCSWINSZ, &(struct winsize){ 24, 80, 0, 0 });
	check_eq(&bad, "TIOCGPGRP is our pid before any TIOCSPGRP", (ioctl(0, TIOCGPGRP, &pgrp), pgrp), getpid());
	check_eq(&bad, "TIOCSPGRP -1 is EINVAL", ioctl(0, TIOCSPGRP, &(int){ -1 }), -EINVAL);
	check_eq(&bad, "an unknown request is ENOTTY", ioctl(0, 0x5499, &t), -ENOTTY);
	check_eq(&bad, "TCGETS into an unmapped buffer is EFAULT", ioctl(0, TCGETS, (void *)0x20000000), -EFAULT);
	check_eq(&bad, "lseek on the console is ESPIPE", lseek(0, 0, SEEK_SET), -ESPIPE);
	printf("tty: type a line\n");
	n = read(0, line, sizeof(line));
	check_eq(&bad, "a canonical read returns one line with its newline: 10 bytes", n, 10);
	check_eq(&bad, "... \"hello tty\\n\"", strncmp(line, "hello tty\n", 10), 0);
	test_raw(&t);
	printf("tty: %s\n", bad ? "FAILED" : "all passed");
	return bad != 0;
}
