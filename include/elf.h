/*
 * ELF32 executables for ARM (the System V ABI's ELF chapter, and ARM's
 * "ELF for the ARM Architecture", IHI 0044): the structures, and
 * elf_check, the pure validator exec runs before it changes anything.
 */
#ifndef ELF_H
#define ELF_H

#include <types.h>

#ifndef ENOEXEC
#define ENOEXEC	8	/* Linux's errno: "Exec format error" */
#endif

#define EI_NIDENT	16
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFCLASS32	1
#define ELFDATA2LSB	1
#define EV_CURRENT	1
#define ET_EXEC		2
#define ET_DYN		3
#define EM_ARM		40
#define EF_ARM_EABI_MASK	0xff000000
#define EF_ARM_EABI_UNKNOWN	0		/* the old ABI (OABI), which we do not speak */

#define PT_LOAD		1
#define PT_INTERP	3
#define PF_X		1
#define PF_W		2
#define PF_R		4

typedef struct {
	u8  e_ident[EI_NIDENT];
	u16 e_type;
	u16 e_machine;
	u32 e_version;
	u32 e_entry;
	u32 e_phoff;
	u32 e_shoff;
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;
	u16 e_phnum;
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
} Elf32_Ehdr;

typedef struct {
	u32 p_type;
	u32 p_offset;
	u32 p_vaddr;
	u32 p_paddr;
	u32 p_filesz;
	u32 p_memsz;
	u32 p_flags;
	u32 p_align;
} Elf32_Phdr;

#define ELF_MAX_PHNUM	64	/* Linux allows 64 KiB of program headers; ours are a handful */
#define ELF_PAGE_SIZE	4096UL

/* What exec needs from a valid file, all of it checked. */
struct elf_image {
	const Elf32_Ehdr *ehdr;
	const Elf32_Phdr *phdr;		/* e_phnum entries, inside the file */
	unsigned long entry;
	unsigned long phdr_vaddr;	/* AT_PHDR: where the program headers are mapped, 0 if nowhere */
	unsigned long end;		/* the highest PT_LOAD end: the heap (brk) starts at its next page */
};

/*
 * Check the whole file [file, file + size) as an executable for a process
 * whose address space ends at task_size: ELF32, little-endian, EABI ARM,
 * ET_EXEC without PT_INTERP; the program headers inside the file; every
 * PT_LOAD with p_filesz <= p_memsz, its file bytes inside the file, its
 * memory inside [0, task_size), its address and offset equal modulo the
 * page size, and no two PT_LOADs sharing a page; at least one PT_LOAD;
 * the entry point inside a PF_X PT_LOAD.  Touches nothing but *img and
 * why.  Returns 0 and fills *img, or -ENOEXEC with the first problem in
 * why (a NUL-terminated phrase, at most whylen bytes).
 */
int elf_check(const void *file, size_t size, unsigned long task_size, struct elf_image *img,
	      char *why, size_t whylen);

#endif
