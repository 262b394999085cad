/*
 * The cpio newc reader: checks each header before it believes a field of
 * it, and hands the entries to a caller (fs/ramfs.c builds its file table
 * from them).  Knows nothing of files beyond the archive's bytes.
 */
#include <cpio.h>
#include <printk.h>
#include <string.h>

#define CPIO_FIELDS	13
enum { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR, F_DEVMINOR,
       F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

static const char *const field_names[CPIO_FIELDS] = {
	"ino", "mode", "uid", "gid", "nlink", "mtime", "filesize", "devmajor", "devminor",
	"rdevmajor", "rdevminor", "namesize", "check",
};

static int bad(char *why, size_t whylen, const char *fmt, ...) __printf(3, 4);

static int bad(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

static bool parse_hex8(const char *s, u32 *out)
{
	u32 v = 0;

	for (int i = 0; i < 8; i++) {
		char c = s[i];
		unsigned int d;

		if (c >= '0' && c <= '9')
			d = (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned int)(c - 'A' + 10);
		else
			return false;
		v = v << 4 | d;
	}
	*out = v;
	return true;
}

/* The header at off: magic and fields.  Returns 0, or -EINVAL with why filled. */
static int read_header(const u8 *buf, size_t len, size_t off, unsigned int idx, u32 *f, char *why, size_t whylen)
{
	const char *h = (const char *)buf + off;

	if (len - off < CPIO_HEADER_SIZE)
		return bad(why, whylen, "entry %u at offset 0x%lx: header truncated (%lu of %d bytes)", idx,
			   (unsigned long)off, (unsigned long)(len - off), CPIO_HEADER_SIZE);
	if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
		return bad(why, whylen, "entry %u at offset 0x%lx: bad magic \"%.6s\" (not 070701)", idx,
			   (unsigned long)off, h);
	for (int i = 0; i < CPIO_FIELDS; i++)
		if (!parse_hex8(h + 6 + 8 * i, &f[i]))
			return bad(why, whylen, "entry %u at offset 0x%lx: field %s \"%.8s\" is not 8 hex digits",
				   idx, (unsigned long)off, field_names[i], h + 6 + 8 * i);
	return 0;
}

/* Name and data of the entry whose header is at off; *next is where the following header starts. */
static int read_body(const u8 *buf, size_t len, size_t off, const u32 *f, struct cpio_entry *e, size_t *next,
		     char *why, size_t whylen)
{
	size_t name_off = off + CPIO_HEADER_SIZE;
	u64 data_off = ALIGN((u64)name_off + f[F_NAMESIZE], 4);
	const char *name = (const char *)buf + name_off;

	if (f[F_NAMESIZE] == 0 || f[F_NAMESIZE] > len - name_off)
		return bad(why, whylen, "entry %u at offset 0x%lx: namesize %u runs past the end of the archive",
			   e->index, (unsigned long)off, f[F_NAMESIZE]);
	if (memchr(name, '\0', f[F_NAMESIZE]) != name + f[F_NAMESIZE] - 1)
		return bad(why, whylen, "entry %u at offset 0x%lx: name is not NUL-terminated at its namesize %u",
			   e->index, (unsigned long)off, f[F_NAMESIZE]);
	if (data_off + f[F_FILESIZE] > len)
		return bad(why, whylen, "entry %u (%s): filesize %u runs past the end of the archive", e->index,
			   name, f[F_FILESIZE]);
	e->name = name;
	e->mode = f[F_MODE];
	e->data = buf + data_off;
	e->filesize = f[F_FILESIZE];
	e->rdevmajor = f[F_RDEVMAJOR];
	e->rdevminor = f[F_RDEVMINOR];
	e->offset = off;
	*next = (size_t)ALIGN(data_off + f[F_FILESIZE], 4);
	return 0;
}

int cpio_walk(const void *buf, size_t len, cpio_actor_t actor, void *arg, char *why, size_t whylen)
{
	struct cpio_entry e;
	size_t off = 0, next = 0;
	u32 f[CPIO_FIELDS];
	int err;

	why[0] = '\0';
	for (unsigned int idx = 0;; idx++) {
		if (off >= len)
			return bad(why, whylen, "archive of %lu bytes ends after %u entries without TRAILER!!!",
				   (unsigned long)len, idx);
		err = read_header(buf, len, off, idx, f, why, whylen);
		if (err)
			return err;
		e.index = idx;
		err = read_body(buf, len, off, f, &e, &next, why, whylen);
		if (err)
			return err;
		if (!strcmp(e.name, "TRAILER!!!"))
			return 0;
		if (actor) {
			err = actor(&e, arg);
			if (err)
				return err;
		}
		off = next;
	}
}
