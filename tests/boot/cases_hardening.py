"""Boot cases for the hardening work: fault reports name the function at PC
and LR (kernel/kallsyms.c), a kernel stack overflow runs into the guard page
below the SVC stack and is reported as such (arch/arm/fault.c, mmu.c), and
short stress runs (kernel/cmd_stress.c) in both splits end with no errors
and the free lists exactly as before."""
import re

SYM = r"\w+\+0x[0-9a-f]+/0x[0-9a-f]+"
STRESS_REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"buddy_check: ", r"vmalloc_check: ",
                 r"slab: ", r"buddy: (?!\w+ fed )", r"vmalloc: .*refused", r"stress: (?!allocated|\d+ )", r"cmdline: "]
STRESS_DONE = r"stress: \d+ operations, 0 errors, buddyinfo back to boot state: yes"


def command_outputs(output, command):
    """What the shell printed for each time `command` was typed: from the
    echoed command to the next prompt."""
    return re.findall(r"vxmm# %s\r?\n(.*?)(?=vxmm# )" % re.escape(command), output, re.S)


def stress_summary(text):
    """The stress lines that sum a run up, without their time stamps."""
    return re.findall(r"stress: ((?:allocated|\d+ operations, )[^\r\n]*)", text)


def same_seed_same_result(output):
    """Two runs from seed 9 must print the same summary, and a run from seed
    10 a different one (or the comparison could not tell seeds apart)."""
    runs = [stress_summary(text) for text in command_outputs(output, "stress 3000 9")]
    others = [stress_summary(text) for text in command_outputs(output, "stress 3000 10")]
    if len(runs) != 2 or len(others) != 1 or not all(len(r) == 2 for r in runs + others):
        return ["expected two summaries from seed 9 and one from seed 10, got %r and %r" % (runs, others)]
    problems = []
    if runs[0] != runs[1]:
        problems.append("seed 9 gave %r, then %r" % (runs[0], runs[1]))
    if others[0][0] == runs[0][0]:
        problems.append("seed 10 allocated the same as seed 9: %r" % others[0][0])
    return problems


def cases(Case, build):
    out = []
    # The faulting function by name, Linux's "PC is at <sym>+0x<off>/0x<size>".
    # Outside every function (exec jumps into data) the PC stays a bare address.
    for kind, pc, lr in (("null", r"PC is at cmd_crash\+0x[0-9a-f]+/0x[0-9a-f]+", r"LR is at " + SYM),
                         ("undef", r"PC is at cmd_crash\+0x[0-9a-f]+/0x[0-9a-f]+", r"LR is at " + SYM),
                         ("exec", r"PC is at 0xc0[0-9a-f]{6}\r?\n", r"LR is at cmd_crash\+0x[0-9a-f]+/0x[0-9a-f]+")):
        out.append(Case("3g/direct/crash-%s-symbol" % kind, stdin="crash %s\n" % kind,
                        expect=[pc, lr, r"pc : \[<c0[0-9a-f]{6}>\]    lr : \[<c0[0-9a-f]{6}>\]",
                                r"Kernel panic - not syncing: Fatal exception"],
                        reject=[r"kernel stack overflow"], order=True))
    # Deep recursion runs into the unmapped page below the kernel stack; the report
    # (on the abort stack) says so and the board powers off.
    for split, top in (("3g", "c0"), ("2g", "80")):
        out.append(Case("%s/direct/crash-stack" % split, split=split, stdin="crash stack\n",
                        expect=[r"crash: recursing until the kernel stack overflows",
                                r"Unable to handle kernel paging request at virtual address %s\w+ when write" % top,
                                r"translation fault \(page\)",
                                r"kernel stack overflow: sp 0x\w+ hit the guard page \[0x\w+-0x\w+\] "
                                r"below the SVC stack",
                                r"PC is at crash_recurse\+0x[0-9a-f]+/0x[0-9a-f]+",
                                r"LR is at crash_recurse\+",
                                r"Kernel panic - not syncing: kernel stack overflow"],
                        reject=[r"Fatal exception", r"vmalloc: fault"], order=True))
    # A few seconds of random allocator traffic per split, from the boot argument.
    for split, seed in (("3g", 1), ("2g", 2)):
        out.append(Case("%s/direct/stress" % split, split=split, bootargs="stress=3s,%d" % seed, stdin="",
                        expect=[r"stress: 3 seconds from seed %d" % seed,
                                r"stress: allocated [1-9]\d* page blocks, [1-9]\d* kmalloc, [1-9]\d* cache objects, "
                                r"[1-9]\d* vmalloc, [1-9]\d* vmap",
                                STRESS_DONE],
                        reject=STRESS_REJECT, order=True, timeout=400))
    # The shell command: a count, twice with one seed (same result, compared), once
    # with another (a different one), and its usage.
    out.append(Case("3g/direct/stress-shell",
                    stdin="stress 3000 9\nstress 3000 9\nstress 3000 10\nstress 0\ncat /proc/buddyinfo\npoweroff\n",
                    expect=[r"stress: 3000 operations from seed 9", r"stress: 3000 operations, 0 errors, "
                            r"buddyinfo back to boot state: yes",
                            r"stress: 3000 operations, 0 errors, buddyinfo back to boot state: yes",
                            r"stress: 3000 operations from seed 10",
                            r"stress: 3000 operations, 0 errors, buddyinfo back to boot state: yes",
                            r"usage: stress <operations>\|<seconds>s \[seed\]",
                            r"Node 0, zone  HighMem      0      0      0      0      0      0      0      0"
                            r"      0      0     64 "],
                    reject=STRESS_REJECT, checks=[same_seed_same_result], order=True, timeout=400))
    return out
