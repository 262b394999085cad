#!/usr/bin/env python3
"""Boot tests: boot the kernel in QEMU and check what it prints.

Each case boots one configuration (split, boot mode, RAM, bootargs, DTB)
through scripts/run-qemu, feeds shell commands on stdin, and checks the
console output against patterns.  Cases run two at a time; each prints one
TAP line, and its whole console log is kept under build/results/boot/.
A boot with `selftest` contributes one TAP line per in-kernel test.

Usage: boot_tests.py [--only SUBSTRING] [--list] [--jobs N]
"""
import argparse
import concurrent.futures
import glob
import importlib.util
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("B", os.path.join(ROOT, "build"))
sys.path.insert(0, os.path.join(ROOT, "tests", "bad-input"))

import corpus  # noqa: E402  (tests/bad-input/corpus.py)

MIB = 1 << 20


class Case:
    """One boot: what to run, what to type, what must and must not appear."""

    def __init__(self, name, split="3g", boot="direct", mem=1024, bootargs="",
                 dtb=None, stdin="poweroff\n", expect=(), reject=(), timeout=240,
                 ktap=False, order=False, checks=(), initrd=None, cpus=4, qemu_extra=""):
        self.name = name
        self.split = split
        self.boot = boot
        self.mem = mem
        self.bootargs = bootargs
        self.dtb = dtb
        self.stdin = stdin
        self.expect = list(expect)
        self.reject = list(reject)
        # Seconds until QEMU is stopped and the case fails.  A direct boot takes
        # about a second, but the machine has two cores shared with other test
        # runs: the limits only catch hangs, nothing is judged by how long it took.
        self.timeout = timeout
        self.ktap = ktap
        self.order = order  # expect patterns must appear in this order
        # More than a pattern can say (a sum, a bound, two runs compared): each
        # takes the console output and returns a list of problems, [] when good.
        self.checks = list(checks)
        self.initrd = initrd  # a cpio archive for scripts/run-qemu's INITRD, or None
        self.cpus = cpus  # scripts/run-qemu's CPUS
        self.qemu_extra = qemu_extra  # more QEMU arguments after -no-reboot


# Lines every good boot must show, and lines no good boot may show.
GOOD_REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"fdt: .*(ignored|not used|dropped)",
               r"cmdline: "]


# The kernel/user splits, one per configs/vexpress_<name>_defconfig: PAGE_OFFSET
# (Kconfig's VMSPLIT_*), the label the version line prints, and CONFIG_HIGHMEM.
# A cases_<topic>.py file reaches this table and the helpers below as Case.SPLITS,
# Case.version_line(), Case.zone_ranges(), Case.lowmem_end(), Case.ram_banks() and
# Case.memory_map().
SPLITS = {
    "3g": (0xc0000000, "3G/1G", True),
    "2g": (0x80000000, "2G/2G", True),
    "1g": (0x40000000, "1G/3G", True),
    "3g-nohighmem": (0xc0000000, "3G/1G", False),
    "3g-sparse": (0xc0000000, "3G/1G", True),
    "3g-debug": (0xc0000000, "3G/1G", True),
}

# The board and Linux 6.1's ARM rules (Linux's arch/arm/include/asm/pgtable.h and arch/arm/mm/mmu.c).
PHYS_OFFSET = 0x60000000          # RAM start on vexpress-a9 (dts/vexpress-v2p-ca9.dts /memory)
VMALLOC_END = 0xff800000
VMALLOC_OFFSET = 8 * MIB
VMALLOC_DEFAULT = 240 * MIB       # Linux's default vmalloc reserve


def version_line(split):
    page_offset, label, _ = SPLITS[split]
    return r"vxmm version \S+ \(%s split, PAGE_OFFSET 0x%08x\)" % (label, page_offset)


def shell_boot_expect(split):
    return [r"Booting vxmm on physical CPU 0x0", version_line(split), r"vxmm# ", r"reboot: Power down"]


def bank_line(mem, boot):
    """QEMU describes one bank; U-Boot (two DRAM banks on this board) splits at 512 MiB."""
    if boot == "direct" or mem <= 512:
        return r"fdt: memory bank 0: \[mem 0x60000000-0x%08x\] %d MiB" % (PHYS_OFFSET + mem * MIB - 1, mem)
    return (r"fdt: memory bank 0: \[mem 0x60000000-0x7fffffff\] 512 MiB\s*\n.*"
            r"fdt: memory bank 1: \[mem 0x80000000-0x%08x\] %d MiB" % (PHYS_OFFSET + mem * MIB - 1, mem - 512))


def vmalloc_reserve(split, vmalloc):
    """Linux 6.1's early_vmalloc: the reserve (bytes) held to
    [16 MiB, VMALLOC_END - (PAGE_OFFSET + 32 MiB + VMALLOC_OFFSET)]."""
    page_offset = SPLITS[split][0]
    return max(16 * MIB, min(vmalloc, VMALLOC_END - (page_offset + 32 * MIB + VMALLOC_OFFSET)))


def lowmem_end(split, banks, vmalloc=VMALLOC_DEFAULT):
    """The end of lowmem (physical, exclusive): the banks, [start, end) each,
    cut at VMALLOC_END - reserve - VMALLOC_OFFSET mapped back to physical."""
    page_offset = SPLITS[split][0]
    limit = VMALLOC_END - vmalloc_reserve(split, vmalloc) - VMALLOC_OFFSET - page_offset + PHYS_OFFSET
    return max(min(end, limit) for start, end in banks if start < limit)


def ram_banks(mem):
    return [(PHYS_OFFSET, PHYS_OFFSET + mem * MIB)]


def zone_ranges(split, mem=None, vmalloc_mib=240, banks=None):
    """The Zone ranges lines Linux 6.1 prints, computed here independently of
    the kernel: lowmem ends at the smaller of the end of RAM and
    VMALLOC_END - reserve - VMALLOC_OFFSET - PAGE_OFFSET + PHYS_OFFSET; without
    CONFIG_HIGHMEM there is no HighMem line (the RAM above is dropped)."""
    banks = banks or ram_banks(mem)
    low = lowmem_end(split, banks, vmalloc_mib * MIB)
    ram_end = max(end for _, end in banks)
    lines = [r"  Normal   \[mem 0x%016x-0x%016x\]" % (banks[0][0], low - 1)]
    if not SPLITS[split][2]:
        return lines
    if low < ram_end:
        lines.append(r"  HighMem  \[mem 0x%016x-0x%016x\]" % (low, ram_end - 1))
    else:
        lines.append(r"  HighMem  empty")
    return lines


def merged(banks):
    """The banks as memblock keeps them: sorted, adjacent ones joined."""
    out = []
    for start, end in sorted(banks):
        if out and out[-1][1] == start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def memtotal_check(banks):
    """MemTotal bounds from the RAM alone: less than all of it (the kernel
    image and its first-level table stay reserved), and no more missing than
    the mem_map (at most 32 bytes per 4 KiB page) plus 2 MiB and 64 KiB for the kernel,
    its tables and the DTB, plus the per-CPU first chunk (Linux's smallest
    unit, 32 KiB, for each of up to 4 CPUs).  Any bank lost or counted twice
    moves MemTotal by at least 16 MiB, outside the bounds."""
    ram_kb = sum(end - start for start, end in banks) // 1024
    low, high = ram_kb - ram_kb // 128 - 2048 - 64 - 4 * 32, ram_kb - 16

    def check(output):
        m = re.search(r"vxmm# cat /proc/meminfo\r?\nMemTotal: +(\d+) kB", output)
        if not m:
            return ["no MemTotal line after `cat /proc/meminfo`"]
        got = int(m.group(1))
        if not low <= got <= high:
            return ["MemTotal %d kB is outside [%d, %d] kB for %d kB of RAM" % (got, low, high, ram_kb)]
        return []
    return check


MEMORY_MAP_STDIN = "memblock\ncat /proc/meminfo\npoweroff\n"


def memory_map(split, banks, vmalloc_mib=240):
    """What a boot with these DT banks ([start, end) each, after the kernel's
    bootfdt rules) must show, with MEMORY_MAP_STDIN typed: one bank
    line each, the zone ranges, memblock's memory regions and MemTotal.
    Returns (expect patterns, checks)."""
    expect = [r"fdt: memory bank %d: \[mem 0x%08x-0x%08x\] %d MiB\r?\n" % (i, start, end - 1, (end - start) // MIB)
              for i, (start, end) in enumerate(banks)]
    expect += [r"Zone ranges:"] + zone_ranges(split, vmalloc_mib=vmalloc_mib, banks=banks)
    regions = merged(banks)
    memblock = (r"vxmm# memblock\r?\nMEMBLOCK configuration:\r?\n memory size = 0x%08x reserved size = 0x\w+\r?\n"
                r" memory\.cnt  = 0x%x\r?\n" % (sum(e - s for s, e in banks), len(regions)))
    memblock += "".join(r" memory\[0x%x\]\t\[0x%08x-0x%08x\], 0x%08x bytes flags: 0x0\r?\n" % (i, s, e - 1, e - s)
                        for i, (s, e) in enumerate(regions))
    expect += [memblock + r" reserved\.cnt"]
    return expect, [memtotal_check(banks)]


def ktap_results(output):
    """(ok?, name, directive) for each top-level KTAP result; directive is the
    ` # SKIP reason` (or TODO) text kept as printed, "" when there is none."""
    out = []
    for m in re.finditer(r"^(not ok|ok) \d+ (\S+)[^#\r\n]*(#[^\r\n]*)?", output, re.M):
        directive = (m.group(3) or "").strip()
        if not re.match(r"#\s*(SKIP|TODO)\b", directive, re.I):
            directive = ""
        out.append((m.group(1) == "ok", m.group(2), " " + directive if directive else ""))
    return out


Case.SPLITS = SPLITS
Case.version_line = staticmethod(version_line)
Case.zone_ranges = staticmethod(zone_ranges)
Case.lowmem_end = staticmethod(lowmem_end)
Case.ram_banks = staticmethod(ram_banks)
Case.memory_map = staticmethod(memory_map)
Case.MEMORY_MAP_STDIN = MEMORY_MAP_STDIN


# The shell's own answers, each anchored on the echoed command, so that no boot
# log line can stand in for them.
BUDDYCHECK_OK = r"vxmm# buddycheck\r?\nbuddycheck: 0 problems\r?\n"
BOOTARGS_OUTPUT = r"vxmm# bootargs\r?\nconsole=ttyAMA0,38400 vxmm\.test=42 loglevel=7\r?\nvxmm# "
Case.BOOTARGS_OUTPUT = BOOTARGS_OUTPUT


# The boot input's own lines that are not problem reports.
INFO_LINES = r"fdt: (memory bank \d+: \[mem |blob at 0x)|OF: fdt: "


def only_these_reports(patterns):
    """One clear line per problem: every fdt: or cmdline: report in the log
    must be one the case expects, each expected one printed once, so that a
    cascade of further complaints (or the same one twice) fails."""
    def check(output):
        reports = [line.strip() for line in re.findall(r"^\[[ \d.]+\] ((?:fdt|cmdline): .*)$", output, re.M)
                   if not re.match(INFO_LINES, line)]
        problems, used = [], set()
        for line in reports:
            hits = [i for i, p in enumerate(patterns) if re.search(p, line) and i not in used]
            if hits:
                used.add(hits[0])
            else:
                problems.append("unexpected report: %r" % line)
        return problems
    return check


def bad_input_case(bad):
    """A corpus entry as a boot: a refusal ends in its own panic; a blob or
    argument the kernel gets past must lead to the memory map its banks give."""
    expect, checks, stdin = list(bad.expect), [only_these_reports(bad.expect)], "poweroff\n"
    if bad.banks is not None:
        mapped, map_checks = memory_map("3g", bad.banks, bad.vmalloc_mib)
        expect += mapped
        checks += map_checks
        stdin = bad.commands + MEMORY_MAP_STDIN
    return Case("bad-input/" + bad.name, boot="direct", dtb=bad.dtb, bootargs=bad.bootargs, stdin=stdin,
                expect=expect, reject=bad.reject, checks=checks)


def shell_cases():
    out = []
    # The README's promise: help then poweroff, through every boot path and both splits.
    for split in ("3g", "2g"):
        for boot in ("uboot", "flash", "direct"):
            expect = shell_boot_expect(split)
            expect[-1:-1] = [r"help\s+list the commands", r"poweroff\s+power the board off"]
            if boot != "direct":
                expect = [r"U-Boot 20\d\d", r"Starting kernel"] + expect
            out.append(Case("%s/%s/help" % (split, boot), split=split, boot=boot,
                            stdin="help\npoweroff\n", expect=expect, reject=GOOD_REJECT, order=True))
    # The command line reaches the kernel in each boot mode.
    for boot in ("uboot", "flash", "direct"):
        out.append(Case("3g/%s/bootargs" % boot, boot=boot, bootargs="vxmm.test=42 loglevel=7",
                        stdin="bootargs\npoweroff\n", expect=[BOOTARGS_OUTPUT], reject=GOOD_REJECT))
    out.append(Case("3g/direct/unknown-command", stdin="frobnicate\npoweroff\n",
                    expect=[r"frobnicate: unknown command"], reject=GOOD_REJECT))
    # The in-kernel self-tests, both splits.
    for split in ("3g", "2g"):
        out.append(Case("%s/selftest" % split, split=split, bootargs="selftest", stdin="",
                        expect=[r"KTAP version 1", r"# Totals: pass:\d+ fail:0"], reject=GOOD_REJECT,
                        ktap=True))
    # The benchmark runner completes and prints every figure (make bench reads them).
    out.append(Case("3g/direct/bench", bootargs="bench", stdin="", timeout=400,
                    expect=[r"bench: boot_insns \d+", r"bench: feed_pages_insns \d+", r"bench: done"],
                    reject=GOOD_REJECT + [r"bench: \S+ n/a"]))
    return out


def memory_cases():
    out = []
    # The banks the DTB describes follow the RAM QEMU (and U-Boot) found.
    for split in ("3g", "2g"):
        for mem in (128, 256, 512, 768, 1024):
            for boot in (("uboot", "direct") if mem in (256, 1024) else ("direct",)):
                out.append(Case("%s/%s/mem%d" % (split, boot, mem), split=split, boot=boot, mem=mem,
                                stdin="memblock\npoweroff\n",
                                expect=[bank_line(mem, boot), r"MEMBLOCK configuration:",
                                        r"memory size = 0x%08x" % (mem * MIB)],
                                reject=GOOD_REJECT))
    # mem= caps RAM (bad values: tests/bad-input/corpus.py).
    out.append(Case("3g/direct/mem=512M", bootargs="mem=512M", stdin="memblock\npoweroff\n",
                    expect=[r"memory size = 0x20000000"], reject=GOOD_REJECT))
    return out


def zone_cases():
    out = []
    # Zone ranges follow the Linux 6.1 formula for every split, RAM size and vmalloc=.
    for split in ("3g", "2g"):
        for mem in (128, 256, 512, 768, 1024):
            for vm in (None, 248, 512):
                args = "vmalloc=%dM" % vm if vm else ""
                out.append(Case("%s/direct/zones-mem%d%s" % (split, mem, "-" + args if vm else ""),
                                split=split, mem=mem, bootargs=args, stdin="buddycheck\npoweroff\n",
                                expect=[r"Zone ranges:"] + zone_ranges(split, mem, vm or 240) + [BUDDYCHECK_OK],
                                reject=GOOD_REJECT, order=True))
    # Without CONFIG_HIGHMEM, RAM above the lowmem limit is dropped with Linux's notice.
    low = lowmem_end("3g-nohighmem", ram_banks(1024))
    out.append(Case("3g-nohighmem/direct/zones", split="3g-nohighmem", stdin="cat /proc/meminfo\npoweroff\n",
                    expect=[r"Ignoring RAM at 0x%08x-0x%08x" % (low, PHYS_OFFSET + 1024 * MIB),
                            r"Consider using a HIGHMEM enabled kernel",
                            r"Zone ranges:"] + zone_ranges("3g-nohighmem", 1024) + [r"MemTotal:\s+\d+ kB"],
                    checks=[memtotal_check([(PHYS_OFFSET, low)])],
                    reject=GOOD_REJECT + [r"HighMem", r"HighTotal"], order=True))
    out.append(Case("3g-nohighmem/selftest", split="3g-nohighmem", bootargs="selftest", stdin="",
                    expect=[r"KTAP version 1", r"# Totals: pass:\d+ fail:0"], reject=GOOD_REJECT, ktap=True))
    # Right after boot a zone with no reservations holds only top-order blocks.
    out.append(Case("3g/direct/buddyinfo-highmem", stdin="cat /proc/buddyinfo\npoweroff\n",
                    expect=[r"Node 0, zone  HighMem      0      0      0      0      0      0      0      0"
                            r"      0      0     64 "], reject=GOOD_REJECT))
    out.append(Case("3g/uboot/zones", boot="uboot", stdin="cat /proc/zoneinfo\npoweroff\n",
                    expect=[r"Zone ranges:"] + zone_ranges("3g", 1024) +
                           [r"buddy: Normal fed \d+ pages in \d+ blocks", r"buddy: HighMem fed 65536 pages in 64 blocks",
                            r"Node 0, zone   Normal", r"Node 0, zone  HighMem"],
                    reject=GOOD_REJECT, order=True))
    # mem= moves the end of RAM, and with it the zones.
    for split, mem in (("3g", 512), ("3g", 900), ("2g", 700)):
        out.append(Case("%s/direct/zones-mem=%dM" % (split, mem), split=split, bootargs="mem=%dM" % mem,
                        expect=[r"Zone ranges:"] + zone_ranges(split, mem), reject=GOOD_REJECT, order=True))
    return out


def mapping_cases():
    out = []
    # pt decodes the tables map_lowmem built: text read-only and executable in a 4 KiB
    # page, lowmem past the kernel a never-execute section, the identity map gone.
    for split in ("3g", "2g"):
        po = SPLITS[split][0]
        out.append(Case("%s/direct/pt" % split, split=split,
                        stdin="pt 0x%x\npt 0x%x\npt 0x60008000\npoweroff\n" % (po + 0x8000, po + 0x100000),
                        expect=[r"4 KiB page -> pa 0x60008000, normal, write-back write-allocate, kernel RO, executable",
                                r"1 MiB section -> pa 0x60100000, normal, write-back write-allocate, kernel RW, never execute",
                                r"va 0x60008000: L1\[1536\] at 0x\w+ = 0x00000000: fault \(not mapped\)"],
                        reject=GOOD_REJECT, order=True))
    # Faults: each one reported with what, where and why, then a clean stop.
    crash = [("null", [r"Unable to handle kernel paging request at virtual address 00000000 when read",
                       r"translation fault \(section\)"]),
             ("text", [r"Unable to handle kernel paging request at virtual address c0008000 when write",
                       r"permission fault"]),
             ("rodata", [r"Unable to handle kernel paging request at virtual address c0\w+ when write",
                         r"permission fault"]),
             ("exec", [r"Unable to handle kernel instruction fetch at virtual address c0\w+",
                       r"permission fault"]),
             ("undef", [r"Internal error: undefined instruction 0xe7f000f0 at 0xc0\w+"])]
    for kind, lines in crash:
        out.append(Case("3g/direct/crash-" + kind, stdin="crash %s\n" % kind,
                        expect=lines + [r"PC is at \S+\r?\n.*LR is at \S+\r?\n.*psr: \w+, mode SVC",
                                        r"Kernel panic - not syncing: Fatal exception"], order=True))
    return out


def topic_cases():
    """Cases other files add: tests/boot/cases_<topic>.py, each with cases(Case, build)."""
    out = []
    for path in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out.extend(module.cases(Case, BUILD))
    return out


def cases():
    out = shell_cases() + memory_cases() + zone_cases() + mapping_cases() + topic_cases()
    # Bad input: every malformed blob and bad command line ends in one clear line.
    for bad in corpus.cases(os.path.join(BUILD, "results", "bad-input")):
        out.append(bad_input_case(bad))
    return out


def boot_once(env, stdin, timeout):
    """Run scripts/run-qemu with stdin typed in; (console output, exit status or None, timed out).
    On a timeout run-qemu gets SIGTERM, which stops its QEMU and removes its work folder (a SIGKILL
    would leave QEMU running); it gets SIGKILL only if it has not gone 10 s later."""
    proc = subprocess.Popen([os.path.join(ROOT, "scripts", "run-qemu")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    try:
        out, _ = proc.communicate(stdin.encode(), timeout=timeout)
        return out.decode("utf-8", "replace"), proc.returncode, False
    except subprocess.TimeoutExpired:
        proc.terminate()
        try:
            out, _ = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        return out.decode("utf-8", "replace"), None, True


def run_case(case, logdir):
    env = dict(os.environ)
    env.update({
        "O": os.path.join(BUILD, case.split),
        "UBOOT": os.path.join(BUILD, "u-boot", "u-boot"),
        "BOOT": case.boot,
        "MEM": str(case.mem),
        "BOOTARGS": case.bootargs,
        "DTB": case.dtb or "",
        "INITRD": case.initrd or "",
        "CPUS": str(case.cpus),
        "QEMU_EXTRA": ("-no-reboot " + case.qemu_extra).strip(),
    })
    start = time.monotonic()
    output, code, timed_out = boot_once(env, case.stdin, case.timeout)
    took = time.monotonic() - start
    logname = case.name.replace("/", "_") + ".log"
    with open(os.path.join(logdir, logname), "w") as f:
        f.write(output)
    problems, subtests = judge(case, output, code, timed_out)
    return problems, subtests, took, logname


def judge(case, output, code, timed_out):
    """The problems with one boot's output, and its KTAP results."""
    problems = []
    if timed_out:
        problems.append("no power-off within %d s" % case.timeout)
    elif code != 0:
        problems.append("QEMU exited with status %s" % code)
    pos = 0
    for pat in case.expect:
        m = re.compile(pat).search(output, pos if case.order else 0)
        if not m:
            problems.append("missing: /%s/" % pat)
        elif case.order:
            pos = m.end()
    for pat in case.reject:
        m = re.search(pat, output)
        if m:
            problems.append("unexpected: %r" % m.group(0))
    for check in case.checks:
        problems.extend(check(output))
    # A case may also carry check(output) -> [problems], for figures a pattern cannot compare.
    if not timed_out and getattr(case, "check", None):
        problems += case.check(output)
    subtests = []
    if case.ktap:
        subtests = ktap_results(output)
        if not subtests:
            problems.append("no KTAP results")
    return problems, subtests


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default="")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--jobs", type=int, default=int(os.environ.get("JOBS", "2")))
    args = ap.parse_args()
    logdir = os.path.join(BUILD, "results", "boot")
    os.makedirs(logdir, exist_ok=True)
    todo = [c for c in cases() if args.only in c.name]
    if args.list:
        for c in todo:
            print(c.name)
        return 0
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        futures = {pool.submit(run_case, c, logdir): c for c in todo}
        for fut in concurrent.futures.as_completed(futures):
            results[futures[fut].name] = fut.result()
    n = 0
    lines = []
    for c in todo:
        problems, subtests, took, logname = results[c.name]
        for ok, name, directive in subtests:
            n += 1
            lines.append("%s %d - selftest/%s/%s%s" % ("ok" if ok else "not ok", n, c.split, name, directive))
        n += 1
        lines.append("%s %d - boot/%s (%.1f s)" % ("not ok" if problems else "ok", n, c.name, took))
        for p in problems:
            lines.append("# %s  [log: build/results/boot/%s]" % (p, logname))
    print("1..%d" % n)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
