/*
 * Exceptions from User mode (entry-user.S builds the frame): a system
 * call goes to the table in kernel/syscall.c, an IRQ to the GIC driver; an abort goes to demand
 * paging (mm/memory.c), and one outside every mapping or against its
 * access gets Linux's report line and SIGSEGV, an undefined instruction
 * SIGILL (delivered by kernel/signal.c on the way out); the kernel carries on.
 */
#include <irq.h>
#include <mm.h>
#include <mman.h>
#include <printk.h>
#include <sched.h>
#include <syscall.h>
#include <uaccess.h>
#include <asm/hw.h>
#include <asm/ptrace.h>

void arm_user_exception(struct pt_regs *regs, unsigned int kind);

static u32 read_dfsr(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v)); return v; }
static u32 read_dfar(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v)); return v; }
static u32 read_ifsr(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v)); return v; }
static u32 read_ifar(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(v)); return v; }

/* Linux's __do_user_fault report (arch/arm/mm/fault.c), then sig (kernel/signal.c delivers it). */
static void user_fault(const struct pt_regs *regs, unsigned long addr, u32 fsr, int sig)
{
	pr_err("%s[%d]: unhandled page fault (%d) at 0x%08lx, code 0x%03x\n", current->comm, current->pid,
	       sig, addr, (unsigned int)fsr);
	pr_err("%s[%d]: pc 0x%08x lr 0x%08x sp 0x%08x\n", current->comm, current->pid, (unsigned int)regs->pc,
	       (unsigned int)regs->lr, (unsigned int)regs->sp);
	force_sig(sig);
}

static void user_undef(const struct pt_regs *regs)
{
	u32 insn = 0;

	if (copy_from_user(&insn, (const void *)(unsigned long)regs->pc, sizeof(insn)))
		insn = 0;
	pr_err("%s[%d]: undefined instruction 0x%08x at 0x%08x; killed by SIGILL\n", current->comm,
	       current->pid, (unsigned int)insn, (unsigned int)regs->pc);
	force_sig(SIGILL);
}

/* Translation and permission faults (B3.13.3, table B3-23) are the ones a page can fix. */
static bool fault_may_be_paged(u32 fsr)
{
	u32 fs = (fsr & FSR_FS4 ? 0x10 : 0) | (fsr & FSR_FS_LOW_MASK);

	return fs == 0x05 || fs == 0x07 || fs == 0x0d || fs == 0x0f;
}

/* An abort from User mode: demand paging first (mm/memory.c); what it cannot fix ends the process. */
static void user_abort(const struct pt_regs *regs, unsigned long addr, u32 fsr, unsigned int access)
{
	int err = fault_may_be_paged(fsr) ? handle_mm_fault(current->mm, addr, access) : -EFAULT;

	if (!err)
		return;		/* the page is there now: the instruction runs again */
	if (err == -ENOMEM) {
		if (!out_of_memory()) {	/* nobody else to choose (only init holds memory) */
			pr_err("%s[%d]: out of memory at 0x%08lx; killed by SIGKILL\n", current->comm, current->pid,
			       addr);
			force_sig(SIGKILL);
			return;
		}
		/* A victim was chosen (perhaps this process): let it run to its end, then fault again. */
		if (!(current->pending & sigmask(SIGKILL)))
			schedule();
		return;
	}
	user_fault(regs, addr, fsr, err == -ENXIO ? SIGBUS : SIGSEGV);	/* -ENXIO: past a mapped file's end */
}

/*
 * Every entry from User mode takes the big kernel lock (include/sched.h)
 * before it touches process state, and ret_to_user's do_work_pending
 * releases it.  An abort's fault registers are read first; an interrupt's
 * handler runs first, without it (handlers never take it).
 */
void arm_user_exception(struct pt_regs *regs, unsigned int kind)
{
	u32 fsr, far;

	switch (kind) {
	case EXC_SVC:
		lock_kernel();
		syscall_dispatch(regs);
		return;
	case EXC_DABT:
		fsr = read_dfsr();
		far = read_dfar();
		lock_kernel();
		user_abort(regs, far, fsr, (fsr & FSR_WNR) ? VM_WRITE : VM_READ);
		return;
	case EXC_PABT:
		fsr = read_ifsr();
		far = read_ifar();
		lock_kernel();
		user_abort(regs, far, fsr, VM_EXEC);
		return;
	case EXC_IRQ:
		handle_irq();	/* entry-user.S goes back through ret_to_user */
		lock_kernel();
		return;
	case EXC_UNDEF:
		lock_kernel();
		user_undef(regs);
		return;
	default:
		panic("unexpected %s exception from User mode at 0x%08x",
		      kind == EXC_FIQ ? "FIQ" : "reset", (unsigned int)regs->pc);
	}
}
