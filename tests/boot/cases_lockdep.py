"""Boot cases for lockdep (kernel/lockdep.c, kernel/cmd_lockdep.c) in the 3g-debug build
(CONFIG_DEBUG_SPINLOCK and CONFIG_LOCKDEP): lockdep-test provokes each report once, and each must
come out in Linux's words with the locks named and both stacks symbolised: the stack recorded when
the earlier dependency (or IRQ usage) was first seen, and the current one.  Before it, percpu-test
runs the page allocator's, slab's, vmalloc's and the percpu allocator's locks on every CPU, which
must give no report at all.  A
build without CONFIG_LOCKDEP says that it has none."""
import re

# One printk line: the newline and the next line's timestamp.
L = r"\r?\n\[ *\d+\.\d+\] "
SYM = r"\+0x[0-9a-f]+/0x[0-9a-f]+"


def frame(name):
    """A stack line naming function name (further frames may follow)."""
    return r" +%s%s" % (name, SYM)


def backtrace(*names):
    """'stack backtrace:', the CPU, then the named functions as the first frames, in order."""
    return r"stack backtrace:" + L + r"CPU: 0" + "".join(L + frame(n) for n in names)


CIRCULAR = [
    r"WARNING: possible circular locking dependency detected",
    r"CPU0 is trying to acquire lock:" + L + r" \(lockdep_test_a\), at: lockdep_test_ba" + SYM,
    r"but this CPU is already holding lock:" + L + r" \(lockdep_test_b\), at: lockdep_test_ba" + SYM,
    r"-> #0 \(lockdep_test_a\) -> \(lockdep_test_b\), first taken so at:" + L + frame("lockdep_test_nest")
    + L + frame("lockdep_test_ab") + L + frame("cmd_lockdep_test"),
    r"  lock\(lockdep_test_b\);" + L + r" +lock\(lockdep_test_a\);" + L + r" +lock\(lockdep_test_b\);" + L
    + r"  lock\(lockdep_test_a\);",
    backtrace("lockdep_test_ba", "cmd_lockdep_test"),
]

CHAIN = [
    r"WARNING: possible circular locking dependency detected",
    r"CPU0 is trying to acquire lock:" + L + r" \(lockdep_test_c\), at: lockdep_test_nest" + SYM,
    r"but this CPU is already holding lock:" + L + r" \(lockdep_test_e\), at: lockdep_test_nest" + SYM,
    r"-> #1 \(lockdep_test_c\) -> \(lockdep_test_d\), first taken so at:" + L + frame("lockdep_test_nest")
    + L + frame("lockdep_test_chain"),
    r"-> #0 \(lockdep_test_d\) -> \(lockdep_test_e\), first taken so at:" + L + frame("lockdep_test_nest")
    + L + frame("lockdep_test_chain"),
    backtrace("lockdep_test_nest", "lockdep_test_chain"),
]

IRQ_THEN_ON = [
    r"WARNING: inconsistent lock state",
    r"inconsistent \{IN-HARDIRQ-W\} -> \{HARDIRQ-ON-W\} usage\.",
    r"CPU0 with IRQs enabled takes:" + L + r" \(lockdep_test_irq\), at: lockdep_test_irqs_on" + SYM,
    r"\{IN-HARDIRQ-W\} state was registered at:" + L + frame("lockdep_test_irq_handler") + L + frame("handle_irq"),
    r"  lock\(lockdep_test_irq\);" + L + r"  <Interrupt>" + L + r"    lock\(lockdep_test_irq\);",
    backtrace("lockdep_test_irqs_on", "cmd_lockdep_test"),
]

ON_THEN_IRQ = [
    r"inconsistent \{HARDIRQ-ON-W\} -> \{IN-HARDIRQ-W\} usage\.",
    r"CPU0 in hard-IRQ context takes:" + L + r" \(lockdep_test_irq2\), at: lockdep_test_irq_handler" + SYM,
    r"\{HARDIRQ-ON-W\} state was registered at:" + L + frame("lockdep_test_irqs_on") + L + frame("cmd_lockdep_test"),
    backtrace("lockdep_test_irq_handler", "handle_irq"),
]

SLEEP = [
    r"BUG: sleeping function called from invalid context at kernel/cmd_lockdep\.c:\d+",
    r"in_atomic\(\): 1, irqs_disabled\(\): 1, in hard-IRQ context: 0, CPU: 0",
    r"2 locks held by CPU0:" + L + r" #0: \(kernel_lock\), at: idle_lock_kernel" + SYM + L +
    r" #1: \(lockdep_test_a\), at: lockdep_test_sleep" + SYM,
    backtrace("lockdep_test_sleep", "cmd_lockdep_test"),
    r"lockdep-test: 5 reports \(5 expected\)\r?\n",
]

COUNTS = {r"WARNING: possible circular locking dependency detected": 2, r"WARNING: inconsistent lock state": 2,
          r"BUG: sleeping function called from invalid context": 1, r"BUG: ": 1, r"WARNING: ": 4}


def report_counts(output):
    """Each report exactly as often as lockdep-test provokes it: nothing else reported, nothing twice."""
    problems = []
    for pat, want in COUNTS.items():
        got = len(re.findall(pat, output))
        if got != want:
            problems.append("%d lines /%s/, expected %d" % (got, pat, want))
    return problems


def cases(Case, build):
    reject = [r"Kernel panic", r"Unable to handle", r"Internal error", r"cmdline: "]
    return [
        Case("3g-debug/direct/lockdep-test", split="3g-debug", cpus=4, timeout=300,
             stdin="percpu-test\nlockdep-test\npoweroff\n",
             expect=[r"percpu-test: \d+ areas on 4 CPUs, \d+ dynamic chunk pages, 0 errors", r"vxmm# lockdep-test"]
             + CIRCULAR + CHAIN + IRQ_THEN_ON + ON_THEN_IRQ + SLEEP + [r"reboot: Power down"],
             reject=reject, order=True, checks=[report_counts]),
        Case("3g/direct/lockdep-test-off", stdin="lockdep-test\npoweroff\n",
             expect=[r"lockdep-test: this build has no CONFIG_LOCKDEP \(SPLIT=3g-debug has it\); nothing tested"],
             reject=reject + [r"WARNING: ", r"BUG: "]),
    ]
