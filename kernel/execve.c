/*
 * execve: the current process runs another program.  Everything that can
 * fail is done before the old image is touched: the path, argv and envp
 * are copied from user memory, the file found and checked, a `#!` line
 * followed to its interpreter, and the new image built in an address
 * space of its own (kernel/exec.c); only then does the process switch to
 * it and the old one go (or, for a vfork child, go back to the parent).
 * On any error the caller keeps running its old image and gets -errno.
 */
#include <elf.h>
#include <file.h>
#include <gfp.h>
#include <initramfs.h>
#include <mm.h>
#include <mmu_context.h>
#include <printk.h>
#include <proc_rules.h>
#include <sched.h>
#include <string.h>
#include <syscall.h>
#include <uaccess.h>
#include <asm/ptrace.h>
#include <asm/thread.h>

#include "exec.h"

#define PATH_MAX		4096	/* Linux's, with the NUL */
#define EXEC_MAX_ARGS		32	/* argv plus envp strings each: kernel/exec.c's MAX_ARGS */
#define EXEC_STRINGS_SIZE	PAGE_SIZE	/* all strings together: kernel/exec.c's one-page block */
#define BINPRM_MAX_RECURSION	4	/* Linux's: an interpreter may itself be a script, four deep */
#define ENAMETOOLONG		36

/* The strings execve collects, in one page: [used, size) is free. */
struct exec_args {
	char *buf;
	size_t used;
	const char *argv[EXEC_MAX_ARGS + 4];	/* room for a #! line's interpreter, argument and script */
	const char *envp[EXEC_MAX_ARGS + 1];
	unsigned int argc, envc;
	char path[PATH_MAX];
};

/* A NUL-terminated user string into the buffer: its copy, or NULL with *err -EFAULT or -E2BIG. */
static const char *copy_string(struct exec_args *ea, unsigned long uaddr, int *err)
{
	char *dst = ea->buf + ea->used;

	for (size_t n = 0;; n++) {
		if (ea->used + n >= EXEC_STRINGS_SIZE) {
			*err = -E2BIG;
			return NULL;
		}
		if (copy_from_user(dst + n, (const void *)(uaddr + n), 1)) {
			*err = -EFAULT;
			return NULL;
		}
		if (!dst[n]) {
			ea->used += n + 1;
			return dst;
		}
	}
}

/* A NULL-terminated user vector of strings (NULL itself: empty) into out[]; returns the count or -errno. */
static int copy_strings(struct exec_args *ea, unsigned long uvec, const char **out, unsigned int max)
{
	unsigned int n = 0;
	int err = 0;

	for (; uvec; n++) {
		u32 p;

		if (copy_from_user(&p, (const void *)(uvec + 4 * n), sizeof(p)))
			return -EFAULT;
		if (!p)
			break;
		if (n == max)
			return -E2BIG;
		out[n] = copy_string(ea, p, &err);
		if (!out[n])
			return err;
	}
	out[n] = NULL;
	return (int)n;
}

static int copy_path(char *dst, unsigned long uaddr)
{
	for (size_t n = 0; n < PATH_MAX; n++) {
		if (copy_from_user(dst + n, (const void *)(uaddr + n), 1))
			return -EFAULT;
		if (!dst[n])
			return n ? 0 : -ENOENT;
	}
	return -ENAMETOOLONG;
}

/* The file at path, if it exists and may be executed. */
static int open_exec(const char *path, const struct ramfs_file **out)
{
	const struct ramfs_file *f = ramfs_lookup(path);

	if (!f)
		return -ENOENT;
	if (!(f->mode & 0111))
		return -EACCES;
	*out = f;
	return 0;
}

/* A kernel string into the buffer (the caller checked that it fits). */
static const char *keep_string(struct exec_args *ea, const char *str)
{
	char *dst = ea->buf + ea->used;
	size_t n = strlen(str) + 1;

	memcpy(dst, str, n);
	ea->used += n;
	return dst;
}

/*
 * A `#!` file: argv becomes interpreter [argument] script argv[1..], as
 * binfmt_script makes it, and *f the interpreter.  1 when it was a
 * script, 0 when not, or -errno.
 */
static int follow_script(struct exec_args *ea, const char *script, const struct ramfs_file **f)
{
	static struct shebang sb;	/* 512 bytes off the stack; one CPU, IRQs masked (wait.h) */
	const char *old[ARRAY_SIZE(ea->argv)];
	unsigned int n = 0;
	int r = parse_shebang((*f)->data, (*f)->size, &sb);

	if (r <= 0)
		return r;
	if (ea->argc + 2 > EXEC_MAX_ARGS || ea->used + strlen(sb.interp) + strlen(sb.arg) + 2 > EXEC_STRINGS_SIZE)
		return -E2BIG;
	memcpy(old, ea->argv, sizeof(old));
	ea->argv[n++] = keep_string(ea, sb.interp);
	if (sb.has_arg)
		ea->argv[n++] = keep_string(ea, sb.arg);
	ea->argv[n++] = script;
	for (unsigned int i = 1; i < ea->argc; i++)
		ea->argv[n++] = old[i];
	ea->argv[n] = NULL;
	ea->argc = n;
	return open_exec(ea->argv[0], f) ?: 1;
}

int kernel_exec_script(const char *path, const struct ramfs_file **f, const char *const argv[],
		       const char **out, unsigned int max, struct shebang *sb)
{
	unsigned int n = 0;
	int r = parse_shebang((*f)->data, (*f)->size, sb);

	if (r < 0)
		return r;
	if (r == 0) {	/* not a script: argv as it is */
		for (; argv[n] && n < max; n++)
			out[n] = argv[n];
		out[n] = NULL;
		return argv[n] ? -E2BIG : 0;
	}
	out[n++] = sb->interp;
	if (sb->has_arg)
		out[n++] = sb->arg;
	out[n++] = path;
	for (unsigned int i = 1; argv[0] && argv[i]; i++) {
		if (n == max)
			return -E2BIG;
		out[n++] = argv[i];
	}
	out[n] = NULL;
	return open_exec(sb->interp, f);
}

/* Reset what a new image must not inherit: handlers (ignored stay ignored), TLS, VFP registers. */
static void flush_thread(struct task_struct *t)
{
	for (int i = 0; i < _NSIG; i++)
		if (t->sighand[i].handler != SIG_IGN)
			t->sighand[i] = (struct k_sigaction){ SIG_DFL, 0, 0, 0 };
	t->tp_value = 0;
	set_tls_register(0);
	memset(&t->vfp, 0, sizeof(t->vfp));
	t->vfp.fpexc = FPEXC_EN;
	vfp_load(&t->vfp);
}

/* Build the new image, then (no way back from here) switch the process to it. */
static int exec_switch(struct exec_args *ea, const struct ramfs_file *f)
{
	static struct pt_regs regs;	/* one CPU, IRQs masked (include/wait.h) */
	struct task_struct *t = current;
	struct mm_struct *mm = mm_alloc(), *old;
	const char *base = strrchr(ea->path, '/');
	u32 zero = 0;
	int err;

	if (!mm)
		return -ENOMEM;
	err = exec_image(mm, f->data, f->size, ea->path, ea->argv, ea->envp, &regs);
	if (err) {
		mmput(mm);
		return err;
	}
	if (t->clear_child_tid && copy_to_user((void *)t->clear_child_tid, &zero, sizeof(zero)))
		pr_info("%s[%d]: clear_child_tid 0x%08lx is not writable at exec\n", t->comm, t->pid,
			t->clear_child_tid);
	t->clear_child_tid = 0;
	old = t->mm;
	t->mm = mm;
	switch_mm(mm);
	if (t->vfork_parent)
		vfork_release(t);
	mmput(old);	/* a vfork child's parent keeps it */
	*task_pt_regs(t) = regs;
	snprintf(t->comm, sizeof(t->comm), "%s", base ? base + 1 : ea->path);
	flush_thread(t);
	files_exec(t);
	return 0;
}

/* Everything execve checks before it builds anything: path, file, strings, #! lines. */
static int exec_prepare(struct exec_args *ea, const struct syscall_args *a, const struct ramfs_file **f)
{
	const char *file = ea->path;
	int n, err = copy_path(ea->path, a->arg[0]);

	if (!err)
		err = open_exec(ea->path, f);
	if (err)
		return err;
	n = copy_strings(ea, a->arg[1], ea->argv, EXEC_MAX_ARGS);
	if (n < 0)
		return n;
	ea->argc = (unsigned int)n;
	n = copy_strings(ea, a->arg[2], ea->envp, EXEC_MAX_ARGS);
	if (n < 0)
		return n;
	ea->envc = (unsigned int)n;
	for (int depth = 0;; depth++) {
		int r = follow_script(ea, file, f);

		if (r <= 0)
			return r;
		if (depth == BINPRM_MAX_RECURSION)
			return -ELOOP;
		file = ea->argv[0];
	}
}

/* Straight from the buddy allocator (not kmalloc), so an execve leaves no slab page behind in a cache. */
#define EXEC_ARGS_ORDER	1
_Static_assert(sizeof(struct exec_args) <= (PAGE_SIZE << EXEC_ARGS_ORDER), "struct exec_args fits its pages");

long sys_execve(const struct syscall_args *a)
{
	struct exec_args *ea = (struct exec_args *)__get_free_pages(GFP_KERNEL, EXEC_ARGS_ORDER);
	const struct ramfs_file *f;
	int err = -ENOMEM;

	if (!ea)
		return err;
	memset(ea, 0, sizeof(*ea));
	ea->buf = (char *)__get_free_page(GFP_KERNEL);
	if (ea->buf) {
		err = exec_prepare(ea, a, &f);
		if (!err)
			err = exec_switch(ea, f);
		free_page((unsigned long)ea->buf);
	}
	free_pages((unsigned long)ea, EXEC_ARGS_ORDER);
	return err;
}
