/*
 * The initial stack as Linux builds it: argc, argv, envp and the auxiliary
 * vector.  The expected values come from the program itself, not from the
 * kernel: the ELF header the linker placed at __ehdr_start (e_phnum,
 * e_phentsize, where the program headers are), _start as the entry point.
 */
#include "lib/ulib.h"

struct elf32_ehdr {
	unsigned char e_ident[16];
	unsigned short e_type, e_machine;
	unsigned int e_version, e_entry, e_phoff, e_shoff, e_flags;
	unsigned short e_ehsize, e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx;
};

extern const struct elf32_ehdr __ehdr_start;
extern char _start[];

static int bad;

static void check(const char *what, unsigned long got, unsigned long want)
{
	if (got == want)
		return;
	printf("argv: %s is 0x%x, expected 0x%x\n", what, (unsigned int)got, (unsigned int)want);
	bad++;
}

int main(int argc, char **argv, char **envp)
{
	const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
	unsigned int rsum = 0;

	printf("argv: argc=%d", argc);
	for (int i = 0; i < argc; i++)
		printf(" argv[%d]=%s", i, argv[i]);
	for (int i = 0; envp[i]; i++)
		printf(" envp[%d]=%s", i, envp[i]);
	printf("\n");
	check("argv[argc]", (unsigned long)argv[argc], 0);
	check("AT_PAGESZ", getauxval(AT_PAGESZ), 4096);
	check("AT_PHDR", getauxval(AT_PHDR), (unsigned long)&__ehdr_start + __ehdr_start.e_phoff);
	check("AT_PHENT", getauxval(AT_PHENT), __ehdr_start.e_phentsize);
	check("AT_PHNUM", getauxval(AT_PHNUM), __ehdr_start.e_phnum);
	check("AT_ENTRY", getauxval(AT_ENTRY), (unsigned long)_start);
	check("AT_RANDOM present", rnd != 0, 1);
	check("AT_HWCAP present", getauxval(AT_HWCAP) != 0, 1);
	for (int i = 0; rnd && i < 16; i++)
		rsum |= rnd[i];
	check("AT_RANDOM bytes not all zero", rsum != 0, 1);
	check("sp alignment", ((unsigned long)argv - 4) & 7, 0);
	printf("argv: auxv %s\n", bad ? "BAD" : "ok");
	return bad;
}
