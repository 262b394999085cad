/*
 * The cpio "newc" archive format of Linux's initramfs (Linux's
 * Documentation/driver-api/early-userspace/buffer-format.rst):
 *
 *   +------------------+------------+-----+----------+-----+----
 *   | 110-byte header  | name, NUL  | pad | data     | pad | next entry ...
 *   +------------------+------------+-----+----------+-----+----
 *     "070701" + 13 fields of 8 hex digits; pads to 4 bytes; the last entry is "TRAILER!!!".
 *
 * cpio_walk is pure (no allocation, no printing), so the host tests feed it
 * malformed archives.
 */
#ifndef CPIO_H
#define CPIO_H

#include <types.h>

#define CPIO_HEADER_SIZE	110
#define CPIO_S_IFMT		0170000
#define CPIO_S_IFDIR		0040000
#define CPIO_S_IFREG		0100000

struct cpio_entry {
	const char *name;	/* NUL-terminated, inside the archive */
	u32 mode;		/* file type and permission bits */
	const void *data;	/* filesize bytes inside the archive */
	u32 filesize;
	u32 rdevmajor, rdevminor;	/* of a device node */
	unsigned int index;	/* 0 for the first entry */
	size_t offset;		/* of the entry's header in the archive */
};

typedef int (*cpio_actor_t)(const struct cpio_entry *e, void *arg);

/*
 * Walk the archive [buf, buf + len) up to its TRAILER!!! entry, checking
 * every header: the magic (070701, or 070702 with a checksum, not
 * verified), each field eight hex digits, namesize at least 1 with the
 * name's only NUL at its last byte, name and data inside the archive.
 * Calls actor (unless NULL) for every entry before the trailer; a non-zero
 * return from it stops the walk and is returned.  Returns 0 for a sound
 * archive, or -EINVAL with one phrase in why saying which entry is wrong
 * and how (what came before has been passed to actor: validate with a NULL
 * actor first to act only on sound archives).
 */
int cpio_walk(const void *buf, size_t len, cpio_actor_t actor, void *arg, char *why, size_t whylen);

#endif
