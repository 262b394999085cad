/*
 * The per-process memory views Linux builds in fs/proc/task_mmu.c, as
 * text into a seq so that /proc/<pid>/maps and status (branch vfs's
 * files), the shell and the host tests share them.  Formats are Linux
 * 6.1's; where this kernel knows less than Linux, the line says what it
 * can (see each function).
 */
#include <initramfs.h>
#include <mm.h>
#include <seq.h>
#include "vma.h"

/* Linux pads the name to column 25 + 6 * sizeof(void *) - 1 (48 on 32 bits), then one space. */
#define MAPS_NAME_COLUMN	48

static const char *vma_name(const struct mm_struct *mm, const struct vm_area_struct *v)
{
	if (v->vm_start <= mm->brk && v->vm_end >= mm->start_brk && mm->start_brk)
		return "[heap]";
	if (v->vm_start <= mm->start_stack && v->vm_end >= mm->start_stack)
		return "[stack]";
	return NULL;
}

/*
 * One line per VMA: range, rwx and p/s, offset, device, inode, name.
 * Anonymous lines end after the inode's "0 ", as Linux's do.  A file
 * mapping shows device 00:00 and inode 0 (the initramfs keeps no inode
 * numbers) and the file's path.  exec's segments are anonymous here
 * (kernel/exec.c copies the file's bytes in), so they carry no path.
 */
void show_map_vmas(struct seq *s, struct mm_struct *mm)
{
	for (const struct vm_area_struct *v = mm->mmap; v; v = v->vm_next) {
		const char *name = vma_name(mm, v);
		unsigned long off = v->vm_file ? v->vm_pgoff << PAGE_SHIFT : 0;
		size_t start = s->len;

		seq_printf(s, "%08lx-%08lx %c%c%c%c %08lx 00:00 0 ", v->vm_start, v->vm_end,
			   (v->vm_flags & VM_READ) ? 'r' : '-', (v->vm_flags & VM_WRITE) ? 'w' : '-',
			   (v->vm_flags & VM_EXEC) ? 'x' : '-', (v->vm_flags & VM_MAYSHARE) ? 's' : 'p', off);
		if (v->vm_file || name) {
			size_t used = s->len - start;

			seq_printf(s, "%*s", used < MAPS_NAME_COLUMN ? (int)(MAPS_NAME_COLUMN - used) : 0, "");
			if (v->vm_file)
				seq_printf(s, " /%s", v->vm_file->name);
			else
				seq_printf(s, " %s", name);
		}
		seq_puts(s, "\n");
	}
}

static void status_line(struct seq *s, const char *name, unsigned long pages)
{
	seq_printf(s, "%s\t%8lu kB\n", name, pages << (PAGE_SHIFT - 10));
}

/*
 * Linux's task_mem lines.  RssFile and RssShmem are 0: file mappings get
 * private copies (anonymous pages) and shared anonymous memory is not
 * shmem here, so all of VmRSS is RssAnon.  VmExe is every executable,
 * non-writable mapping (a static program's text: Linux takes the smaller
 * of that and end_code - start_code) and VmLib 0 (no shared libraries).
 * VmPTE counts second-level table pages, not the first-level table, as
 * Linux's mm_pgtables_bytes.  VmPin and VmSwap are 0: nothing pins pages
 * and there is no swap.
 */
void show_mm_status(struct seq *s, struct mm_struct *mm)
{
	unsigned long hwm = max(mm->hiwater_rss, mm->rss), peak = max(mm->hiwater_vm, mm->total_vm);

	status_line(s, "VmPeak:", peak);
	status_line(s, "VmSize:", mm->total_vm);
	status_line(s, "VmLck:", mm->locked_vm);
	status_line(s, "VmPin:", 0);
	status_line(s, "VmHWM:", hwm);
	status_line(s, "VmRSS:", mm->rss);
	status_line(s, "RssAnon:", mm->rss);
	status_line(s, "RssFile:", 0);
	status_line(s, "RssShmem:", 0);
	status_line(s, "VmData:", mm->data_vm);
	status_line(s, "VmStk:", mm->stack_vm);
	status_line(s, "VmExe:", mm->exec_vm);
	status_line(s, "VmLib:", 0);
	status_line(s, "VmPTE:", mm->nr_ptes);
	status_line(s, "VmSwap:", 0);
}
