/*
 * Kernel-mode exceptions.  A translation fault in the kernel half that
 * only lacks a first-level entry of the kernel's table (one made after
 * this process's table was copied) is fixed and the access runs again
 * (do_translation_fault).  Every other abort, undefined instruction or unexpected
 * exception prints what happened where (the faulting address and the
 * decoded fault status, PC and LR with the functions that hold them, mode)
 * and the registers, then stops the kernel through panic, which powers the
 * board off.  A data abort in the guard page below the kernel stack is
 * named a kernel stack overflow.
 */
#include <arch.h>
#include <kallsyms.h>
#include <mmu_context.h>
#include <printk.h>
#include <vmalloc.h>
#include <asm/hw.h>
#include <asm/ptrace.h>
#include <asm/setup.h>

static const char *const mode_names[32] = {
	[MODE_USR] = "USR", [MODE_FIQ] = "FIQ", [MODE_IRQ] = "IRQ", [MODE_SVC] = "SVC",
	[MODE_ABT] = "ABT", [MODE_UND] = "UND", [MODE_SYS] = "SYS",
};

/* Short-descriptor fault status FS[4:0] (ARM ARM B3.13.3, table B3-23). */
static const char *fsr_name(u32 fsr)
{
	switch ((fsr & FSR_FS4 ? 0x10 : 0) | (fsr & FSR_FS_LOW_MASK)) {
	case 0x01: return "alignment fault";
	case 0x02: return "debug event";
	case 0x03: return "access flag fault (section)";
	case 0x04: return "fault on instruction cache maintenance";
	case 0x05: return "translation fault (section)";
	case 0x06: return "access flag fault (page)";
	case 0x07: return "translation fault (page)";
	case 0x08: return "synchronous external abort";
	case 0x09: return "domain fault (section)";
	case 0x0b: return "domain fault (page)";
	case 0x0c: return "external abort on translation walk (first level)";
	case 0x0d: return "permission fault (section)";
	case 0x0e: return "external abort on translation walk (second level)";
	case 0x0f: return "permission fault (page)";
	case 0x16: return "asynchronous external abort";
	case 0x18: return "asynchronous parity error";
	case 0x19: return "synchronous parity error";
	case 0x1c: return "parity error on translation walk (first level)";
	case 0x1e: return "parity error on translation walk (second level)";
	default: return "unknown fault status";
	}
}

/* "<label> is at function+0xoffset/0xsize", or the bare address outside every function (Linux's %pS). */
static void show_symbol(const char *label, unsigned long addr)
{
	char sym[KSYM_SYMBOL_LEN];

	pr_emerg("%s is at %s\n", label, sprint_symbol(sym, addr));
}

static void show_regs(const struct pt_regs *regs)
{
	const char *mode = mode_names[regs->cpsr & MODE_MASK];

	show_symbol("PC", regs->pc);
	show_symbol("LR", regs->lr);
	pr_emerg("pc : [<%08x>]    lr : [<%08x>]    psr: %08x, mode %s\n",
		 (unsigned int)regs->pc, (unsigned int)regs->lr, (unsigned int)regs->cpsr,
		 mode ? mode : "???");
	pr_emerg("sp : %08x  ip : %08x  fp : %08x\n", (unsigned int)regs->sp,
		 (unsigned int)regs->r[12], (unsigned int)regs->r[11]);
	for (int i = 10; i >= 0; i -= 4) {
		if (i >= 3)
			pr_emerg("r%-2d: %08x  r%-2d: %08x  r%-2d: %08x  r%-2d: %08x\n",
				 i, (unsigned int)regs->r[i], i - 1, (unsigned int)regs->r[i - 1],
				 i - 2, (unsigned int)regs->r[i - 2], i - 3, (unsigned int)regs->r[i - 3]);
		else
			pr_emerg("r2 : %08x  r1 : %08x  r0 : %08x\n", (unsigned int)regs->r[2],
				 (unsigned int)regs->r[1], (unsigned int)regs->r[0]);
	}
}

static u32 read_dfsr(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 0" : "=r"(v)); return v; }
static u32 read_dfar(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 0" : "=r"(v)); return v; }
static u32 read_ifsr(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c5, c0, 1" : "=r"(v)); return v; }
static u32 read_ifar(void) { u32 v; __asm__ volatile("mrc p15, 0, %0, c6, c0, 2" : "=r"(v)); return v; }

/*
 * A write (or read) in the guard page below the kernel stack: the stack
 * ran out.  Say so with the stack's bounds; the caller then stops.
 */
static bool stack_overflow(const struct pt_regs *regs, unsigned long far)
{
	if (far < (unsigned long)svc_stack_guard || far >= (unsigned long)svc_stack_base)
		return false;
	if ((regs->cpsr & MODE_MASK) != MODE_SVC)
		return false;
	pr_emerg("kernel stack overflow: sp 0x%08lx hit the guard page [0x%08lx-0x%08lx] "
		 "below the SVC stack [0x%08lx-0x%08lx]\n",
		 (unsigned long)regs->sp, (unsigned long)svc_stack_guard, (unsigned long)svc_stack_base,
		 (unsigned long)svc_stack_base, (unsigned long)svc_stack_top);
	return true;
}

/*
 * Linux's do_translation_fault (arch/arm/mm/fault.c) for kernel mode: a
 * section or page translation fault (FS 0x05, 0x07: B3.13.3, table B3-23)
 * at a kernel address may only be an entry this table has not copied yet.
 */
static bool do_translation_fault(unsigned long addr, u32 fsr)
{
	u32 fs = (fsr & FSR_FS4 ? 0x10 : 0) | (fsr & FSR_FS_LOW_MASK);

	return (fs == 0x05 || fs == 0x07) && pgd_fill_kernel_entry(addr);
}

void arm_exception(struct pt_regs *regs, unsigned int kind)
{
	bool overflow = false;
	u32 fsr, far;

	if ((kind == EXC_DABT && do_translation_fault(read_dfar(), read_dfsr())) ||
	    (kind == EXC_PABT && do_translation_fault(read_ifar(), read_ifsr())))
		return;		/* the entry stub returns to the faulting instruction */
	console_enable();
	switch (kind) {
	case EXC_DABT:
		fsr = read_dfsr();
		far = read_dfar();
		pr_emerg("Unable to handle kernel paging request at virtual address %08x when %s\n",
			 (unsigned int)far, (fsr & FSR_WNR) ? "write" : "read");
		pr_emerg("[%08x] FSR 0x%03x: %s%s\n", (unsigned int)far, (unsigned int)fsr, fsr_name(fsr),
			 (fsr & FSR_EXT) ? " (external abort: AXI slave error)" : "");
		overflow = stack_overflow(regs, far);
		if (!overflow)
			vmalloc_describe_fault(far);
		break;
	case EXC_PABT:
		fsr = read_ifsr();
		far = read_ifar();
		pr_emerg("Unable to handle kernel instruction fetch at virtual address %08x\n", (unsigned int)far);
		pr_emerg("[%08x] IFSR 0x%03x: %s\n", (unsigned int)far, (unsigned int)fsr, fsr_name(fsr));
		break;
	case EXC_UNDEF:
		pr_emerg("Internal error: undefined instruction 0x%08x at 0x%08x\n",
			 *(const u32 *)regs->pc, (unsigned int)regs->pc);
		break;
	default:
		pr_emerg("Internal error: unexpected %s exception\n",
			 kind == EXC_SVC ? "supervisor call" : kind == EXC_IRQ ? "IRQ" :
			 kind == EXC_FIQ ? "FIQ" : "reset");
		break;
	}
	show_regs(regs);
	panic(overflow ? "kernel stack overflow" : "Fatal exception");
}
