"""Boot cases for kmap with every pkmap slot taken and for unmapping from the wrong context
(highmem/pkmap.c's slot-full path, highmem/kmap_local.c's checks, highmem/cmd_kmap_test.c).
kmap-test pins all 512 slots, has CPU 1 kunmap one of them 1/20 s later, and CPU 0's next kmap,
which cannot sleep in the shell's idle context, says so, waits, and gets that very slot back.  Then
three mistakes, one line each, and the kernel goes on: the buddy allocator and meminfo still add up."""
import re

REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"BUG: ", r"cmdline: ",
          r"no pkmap slot came free"]

WAIT_LINE = r"kmap: all 512 pkmap slots are in use; this context cannot sleep: waiting up to a second for a kunmap"
MISTAKES = [r"kmap: kunmap of pfn 0x[0-9a-f]+ which is not mapped",
            r"kmap_local: kunmap_local of 0xffc90000 but the newest mapping is 0xffc91000",
            r"kmap_local: kunmap_local of 0xffc90000 on CPU1, but it is CPU0's slot; not unmapped"]
DELAY_MS = 1000 // 20  # CPU 1's delay before its kunmap (KT_DELAY_DIV)


def waited_about_the_delay(output):
    m = re.search(r"kmap-test: kmap waited (\d+) ms for CPU 1's kunmap and got its slot \d+ back", output)
    if not m:
        return ["no kmap-test wait line"]
    # It waited for the kunmap, so at least most of the delay (the call reaches CPU 1 a little after
    # the wait starts), and far less than the second after which it would give up.
    if not DELAY_MS // 2 <= int(m.group(1)) < 1000:
        return ["kmap waited %s ms; CPU 1 freed the slot after %d ms" % (m.group(1), DELAY_MS)]
    return []


def cases(Case, build):
    stdin = "kmap-test\nbuddycheck\nmeminfo-check\npoweroff\n"
    end = [r"kmap-test: 0 errors", r"buddycheck: 0 problems", r"adds up: yes", r"reboot: Power down"]
    return [
        Case("3g/direct/kmap-wait", cpus=4, stdin=stdin, expect=[WAIT_LINE] + MISTAKES + end, reject=REJECT,
             order=True, checks=[waited_about_the_delay]),
        Case("3g/direct/kmap-wait-1cpu", cpus=1, stdin=stdin,
             expect=[r"kmap-test: skipped the wait: it needs a second CPU to kunmap"] + MISTAKES[:2] + end,
             reject=REJECT + [r"on CPU1, but"], order=True),
    ]
