/*
 * The in-memory file system the initramfs becomes: a fixed table of the
 * archive's regular files and directories, each pointing at its bytes in
 * the archive (kept reserved and reached through its lowmem address).
 * Other entry types (symlinks, devices) are counted and skipped.  The
 * archive is checked whole (fs/cpio.c) before anything enters the table.
 */
#include <arch.h>
#include <cpio.h>
#include <initramfs.h>
#include <memblock.h>
#include <printk.h>
#include <string.h>
#include <asm/setup.h>

#define RAMFS_MAX_FILES	128
#define KERNEL_BELOW_TEXT	0x4000	/* the initial L1 table sits 16 KiB below the image (head.S) */

phys_addr_t phys_initrd_start;
unsigned long phys_initrd_size;

static struct ramfs_file files[RAMFS_MAX_FILES];
static unsigned int nr_files, nr_skipped;

void reserve_initrd_mem(phys_addr_t start, phys_addr_t end)
{
	if (start >= end)
		return;
	if (!memblock_is_memory(start) || !memblock_is_memory(end - 1)) {
		pr_err("initramfs: [mem 0x%08x-0x%08x] is not inside RAM; no initramfs\n",
		       (unsigned int)start, (unsigned int)(end - 1));
		return;
	}
	/*
	 * Only the kernel itself rules it out: U-Boot's bootm adds a
	 * /memreserve/ for the ramdisk it passes, so meeting a reservation
	 * is normal (memblock merges the two, as in Linux).
	 */
	if (start < __pa(_end) && end > __pa(_start) - KERNEL_BELOW_TEXT) {
		pr_err("initramfs: [mem 0x%08x-0x%08x] overlaps the kernel at 0x%08x-0x%08x; no initramfs\n",
		       (unsigned int)start, (unsigned int)(end - 1), (unsigned int)(__pa(_start) - KERNEL_BELOW_TEXT),
		       (unsigned int)(__pa(_end) - 1));
		return;
	}
	memblock_reserve(start, end - start);
	phys_initrd_start = start;
	phys_initrd_size = end - start;
}

/* "./bin/x", "/bin/x" and "bin/x" name the same file. */
static const char *skip_root(const char *name)
{
	while (name[0] == '/' || (name[0] == '.' && name[1] == '/'))
		name += name[0] == '/' ? 1 : 2;
	return name;
}

static int add_entry(const struct cpio_entry *e, void *arg)
{
	u32 type = e->mode & CPIO_S_IFMT;

	if ((type != CPIO_S_IFREG && type != CPIO_S_IFDIR) || !*skip_root(e->name)) {
		nr_skipped++;
		return 0;
	}
	if (nr_files == RAMFS_MAX_FILES) {
		nr_skipped++;
		return 0;
	}
	files[nr_files++] = (struct ramfs_file){ skip_root(e->name), e->mode, e->data, e->filesize };
	return 0;
}

unsigned int populate_rootfs(void)
{
	phys_addr_t end = phys_initrd_start + phys_initrd_size;
	const void *buf;
	char why[160];

	if (!phys_initrd_size)
		return 0;
	if (end > arch_lowmem_end) {
		pr_err("initramfs: [mem 0x%08x-0x%08x] is not in lowmem (ends at 0x%08x); no initramfs\n",
		       (unsigned int)phys_initrd_start, (unsigned int)(end - 1), (unsigned int)arch_lowmem_end);
		return 0;
	}
	buf = __va(phys_initrd_start);
	if (cpio_walk(buf, phys_initrd_size, NULL, NULL, why, sizeof(why))) {
		pr_err("initramfs: not a valid cpio newc archive: %s; no initramfs\n", why);
		return 0;
	}
	cpio_walk(buf, phys_initrd_size, add_entry, NULL, why, sizeof(why));
	pr_info("initramfs: %u entries from [mem 0x%08x-0x%08x]%s\n", nr_files, (unsigned int)phys_initrd_start,
		(unsigned int)(end - 1), nr_skipped ? " (some skipped: not a file or directory, or the table was full)" : "");
	return nr_files;
}

const struct ramfs_file *ramfs_lookup(const char *path)
{
	path = skip_root(path);
	for (unsigned int i = 0; i < nr_files; i++)
		if (!strcmp(files[i].name, path) && (files[i].mode & CPIO_S_IFMT) == CPIO_S_IFREG)
			return &files[i];
	return NULL;
}
