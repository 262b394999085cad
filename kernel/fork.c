/*
 * fork, vfork and clone: a new process that is a copy of the caller.
 * The child's kernel stack starts with a copy of the parent's user frame
 * (r0 = 0, so the child's call returns 0), its signal dispositions, mask,
 * TLS and VFP registers are the parent's, and its memory is a copy
 * (fork) or the parent's own (vfork: the parent sleeps until the child
 * calls execve or exits, then gets its memory back as the child left it).
 * Threads (CLONE_VM without CLONE_VFORK, CLONE_THREAD ...) are not made.
 */
#include <file.h>
#include <gfp.h>
#include <highmem.h>
#include <mm.h>
#include <mman.h>
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

/* The child's memory: a copy-on-write copy, or for vfork the parent's own until exec or exit. */
static int copy_mm(struct task_struct *child, struct task_struct *parent, unsigned long flags)
{
	int err;

	if (flags & CLONE_VM) {
		child->mm = parent->mm;
		child->mm->mm_users++;
		child->vfork_parent = parent;
		return 0;
	}
	child->mm = mm_alloc();
	if (!child->mm)
		return -ENOMEM;
	err = dup_mmap(child->mm, parent->mm);	/* copy-on-write (mm/mmap.c); on -ENOMEM task_free frees the part made */
	flush_icache_all();
	return err;
}

/* Everything of the parent a child starts with, but its memory. */
static void copy_task_state(struct task_struct *child, struct task_struct *parent, unsigned long flags,
			    unsigned long newsp)
{
	struct pt_regs *regs = task_pt_regs(child);

	*regs = *task_pt_regs(parent);
	regs->r[0] = 0;
	if (newsp)
		regs->sp = (u32)newsp;
	memcpy(child->comm, parent->comm, sizeof(child->comm));
	memcpy(child->sighand, parent->sighand, sizeof(child->sighand));
	child->blocked = parent->blocked;
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->exit_signal = (int)(flags & CSIGNAL);
	child->tp_value = parent->tp_value;
	vfp_save(&parent->vfp);		/* the registers are live: take them now */
	child->vfp = parent->vfp;
}

static void wait_for_vfork_done(struct task_struct *parent);

/* clone's core: check, make, copy, start.  Returns the child's pid or -errno. */
static long do_fork(unsigned long flags, unsigned long newsp, unsigned long parent_tid, unsigned long tls,
		    unsigned long child_tid)
{
	static bool logged;
	struct task_struct *parent = current, *child;
	unsigned long bad;
	u32 pid;
	int err;

	if (clone_flags_check(flags, &bad)) {
		if (!logged)
			pr_info("%s[%d]: clone flags 0x%lx (0x%lx not supported: no threads here): -EINVAL\n",
				parent->comm, parent->pid, flags, bad);
		logged = true;
		return -EINVAL;
	}
	child = task_alloc(parent->comm);
	if (!child)
		return -ENOMEM;
	err = copy_mm(child, parent, flags) ?: files_fork(child, parent);
	if (err) {
		task_free(child);
		return err;
	}
	copy_task_state(child, parent, flags, newsp);
	if (flags & CLONE_SETTLS)
		child->tp_value = tls;
	if (flags & CLONE_CHILD_SETTID)
		child->set_child_tid = child_tid;	/* written by the child itself (schedule_tail) */
	if (flags & CLONE_CHILD_CLEARTID)
		child->clear_child_tid = child_tid;
	pid = (u32)child->pid;
	if ((flags & CLONE_PARENT_SETTID) && copy_to_user((void *)parent_tid, &pid, sizeof(pid)))
		pr_info("%s[%d]: CLONE_PARENT_SETTID address 0x%08lx is not writable; not set\n", parent->comm,
			parent->pid, parent_tid);
	if (flags & CLONE_VFORK)
		parent->vfork_waiting = true;
	task_start(child, parent);
	if (flags & CLONE_VFORK)
		wait_for_vfork_done(parent);
	return pid;
}

/* The vfork parent sleeps, deaf to wake-ups that are not the child's, until vfork_release. */
static void wait_for_vfork_done(struct task_struct *parent)
{
	while (parent->vfork_waiting) {
		parent->state = TASK_INTERRUPTIBLE;
		schedule();
	}
	parent->state = TASK_RUNNING;
}

long sys_fork(const struct syscall_args *a)
{
	return do_fork(SIGCHLD, 0, 0, 0, 0);
}

long sys_vfork(const struct syscall_args *a)
{
	return do_fork(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, 0, 0, 0);
}

/* ARM's argument order (Linux's CONFIG_CLONE_BACKWARDS): flags, newsp, parent_tid, tls, child_tid. */
long sys_clone(const struct syscall_args *a)
{
	return do_fork(a->arg[0], a->arg[1], a->arg[2], a->arg[3], a->arg[4]);
}
