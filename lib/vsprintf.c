/*
 * vsnprintf and snprintf for the kernel: the standard C conversions
 * (d i u o x X c s p %) with flags - 0 + space #, width and precision
 * (numbers or *), and the hh h l ll z length modifiers.  The host build
 * uses libc's instead, so only standard behaviour belongs here.  Declared
 * in include/libc/stdio.h; printk formats with it.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct out {
	char *buf;
	size_t size;
	size_t len;	/* characters produced, even past size */
};

static void out_char(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void out_pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		out_char(o, c);
}

struct spec {
	bool left, zero, plus, space, alt;
	int width;
	int precision;	/* -1: none */
};

/* The digits of value in base, least significant first; none for 0 with precision 0 (as C says). */
static int number_digits(char *tmp, uint64_t value, unsigned int base, bool upper, int precision)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	if (value == 0 && precision == 0)
		return 0;
	do {
		tmp[n++] = digits[value % base];
		value /= base;
	} while (value);
	return n;
}

/* The '#' prefix of n digits tmp (least significant first): "0x" unless zero, "0" unless there is one. */
static const char *number_prefix(const char *tmp, int n, unsigned int base, bool upper, bool alt)
{
	if (alt && base == 16 && n > 0 && !(n == 1 && tmp[0] == '0'))
		return upper ? "0X" : "0x";
	if (alt && base == 8 && (n == 0 || tmp[n - 1] != '0'))
		return "0";
	return "";
}

static char number_sign(bool negative, const struct spec *sp)
{
	if (negative)
		return '-';
	if (sp->plus)
		return '+';
	return sp->space ? ' ' : 0;
}

/* Format one unsigned magnitude with its sign/prefix, honouring the spec. */
static void out_number(struct out *o, uint64_t value, bool negative, unsigned int base,
		       bool upper, const struct spec *sp)
{
	char tmp[24];
	int n = number_digits(tmp, value, base, upper, sp->precision);
	char sign = number_sign(negative, sp);
	const char *prefix = number_prefix(tmp, n, base, upper, sp->alt);
	int prefix_len = (int)(sign != 0) + (int)strlen(prefix);
	int zeros = sp->precision > n ? sp->precision - n : 0;
	int pad = sp->width - (n + zeros + prefix_len);

	if (pad < 0)
		pad = 0;
	if (sp->zero && !sp->left && sp->precision < 0) {
		zeros += pad;
		pad = 0;
	}
	if (!sp->left)
		out_pad(o, ' ', pad);
	if (sign)
		out_char(o, sign);
	while (*prefix)
		out_char(o, *prefix++);
	out_pad(o, '0', zeros);
	while (n > 0)
		out_char(o, tmp[--n]);
	if (sp->left)
		out_pad(o, ' ', pad);
}

/* %c: one character (even NUL) in its field width. */
static void out_padded_char(struct out *o, char c, const struct spec *sp)
{
	if (!sp->left)
		out_pad(o, ' ', sp->width - 1);
	out_char(o, c);
	if (sp->left)
		out_pad(o, ' ', sp->width - 1);
}

static void out_string(struct out *o, const char *s, const struct spec *sp)
{
	int n = 0;

	if (!s)
		s = "(null)";
	while (s[n] && (sp->precision < 0 || n < sp->precision))
		n++;
	if (!sp->left)
		out_pad(o, ' ', sp->width - n);
	for (int i = 0; i < n; i++)
		out_char(o, s[i]);
	if (sp->left)
		out_pad(o, ' ', sp->width - n);
}

/* The flags - 0 + space # in any order. */
static const char *parse_flags(const char *fmt, struct spec *sp)
{
	for (;; fmt++) {
		if (*fmt == '-')
			sp->left = true;
		else if (*fmt == '0')
			sp->zero = true;
		else if (*fmt == '+')
			sp->plus = true;
		else if (*fmt == ' ')
			sp->space = true;
		else if (*fmt == '#')
			sp->alt = true;
		else
			return fmt;
	}
}

static const char *parse_spec(const char *fmt, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){ .precision = -1 };
	fmt = parse_flags(fmt, sp);
	if (*fmt == '*') {
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = -sp->width;
		}
		fmt++;
	} else {
		while (*fmt >= '0' && *fmt <= '9')
			sp->width = sp->width * 10 + (*fmt++ - '0');
	}
	if (*fmt == '.') {
		fmt++;
		sp->precision = 0;
		if (*fmt == '*') {
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp->precision = sp->precision * 10 + (*fmt++ - '0');
		}
	}
	return fmt;
}

/* Length modifiers, as the count of 'l' (2 = ll); 'z' is long here. */
static const char *parse_length(const char *fmt, int *longs)
{
	*longs = 0;
	if (*fmt == 'h') {
		fmt++;
		if (*fmt == 'h')
			fmt++;
	} else if (*fmt == 'z' || *fmt == 't') {
		*longs = 1;
		fmt++;
	} else {
		while (*fmt == 'l' && *longs < 2) {
			(*longs)++;
			fmt++;
		}
	}
	return fmt;
}

/* The conversion conv (its spec and length already read), its argument taken from ap. */
static void convert(struct out *o, char conv, int longs, struct spec *sp, va_list *ap)
{
	uint64_t uval;
	int64_t sval;

	switch (conv) {
	case 'd':
	case 'i':
		sval = longs == 2 ? va_arg(*ap, long long) :
		       longs == 1 ? va_arg(*ap, long) : va_arg(*ap, int);
		uval = sval < 0 ? -(uint64_t)sval : (uint64_t)sval;
		out_number(o, uval, sval < 0, 10, false, sp);
		break;
	case 'u':
	case 'x':
	case 'X':
	case 'o':
		uval = longs == 2 ? va_arg(*ap, unsigned long long) :
		       longs == 1 ? va_arg(*ap, unsigned long) : va_arg(*ap, unsigned int);
		out_number(o, uval, false, conv == 'u' ? 10 : conv == 'o' ? 8 : 16, conv == 'X', sp);
		break;
	case 'p':
		sp->alt = true;
		out_number(o, (unsigned long)va_arg(*ap, void *), false, 16, false, sp);
		break;
	case 'c':
		out_padded_char(o, (char)va_arg(*ap, int), sp);
		break;
	case 's':
		out_string(o, va_arg(*ap, const char *), sp);
		break;
	case '%':
		out_char(o, '%');
		break;
	default:
		out_char(o, '%');
		out_char(o, conv);
		break;
	}
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		struct spec sp;
		int longs;

		if (*fmt != '%') {
			out_char(&o, *fmt++);
			continue;
		}
		fmt = parse_spec(fmt + 1, &sp, &args);
		fmt = parse_length(fmt, &longs);
		if (*fmt == '\0')	/* a '%' that ends the format prints nothing */
			break;
		convert(&o, *fmt++, longs, &sp, &args);
	}
	va_end(args);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
