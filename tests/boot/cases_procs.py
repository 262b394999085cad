"""Boot cases for many processes (kernel/sched.c, fork.c, exit.c, signal.c,
execve.c, arch/arm/vfp.S): user/fork.c, signal.c, execve.c, tls.c and vfp.c run
from the kernel shell with `exec /bin/<name>`.  Each program prints one
`ok - ...` or `not ok - ...` line per check and exits 0 only if all passed; the
case wants exit status 0, no `not ok`, exactly the number of check lines written
below (a program that stops early or skips checks fails), no page left behind,
and the lines the kernel or a child prints that the program cannot see itself."""
import re

from cases_user import USER_REJECT, PROMPT, same_free_pages

# Check lines per program: count them in user/<name>.c (one check() call each, the
# loop-free programs make this a plain count).
CHECKS = {"fork": 27, "signal": 35, "execve": 15, "tls": 7, "vfp": 6}

# What the children print (execve.c): argv of /bin/argv as execve passed it, and
# for the `#!/bin/argv -x` script Linux's binfmt_script order: the interpreter,
# its one argument, the script's path, then argv[1..] (argv[0] dropped).
EXECVE_LINES = [
    r"argv: argc=3 argv\[0\]=/bin/argv argv\[1\]=a argv\[2\]=b c envp\[0\]=X=1\r?\n",
    r"argv: argc=4 argv\[0\]=/bin/argv argv\[1\]=-x argv\[2\]=/bin/script.sh argv\[3\]=one envp\[0\]=X=1\r?\n",
    r"exec: /bin/badexec.sh: not a valid executable: 26 bytes is shorter than an ELF header; not run",
]


def check_counts(output):
    """Every program's own lines: the expected number of `ok -`, no `not ok`."""
    errors = []
    for name, want in CHECKS.items():
        m = re.search(r"vxmm# exec /bin/%s\r?\n(.*?)exec: /bin/%s " % (name, name), output, re.S)
        if not m:
            errors.append("no run of /bin/%s found" % name)
            continue
        oks = len(re.findall(r"^ok - ", m.group(1), re.M))
        bad = re.findall(r"^not ok - .*", m.group(1), re.M)
        if bad:
            errors.extend("/bin/%s: %s" % (name, b.strip()) for b in bad)
        if oks != want:
            errors.append("/bin/%s printed %d ok lines, %d expected" % (name, oks, want))
    return errors


def procs_case(Case, split, initrd):
    stdin = "".join("exec /bin/%s\n" % name for name in CHECKS) + "poweroff\n"
    expect = [r"init: /init \(pid 1\) exited with status 0; back to the kernel shell"]
    for name in CHECKS:
        expect.append(PROMPT + r"exec /bin/%s" % name)
        if name == "execve":
            expect.extend(EXECVE_LINES)
        expect.append(r"%s: all passed\r?\nexec: /bin/%s exited with status 0" % (name, name))
    expect.append(PROMPT + r"poweroff")
    return Case("%s/direct/procs" % split, split=split, initrd=initrd, stdin=stdin, expect=expect,
                reject=USER_REJECT + [r"^not ok", r"killed by signal", r"ran again after it exited"],
                order=True, checks=[check_counts, same_free_pages])


def init_fork_case(Case, initrd):
    """/init (pid 1) itself forking: rdinit=/bin/fork, then the shell as before."""
    return Case("3g/direct/procs-init-fork", initrd=initrd, bootargs="rdinit=/bin/fork",
                expect=[r"Run /bin/fork as init process",
                        r"ok - an orphan is re-parented to init \(pid 1\), which reaps it", r"fork: all passed",
                        r"init: /bin/fork \(pid 1\) exited with status 0; back to the kernel shell",
                        PROMPT + r"poweroff"],
                reject=USER_REJECT + [r"^not ok"], order=True)


def cases(Case, build):
    import os
    initrd = os.path.join(build, "user", "initramfs.cpio")
    return [procs_case(Case, split, initrd) for split in ("3g", "2g", "1g")] + [init_fork_case(Case, initrd)]
