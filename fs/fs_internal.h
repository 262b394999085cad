/*
 * What the files of fs/ share and nobody else needs: the *at() flags, the
 * operations of each kind of file, and the path helpers of fs/open.c.
 */
#ifndef FS_INTERNAL_H
#define FS_INTERNAL_H

#include <file.h>

#define ESRCH		3
#ifndef ENXIO
#define ENXIO		6
#endif

/* include/uapi/linux/fcntl.h */
#define AT_FDCWD		-100
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EACCESS		0x200
#define AT_NO_AUTOMOUNT		0x800
#define AT_EMPTY_PATH		0x1000
#define AT_STATX_SYNC_TYPE	0x6000

/* The biggest read or write Linux does at once (include/linux/fs.h MAX_RW_COUNT). */
#define MAX_RW_COUNT	(0x7fffffffUL & PAGE_MASK)

/* A path copied in from user space and the buffers to resolve it in. */
struct lookup_bufs {
	char name[PATH_MAX];
	struct nameidata nd;
};

/* Copy the user string at uname into buf (PATH_MAX): 0, -EFAULT, or -ENAMETOOLONG. */
int getname(const char *uname, char *buf);

/*
 * Resolve the user path uname relative to dfd (AT_FDCWD or an open
 * directory) with LOOKUP_* flags; with empty_ok (AT_EMPTY_PATH) an empty
 * name means the file at dfd.  0 and *out, or -errno.
 */
int user_path_at(int dfd, const char *uname, unsigned int flags, bool empty_ok, struct path *out);

extern const struct file_operations ramfs_file_fops;	/* fs/read_write.c */

/* A ramfs file's read and llseek over its bytes: the archive's files and the written ones share them. */
long ramfs_file_read(struct file *f, char *ubuf, size_t n, loff_t *pos);
loff_t ramfs_file_llseek(struct file *f, loff_t off, int whence);
extern const struct file_operations dir_fops;		/* fs/readdir.c */

/* A new writable regular file name[0..len) in dir (fs/ramfs_write.c), or NULL when out of memory. */
struct inode *ramfs_create(struct inode *dir, const char *name, size_t len, u32 mode);
/* Empty a file made by ramfs_create; the archive's files are left alone. */
void ramfs_truncate(struct inode *i);

/* The operations of the character device rdev (fs/tty.c), or NULL for one we do not have. */
const struct file_operations *chrdev_fops(u32 rdev);

/* For llseek of files with no position (pipes, the tty): always -ESPIPE. */
loff_t no_llseek(struct file *f, loff_t off, int whence);

/* True for the /proc/<pid> directory inode (fs/proc.c), whose name is the pid. */
bool proc_is_pid_dir(const struct inode *i);

/* True for every inode of /proc (fs/proc.c). */
bool proc_owns(const struct inode *i);

/* The device numbers stat reports for a tree's inodes (fs/stat.c, fs/proc.c). */
#define RAMFS_DEV	MKDEV(0, 1)
#define PROC_DEV	MKDEV(0, 4)

#endif
