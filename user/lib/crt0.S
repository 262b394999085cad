/*
 * Process entry.  The kernel starts us with sp at argc, followed by the
 * argv pointers, NULL, the envp pointers, NULL and the auxiliary vector
 * (Linux's ELF ABI for ARM).  fp and lr are cleared so that a backtrace
 * ends here.
 */
	.syntax	unified
	.arm
	.text
	.globl	_start
	.type	_start, %function
_start:
	mov	fp, #0
	mov	lr, #0
	mov	r0, sp
	bic	sp, sp, #7			@ AAPCS: 8-byte aligned at calls
	bl	__libc_start
1:	b	1b
	.size	_start, . - _start
