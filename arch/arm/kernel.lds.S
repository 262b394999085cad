/*
 * Kernel layout: linked at PAGE_OFFSET + 32 KiB, loaded at RAM + 32 KiB.
 * Text, init, rodata and data each start on a page boundary, so map_lowmem
 * can give them their own permissions with a 4 KiB table where a boundary
 * falls inside a section.  .bss is emitted into the image
 * file as zeros (see the Makefile's objcopy), so a blob appended to the
 * file lands exactly at _end, where head.S looks for it.
 */
#include <generated/autoconf.h>

OUTPUT_ARCH(arm)
ENTRY(_start)

SECTIONS
{
	. = CONFIG_PAGE_OFFSET + 0x8000;
	_start = .;
	_text = .;
	.head.text : { KEEP(*(.head.text)) }
	.text : {
		*(.text .text.*)
		*(.glue_7 .glue_7t .vfp11_veneer .v4_bx)
	}
	. = ALIGN(4096);
	_etext = .;

	/*
	 * Boot-only code, freed after boot (free_initmem in kernel/main.c).
	 * It sits before .rodata, where the symbol table of the second link
	 * (scripts/mksyms) grows, so that no init function moves between
	 * the two links.  Only code: after paging_init the whole range is
	 * read-only until it is freed.
	 */
	__init_begin = .;
	.init.text : { *(.init.text) }
	. = ALIGN(4096);
	__init_end = .;

	__start_rodata = .;
	.rodata : {
		*(.rodata .rodata.*)
		. = ALIGN(4);
		__shell_cmds_start = .;
		KEEP(*(.shell_cmds))
		__shell_cmds_end = .;
		__proc_files_start = .;
		KEEP(*(.proc_files))
		__proc_files_end = .;
		__ktests_start = .;
		KEEP(*(.ktests))
		__ktests_end = .;
		__benches_start = .;
		KEEP(*(.benches))
		__benches_end = .;
	}
	.ARM.extab : { *(.ARM.extab*) }
	.ARM.exidx : {
		__exidx_start = .;
		*(.ARM.exidx*)
		__exidx_end = .;
	}
	. = ALIGN(4096);
	__end_rodata = .;

	_sdata = .;
	/*
	 * DEFINE_PER_CPU's variables (include/percpu.h): CPU 0's until
	 * setup_per_cpu_areas copies them once per CPU; the template after.
	 */
	.data..percpu : {
		__per_cpu_start = .;
		*(.data..percpu)
		. = ALIGN(64);
		__per_cpu_end = .;
	}
	.data : {
		*(.data .data.*)
	}
	. = ALIGN(8);
	_edata = .;

	.bss : {
		__bss_start = .;
		*(.bss .bss.*)
		*(COMMON)
		. = ALIGN(8);
		__bss_stop = .;
	}
	_end = .;

	/DISCARD/ : { *(.note.*) *(.comment) *(.ARM.attributes) }
}
