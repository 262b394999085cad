/*
 * The end of a process and its parent's view of it: do_exit (memory
 * freed at once, the task kept as a zombie holding its wait status),
 * re-parenting of the children it leaves, the exit signal to its parent,
 * and wait4, which reaps zombies.  A task whose parent is gone (no init to
 * take it) or ignores SIGCHLD is freed by the kernel when it exits, as
 * Linux's autoreap does.
 *
 * Also the identity calls: getppid, gettid, set_tid_address, and the
 * process group and session calls (setpgid, getpgid, getpgrp, setsid,
 * getsid) as far as a shell's job control needs them.
 */
#include <file.h>
#include <mmu_context.h>
#include <printk.h>
#include <sched.h>
#include <syscall.h>
#include <string.h>
#include <uaccess.h>

#include "exec.h"

#define WNOHANG		0x00000001	/* Linux's include/uapi/linux/wait.h */
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000
#define WAIT4_OPTIONS	(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD | __WALL | __WCLONE)

#define RUSAGE_BYTES	72	/* struct rusage on 32-bit ARM: two timevals and 14 longs */

void vfork_release(struct task_struct *t)
{
	struct task_struct *parent = t->vfork_parent;

	t->vfork_parent = NULL;
	parent->vfork_waiting = false;
	wake_up_process(parent);
}

/* Whether t's parent takes no zombies: SIGCHLD ignored, or SA_NOCLDWAIT (Linux's do_notify_parent). */
static bool parent_autoreaps(const struct task_struct *t)
{
	const struct k_sigaction *ka = &t->parent->sighand[SIGCHLD - 1];

	return t->exit_signal == SIGCHLD && (ka->handler == SIG_IGN || (ka->flags & SA_NOCLDWAIT));
}

/* t has exited: tell its parent, or have the kernel free it.  t is a zombie when this returns, or dead. */
static void exit_notify_parent(struct task_struct *t)
{
	struct task_struct *parent = t->parent;

	if (!parent || parent_autoreaps(t)) {
		if (parent)
			wake_up(&parent->wait_chldexit);	/* a wait4 there now finds no child: ECHILD */
		release_task(t);
		return;
	}
	t->state = EXIT_ZOMBIE;
	if (parent->pid == 0) {
		sched_wake_idle();	/* run_user_program waits for it */
		return;
	}
	send_sig(t->exit_signal, parent);
	wake_up(&parent->wait_chldexit);
}

/* The children of an exiting task go to init, pid 1, or to nobody when init is the one exiting or gone. */
static void forget_children(struct task_struct *t)
{
	struct task_struct *init = find_task_by_pid(1);

	if (init && (init == t || init->state >= EXIT_ZOMBIE))
		init = NULL;
	while (!list_empty(&t->children)) {
		struct task_struct *c = list_first_entry(&t->children, struct task_struct, sibling);

		list_del_init(&c->sibling);
		c->parent = init;
		if (init)
			list_add_tail(&c->sibling, &init->children);
		if (c->state == EXIT_ZOMBIE) {
			c->state = TASK_RUNNING;	/* notify again, for the new parent */
			exit_notify_parent(c);
		}
	}
}

/* CLONE_CHILD_CLEARTID / set_tid_address: 0 written there at exit (a futex waiter would be woken). */
static void clear_tid(struct task_struct *t)
{
	u32 zero = 0;

	if (t->clear_child_tid && copy_to_user((void *)t->clear_child_tid, &zero, sizeof(zero)))
		pr_info("%s[%d]: clear_child_tid 0x%08lx is not writable at exit\n", t->comm, t->pid,
			t->clear_child_tid);
	t->clear_child_tid = 0;
}

void do_exit(int code)
{
	struct task_struct *t = current;

	clear_tid(t);
	t->exit_code = code;
	t->rss_at_exit = t->mm->rss;
	switch_mm(NULL);	/* off the table we are about to free */
	if (t->vfork_parent)
		vfork_release(t);
	mmput(t->mm);	/* a vfork child's parent keeps it */
	t->mm = NULL;
	files_exit(t);	/* now, not at the reaping: a pipe's reader sees its end of file when the writer exits */
	forget_children(t);
	t->pending = 0;
	exit_notify_parent(t);	/* a zombie now, or dead: never back on the run queue */
	schedule();
	panic("do_exit: pid %d ran again after it exited", t->pid);
}

long sys_exit(const struct syscall_args *a)
{
	do_exit(wait_status_exited((int)a->arg[0]));
}

/* wait4's pid argument: > 0 that child, -1 any, 0 the caller's process group, < -1 the group -pid. */
static bool wait_matches(const struct task_struct *c, long pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	return c->pgid == (pid == 0 ? current->pgid : -pid);
}

/* A zombie child matching pid, or NULL; *any says whether some child matched at all. */
static struct task_struct *find_zombie(long pid, bool *any)
{
	struct task_struct *c;

	*any = false;
	for (c = list_first_entry(&current->children, struct task_struct, sibling);
	     &c->sibling != &current->children; c = list_first_entry(&c->sibling, struct task_struct, sibling)) {
		if (!wait_matches(c, pid))
			continue;
		*any = true;
		if (c->state == EXIT_ZOMBIE)
			return c;
	}
	return NULL;
}

/* Reap c: its pid, status and (zero) usage to the caller; as Linux, the child is gone even if a copy faults. */
static long reap(struct task_struct *c, int *ustatus, void *urusage)
{
	static const u8 zeros[RUSAGE_BYTES];
	long pid = c->pid;
	int status = c->exit_code;

	release_task(c);
	if (ustatus && copy_to_user(ustatus, &status, sizeof(status)))
		return -EFAULT;
	if (urusage && copy_to_user(urusage, zeros, sizeof(zeros)))
		return -EFAULT;
	return pid;
}

/* wait4(pid, status, options, rusage), Linux's kernel_wait4 over its do_wait. */
long sys_wait4(const struct syscall_args *a)
{
	long pid = (long)a->arg[0];
	unsigned long options = a->arg[2];

	if (options & ~(unsigned long)WAIT4_OPTIONS)
		return -EINVAL;
	if (pid == (long)0x80000000)
		return -ESRCH;	/* INT_MIN: Linux refuses to negate it */
	for (;;) {
		bool any;
		struct task_struct *c = find_zombie(pid, &any);

		if (c)
			return reap(c, (int *)a->arg[1], (void *)a->arg[3]);
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (signal_pending_current())
			return -ERESTARTSYS;
		sleep_on(&current->wait_chldexit);
	}
}

long sys_getppid(const struct syscall_args *a)
{
	return current->parent ? current->parent->pid : 0;
}

long sys_gettid(const struct syscall_args *a)
{
	return current->pid;	/* one thread per process */
}

long sys_set_tid_address(const struct syscall_args *a)
{
	current->clear_child_tid = a->arg[0];
	return current->pid;
}

/* pid 0 means the caller; otherwise the caller itself or one of its children (setpgid's rule), else NULL. */
static struct task_struct *self_or_child(long pid)
{
	struct task_struct *t = pid ? find_task_by_pid((int)pid) : current;

	if (t && t != current && t->parent != current)
		return NULL;
	return t;
}

/* setpgid(pid, pgid): pgid 0 means pid's own; the group must exist in the caller's session, or be pid's own. */
long sys_setpgid(const struct syscall_args *a)
{
	long pgid = (long)a->arg[1];
	struct task_struct *t = self_or_child((long)a->arg[0]), *g;
	bool group_exists = false;

	if (pgid < 0)
		return -EINVAL;
	if (!t)
		return -ESRCH;
	if (t->sid != current->sid)
		return -EPERM;
	if (t->pid == t->sid)
		return -EPERM;		/* a session leader stays in its group */
	if (!pgid)
		pgid = t->pid;
	for_each_process(g)
		if (g->pgid == pgid && g->sid == current->sid)
			group_exists = true;
	if (pgid != t->pid && !group_exists)
		return -EPERM;
	t->pgid = (int)pgid;
	return 0;
}

long sys_getpgid(const struct syscall_args *a)
{
	struct task_struct *t = a->arg[0] ? find_task_by_pid((int)a->arg[0]) : current;

	return t ? t->pgid : -ESRCH;
}

long sys_getpgrp(const struct syscall_args *a)
{
	return current->pgid;
}

/* setsid: a new session and group led by the caller; EPERM if it already leads a group. */
long sys_setsid(const struct syscall_args *a)
{
	struct task_struct *t;

	for_each_process(t)
		if (t->pgid == current->pid)
			return -EPERM;
	current->pgid = current->sid = current->pid;
	return current->pid;
}

long sys_getsid(const struct syscall_args *a)
{
	struct task_struct *t = a->arg[0] ? find_task_by_pid((int)a->arg[0]) : current;

	return t ? t->sid : -ESRCH;
}
