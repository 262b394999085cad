/*
 * The file-system tree: inodes of the in-memory file system (fs/ramfs.c
 * fills them from the initramfs, fs/proc.c adds /proc) and path lookup
 * over them (fs/namei.c).  Mode bits, limits and error numbers are
 * Linux's (include/uapi/linux/stat.h, include/uapi/linux/limits.h,
 * include/uapi/asm-generic/errno-base.h and errno.h).
 */
#ifndef FS_H
#define FS_H

#include <initramfs.h>
#include <types.h>

#define EPERM		1
#define EIO		5
#define EBADF		9
#define EAGAIN		11
#define EACCES		13
#ifndef EFAULT
#define EFAULT		14
#endif
#define EEXIST		17
#define ENODEV		19
#define ENOTDIR		20
#define EISDIR		21
#define EMFILE		24
#define ENOTTY		25
#define ESPIPE		29
#define EROFS		30
#define EPIPE		32
#define ENAMETOOLONG	36
#define ELOOP		40
#define EOVERFLOW	75

#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)

#define PATH_MAX	4096	/* bytes of a path, its NUL included */
#define NAME_MAX	255	/* bytes of one component */
#define MAXSYMLINKS	40	/* links one lookup may follow before ELOOP (Linux's fs/namei.c) */

/* Linux's device numbers (include/linux/kdev_t.h new_encode_dev for st_rdev). */
#define MKDEV(ma, mi)	((u32)(ma) << 8 | (u32)(mi))
#define MAJOR(dev)	((dev) >> 8)
#define MINOR(dev)	((dev) & 0xff)

typedef long long loff_t;

struct inode;
struct file;
struct file_operations;

/*
 * Where a lookup ended: the inode, and for the per-process files of
 * /proc/<pid>/ the pid they describe (0 elsewhere), so that one inode
 * serves every process.
 */
struct path {
	struct inode *inode;
	int pid;
};

/* One directory entry, as a directory's readdir reports it. */
struct dir_entry {
	char name[NAME_MAX + 1];
	u32 ino;
	u32 mode;		/* only the type bits are used */
};

/* For directories and links whose contents are made when asked (/proc). */
struct inode_operations {
	/* The entry name[0..len) of dir: 0 and *out, or -ENOENT. */
	int (*lookup)(const struct path *dir, const char *name, size_t len, struct path *out);
	/* Entry idx (0-based, after "." and "..") of dir: 0, or -ENOENT past the end. */
	int (*readdir)(const struct path *dir, unsigned int idx, struct dir_entry *out);
	/* The link's target into buf (size bytes, NUL-terminated): its length, or -errno. */
	int (*readlink)(const struct path *link, char *buf, size_t size);
};

/*
 * An inode of the tree.  rf holds what exec and file mmap read: for a
 * regular file its bytes (inside the initramfs archive), for a symlink its
 * target (not NUL-terminated); rf.name is the last component.  Children
 * are a singly linked list in the order they were added.
 */
struct inode {
	struct ramfs_file rf;
	u32 ino;
	u32 rdev;			/* MKDEV(major, minor) of a character device */
	struct inode *parent;		/* the root is its own parent */
	struct inode *children, *next_sibling;
	const struct inode_operations *i_op;	/* NULL: a plain ramfs node */
	const struct file_operations *i_fop;	/* NULL: the default for its type */
	const void *i_private;
};

static inline u32 inode_mode(const struct inode *i) { return i->rf.mode; }

/* Lookup flags. */
#define LOOKUP_FOLLOW	0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2	/* the result must be a directory */

/* The two PATH_MAX buffers a lookup works in (the caller's, so lookup allocates nothing). */
struct nameidata {
	char buf[2][PATH_MAX];
};

/*
 * Resolve name from root (absolute names) or cwd (relative ones), as
 * Linux's path_lookupat: "." and ".." ("/.." is "/"), repeated slashes,
 * symlinks in every component but the last, and in the last one with
 * LOOKUP_FOLLOW or a trailing slash, at most MAXSYMLINKS in all.  Returns
 * 0 and *out, or -ENOENT (empty name, missing component), -ENOTDIR (a
 * component used as a directory is not one; a trailing slash after a
 * non-directory), -ELOOP, -ENAMETOOLONG.
 */
int path_lookupat(const struct path *root, const struct path *cwd, const char *name, unsigned int flags,
		  struct path *out, struct nameidata *nd);

/* The child of dir named name[0..len) (plain ramfs directories), or NULL. */
struct inode *inode_child(const struct inode *dir, const char *name, size_t len);

/* Append child to dir's entries and set its parent. */
void inode_add_child(struct inode *dir, struct inode *child);

/* The target of link into buf (NUL-terminated, cut to size - 1): its full length, or -errno. */
int inode_readlink(const struct path *link, char *buf, size_t size);

/* Entry idx of a directory after "." and "..": 0 with *out, or -ENOENT at the end. */
int inode_readdir(const struct path *dir, unsigned int idx, struct dir_entry *out);

/* Entry idx of dir's own list of children: 0 with *out, or -ENOENT at the end. */
int simple_readdir(const struct inode *dir, unsigned int idx, struct dir_entry *out);

/* The root of the tree (fs/ramfs.c). */
extern struct inode ramfs_root;

/*
 * Make name (one component) in dir with mode; rf.data/rf.size set by the
 * caller.  Returns the new inode, NULL when out of memory (fs/ramfs.c).
 */
struct inode *ramfs_new_inode(struct inode *dir, const char *name, u32 mode);

/* Look path up from the root, following symlinks (for the kernel's own use): 0 and *out, or -errno. */
int ramfs_lookup_path(const char *path, struct path *out);

/* Add the character devices and mount points a system needs: /dev/{console,tty,null,zero}, /proc. */
void ramfs_init_devices(void);

/* /proc (fs/proc.c): attach it to its directory inode in the tree. */
void proc_root_init(struct inode *dir);

#endif
