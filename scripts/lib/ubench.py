"""user/ubench on both kernels, for scripts/bench and scripts/linux-compare:
vxmm boots its default initramfs with rdinit=/bin/ubench (3G/1G at 1024
MiB under -icount shift=0,sleep=off), Linux runs it through
scripts/linux-bench (Debian's default boot).  Standard library only."""
import json
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UNAVAILABLE = "unavailable (no network)"
ROWS = ["getpid_insns", "clock_gettime_insns", "write_fault_insns", "read_fault_insns",
        "mmap_munmap_insns", "fork_exit_wait_insns"]


def parse(out):
    """ubench's rows: figures, rows it could not time (and why), loop lengths and its /proc/self/maps lines."""
    return {"figures": {n: float(v) for n, v in re.findall(r"^ubench: (\w+_insns) (\d+\.\d+)\r?$", out, re.M)},
            "not_measured": dict(re.findall(r"^ubench: (\w+_insns) (n/a.*?)\r?$", out, re.M)),
            "iterations": {n: int(v) for n, v in re.findall(r"^ubench-iterations: (\w+) (\d+)\r?$", out, re.M)},
            "maps": [m.rstrip() for m in re.findall(r"^ubench-maps: (.*?)\r?$", out, re.M)]}


def run_vxmm(build, split="3g", mem=1024, log=None):
    """/bin/ubench of the default initramfs as process 1 (its console kept in log, if given); exits the caller
    if it did not run to its end."""
    env = dict(os.environ, O=os.path.join(build, split), BOOT="direct", MEM=str(mem), DTB="",
               INITRD=os.path.join(build, "user", "initramfs.cpio"), BOOTARGS="rdinit=/bin/ubench",
               QEMU_EXTRA="-icount shift=0,sleep=off -no-reboot")
    out = subprocess.run([os.path.join(ROOT, "scripts", "run-qemu")], input=b"poweroff\n", env=env,
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300).stdout.decode()
    if log:
        with open(log, "w") as f:
            f.write(out)
    if not re.search(r"init: /bin/ubench \(pid 1\) exited with status 0", out):
        raise SystemExit("ubench: /bin/ubench did not run to its end on vxmm:\n%s" % out[-2000:])
    return parse(out)


def run_linux(build):
    """Linux's rows (scripts/linux-bench user: one boot, no module) with ubench's maps lines from that boot's
    console (linux-bench/console-user.log), or {"unavailable": why}."""
    r = subprocess.run([os.path.join(ROOT, "scripts", "linux-bench"), "user"], env=dict(os.environ, B=build),
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if r.returncode == 3:
        return {"unavailable": UNAVAILABLE}
    if r.returncode != 0:
        raise SystemExit("ubench: scripts/linux-bench user failed:\n%s" % r.stdout.decode()[-3000:])
    with open(os.path.join(build, "linux-bench", "linux_user.json")) as f:
        res = json.load(f)
    with open(os.path.join(build, "linux-bench", "console-user.log"), errors="replace") as f:
        res["maps"] = parse(f.read())["maps"]
    return res
