/*
 * The address-space counters at the shell (kernel only, left out of the
 * host build): /proc/vmstat.  /proc/<pid>/maps and status are branch
 * vfs's files over show_map_vmas and show_mm_status (mm/task_mmu.c).
 */
#include <mm.h>
#include <shell.h>

PROC_FILE(vmstat, "vmstat", vmstat_show);
