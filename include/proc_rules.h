/*
 * The decisions of fork and exec that need no task, written as pure
 * functions (kernel/proc_rules.c) so the host tests can drive them: which
 * clone flags this kernel takes, and how a `#!` line is read.  The signal
 * rules are declared in ksignal.h with the rest of the signal ABI.
 */
#ifndef PROC_RULES_H
#define PROC_RULES_H

#include <types.h>

/* clone flags (Linux's include/uapi/linux/sched.h). */
#define CSIGNAL			0x000000ff	/* the signal sent to the parent at exit */
#define CLONE_VM		0x00000100
#define CLONE_FS		0x00000200
#define CLONE_FILES		0x00000400
#define CLONE_SIGHAND		0x00000800
#define CLONE_VFORK		0x00004000
#define CLONE_THREAD		0x00010000
#define CLONE_SETTLS		0x00080000
#define CLONE_PARENT_SETTID	0x00100000
#define CLONE_CHILD_CLEARTID	0x00200000
#define CLONE_CHILD_SETTID	0x01000000

/* What fork, vfork and a C library's fork or posix_spawn pass: a new process, never a thread. */
#define CLONE_SUPPORTED	(CSIGNAL | CLONE_VM | CLONE_VFORK | CLONE_SETTLS | CLONE_PARENT_SETTID | \
			 CLONE_CHILD_CLEARTID | CLONE_CHILD_SETTID)

/*
 * Check clone's flags: 0 if this kernel makes that process; -EINVAL when
 * a flag outside CLONE_SUPPORTED is set (*bad gets those bits), when
 * CLONE_VM comes without CLONE_VFORK (a thread sharing memory: not here)
 * or CLONE_VFORK without CLONE_VM (legal in Linux, not made here), or when
 * the exit signal is above 64.
 */
int clone_flags_check(unsigned long flags, unsigned long *bad);

#define BINPRM_BUF_SIZE	256	/* Linux 6.1 reads this much of a file to recognise it */

struct shebang {
	char interp[BINPRM_BUF_SIZE];	/* the interpreter's path */
	char arg[BINPRM_BUF_SIZE];	/* its one optional argument, "" if none */
	bool has_arg;
};

/*
 * Read the `#!` line of a file that starts [buf, buf + len) as Linux's
 * binfmt_script does: spaces and tabs after "#!" skipped, the interpreter
 * up to the next space, tab or end of line, and everything after it up to
 * the end of the line, leading and trailing blanks trimmed, as the single
 * argument.  Only the first BINPRM_BUF_SIZE bytes count.  Returns 1 and
 * fills *out for a script, 0 if the file does not start with "#!", or
 * -ENOEXEC when there is no interpreter name or it does not fit in the
 * bytes read.
 */
int parse_shebang(const char *buf, size_t len, struct shebang *out);

#endif
