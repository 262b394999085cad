/*
 * /proc/iomem: the physical address map of RAM in Linux 6.1's format, as
 * ARM's request_standard_resources builds it: one "System RAM" line per
 * memblock memory region, a no-map region as "reserved" instead, and the
 * kernel image nested (two spaces) under the RAM region that holds it.
 * Devices are not listed: vxmm has no resource tree for them.
 */
#include <arch.h>
#include <memblock.h>
#include <seq.h>
#include <shell.h>
#include <asm/setup.h>

struct iomem_span {
	const char *name;
	phys_addr_t start, end;		/* [start, end], inclusive as /proc/iomem prints it */
};

static void iomem_line(struct seq *s, const char *indent, const struct iomem_span *r)
{
	seq_printf(s, "%s%08llx-%08llx : %s\n", indent, (unsigned long long)r->start,
		   (unsigned long long)r->end, r->name);
}

/*
 * Linux's rule for the image: "Kernel code" from _text to just before
 * __init_begin, "Kernel data" from _sdata to the last byte before _end.
 * vxmm's linker script places .init right after .text and .rodata after
 * .init, so here "Kernel code" is .text alone and .rodata lies in neither.
 */
static void iomem_show(struct seq *s)
{
	const struct iomem_span image[] = {
		{ "Kernel code", __pa(_text), __pa(__init_begin) - 1 },
		{ "Kernel data", __pa(_sdata), __pa(_end) - 1 },
	};

	for (unsigned int i = 0; i < memblock.memory.cnt; i++) {
		const struct memblock_region *m = &memblock.memory.regions[i];
		bool nomap = m->flags & MEMBLOCK_NOMAP;
		struct iomem_span ram = { nomap ? "reserved" : "System RAM", m->base,
					  (phys_addr_t)((u64)m->base + m->size - 1) };

		iomem_line(s, "", &ram);
		for (unsigned int k = 0; k < ARRAY_SIZE(image) && !nomap; k++)
			if (image[k].start >= ram.start && image[k].end <= ram.end)
				iomem_line(s, "  ", &image[k]);
	}
}
PROC_FILE(iomem, "iomem", iomem_show);
