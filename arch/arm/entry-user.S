/*
 * Exceptions taken from User mode, and the way back (ARM ARM B1.8).
 * vectors.S sends every exception whose SPSR says User mode here, to
 * <vector>_usr.  All of them end up in SVC mode on the current task's
 * kernel stack, whose top the SVC sp holds whenever User mode runs (set
 * by ret_to_user): a struct pt_regs (ptrace.h) with the user's r0-r12, sp,
 * lr, pc and cpsr is built there, arm_user_exception(regs, kind) in
 * traps.c handles the exception, and ret_to_user resumes User mode from
 * the (possibly changed) frame.
 *
 *   task stack top
 *   +----------+------+------+------+------+---------+
 *   | r0..r12  | sp   | lr   | pc   | cpsr | orig_r0 |   72 bytes, sp of SVC mode at r0
 *   +----------+------+------+------+------+---------+
 *   0          52     56     60     64     68
 */
#include <asm/hw.h>

#define S_SP		52
#define S_PC		60
#define S_PSR		64
#define S_FRAME_SIZE	72

	.syntax	unified
	.arm
	.text

/*
 * An exception from User mode into a mode other than SVC (abort,
 * undefined, IRQ, FIQ): park r0, r1, the adjusted lr and the SPSR just
 * below that mode's own sp, move to SVC mode, and build the frame from
 * them there.  r0 = the parking place from the mode switch on.
 */
	.macro	usr_entry name, adj, kind
	.globl	\name
\name:
	sub	lr, lr, #\adj
	stmdb	sp, {r0, r1, lr}		@ [sp-12] r0, [sp-8] r1, [sp-4] pc
	mrs	r1, spsr
	str	r1, [sp, #-16]			@ [sp-16] cpsr
	mov	r0, sp
	msr	cpsr_c, #(MODE_SVC | PSR_I_BIT | PSR_F_BIT)
	sub	sp, sp, #S_FRAME_SIZE
	add	r1, sp, #8
	stmia	r1, {r2-r12}
	ldmdb	r0, {r1-r4}			@ r1 cpsr, r2 r0, r3 r1, r4 pc
	stmia	sp, {r2, r3}
	str	r4, [sp, #S_PC]
	str	r1, [sp, #S_PSR]
	add	r2, sp, #S_SP
	stmia	r2, {sp, lr}^			@ the User mode sp and lr
	mov	r0, sp
	mov	r1, #\kind
	bl	arm_user_exception
	b	ret_to_user
	.endm

	usr_entry entry_reset_usr, 0, 0
	usr_entry entry_undef_usr, 4, 1
	usr_entry entry_pabt_usr, 4, 3
	usr_entry entry_dabt_usr, 8, 4
	usr_entry entry_irq_usr, 4, 5
	usr_entry entry_fiq_usr, 4, 6

/*
 * A system call: already in SVC mode, lr the instruction after the svc,
 * sp the task stack's top.  arm_user_exception puts the result in the
 * frame's r0.
 */
	.globl	entry_svc_usr
entry_svc_usr:
	sub	sp, sp, #S_FRAME_SIZE
	stmia	sp, {r0-r12}
	str	lr, [sp, #S_PC]
	mrs	r1, spsr
	str	r1, [sp, #S_PSR]
	add	r2, sp, #S_SP
	stmia	r2, {sp, lr}^
	mov	r0, sp
	mov	r1, #2				@ EXC_SVC (ptrace.h)
	bl	arm_user_exception
	/* fall through */

/*
 * Back to User mode from the frame at sp (SVC mode): first
 * do_work_pending(frame) (kernel/signal.c) switches tasks if the slice
 * is used up and delivers signals, which may rewrite the frame; then the
 * User sp and lr through the ^ form of ldm (no banked register may be used
 * by the next instruction, hence the nop), r0-r12, and pc with cpsr from
 * SPSR.  User mode always runs with IRQs unmasked (include/irq.h), whatever
 * the frame says: that is where the tick and the console interrupt are
 * taken.  sp ends at the task stack's top again.
 */
	.globl	ret_to_user
ret_to_user:
	mov	r0, sp
	bl	do_work_pending
	ldr	r1, [sp, #S_PSR]
	bic	r1, r1, #PSR_I_BIT
	msr	spsr_cxsf, r1
	ldr	lr, [sp, #S_PC]
	add	r2, sp, #S_SP
	ldmia	r2, {sp, lr}^
	nop
	ldmia	sp, {r0-r12}
	add	sp, sp, #S_FRAME_SIZE
	movs	pc, lr

/*
 * A new task's first instruction (its cpu_context.pc, kernel/sched.c
 * task_start), with sp at its frame: finish the switch that brought it
 * here, then enter User mode from the frame.
 */
	.globl	ret_from_fork
ret_from_fork:
	bl	schedule_tail
	b	ret_to_user

/*
 * cpu_switch_to(prev, next): save the callee-saved registers, sp and the
 * return address in *prev (struct cpu_context, sched.h), load *next's.
 * A new task's context has sp at its first frame and pc at ret_to_user.
 */
	.globl	cpu_switch_to
cpu_switch_to:
	stmia	r0, {r4-r11, sp, lr}
	ldmia	r1, {r4-r11, sp, pc}
