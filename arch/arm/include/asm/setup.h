/*
 * What head.S hands to C, and the arch entry points start_kernel calls.
 */
#ifndef ASM_SETUP_H
#define ASM_SETUP_H

#include <types.h>
#include <cmdline.h>

/* Filled by head.S (field order is fixed there). */
struct arm_boot_info {
	phys_addr_t phys_offset;	/* RAM start the kernel was loaded into */
	phys_addr_t dtb_phys;		/* the DTB to use: appended, else r2 */
	u32 machine;			/* r1 from the loader */
	u32 loader_r2;			/* r2 from the loader */
	u32 appended;			/* 1 if the DTB was appended to the image */
	phys_addr_t pgd_phys;		/* the L1 table head.S built */
};

extern struct arm_boot_info arm_boot_info;

/* Linker symbols. */
extern char _start[], _text[], _etext[], __start_rodata[], __end_rodata[];
extern char __init_begin[], __init_end[], _sdata[], _edata[];
extern char __bss_start[], __bss_stop[], _end[];

/* The kernel (SVC) stack, [svc_stack_base, svc_stack_top), and the unmapped guard page just below it (vectors.S). */
extern char svc_stack_guard[], svc_stack_base[], svc_stack_top[];
/* The exception modes' stacks, one after the other from irq_stack_base (vectors.S). */
extern char irq_stack_base[], irq_stack_top[], fiq_stack_top[], abt_stack_top[], und_stack_top[];

/* The command line the kernel booted with (DTB bootargs, plus ATAGs). */
extern char boot_command_line[CMDLINE_MAX];

/* The configured kernel/user split as Linux names it: "3G/1G", "2G/2G" or "1G/3G". */
const char *arm_split_name(void);

/*
 * Read the DTB and the command line, describe RAM and reservations to
 * memblock; panics with the reason when no usable memory description exists.
 */
void setup_arch(struct boot_params *params);

/* ATAG list (Linux's Documentation/arm/booting.rst): each tag is { size in words, tag, data }. */
#define ATAG_NONE	0x00000000
#define ATAG_CORE	0x54410001
#define ATAG_CMDLINE	0x54410009
#define ATAG_HEADER_WORDS	2

/*
 * The command line in the ATAG list at physical address atags, read only
 * inside the kernel image (arch/arm/setup.c says why); *len is set to its
 * length.  NULL if there is none.  Shared with arch/arm/ktest_setup.c.
 */
const char *atag_cmdline(phys_addr_t atags, size_t *len);

#endif
