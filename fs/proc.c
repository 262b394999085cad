/*
 * /proc as files: every show function of the shell's .proc_files table
 * (include/shell.h PROC_FILE) is /proc/<name>, produced by that same
 * function when the file is opened; /proc/self is a link to the reader's
 * /proc/<pid>; /proc/<pid>/ holds stat, status, cmdline and maps in
 * Linux's formats (fs/proc/array.c, fs/proc/task_mmu.c).  One set of
 * per-process inodes serves every pid: the pid travels in struct path.
 * /proc/sys/vm/compact_memory, compaction_proactiveness and
 * extfrag_threshold are the writable files (Linux's sysctls).
 */
#include <compaction.h>
#include <file.h>
#include <mm.h>
#include <printk.h>
#include <sched.h>
#include <seq.h>
#include <shell.h>
#include <slab.h>
#include <string.h>
#include <uaccess.h>

#include "fs_internal.h"

#define PROC_TEXT_FIRST	(16 * 1024)
#define PROC_TEXT_MAX	(512 * 1024)

extern const struct proc_file __proc_files_start[], __proc_files_end[];

/* What an open /proc file reads: the text its show function wrote at open. */
struct proc_text {
	size_t len;
	char buf[];
};

struct pid_file {
	const char *name;
	void (*show)(struct seq *s, struct task_struct *t);
};

static struct inode *proc_dir, proc_self, proc_pid_dir;

/* The task with pid, zombies included (Linux shows them until they are reaped), or NULL. */
static struct task_struct *proc_find_task(int pid)
{
	struct task_struct *t = pid > 0 ? find_task_by_pid(pid) : NULL;

	return t && t->state != EXIT_DEAD ? t : NULL;
}

/* Run show into a buffer that grows until the text fits: the text, or NULL when out of memory. */
static struct proc_text *proc_render(void (*show)(struct seq *s, const void *arg), const void *arg)
{
	for (size_t size = PROC_TEXT_FIRST; size <= PROC_TEXT_MAX; size *= 2) {
		struct proc_text *t = kmalloc(sizeof(*t) + size, GFP_KERNEL);
		struct seq s;

		if (!t)
			return NULL;
		seq_init(&s, t->buf, size);
		show(&s, arg);
		if (!s.overflow || size == PROC_TEXT_MAX) {
			t->len = s.len;
			return t;
		}
		kfree(t);
	}
	return NULL;
}

static long proc_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	struct proc_text *t = f->private_data;

	return simple_read_from_buffer(ubuf, n, pos, t->buf, t->len);
}

static loff_t proc_llseek(struct file *f, loff_t off, int whence)
{
	return generic_file_llseek(f, off, whence, (loff_t)((struct proc_text *)f->private_data)->len);
}

static void proc_release(struct file *f)
{
	kfree(f->private_data);
}

static void show_table_file(struct seq *s, const void *arg)
{
	((const struct proc_file *)arg)->show(s);
}

static int proc_table_open(struct file *f)
{
	f->private_data = proc_render(show_table_file, f->f_path.inode->i_private);
	return f->private_data ? 0 : -ENOMEM;
}

static const struct file_operations proc_table_fops = {
	.open = proc_table_open,
	.read = proc_read,
	.llseek = proc_llseek,
	.release = proc_release,
};

/* ---- /proc/<pid>/ ---- */

/* Linux's state letters (fs/proc/array.c task_state_array) for the states this kernel has. */
static char task_state(const struct task_struct *t)
{
	return t->state == TASK_RUNNING ? 'R' : t->state == EXIT_ZOMBIE ? 'Z' : 'S';
}

static const char *task_state_name(const struct task_struct *t)
{
	return t->state == TASK_RUNNING ? "running" : t->state == EXIT_ZOMBIE ? "zombie" : "sleeping";
}

static int task_ppid(const struct task_struct *t)
{
	return t->parent ? t->parent->pid : 0;
}

/* Linux's 52 fields of /proc/<pid>/stat (fs/proc/array.c do_task_stat); what we do not track is 0. */
/* The address space's size in bytes (VmSize), 0 for a task that has exited. */
static unsigned long task_vsize(const struct mm_struct *mm)
{
	return mm ? mm->total_vm << PAGE_SHIFT : 0;
}

static void pid_stat(struct seq *s, struct task_struct *t)
{
	const struct mm_struct *mm = t->mm;

	seq_printf(s, "%d (%s) %c %d %d %d 0 -1 4194560 0 0 0 0 0 0 0 0 20 0 1 0 0 ", t->pid, t->comm,
		   task_state(t), task_ppid(t), t->pgid, t->sid);
	seq_printf(s, "%lu %lu 4294967295 0 0 %lu 0 0 0 0 0 0 0 0 0 17 %u 0 0 0 0 0 ", task_vsize(mm),
		   mm ? mm->rss : 0, mm ? mm->start_stack : 0, t->cpu);	/* field 39: the CPU it last ran on */
	seq_printf(s, "0 0 %lu 0 0 0 0 0\n", mm ? mm->start_brk : 0);
}

static void pid_status(struct seq *s, struct task_struct *t)
{
	seq_printf(s, "Name:\t%s\nUmask:\t%04o\nState:\t%c (%s)\nTgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n",
		   t->comm, task_umask(t), task_state(t), task_state_name(t), t->pid, t->pid, task_ppid(t));
	seq_printf(s, "TracerPid:\t0\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\nFDSize:\t%u\nGroups:\t\n",
		   t->files ? t->files->max_fds : 0);
	if (t->mm)
		show_mm_status(s, t->mm);
	seq_printf(s, "Threads:\t1\n");
	seq_printf(s, "voluntary_ctxt_switches:\t%lu\nnonvoluntary_ctxt_switches:\t%lu\n", t->nvcsw, t->nivcsw);
}

static void pid_cmdline(struct seq *s, struct task_struct *t)
{
	if (t->flags & PF_KTHREAD)
		return;	/* a kernel thread's is empty, as in Linux (ps shows [comm] for it) */
	/* Call site for the arguments from the task's stack once exec records arg_start/arg_end: the name now. */
	seq_puts(s, t->comm);
	seq_printf(s, "%c", '\0');
}

static void pid_maps(struct seq *s, struct task_struct *t)
{
	if (t->mm)
		show_map_vmas(s, t->mm);
}

static const struct pid_file pid_files[] = {
	{ "cmdline", pid_cmdline },
	{ "maps", pid_maps },
	{ "stat", pid_stat },
	{ "status", pid_status },
};

static struct inode pid_inodes[ARRAY_SIZE(pid_files)];

struct pid_show_arg {
	const struct pid_file *pf;
	struct task_struct *t;
};

static void show_pid_file(struct seq *s, const void *arg)
{
	const struct pid_show_arg *a = arg;

	a->pf->show(s, a->t);
}

static int proc_pid_open(struct file *f)
{
	struct pid_show_arg a = { f->f_path.inode->i_private, proc_find_task(f->f_path.pid) };

	if (!a.t)
		return -ESRCH;
	f->private_data = proc_render(show_pid_file, &a);
	return f->private_data ? 0 : -ENOMEM;
}

static const struct file_operations proc_pid_fops = {
	.open = proc_pid_open,
	.read = proc_read,
	.llseek = proc_llseek,
	.release = proc_release,
};

static int pid_dir_lookup(const struct path *dir, const char *name, size_t len, struct path *out)
{
	struct inode *i = inode_child(dir->inode, name, len);

	if (!i || !proc_find_task(dir->pid))
		return -ENOENT;
	*out = (struct path){ i, dir->pid };
	return 0;
}

static int pid_dir_readdir(const struct path *dir, unsigned int idx, struct dir_entry *out)
{
	return simple_readdir(dir->inode, idx, out);
}

static const struct inode_operations proc_pid_iops = {
	.lookup = pid_dir_lookup,
	.readdir = pid_dir_readdir,
};

/* ---- /proc itself ---- */

/* "123" -> 123; 0 if name is not a decimal pid. */
static int parse_pid(const char *name, size_t len)
{
	int pid = 0;

	if (!len || len > 9 || name[0] == '0')
		return 0;
	for (size_t i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		pid = pid * 10 + (name[i] - '0');
	}
	return pid;
}

static int proc_root_lookup(const struct path *dir, const char *name, size_t len, struct path *out)
{
	struct inode *i = inode_child(dir->inode, name, len);
	int pid = i ? 0 : parse_pid(name, len);

	if (!i && !proc_find_task(pid))
		return -ENOENT;
	*out = (struct path){ i ? i : &proc_pid_dir, pid };
	return 0;
}

/* The table's files and self, then one directory per process, in creation order. */
static int proc_root_readdir(const struct path *dir, unsigned int idx, struct dir_entry *out)
{
	struct task_struct *t;

	if (simple_readdir(dir->inode, idx, out) == 0)
		return 0;
	for (const struct inode *c = dir->inode->children; c; c = c->next_sibling)
		idx--;
	for_each_process(t) {
		if (t->state == EXIT_DEAD || idx--)
			continue;
		snprintf(out->name, sizeof(out->name), "%d", t->pid);
		out->ino = (u32)t->pid << 16 | proc_pid_dir.ino;
		out->mode = S_IFDIR;
		return 0;
	}
	return -ENOENT;
}

static const struct inode_operations proc_root_iops = {
	.lookup = proc_root_lookup,
	.readdir = proc_root_readdir,
};

static int proc_self_readlink(const struct path *link, char *buf, size_t size)
{
	if (!current)
		return -ENOENT;
	return snprintf(buf, size, "%d", current->pid);
}

static const struct inode_operations proc_self_iops = {
	.readlink = proc_self_readlink,
};

bool proc_is_pid_dir(const struct inode *i)
{
	return i == &proc_pid_dir;
}

bool proc_owns(const struct inode *i)
{
	for (; proc_dir && i->parent != i; i = i->parent)
		if (i == proc_dir)
			return true;
	return i == proc_dir;
}

/* Inodes outside the allocator: /proc/self, the per-pid directory and its files. */
static void proc_static_inodes(struct inode *dir, u32 *ino)
{
	proc_self = (struct inode){ .rf = { "self", S_IFLNK | 0777, NULL, 0 }, .i_op = &proc_self_iops };
	proc_self.ino = (*ino)++;
	inode_add_child(dir, &proc_self);
	proc_pid_dir = (struct inode){ .rf = { "", S_IFDIR | 0555, NULL, 0 }, .i_op = &proc_pid_iops };
	proc_pid_dir.ino = (*ino)++;
	proc_pid_dir.parent = dir;	/* ".." of /proc/<pid> is /proc; it is not in /proc's list */
	for (size_t k = 0; k < ARRAY_SIZE(pid_files); k++) {
		pid_inodes[k] = (struct inode){ .rf = { pid_files[k].name, S_IFREG | 0444, NULL, 0 },
						.i_fop = &proc_pid_fops, .i_private = &pid_files[k] };
		pid_inodes[k].ino = (*ino)++;
		inode_add_child(&proc_pid_dir, &pid_inodes[k]);
	}
}

/* ---- /proc/sys/vm ---- */

/* A /proc directory of fixed children: lookup and readdir over them (and no new files: do_creat sees an i_op). */
static int proc_plain_lookup(const struct path *dir, const char *name, size_t len, struct path *out)
{
	struct inode *i = inode_child(dir->inode, name, len);

	if (!i)
		return -ENOENT;
	*out = (struct path){ i, 0 };
	return 0;
}

static int proc_plain_readdir(const struct path *dir, unsigned int idx, struct dir_entry *out)
{
	return simple_readdir(dir->inode, idx, out);
}

static const struct inode_operations proc_plain_iops = {
	.lookup = proc_plain_lookup,
	.readdir = proc_plain_readdir,
};

/*
 * Linux 6.1's vm.compact_memory (kernel/sysctl.c, mm/compaction.c
 * sysctl_compaction_handler): write-only, and any write compacts every
 * zone, whatever was written.  The write comes from a system call, so the
 * caller is a process in the kernel on CPU 0: compaction's rule
 * (include/compaction.h) holds.
 */
static long compact_memory_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	int err = compact_nodes();

	(void)f;
	(void)ubuf;
	if (err)
		return err;
	*pos += (loff_t)n;
	return (long)n;
}

static const struct file_operations compact_memory_fops = {
	.write = compact_memory_write,
};

/*
 * An integer sysctl (Linux's proc_dointvec_minmax): reads the value and a
 * newline; a write is one decimal integer, optionally signed, with white
 * space around it, handed to the setter, which checks its range.  Anything
 * else is -EINVAL with one line, and the value stays.
 */
struct proc_int_sysctl {
	const char *name;
	unsigned int *value;
	int (*set)(long value);	/* 0 or -EINVAL (it prints the line) */
};

static const struct proc_int_sysctl compaction_proactiveness_sysctl = {
	"compaction_proactiveness", &sysctl_compaction_proactiveness, compaction_proactiveness_set,
};

static const struct proc_int_sysctl extfrag_threshold_sysctl = {
	"extfrag_threshold", &sysctl_extfrag_threshold, extfrag_threshold_set,
};

static long proc_int_read(struct file *f, char *ubuf, size_t n, loff_t *pos)
{
	const struct proc_int_sysctl *c = f->f_path.inode->i_private;
	char buf[16];
	size_t len = (size_t)snprintf(buf, sizeof(buf), "%u\n", *c->value);

	if (*pos >= (loff_t)len)
		return 0;
	if (n > len - (size_t)*pos)
		n = len - (size_t)*pos;
	if (copy_to_user(ubuf, buf + *pos, n))
		return -EFAULT;
	*pos += (loff_t)n;
	return (long)n;
}

/* The one integer of buf ("  -12 \n"), or false if there is not exactly one (or it does not fit). */
static bool parse_int(const char *buf, long *out)
{
	bool neg = false, digits = false;
	long v = 0;

	while (*buf == ' ' || *buf == '\t')
		buf++;
	if (*buf == '-' || *buf == '+')
		neg = *buf++ == '-';
	for (; *buf >= '0' && *buf <= '9'; buf++, digits = true)
		if ((v = v * 10 + (*buf - '0')) > 0x7fffffffL)
			return false;
	while (*buf == ' ' || *buf == '\t')
		buf++;
	*out = neg ? -v : v;
	return digits && !*buf;
}

static long proc_int_write(struct file *f, const char *ubuf, size_t n, loff_t *pos)
{
	const struct proc_int_sysctl *c = f->f_path.inode->i_private;
	char buf[24];
	long v;

	if (n >= sizeof(buf) || copy_from_user(buf, ubuf, n)) {
		pr_warn("sysctl: vm.%s: a write of %zu bytes refused (one integer wanted): -EINVAL, it stays %u\n",
			c->name, n, *c->value);
		return -EINVAL;
	}
	buf[n] = '\0';
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';	/* echo's newline: white space, and the line printed stays one line */
	if (!parse_int(buf, &v)) {
		pr_warn("sysctl: vm.%s: \"%s\" is not one integer: -EINVAL, it stays %u\n", c->name, buf, *c->value);
		return -EINVAL;
	}
	if (c->set(v))
		return -EINVAL;
	*pos += (loff_t)n;
	return (long)n;
}

static const struct file_operations proc_int_fops = {
	.read = proc_int_read,
	.write = proc_int_write,
};

static struct inode proc_sys, proc_sys_vm, proc_compact_memory, proc_compaction_proactiveness, proc_extfrag_threshold;

static void proc_sys_inodes(struct inode *dir, u32 *ino)
{
	proc_sys = (struct inode){ .rf = { "sys", S_IFDIR | 0555, NULL, 0 }, .i_op = &proc_plain_iops };
	proc_sys_vm = (struct inode){ .rf = { "vm", S_IFDIR | 0555, NULL, 0 }, .i_op = &proc_plain_iops };
	proc_compact_memory = (struct inode){ .rf = { "compact_memory", S_IFREG | 0200, NULL, 0 },
					      .i_fop = &compact_memory_fops };
	proc_compaction_proactiveness = (struct inode){ .rf = { "compaction_proactiveness", S_IFREG | 0644, NULL, 0 },
							.i_fop = &proc_int_fops,
							.i_private = &compaction_proactiveness_sysctl };
	proc_extfrag_threshold = (struct inode){ .rf = { "extfrag_threshold", S_IFREG | 0644, NULL, 0 },
						 .i_fop = &proc_int_fops, .i_private = &extfrag_threshold_sysctl };
	proc_sys.ino = (*ino)++;
	proc_sys_vm.ino = (*ino)++;
	proc_compact_memory.ino = (*ino)++;
	proc_compaction_proactiveness.ino = (*ino)++;
	proc_extfrag_threshold.ino = (*ino)++;
	inode_add_child(dir, &proc_sys);
	inode_add_child(&proc_sys, &proc_sys_vm);
	inode_add_child(&proc_sys_vm, &proc_compact_memory);
	inode_add_child(&proc_sys_vm, &proc_compaction_proactiveness);
	inode_add_child(&proc_sys_vm, &proc_extfrag_threshold);
}

void proc_root_init(struct inode *dir)
{
	u32 ino = 0x1000;	/* /proc's own numbers, apart from the initramfs's */

	proc_dir = dir;
	dir->i_op = &proc_root_iops;
	for (const struct proc_file *p = __proc_files_start; p < __proc_files_end; p++) {
		struct inode *i = ramfs_new_inode(dir, p->name, S_IFREG | 0444);

		if (!i) {
			pr_err("proc: no memory for /proc/%s; it is missing\n", p->name);
			continue;
		}
		i->ino = ino++;
		i->i_fop = &proc_table_fops;
		i->i_private = p;
	}
	proc_static_inodes(dir, &ino);
	proc_sys_inodes(dir, &ino);
}
