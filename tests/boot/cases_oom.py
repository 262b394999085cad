"""Boot cases for the OOM killer (mm/oom_kill.c): with 128 MiB of RAM,
user/oom.c's child writes to a 512 MiB MAP_NORESERVE mapping until no page
is left; the kernel must print Linux's "Out of memory: Killed process"
line for that child (not the parent, not pid 1), with sizes that fit what
the child did, the parent must see it killed by SIGKILL and still get
memory, and every page must come back."""
import re

REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"not ok - ", r"killed by SIGKILL\r?\n"]
MEM = 128
HOG_KB = 512 * 1024     # the child's mapping (user/oom.c HOG_BYTES)
OOM_LINE = (r"Out of memory: Killed process (\d+) \(oom\) total-vm:(\d+)kB, anon-rss:(\d+)kB, file-rss:0kB, "
            r"shmem-rss:0kB, UID:0 pgtables:(\d+)kB oom_score_adj:0")


def sizes(output):
    """The victim is the child (a pid after the parent's), its total-vm holds the whole
    mapping, and its resident pages are most of RAM (more than half) but not more than RAM."""
    m = re.search(OOM_LINE, output)
    if not m:
        return ["no OOM line"]
    pid, total, rss, pgtables = (int(x) for x in m.groups())
    pids = re.search(r"oom: parent pid (\d+), child pid (\d+)", output)
    problems = []
    if total < HOG_KB:
        problems.append("total-vm %d kB is less than the %d kB mapping" % (total, HOG_KB))
    if not MEM * 1024 // 2 < rss <= MEM * 1024:
        problems.append("anon-rss %d kB: not between half of the RAM and all of it (%d kB)" % (rss, MEM * 1024))
    if pgtables <= 0:
        problems.append("pgtables %d kB for %d kB resident" % (pgtables, rss))
    if not pids or pid != int(pids.group(2)):
        problems.append("the victim is pid %d, not the forked child (%s)" % (pid, pids and pids.group(0)))
    if len(re.findall(r"Out of memory: Killed process", output)) != 1:
        problems.append("more than one process killed")
    if len(re.findall(r"^ok - ", output, re.M)) != 4:
        problems.append("not the 4 check lines of user/oom.c")
    for before, after in re.findall(r"free pages (\d+) before, (\d+) after", output):
        if before != after:
            problems.append("pages left behind: %s before, %s after" % (before, after))
    return problems


def cases(Case, build):
    import os
    initrd = os.path.join(build, "user", "initramfs.cpio")
    out = []
    for split in ("3g", "2g"):
        out.append(Case("%s/direct/oom-kill" % split, split=split, mem=MEM,
                        initrd=initrd,
                        stdin="exec /bin/oom\nexec /bin/hello\npoweroff\n",
                        expect=[OOM_LINE, r"oom: all passed", r"exec: /bin/oom exited with status 0",
                                r"Hello from user space!"],
                        reject=REJECT, order=True, checks=[sizes]))
    return out
