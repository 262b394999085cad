/*
 * The in-memory file system the initramfs becomes: a tree of inodes
 * (directories, regular files, symlinks, character devices), each file
 * pointing at its bytes in the archive (kept reserved and reached through
 * its lowmem address).  The archive is checked whole (fs/cpio.c) before
 * anything enters the tree.  Lookup is fs/namei.c's; /proc is fs/proc.c's.
 */
#include <arch.h>
#include <cpio.h>
#include <fs.h>
#include <initramfs.h>
#include <memblock.h>
#include <printk.h>
#include <slab.h>
#include <string.h>
#include <asm/setup.h>

#define KERNEL_BELOW_TEXT	0x4000	/* the initial L1 table sits 16 KiB below the image (head.S) */

phys_addr_t phys_initrd_start;
unsigned long phys_initrd_size;

struct inode ramfs_root = {
	.rf = { "", S_IFDIR | 0755, NULL, 0 },
	.ino = 1,
	.parent = &ramfs_root,
};
static u32 last_ino = 1;
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

struct inode *ramfs_new_inode(struct inode *dir, const char *name, u32 mode)
{
	struct inode *i = kzalloc(sizeof(*i), GFP_KERNEL);

	if (!i)
		return NULL;
	i->rf.name = name;
	i->rf.mode = mode;
	i->ino = ++last_ino;
	inode_add_child(dir, i);
	return i;
}

/* A directory made because the archive named a child before (or without) its parent. */
static struct inode *implicit_dir(struct inode *dir, const char *name, size_t len)
{
	char *copy = kmalloc(len + 1, GFP_KERNEL);
	struct inode *i;

	if (!copy)
		return NULL;
	memcpy(copy, name, len);
	copy[len] = '\0';
	i = ramfs_new_inode(dir, copy, S_IFDIR | 0755);
	if (!i)
		kfree(copy);
	return i;
}

/*
 * The directory that holds the last component of name, made on the way
 * where missing.  The last component is NUL-terminated in the archive
 * (which stays reserved), so the new inode can point at it.  Returns NULL
 * if a component is not a directory or memory ran out.
 */
static struct inode *parent_dir(const char *name, const char **last)
{
	struct inode *dir = &ramfs_root, *c;
	const char *slash;

	while ((slash = strchr(name, '/'))) {
		size_t len = (size_t)(slash - name);

		c = inode_child(dir, name, len);
		if (!c)
			c = implicit_dir(dir, name, len);
		if (!c || !S_ISDIR(inode_mode(c)))
			return NULL;
		dir = c;
		for (name = slash + 1; *name == '/'; name++)
			;
	}
	*last = name;
	return dir;
}

static bool wanted_type(u32 type)
{
	return type == S_IFREG || type == S_IFDIR || type == S_IFLNK || type == S_IFCHR;
}

static int add_entry(const struct cpio_entry *e, void *arg)
{
	u32 type = e->mode & CPIO_S_IFMT;
	const char *last;
	struct inode *dir, *i;

	if (!strcmp(skip_root(e->name), ".") && type == S_IFDIR) {
		ramfs_root.rf.mode = e->mode;	/* `find . | cpio -o` archives start with the root itself */
		return 0;
	}
	dir = wanted_type(type) && *skip_root(e->name) ? parent_dir(skip_root(e->name), &last) : NULL;
	if (!dir || !*last || !strcmp(last, ".") || !strcmp(last, "..")) {
		nr_skipped++;
		return 0;
	}
	i = inode_child(dir, last, strlen(last));
	if (i && type == S_IFDIR && S_ISDIR(inode_mode(i))) {
		i->rf.mode = e->mode;	/* made as a parent before: now with its own mode */
		return 0;
	}
	if (i || !(i = ramfs_new_inode(dir, last, e->mode))) {
		nr_skipped++;
		return 0;
	}
	i->rf.data = e->data;
	i->rf.size = e->filesize;
	i->rdev = MKDEV(e->rdevmajor, e->rdevminor);
	nr_files++;
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
	ramfs_init_devices();
	pr_info("initramfs: %u entries from [mem 0x%08x-0x%08x]%s\n", nr_files, (unsigned int)phys_initrd_start,
		(unsigned int)(end - 1), nr_skipped ? " (some skipped: a duplicate, a type not kept, or no memory)" : "");
	return nr_files;
}

int ramfs_lookup_path(const char *path, struct path *out)
{
	struct path root = { &ramfs_root, 0 };
	struct nameidata *nd = kmalloc(sizeof(*nd), GFP_KERNEL);
	int err;

	if (!nd)
		return -ENOMEM;
	err = path_lookupat(&root, &root, path, LOOKUP_FOLLOW, out, nd);
	kfree(nd);
	return err;
}

const struct ramfs_file *ramfs_lookup(const char *path)
{
	struct path p;

	if (ramfs_lookup_path(path, &p) || !S_ISREG(inode_mode(p.inode)) || p.inode->i_op)
		return NULL;
	return &p.inode->rf;
}

/* dir/name, made with mode unless it is there already; NULL if it cannot be. */
static struct inode *ensure(struct inode *dir, const char *name, u32 mode, u32 rdev)
{
	struct inode *i = inode_child(dir, name, strlen(name));

	if (!i) {
		i = ramfs_new_inode(dir, name, mode);
		if (i)
			i->rdev = rdev;
	}
	return i;
}

/* The character devices (Linux's Documentation/admin-guide/devices.txt numbers) and /proc. */
void ramfs_init_devices(void)
{
	struct inode *dev = ensure(&ramfs_root, "dev", S_IFDIR | 0755, 0);
	struct inode *proc = ensure(&ramfs_root, "proc", S_IFDIR | 0555, 0);

	if (dev) {
		ensure(dev, "console", S_IFCHR | 0600, MKDEV(5, 1));
		ensure(dev, "tty", S_IFCHR | 0666, MKDEV(5, 0));
		ensure(dev, "null", S_IFCHR | 0666, MKDEV(1, 3));
		ensure(dev, "zero", S_IFCHR | 0666, MKDEV(1, 5));
	}
	if (proc && S_ISDIR(inode_mode(proc)))
		proc_root_init(proc);
	if (!dev || !proc)
		pr_err("initramfs: no memory for /dev or /proc; they are missing\n");
}
