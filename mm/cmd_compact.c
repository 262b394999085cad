/*
 * Compaction at the shell (kernel only, left out of the host build): the
 * `compact` command, what writing to /proc/sys/vm/compact_memory does.
 * The shell runs on CPU 0 while no process does (a process runs only
 * while `exec` waits for it), which is compaction's rule
 * (include/compaction.h); once processes run on every CPU under the big
 * kernel lock, this command takes that lock first.
 */
#include <compaction.h>
#include <shell.h>

static int cmd_compact(int argc, char **argv)
{
	(void)argv;
	if (argc != 1) {
		kprintf("usage: compact\n");
		return 1;
	}
	if (compact_nodes())
		return 1;
	kprintf("compact: %lu pages migrated, %lu failed, so far\n", compact_events[PGMIGRATE_SUCCESS],
		compact_events[PGMIGRATE_FAIL]);
	kprintf("compact: left in place: %lu kernel, %lu file, %lu pinned, %lu busy\n",
		compact_skipped.count[MIGRATE_NOT_USER], compact_skipped.count[MIGRATE_FILE],
		compact_skipped.count[MIGRATE_PINNED], compact_skipped.count[MIGRATE_BUSY]);
	return 0;
}
SHELL_CMD(compact, "compact", "", "compact every zone (as writing to /proc/sys/vm/compact_memory)",
	  cmd_compact);
