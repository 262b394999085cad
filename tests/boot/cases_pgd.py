"""Boot cases for the kernel half of process page tables (arch/arm/mm_user.c,
arch/arm/fault.c): a process's first-level table gets the kernel's entries
once, at pgd_alloc; the kernel's later first-level entries come in through
the translation fault they cause.  user/forkwide.c keeps 128 children alive
at once; their vmalloc'd kernel stacks (about 3 MiB) reach vmalloc sections
made after the parent's table was copied, and fork writes each child's first
frame through the parent's table.  Without the fault-time fill this is a
kernel paging request panic."""
import os
import re

from cases_user import USER_REJECT, PROMPT, same_free_pages

RUNS = 2         # the case runs it twice: the second run reuses the first's stacks and sections
CHECKS = 4       # check() calls in user/forkwide.c, per run


def free_pages(output):
    """The first run may keep the kernel's new L2 tables for the stacks' vmalloc sections (never freed, as
    in Linux: one page holds four, so at most 2 pages for 3 MiB); the second run reuses them and must
    give back every page."""
    pairs = [(int(b), int(a)) for b, a in re.findall(r"free pages (\d+) before, (\d+) after", output)]
    if len(pairs) != RUNS:
        return ["%d 'free pages' reports from exec, %d expected" % (len(pairs), RUNS)]
    problems = ["run 1 kept %d pages (at most 2 kernel L2 table pages expected)" % (pairs[0][0] - pairs[0][1])
                ] if not 0 <= pairs[0][0] - pairs[0][1] <= 2 else []
    return problems + same_free_pages(output.split("exec /bin/forkwide")[-1])


def check_count(output):
    oks = len(re.findall(r"^ok - ", output, re.M))
    return [] if oks == RUNS * CHECKS else ["%d ok lines, %d expected" % (oks, RUNS * CHECKS)]


def cases(Case, build):
    initrd = os.path.join(build, "user", "initramfs.cpio")
    out = []
    for split in ("3g", "2g", "1g"):
        out.append(Case("%s/direct/forkwide" % split, split=split, mem=256, initrd=initrd,
                        stdin="exec /bin/forkwide\n" * RUNS + "poweroff\n",
                        expect=[PROMPT + r"exec /bin/forkwide",
                                r"forkwide: all passed\r?\nexec: /bin/forkwide exited with status 0"] * RUNS,
                        reject=USER_REJECT + [r"^not ok", r"killed by signal"], order=True,
                        checks=[check_count, free_pages]))
    return out
