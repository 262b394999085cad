"""Boot cases for interrupts and time (arch/arm/gic.c, arch/arm/twd.c, kernel/time.c,
kernel/sys_time.c, kernel/sys_misc.c, kernel/console.c): user/clock.c and user/ids.c run
from the kernel shell and print one `ok - ` / `not ok - ` line per check; each case counts
those lines, wants no `not ok` and exit status 0.  Around them: the tick counted in
/proc/interrupts while a program sleeps, console input typed during a program reaching
the shell afterwards (the receive interrupt's ring), sysinfo against /proc/meminfo, and
reboot(2) powering off and restarting the board."""
import re
import time

PROMPT = r"vxmm# "
REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"not ok - ", r"no handler; disabled"]

# The number of checks each program makes (one `ok - ` line each), counted from its source.
CLOCK_CHECKS = 29
IDS_CHECKS = 41


def program_output(output, prog):
    """The console lines between `exec /bin/<prog>` and its exit line."""
    m = re.search(r"exec /bin/%s[^\n]*\n(.*?)exec: /bin/%s " % (prog, prog), output, re.S)
    return m.group(1) if m else ""


def ok_count(prog, want):
    def check(output):
        got = len(re.findall(r"^ok - ", program_output(output, prog), re.M))
        return [] if got == want else ["%s printed %d ok lines, expected %d" % (prog, got, want)]
    return check


def interrupt_counts(output):
    """{name: count summed over the CPU columns} from the last /proc/interrupts in the output."""
    table = output.rsplit("cat /proc/interrupts", 1)[-1]
    return {m.group(3): sum(int(x) for x in m.group(2).split()) for m in
            re.finditer(r"^\s*(\d+):((?:\s+\d+)+)\s+GIC-0\s+\d+\s+\w+\s+(\S+)", table, re.M)}


def tick_and_uart_check(output):
    """The tick (HZ 100) ran through clock's sleeps (at least 30 + 20 + 1 ms: 5 ticks), and the
    console interrupt took the input typed during the program."""
    counts, problems = interrupt_counts(output), []
    if counts.get("twd", 0) < 5:
        problems.append("twd (the tick) handled %d times, expected at least 5" % counts.get("twd", 0))
    if counts.get("uart-pl011", 0) < 1:
        problems.append("the console receive interrupt never ran")
    return problems


def meminfo_kb(output, field):
    m = re.search(r"^%s:\s+(\d+) kB" % field, output, re.M)
    return int(m.group(1)) if m else None


def sysinfo_check(output):
    """sysinfo's totalram and totalhigh (bytes, mem_unit 1) against /proc/meminfo, read separately."""
    m = re.search(r"ids: totalram (\d+) totalhigh (\d+)", output)
    total, high = meminfo_kb(output, "MemTotal"), meminfo_kb(output, "HighTotal")
    if not m or total is None or high is None:
        return ["no sysinfo line or no MemTotal/HighTotal in /proc/meminfo"]
    problems = []
    if int(m.group(1)) != total * 1024:
        problems.append("sysinfo totalram %s != MemTotal %d kB * 1024" % (m.group(1), total))
    if int(m.group(2)) != high * 1024:
        problems.append("sysinfo totalhigh %s != HighTotal %d kB * 1024" % (m.group(2), high))
    return problems


def cases(Case, build):
    out = []
    for split in ("3g", "1g"):
        # The host's clock goes in as argv[1]: CLOCK_REALTIME must agree with it (the PL031).
        # The lines after `exec` arrive while clock runs: the receive interrupt rings them.
        stdin = ("exec /bin/clock %d\nversion\nversion\ncat /proc/interrupts\npoweroff\n" % int(time.time()))
        out.append(Case("%s/direct/time-clock" % split, split=split, initrd=build + "/user/initramfs.cpio",
                        stdin=stdin, timeout=120,
                        expect=[r"GIC: \d+ interrupt IDs, distributor at 0x[0-9a-f]{8}",
                                r"sched_clock: 32 bits at 24MHz, resolution 41ns",
                                r"Calibrating local timer\.\.\. \d+\.\d\dMHz\.",
                                PROMPT + r"exec /bin/clock",
                                r"clock: 0 failed\r?\nexec: /bin/clock exited with status 0",
                                PROMPT + r"version\r?\nvxmm version",
                                PROMPT + r"version\r?\nvxmm version",
                                PROMPT + r"cat /proc/interrupts",
                                r"CPU0", r" 29:(?: +\d+)+ +GIC-0  29 \w+ +twd",
                                r" 37:(?: +\d+)+ +GIC-0  37 \w+ +uart-pl011",
                                PROMPT + r"poweroff"],
                        reject=REJECT, order=True,
                        checks=[ok_count("clock", CLOCK_CHECKS), tick_and_uart_check]))
    out.append(Case("3g/direct/time-ids", initrd=build + "/user/initramfs.cpio",
                    stdin="exec /bin/ids\ncat /proc/meminfo\npoweroff\n",
                    expect=[r"ids: 0 failed\r?\nexec: /bin/ids exited with status 0", PROMPT + r"poweroff"],
                    reject=REJECT, order=True, checks=[ok_count("ids", IDS_CHECKS), sysinfo_check]))
    # reboot(2) alone must end QEMU: no shell poweroff follows.  The harness runs QEMU with
    # -no-reboot, so a restart ends it too, after Linux's line.
    for arg, line in (("", r"reboot: Power down"), ("halt", r"reboot: Power down"),
                      ("restart", r"reboot: Restarting system")):
        out.append(Case("3g/direct/time-reboot-%s" % (arg or "poweroff"), initrd=build + "/user/initramfs.cpio",
                        stdin="exec /bin/poweroff %s\n" % arg, timeout=120,
                        expect=[PROMPT + r"exec /bin/poweroff", line],
                        reject=REJECT + [r"exec: /bin/poweroff "], order=True))
    return out
