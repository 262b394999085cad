"""Boot cases for the percpu allocator (mm/percpu.c, mm/cmd_percpu.c): percpu-test allocates from every
CPU at once, past the first chunk's dynamic room into chunks mapped in the vmalloc area, writes each
CPU's copy on that CPU and reads every copy from CPU 0; then everything is freed and meminfo's Percpu
is back at the first chunk alone.  The caller's mistakes (free_percpu inside an area, a second free)
are one line each."""
import re

REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"BUG: ", r"cmdline: "]

PT_PER_CPU = 32  # areas each CPU allocates (mm/cmd_percpu.c)
BAD_FREE = r"percpu: free_percpu of 0x[0-9a-f]+, which is not a percpu allocation; nothing freed"


def percpu_test_figures(cpus):
    """The first chunk from the percpu: line (Linux's rule: static + 20 KiB rounded to pages, at least
    32 KiB); Percpu before and after the test is that chunk alone; the dynamic pages the test saw are
    whole chunks (a unit per CPU) and at least one; exactly two bad frees reported."""
    def check(output):
        m = re.search(r"percpu: Embedded (\d+) pages/cpu s(\d+) r0 d(\d+) u(\d+)", output)
        if not m:
            return ["no percpu: line"]
        pages, static, dyn, unit = (int(x) for x in m.groups())
        want_unit = max((static + 20 * 1024 + 4095) // 4096 * 4096, 32 * 1024)
        problems = []
        if unit != want_unit or pages * 4096 != unit or static + dyn != unit:
            problems.append("percpu line %s, expected u%d" % (m.group(0), want_unit))
        percpu = [int(x) for x in re.findall(r"^Percpu:\s+(\d+) kB", output, re.M)]
        if percpu != [pages * 4 * cpus] * 2:
            problems.append("meminfo Percpu %s kB, expected %d before and after" % (percpu, pages * 4 * cpus))
        t = re.search(r"percpu-test: (\d+) areas on (\d+) CPUs, (\d+) dynamic chunk pages, 0 errors", output)
        if not t:
            problems.append("no clean percpu-test line")
        elif int(t.group(1)) != PT_PER_CPU * cpus or int(t.group(2)) != cpus:
            problems.append("percpu-test: %s areas on %s CPUs" % (t.group(1), t.group(2)))
        elif int(t.group(3)) == 0 or int(t.group(3)) % (pages * cpus):
            problems.append("percpu-test: %s dynamic pages, not whole chunks of %d" % (t.group(3), pages * cpus))
        if len(re.findall(BAD_FREE, output)) != 2:
            problems.append("%d bad-free lines, expected 2" % len(re.findall(BAD_FREE, output)))
        return problems
    return check


def cases(Case, build):
    out = []
    stdin = "cat /proc/meminfo\npercpu-test\ncat /proc/meminfo\nmeminfo-check\npoweroff\n"
    for split in ("3g", "2g"):
        out.append(Case("%s/direct/percpu-test" % split, split=split, cpus=4, stdin=stdin,
                        expect=[r"vxmm# percpu-test", r"adds up: yes", r"reboot: Power down"],
                        reject=REJECT, order=True, checks=[percpu_test_figures(4)]))
    return out
