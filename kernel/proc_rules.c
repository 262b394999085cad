/*
 * Pure rules of processes and signals (include/ksignal.h,
 * include/proc_rules.h): no task, no memory, so the host tests run them
 * as they are.  Each follows the Linux 6.1 function named beside it.
 */
#include <proc_rules.h>
#include <ksignal.h>
#include <string.h>

#ifndef ENOEXEC
#define ENOEXEC	8
#endif

enum sig_default sig_default_action(int sig)
{
	switch (sig) {
	case SIGCHLD: case SIGWINCH: case SIGURG: case SIGCONT:
		return SIGDFL_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGDFL_STOP;
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS: case SIGFPE:
	case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIGDFL_CORE;
	default:
		return SIGDFL_TERM;	/* the rest, real-time signals included */
	}
}

#define SYNCHRONOUS_MASK	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | sigmask(SIGTRAP) | \
				 sigmask(SIGFPE) | sigmask(SIGSYS))

static int lowest(ksigset_t set)
{
	for (int sig = 1; sig <= _NSIG; sig++)
		if (set & sigmask(sig))
			return sig;
	return 0;
}

/* kernel/signal.c next_signal: a fault's own signal before anything queued earlier. */
int next_signal(ksigset_t pending, ksigset_t blocked)
{
	ksigset_t ready = pending & ~blocked;

	if (ready & SYNCHRONOUS_MASK)
		return lowest(ready & SYNCHRONOUS_MASK);
	return lowest(ready);
}

/* kernel/signal.c sigprocmask. */
int sigprocmask_apply(ksigset_t *mask, int how, ksigset_t set)
{
	switch (how) {
	case SIG_BLOCK:
		*mask |= set;
		break;
	case SIG_UNBLOCK:
		*mask &= ~set;
		break;
	case SIG_SETMASK:
		*mask = set;
		break;
	default:
		return -EINVAL;
	}
	*mask &= ~SIG_UNBLOCKABLE;
	return 0;
}

/* kernel/fork.c copy_process's flag checks, cut to what this kernel makes. */
int clone_flags_check(unsigned long flags, unsigned long *bad)
{
	*bad = flags & ~(unsigned long)CLONE_SUPPORTED;
	if (*bad)
		return -EINVAL;
	if (!(flags & CLONE_VM) != !(flags & CLONE_VFORK)) {
		*bad = flags & (CLONE_VM | CLONE_VFORK);
		return -EINVAL;
	}
	if ((flags & CSIGNAL) > _NSIG) {
		*bad = flags & CSIGNAL;
		return -EINVAL;
	}
	return 0;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* fs/binfmt_script.c load_script: the line is the buffer up to '\n' (or its end). */
int parse_shebang(const char *buf, size_t len, struct shebang *out)
{
	size_t end, i, start;

	if (len < 2 || buf[0] != '#' || buf[1] != '!')
		return 0;
	if (len > BINPRM_BUF_SIZE)
		len = BINPRM_BUF_SIZE;
	for (end = 2; end < len && buf[end] != '\n'; end++)
		;
	for (i = 2; i < end && blank(buf[i]); i++)
		;
	start = i;
	while (i < end && !blank(buf[i]) && buf[i] != '\0')
		i++;
	/* An interpreter name running to the end of the bytes read may be cut short: Linux refuses it. */
	if (i == start || (end == len && i == end && len == BINPRM_BUF_SIZE))
		return -ENOEXEC;
	memcpy(out->interp, buf + start, i - start);
	out->interp[i - start] = '\0';
	while (i < end && blank(buf[i]))
		i++;
	while (end > i && blank(buf[end - 1]))
		end--;
	out->has_arg = end > i;
	memcpy(out->arg, buf + i, end - i);
	out->arg[end - i] = '\0';
	return 1;
}
