"""Boot cases for processes on every CPU (kernel/sched.c, kernel/wait.c, arch/arm/smp.c's IPIs,
arch/arm/twd.c's tick per CPU): user/smpsched.c's spinners spread over the CPUs with their checksums,
one spinner more than CPUs all preempted, and a fork/pipe/exit storm, with four CPUs under QEMU's
multi-threaded TCG (the CPUs really run at once on the host) and with one CPU; every page back after each program; /proc/interrupts with a
column per CPU, the tick counted on each, and Linux's IPI rows."""
import re

REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"BUG: ", r"not ok - ", r"double free",
          r"not a kmalloc address"]
SMPSCHED_CHECKS = 9     # the ok lines user/smpsched.c prints when all pass
# Linux 6.1's ARM IPI rows (arch/arm/kernel/smp.c ipi_types), in order, for show_ipi_list.
IPI_NAMES = ["CPU wakeup interrupts", "Timer broadcast interrupts", "Rescheduling interrupts",
             "Function call interrupts", "CPU stop interrupts", "IRQ work interrupts",
             "completion interrupts"]


def pages_back(output):
    """Every exec's report: free pages before equal free pages after."""
    pairs = re.findall(r"free pages (\d+) before, (\d+) after", output)
    if not pairs:
        return ["no 'free pages' report from exec"]
    return ["pages left behind: %s before, %s after" % p for p in pairs if p[0] != p[1]]


def smpsched_checks(output):
    """Every check line of user/smpsched.c printed, each an ok."""
    m = re.search(r"exec /bin/smpsched\r?\n(.*?)smpsched: ", output, re.S)
    got = len(re.findall(r"^ok - ", m.group(1), re.M)) if m else 0
    return [] if got == SMPSCHED_CHECKS else ["smpsched printed %d ok lines, expected %d" % (got, SMPSCHED_CHECKS)]


def interrupts_per_cpu(cpus):
    """The last /proc/interrupts: a CPUn header per CPU, every row with one count per CPU, the tick
    (twd) counted on every CPU, and the seven IPI rows in Linux's order and words."""
    def check(output):
        table = output.rsplit("cat /proc/interrupts", 1)[-1]
        problems = []
        header = re.search(r"^ +((?:CPU\d+ +)+)\r?$", table, re.M)
        if not header or header.group(1).split() != ["CPU%d" % n for n in range(cpus)]:
            problems.append("header %r, expected CPU0..CPU%d" % (header and header.group(1), cpus - 1))
        twd = re.search(r"^ *29:((?: +\d+)+) +GIC-0 +29 +\w+ +twd\r?$", table, re.M)
        counts = [int(x) for x in twd.group(1).split()] if twd else []
        if len(counts) != cpus or min(counts) == 0:
            problems.append("twd counts per CPU %s: expected %d columns, none 0" % (counts, cpus))
        ipis = re.findall(r"^IPI(\d):((?: +\d+)+)  (.+?)\r?$", table, re.M)
        if [int(n) for n, _, _ in ipis] != list(range(7)) or [x for _, _, x in ipis] != IPI_NAMES:
            problems.append("IPI rows %s, expected IPI0..IPI6 named as Linux's" % [(n, x) for n, _, x in ipis])
        if any(len(c.split()) != cpus for _, c, _ in ipis):
            problems.append("an IPI row without one count per CPU")
        return problems
    return check


def cases(Case, build):
    import os
    initrd = os.path.join(build, "user", "initramfs.cpio")
    stdin = "exec /bin/smpsched\nexec /bin/fork\nexec /bin/pipe\ncat /proc/interrupts\npoweroff\n"
    expect = [r"smpsched: all passed\r?\nexec: /bin/smpsched exited with status 0",
              r"fork: all passed", r"pipe: all passed", r"reboot: Power down"]
    out = []
    runs = (("4cpus-mttcg", 4, "-accel tcg,thread=multi"), ("1cpu", 1, ""))
    for name, cpus, extra in runs:
        spread = (r"# the spinners ran on [%s] distinct CPUs of %d" % ("234" if cpus > 1 else "1", cpus))
        out.append(Case("3g/direct/sched-smp-%s" % name, cpus=cpus, qemu_extra=extra, initrd=initrd,
                        stdin=stdin, timeout=300, expect=[spread] + expect, reject=REJECT, order=True,
                        checks=[pages_back, smpsched_checks, interrupts_per_cpu(cpus)]))
    # The same programs in the other splits' address spaces, four CPUs at once.
    for split in ("2g", "1g"):
        out.append(Case("%s/direct/sched-smp-4cpus-mttcg" % split, split=split, cpus=4,
                        qemu_extra="-accel tcg,thread=multi", initrd=initrd,
                        stdin="exec /bin/smpsched\npoweroff\n", timeout=300,
                        expect=[r"smpsched: all passed"], reject=REJECT, checks=[pages_back, smpsched_checks]))
    return out
