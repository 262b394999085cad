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
                 dtb=None, stdin="poweroff\n", expect=(), reject=(), timeout=60,
                 ktap=False, order=False):
        self.name = name
        self.split = split
        self.boot = boot
        self.mem = mem
        self.bootargs = bootargs
        self.dtb = dtb
        self.stdin = stdin
        self.expect = list(expect)
        self.reject = list(reject)
        self.timeout = timeout
        self.ktap = ktap
        self.order = order  # expect patterns must appear in this order


# Lines every good boot must show, and lines no good boot may show.
GOOD_REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"fdt: .*(ignored|not used|dropped)",
               r"cmdline: "]


def shell_boot_expect(split):
    page_offset = {"3g": "0xc0000000", "2g": "0x80000000"}[split]
    return [r"Booting vxmm on physical CPU 0x0",
            r"vxmm version \S+ \(%s split, PAGE_OFFSET %s\)" % ("3G/1G" if split == "3g" else "2G/2G", page_offset),
            r"vxmm# ", r"reboot: Power down"]


def bank_line(mem, boot):
    """QEMU describes one bank; U-Boot (two DRAM banks on this board) splits at 512 MiB."""
    if boot == "direct" or mem <= 512:
        return r"fdt: memory bank 0: \[mem 0x60000000-0x%08x\] %d MiB" % (0x60000000 + mem * MIB - 1, mem)
    return (r"fdt: memory bank 0: \[mem 0x60000000-0x7fffffff\] 512 MiB\s*\n.*"
            r"fdt: memory bank 1: \[mem 0x80000000-0x%08x\] %d MiB" % (0x60000000 + mem * MIB - 1, mem - 512))


def zone_ranges(split, mem, vmalloc_mib=240):
    """The Zone ranges lines Linux 6.1 prints, computed here independently of
    the kernel: lowmem ends at the smaller of the end of RAM and
    VMALLOC_END - reserve - VMALLOC_OFFSET - PAGE_OFFSET + PHYS_OFFSET."""
    page_offset = {"3g": 0xc0000000, "2g": 0x80000000}[split]
    ram_end = 0x60000000 + mem * MIB
    limit = min(ram_end, 0xff800000 - vmalloc_mib * MIB - 8 * MIB - page_offset + 0x60000000)
    lines = [r"  Normal   \[mem 0x%016x-0x%016x\]" % (0x60000000, limit - 1)]
    if limit < ram_end:
        lines.append(r"  HighMem  \[mem 0x%016x-0x%016x\]" % (limit, ram_end - 1))
    else:
        lines.append(r"  HighMem  empty")
    return lines


def cases():
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
    # The banks the DTB describes follow the RAM QEMU (and U-Boot) found.
    for split in ("3g", "2g"):
        for mem in (128, 256, 512, 768, 1024):
            for boot in (("uboot", "direct") if mem in (256, 1024) else ("direct",)):
                out.append(Case("%s/%s/mem%d" % (split, boot, mem), split=split, boot=boot, mem=mem,
                                stdin="memblock\npoweroff\n",
                                expect=[bank_line(mem, boot), r"MEMBLOCK configuration:",
                                        r"memory size = 0x%08x" % (mem * MIB)],
                                reject=GOOD_REJECT))
    # Zone ranges follow the Linux 6.1 formula for every split, RAM size and vmalloc=.
    for split in ("3g", "2g"):
        for mem in (128, 256, 512, 768, 1024):
            for vm in (None, 248, 512):
                args = "vmalloc=%dM" % vm if vm else ""
                out.append(Case("%s/direct/zones-mem%d%s" % (split, mem, "-" + args if vm else ""),
                                split=split, mem=mem, bootargs=args, stdin="buddycheck\npoweroff\n",
                                expect=[r"Zone ranges:"] + zone_ranges(split, mem, vm or 240),
                                reject=GOOD_REJECT, order=True))
    # Without CONFIG_HIGHMEM, RAM above the lowmem limit is dropped with Linux's notice.
    out.append(Case("3g-nohighmem/direct/zones", split="3g-nohighmem", stdin="cat /proc/meminfo\npoweroff\n",
                    expect=[r"Ignoring RAM at 0x90000000-0xa0000000", r"Consider using a HIGHMEM enabled kernel",
                            r"Zone ranges:", r"  Normal   \[mem 0x0000000060000000-0x000000008fffffff\]",
                            r"MemTotal:\s+\d+ kB"],
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
    # pt decodes the tables map_lowmem built: text read-only and executable in a 4 KiB
    # page, lowmem past the kernel a never-execute section, the identity map gone.
    for split, po in (("3g", 0xc0000000), ("2g", 0x80000000)):
        out.append(Case("%s/direct/pt" % split, split=split,
                        stdin="pt 0x%x\npt 0x%x\npt 0x60008000\npoweroff\n" % (po + 0x8000, po + 0x100000),
                        expect=[r"4 KiB page -> pa 0x60008000, normal, write-back write-allocate, kernel RO, executable",
                                r"1 MiB section -> pa 0x60100000, normal, write-back write-allocate, kernel RW, never execute",
                                r"va 0x60008000: L1\[1536\] at 0x\w+ = 0x00000000: fault \(not mapped\)"],
                        reject=GOOD_REJECT, order=True))
    # The benchmark runner completes and prints every figure (make bench reads them).
    out.append(Case("3g/direct/bench", bootargs="bench", stdin="", timeout=120,
                    expect=[r"bench: boot_insns \d+", r"bench: feed_pages_insns \d+", r"bench: done"],
                    reject=GOOD_REJECT + [r"bench: \S+ n/a"]))
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
    # The command line reaches the kernel in each boot mode.
    for boot in ("uboot", "flash", "direct"):
        out.append(Case("3g/%s/bootargs" % boot, boot=boot, bootargs="vxmm.test=42 loglevel=7",
                        stdin="bootargs\npoweroff\n",
                        expect=[r"Kernel command line: .*vxmm\.test=42", r"\n.*vxmm\.test=42 loglevel=7\r?\n"],
                        reject=GOOD_REJECT))
    # mem= caps RAM; a bad value is reported and ignored.
    out.append(Case("3g/direct/mem=512M", bootargs="mem=512M", stdin="memblock\npoweroff\n",
                    expect=[r"memory size = 0x20000000"], reject=GOOD_REJECT))
    out.append(Case("3g/direct/unknown-command", stdin="frobnicate\npoweroff\n",
                    expect=[r"frobnicate: unknown command"], reject=GOOD_REJECT))
    # The in-kernel self-tests, both splits.
    for split in ("3g", "2g"):
        out.append(Case("%s/selftest" % split, split=split, bootargs="selftest", stdin="",
                        expect=[r"KTAP version 1", r"# Totals: pass:\d+ fail:0"], reject=GOOD_REJECT,
                        ktap=True))
    # Cases other files add: tests/boot/cases_<topic>.py, each with cases(Case, build).
    for path in sorted(glob.glob(os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases_*.py"))):
        spec = importlib.util.spec_from_file_location(os.path.basename(path)[:-3], path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        out.extend(module.cases(Case, BUILD))
    # Bad input: every malformed blob and bad command line ends in one clear line.
    for bad in corpus.cases(os.path.join(BUILD, "results", "bad-input")):
        out.append(Case("bad-input/" + bad.name, boot="direct", dtb=bad.dtb, bootargs=bad.bootargs,
                        stdin="poweroff\n", expect=bad.expect, reject=bad.reject, timeout=30))
    return out


def run_case(case, logdir):
    env = dict(os.environ)
    env.update({
        "O": os.path.join(BUILD, case.split),
        "UBOOT": os.path.join(BUILD, "u-boot", "u-boot"),
        "BOOT": case.boot,
        "MEM": str(case.mem),
        "BOOTARGS": case.bootargs,
        "DTB": case.dtb or "",
        "QEMU_EXTRA": "-no-reboot",
    })
    start = time.monotonic()
    try:
        proc = subprocess.run([os.path.join(ROOT, "scripts", "run-qemu")], input=case.stdin.encode(),
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
                              timeout=case.timeout)
        output = proc.stdout.decode("utf-8", "replace")
        code = proc.returncode
        timed_out = False
    except subprocess.TimeoutExpired as e:
        output = (e.stdout or b"").decode("utf-8", "replace")
        code = None
        timed_out = True
    took = time.monotonic() - start
    logname = case.name.replace("/", "_") + ".log"
    with open(os.path.join(logdir, logname), "w") as f:
        f.write(output)

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
    # A case may also carry check(output) -> [problems], for figures a pattern cannot compare.
    if not timed_out and getattr(case, "check", None):
        problems += case.check(output)
    subtests = []
    if case.ktap:
        for m in re.finditer(r"^(not ok|ok) \d+ (\S+)", output, re.M):
            subtests.append((m.group(1) == "ok", m.group(2)))
        if not subtests:
            problems.append("no KTAP results")
    return problems, subtests, took, logname


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
        for ok, name in subtests:
            n += 1
            lines.append("%s %d - selftest/%s/%s" % ("ok" if ok else "not ok", n, c.split, name))
        n += 1
        lines.append("%s %d - boot/%s (%.1f s)" % ("not ok" if problems else "ok", n, c.name, took))
        for p in problems:
            lines.append("# %s  [log: build/results/boot/%s]" % (p, logname))
    print("1..%d" % n)
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
