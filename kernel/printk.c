/*
 * printk: formats a message, keeps it in the log buffer (for `dmesg`) and
 * shows it on the console when its level is below the console loglevel,
 * each line stamped "[    s.uuuuuu] " with the board clock, as Linux does.
 * Also kprintf (command output: no level, no stamp) and panic.
 */
#include <board.h>
#include <config.h>
#include <printk.h>
#include <shell.h>
#include <smp.h>
#include <spinlock.h>

#define LOG_BUF_SIZE	(64 * 1024)

static char log_buf[LOG_BUF_SIZE];
static size_t log_head;		/* next byte to write, modulo LOG_BUF_SIZE */
static size_t log_len;		/* bytes held, at most LOG_BUF_SIZE */
static int console_loglevel = CONFIG_LOGLEVEL_DEFAULT;
static bool line_open;		/* the last message did not end its line */
static bool console_ready;
/*
 * The log buffer, line_open and the console, for one message at a time
 * from any CPU.  The bare arch lock: CONFIG_DEBUG_SPINLOCK reports through
 * printk, so this lock cannot be one it checks.
 */
static arch_spinlock_t logbuf_lock = __ARCH_SPIN_LOCK_UNLOCKED;

void console_set_loglevel(int level)
{
	console_loglevel = level;
}

int console_get_loglevel(void)
{
	return console_loglevel;
}

void console_enable(void)
{
	console_ready = true;
}

static void console_write(const char *s, size_t n)
{
	if (!console_ready)
		return;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			board.putc('\r');
		board.putc(s[i]);
	}
}

static void log_store(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		log_buf[log_head] = s[i];
		log_head = (log_head + 1) % LOG_BUF_SIZE;
		if (log_len < LOG_BUF_SIZE)
			log_len++;
	}
}

/* Print the log buffer, oldest first (the `dmesg` command). */
void log_dump(void)
{
	size_t start = (log_head + LOG_BUF_SIZE - log_len) % LOG_BUF_SIZE;

	for (size_t i = 0; i < log_len; i++) {
		char c = log_buf[(start + i) % LOG_BUF_SIZE];

		console_write(&c, 1);
	}
}

/* Every message goes to the log; to the console only if its level is shown. */
static void emit(const char *s, size_t n, bool show)
{
	log_store(s, n);
	if (show)
		console_write(s, n);
}

static int timestamp(char *buf, size_t size)
{
	u64 ns = console_ready ? board.clock_ns() : 0;
	unsigned long sec = (unsigned long)(ns / 1000000000ULL);
	unsigned long usec = (unsigned long)((ns % 1000000000ULL) / 1000);

	return snprintf(buf, size, "[%5lu.%06lu] ", sec, usec);
}

int vprintk(const char *fmt, va_list ap)
{
	char text[1024];
	char stamp[32];
	int level = MESSAGE_LOGLEVEL_DEFAULT;
	bool cont = false;
	const char *p = text;
	int n;

	if (fmt[0] == KERN_SOH[0] && fmt[1]) {
		if (fmt[1] == 'c')
			cont = true;
		else if (fmt[1] >= '0' && fmt[1] <= '7')
			level = fmt[1] - '0';
		fmt += 2;
	}
	n = vsnprintf(text, sizeof(text), fmt, ap);
	if (n >= (int)sizeof(text))
		n = sizeof(text) - 1;

	bool show = level < console_loglevel;
	unsigned long flags = arch_irq_save();

	arch_spin_lock(&logbuf_lock);
	while (*p) {
		const char *nl = p;
		size_t len;

		while (*nl && *nl != '\n')
			nl++;
		len = (size_t)(nl - p) + (*nl == '\n');
		if (!line_open || (!cont && p == text)) {
			if (line_open)
				emit("\n", 1, show);
			emit(stamp, (size_t)timestamp(stamp, sizeof(stamp)), show);
		}
		emit(p, len, show);
		line_open = p[len - 1] != '\n';
		p += len;
	}
	arch_spin_unlock(&logbuf_lock);
	arch_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

int kprintf(const char *fmt, ...)
{
	char text[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	console_write(text, (size_t)(n < (int)sizeof(text) ? n : (int)sizeof(text) - 1));
	return n;
}

void kputs(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	console_write(s, n);
}

void panic(const char *fmt, ...)
{
	char reason[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	console_ready = true;
	console_loglevel = CONSOLE_LOGLEVEL_ALL;
	smp_send_stop();
	pr_emerg("Kernel panic - not syncing: %s\n", reason);
	pr_emerg("---[ end Kernel panic - not syncing: %s ]---\n", reason);
	board.poweroff();
}
