/*
 * mount and umount2, as far as a system with one tree needs them: /proc
 * is always there (fs/proc.c), so mounting proc on /proc succeeds and
 * changes nothing; every other request is refused with Linux's error for
 * a file-system type the kernel does not have.  /proc/mounts (also the
 * shell's `cat /proc/mounts`) lists the two, in Linux's format
 * (fs/proc_namespace.c: device, mount point, type, options, 0 0).
 */
#include <file.h>
#include <sched.h>
#include <shell.h>
#include <slab.h>
#include <string.h>
#include <syscall.h>
#include <syscalls_fs.h>
#include <uaccess.h>

#include "fs_internal.h"

#define FSTYPE_MAX	32

/* mount(source, target, fstype, flags, data) */
long sys_mount(const struct syscall_args *a)
{
	char type[FSTYPE_MAX];
	struct path target, proc;
	int err;

	for (size_t i = 0; i < sizeof(type); i++) {
		if (copy_from_user(type + i, (const char *)a->arg[2] + i, 1))
			return -EFAULT;
		if (!type[i])
			break;
	}
	type[sizeof(type) - 1] = '\0';
	err = user_path_at(AT_FDCWD, (const char *)a->arg[1], LOOKUP_FOLLOW | LOOKUP_DIRECTORY, false, &target);
	if (err)
		return err;
	if (strcmp(type, "proc"))
		return -ENODEV;
	err = ramfs_lookup_path("/proc", &proc);
	return !err && proc.inode == target.inode ? 0 : -EBUSY;
}

/* umount2(target, flags): /proc stays, and there is nothing else mounted. */
long sys_umount2(const struct syscall_args *a)
{
	struct path target;
	int err = user_path_at(AT_FDCWD, (const char *)a->arg[0], LOOKUP_FOLLOW, false, &target);

	if (err)
		return err;
	return proc_owns(target.inode) ? 0 : -EINVAL;
}

static void mounts_show(struct seq *s)
{
	seq_puts(s, "rootfs / rootfs ro 0 0\n");
	seq_puts(s, "proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n");
}
PROC_FILE(mounts, "mounts", mounts_show);
