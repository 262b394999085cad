/*
 * The ELF validator: decides whether a file can become a process image,
 * before exec (kernel/exec.c) frees or maps anything.  Pure: it reads the
 * file and writes its answer, so the host tests run it on malformed files.
 */
#include <elf.h>
#include <printk.h>
#include <string.h>

static int refuse(char *why, size_t whylen, const char *fmt, ...) __printf(3, 4);

static int refuse(char *why, size_t whylen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, whylen, fmt, ap);
	va_end(ap);
	return -ENOEXEC;
}

static int check_ehdr(const Elf32_Ehdr *e, size_t size, char *why, size_t whylen)
{
	static const u8 magic[4] = { 0x7f, 'E', 'L', 'F' };

	if (size < sizeof(*e))
		return refuse(why, whylen, "%lu bytes is shorter than an ELF header", (unsigned long)size);
	if (memcmp(e->e_ident, magic, sizeof(magic)))
		return refuse(why, whylen, "no ELF magic");
	if (e->e_ident[EI_CLASS] != ELFCLASS32 || e->e_ident[EI_DATA] != ELFDATA2LSB)
		return refuse(why, whylen, "not ELF32 little-endian (class %u, data %u)",
			      e->e_ident[EI_CLASS], e->e_ident[EI_DATA]);
	if (e->e_ident[EI_VERSION] != EV_CURRENT || e->e_version != EV_CURRENT)
		return refuse(why, whylen, "ELF version %u, not 1", e->e_version);
	if (e->e_machine != EM_ARM)
		return refuse(why, whylen, "machine %u, not ARM (40)", e->e_machine);
	if ((e->e_flags & EF_ARM_EABI_MASK) == EF_ARM_EABI_UNKNOWN)
		return refuse(why, whylen, "old-ABI (OABI) binary; only EABI is supported");
	if (e->e_type != ET_EXEC)
		return refuse(why, whylen, "type %u, not a static executable (ET_EXEC)", e->e_type);
	if (e->e_phentsize != sizeof(Elf32_Phdr))
		return refuse(why, whylen, "program header size %u, not %lu", e->e_phentsize,
			      (unsigned long)sizeof(Elf32_Phdr));
	if (e->e_phnum == 0 || e->e_phnum > ELF_MAX_PHNUM)
		return refuse(why, whylen, "%u program headers (1 to %u allowed)", e->e_phnum, ELF_MAX_PHNUM);
	if ((u64)e->e_phoff + (u64)e->e_phnum * sizeof(Elf32_Phdr) > size)
		return refuse(why, whylen, "program headers at 0x%x run past the end of the %lu-byte file",
			      e->e_phoff, (unsigned long)size);
	if (e->e_phoff % 4)
		return refuse(why, whylen, "program headers at 0x%x are not 4-byte aligned", e->e_phoff);
	return 0;
}

static int check_load(const Elf32_Phdr *p, unsigned int i, size_t size, unsigned long task_size,
		      char *why, size_t whylen)
{
	if (p->p_filesz > p->p_memsz)
		return refuse(why, whylen, "segment %u: p_filesz 0x%x > p_memsz 0x%x", i, p->p_filesz, p->p_memsz);
	if ((u64)p->p_offset + p->p_filesz > size)
		return refuse(why, whylen, "segment %u: file bytes [0x%x+0x%x] run past the end of the %lu-byte file",
			      i, p->p_offset, p->p_filesz, (unsigned long)size);
	if (p->p_memsz == 0)
		return refuse(why, whylen, "segment %u: empty (p_memsz 0)", i);
	if ((u64)p->p_vaddr + p->p_memsz > task_size)
		return refuse(why, whylen, "segment %u: [0x%x+0x%x] is outside user space [0, 0x%lx)",
			      i, p->p_vaddr, p->p_memsz, task_size);
	if ((p->p_vaddr - p->p_offset) % ELF_PAGE_SIZE)
		return refuse(why, whylen, "segment %u: address 0x%x and offset 0x%x differ within a page",
			      i, p->p_vaddr, p->p_offset);
	return 0;
}

/* The pages [first, last] a segment touches. */
static u32 seg_first(const Elf32_Phdr *p) { return p->p_vaddr / ELF_PAGE_SIZE; }
static u32 seg_last(const Elf32_Phdr *p) { return (u32)(((u64)p->p_vaddr + p->p_memsz - 1) / ELF_PAGE_SIZE); }

static int check_overlaps(const Elf32_Phdr *ph, unsigned int n, char *why, size_t whylen)
{
	for (unsigned int i = 0; i < n; i++)
		for (unsigned int j = i + 1; j < n; j++) {
			if (ph[i].p_type != PT_LOAD || ph[j].p_type != PT_LOAD)
				continue;
			if (seg_first(&ph[i]) <= seg_last(&ph[j]) && seg_first(&ph[j]) <= seg_last(&ph[i]))
				return refuse(why, whylen, "segments %u [0x%x+0x%x] and %u [0x%x+0x%x] share a page",
					      i, ph[i].p_vaddr, ph[i].p_memsz, j, ph[j].p_vaddr, ph[j].p_memsz);
		}
	return 0;
}

/* Walk the program headers: every PT_LOAD checked, the image's extent and AT_PHDR found. */
static int check_phdrs(const Elf32_Ehdr *e, size_t size, unsigned long task_size, struct elf_image *img,
		       char *why, size_t whylen)
{
	unsigned int loads = 0;
	bool entry_ok = false;
	int err;

	for (unsigned int i = 0; i < e->e_phnum; i++) {
		const Elf32_Phdr *p = &img->phdr[i];

		if (p->p_type == PT_INTERP)
			return refuse(why, whylen, "dynamically linked (PT_INTERP); only static executables run");
		if (p->p_type != PT_LOAD)
			continue;
		err = check_load(p, i, size, task_size, why, whylen);
		if (err)
			return err;
		loads++;
		if ((p->p_flags & PF_X) && e->e_entry >= p->p_vaddr && e->e_entry - p->p_vaddr < p->p_memsz)
			entry_ok = true;
		if (e->e_phoff >= p->p_offset && e->e_phoff - p->p_offset < p->p_filesz)
			img->phdr_vaddr = p->p_vaddr + (e->e_phoff - p->p_offset);
		img->end = max(img->end, (unsigned long)p->p_vaddr + p->p_memsz);
	}
	if (!loads)
		return refuse(why, whylen, "no PT_LOAD segment");
	err = check_overlaps(img->phdr, e->e_phnum, why, whylen);
	if (err)
		return err;
	if (!entry_ok)
		return refuse(why, whylen, "entry point 0x%x is not inside an executable segment", e->e_entry);
	return 0;
}

int elf_check(const void *file, size_t size, unsigned long task_size, struct elf_image *img,
	      char *why, size_t whylen)
{
	const Elf32_Ehdr *e = file;
	int err;

	memset(img, 0, sizeof(*img));
	why[0] = '\0';
	err = check_ehdr(e, size, why, whylen);
	if (err)
		return err;
	img->ehdr = e;
	img->phdr = (const Elf32_Phdr *)((const u8 *)file + e->e_phoff);
	img->entry = e->e_entry;
	return check_phdrs(e, size, task_size, img, why, whylen);
}
