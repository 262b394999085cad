"""Boot cases for more than one CPU (arch/arm/smp.c, arch/arm/head-smp.S, scripts/nor-boot.S's pen,
mm/percpu.c): Linux's bring-up lines with each CPU's MPIDR, in every boot mode whose secondaries wait
somewhere else (QEMU's stub with direct, nor-boot.S's pen with uboot/flash/tftp); CPUS=1 and 2;
maxcpus= and nosmp; a secondary that never answers reported with -110 while the boot goes on;
/proc/cpuinfo with one block per online CPU; the per-CPU areas in the percpu: line and meminfo's
Percpu; and every CPU running its own copy of a per-CPU counter."""
import re

REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"BUG: ", r"cmdline: "]

# MPIDR of Cortex-A9 core n in cluster 0 (Cortex-A9 TRM 4.3.5): bit 31 set (multiprocessing
# extensions format), U (bit 30) clear, CPU ID in bits [1:0].
MPIDR_MP = 1 << 31


def cpu_line(n):
    return r"CPU%d: thread -1, cpu %d, socket 0, mpidr %x\r?\n" % (n, n, MPIDR_MP | n)


def bringup(online, failed=()):
    """The lines in order: CPU0's topology, the banner, each secondary's line or its -110, the total."""
    lines = [cpu_line(0), r"smp: Bringing up secondary CPUs \.\.\.\r?\n"]
    for n in range(1, max(tuple(online) + tuple(failed)) + 1):
        lines.append(cpu_line(n) if n in online else r"CPU%d: failed to boot: -110\r?\n" % n)
    total = len(online)
    lines.append(r"smp: Brought up 1 node, %d CPU%s\r?\n" % (total, "s" if total > 1 else ""))
    return lines


def cpuinfo_blocks(online):
    """/proc/cpuinfo: exactly one 'processor' line per online CPU, in order, each with its block."""
    def check(output):
        got = [int(x) for x in re.findall(r"^processor\t: (\d+)\r?$", output, re.M)]
        problems = [] if got == list(online) else ["cpuinfo processors %s, expected %s" % (got, list(online))]
        parts = re.findall(r"^CPU part\t: (0x[0-9a-f]+)\r?$", output, re.M)
        if parts != ["0xc09"] * len(online):  # Cortex-A9's primary part number (Cortex-A9 TRM 4.3.1)
            problems.append("CPU part lines %s, expected 0xc09 per CPU" % parts)
        return problems
    return check


def percpu_figures(cpus):
    """percpu: <p> pages/cpu s<static> ... u<unit>; meminfo's Percpu = p pages x 4 KiB x CPUs."""
    def check(output):
        m = re.search(r"percpu: Embedded (\d+) pages/cpu s(\d+) r0 d(\d+) u(\d+)", output)
        if not m:
            return ["no percpu: line"]
        pages, static, dyn, unit = (int(x) for x in m.groups())
        problems = []
        if unit != pages * 4096 or static + dyn != unit or static == 0:
            problems.append("percpu line inconsistent: %s" % m.group(0))
        mi = re.search(r"Percpu:\s+(\d+) kB", output)
        if not mi or int(mi.group(1)) != pages * 4 * cpus:
            problems.append("meminfo Percpu %s kB, expected %d" % (mi and mi.group(1), pages * 4 * cpus))
        return problems
    return check


def zoneinfo_pagesets(online):
    """Every populated zone's "pagesets" lists each online CPU in order, as Linux 6.1 under CONFIG_SMP:
    "    cpu: <n>", count, high, batch, then "  vm stats threshold: <t>"."""
    block = "".join(r"\r?\n    cpu: %d\r?\n +count: +\d+\r?\n +high: +\d+\r?\n +batch: +\d+"
                    r"\r?\n  vm stats threshold: \d+" % n for n in online)

    def check(output):
        zones = re.findall(r"^Node 0, zone +(\w+)\r?$", output, re.M)
        sets = re.findall(r"  pagesets" + block + r"\r?\n  node_unreclaimable", output)
        populated = len(re.findall(r"^  pages free +[1-9]\d*\r?$", output, re.M))
        if not zones or len(sets) != populated or not populated:
            return ["zoneinfo: %d pageset blocks listing CPUs %s, %d populated zones" % (len(sets), list(online),
                                                                                       populated)]
        return []
    return check


STRESS_END = r"stress: %d operations, 0 errors, buddyinfo back to boot state: yes"


def cases(Case, build):
    out = []
    stdin = "cat /proc/cpuinfo\ncat /proc/meminfo\ncat /proc/zoneinfo\npoweroff\n"
    all4 = (0, 1, 2, 3)
    for boot in ("direct", "uboot", "flash", "tftp"):
        out.append(Case("3g/%s/smp-4cpus" % boot, boot=boot, cpus=4, stdin=stdin,
                        expect=bringup(all4) + [r"reboot: Power down"], reject=REJECT, order=True,
                        checks=[cpuinfo_blocks(all4), percpu_figures(4), zoneinfo_pagesets(all4)]))
    for split in ("2g", "1g"):  # the identity section of head-smp.S sits in user space (2g) or in lowmem (1g)
        out.append(Case("%s/direct/smp-4cpus" % split, split=split, cpus=4, stdin=stdin,
                        expect=bringup(all4), reject=REJECT, order=True, checks=[cpuinfo_blocks(all4)]))
    for n in (1, 2):
        online = tuple(range(n))
        out.append(Case("3g/direct/smp-%dcpu" % n, cpus=n, stdin=stdin, expect=bringup(online), reject=REJECT,
                        order=True, checks=[cpuinfo_blocks(online), percpu_figures(n), zoneinfo_pagesets(online)]))
    out.append(Case("3g/direct/smp-maxcpus2", cpus=4, bootargs="maxcpus=2", stdin=stdin,
                    expect=bringup((0, 1)), reject=REJECT, order=True, checks=[cpuinfo_blocks((0, 1))]))
    out.append(Case("3g/direct/smp-nosmp", cpus=4, bootargs="nosmp", stdin=stdin,
                    expect=bringup((0,)), reject=REJECT, order=True, checks=[cpuinfo_blocks((0,))]))
    # CPU 2 is woken but parks before it reports: one -110 line, the boot goes on with CPU 3.
    out.append(Case("3g/direct/smp-no-answer", cpus=4, bootargs="smp_hang_cpu=2", stdin=stdin,
                    expect=bringup((0, 1, 3), failed=(2,)) + [r"vxmm# ", r"reboot: Power down"],
                    reject=REJECT, order=True, checks=[cpuinfo_blocks((0, 1, 3))]))
    # Each CPU's number and per-CPU copy, checked on every CPU at once: two check lines per CPU.
    for n in (4, 2):
        checks = [r"ok - CPU%d: smp_processor_id matches MPIDR\r?\nok - CPU%d: its per-CPU copy holds what it "
                  r"wrote \(0x%08x\)" % (c, c, 0x5a000000 | c) for c in range(n)]
        out.append(Case("3g/direct/smp-test-%dcpus" % n, cpus=n, stdin="smp-test\npoweroff\n",
                        expect=checks + [r"smp-test: %d CPUs, 0 problems" % n], reject=REJECT + [r"not ok"],
                        order=True))
    # The stress mix on all four CPUs at once: with QEMU's multi-threaded TCG the CPUs really run in
    # parallel on the host; under -icount (one thread, instructions as time) the interleaving repeats.
    for name, extra, ops in (("mttcg", "-accel tcg,thread=multi", 4000), ("icount", "-icount shift=3", 2000)):
        out.append(Case("3g/direct/smp-stress-%s" % name, cpus=4, qemu_extra=extra, timeout=600,
                        stdin="stress %d 3\nbuddycheck\ncat /proc/zoneinfo\npoweroff\n" % ops,
                        expect=bringup(all4) + [r"stress: %d operations from seed 3, 256 slots, on 4 CPUs" % ops,
                                                STRESS_END % ops, r"buddycheck: 0 problems"],
                        reject=REJECT + [r"stress: (?!\d+ operations from|allocated|\d+ operations, 0 errors)"],
                        order=True, checks=[zoneinfo_pagesets(all4)]))
    return out
