"""Boot case for the 3g-debug build (CONFIG_DEBUG_MM, CONFIG_DEBUG_SPINLOCK, CONFIG_LOCKDEP) under `stress`
on four CPUs: with CONFIG_DEBUG_MM every allocation and free runs buddy_check (mm/page_alloc.c) while the
other three CPUs allocate and free, so the check must tell a page between states on another CPU from a lost
one, and checks must not queue behind each other holding every pageset lock.  Nothing may be reported: no
"buddy_check: " line, no spinlock lockup or other "BUG: " line, no lockdep "WARNING: "; the run must end
with no stress error, /proc/buddyinfo as before it, and buddycheck clean once the CPUs are idle."""

STRESS_SECONDS = 15


def cases(Case, build):
    return [
        Case("3g-debug/direct/stress-4cpu", split="3g-debug", cpus=4, timeout=180,
             stdin="stress %ds\nbuddycheck\npoweroff\n" % STRESS_SECONDS,
             expect=[r"stress: %d seconds from seed \d+, 256 slots, on 4 CPUs" % STRESS_SECONDS,
                     r"stress: \d+ operations, 0 errors, buddyinfo back to boot state: yes",
                     r"buddycheck: 0 problems", r"reboot: Power down"],
             reject=[r"buddy_check: ", r"BUG: ", r"WARNING: ", r"lockup", r"Kernel panic", r"Unable to handle",
                     r"Internal error", r"stress: .*(not ok|wrong|returned NULL)", r"cmdline: "],
             order=True),
    ]
