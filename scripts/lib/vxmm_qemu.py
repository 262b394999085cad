"""For the host scripts that boot the kernel and draw what it printed
(scripts/compare; scripts/bench does the same and can move onto it): one QEMU
boot through scripts/run-qemu with shell commands on stdin, and the few SVG
pieces they write.  Standard library only."""
import os
import re
import signal
import subprocess
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_QEMU = os.path.join(ROOT, "scripts", "run-qemu")

# Under -icount shift=0 one guest instruction is one nanosecond of guest time,
# so the kernel's timer reads count instructions.  sleep=off keeps the virtual
# clock from also advancing in host time while the CPU is not running (at
# start-up, or idle): with QEMU 7.2's default sleep=on, boot_insns (read from
# a counter that starts at reset) wandered by about 1% from run to run; with
# sleep=off it is the same to the instruction.
ICOUNT = "-icount shift=0,sleep=off"


def boot(out_dir, mem, stdin="", bootargs="", qemu_extra="", boot_mode="direct", timeout=300, until=None, initrd=""):
    """Boot the kernel built in out_dir (Image, uImage, DTB) with mem MiB of RAM,
    type stdin at its shell, and return the console output as text once QEMU
    ends.  -no-reboot is always added, or a reboot would loop.  With until (a
    regular expression), QEMU is stopped as soon as a console line matches it.
    After timeout seconds QEMU is stopped too, and a last line says so.
    Stopping means SIGTERM to run-qemu, which ends its QEMU and cleans up.
    initrd: a cpio archive for run-qemu's INITRD ("" for none)."""
    env = dict(os.environ, O=out_dir, BOOT=boot_mode, MEM=str(mem), BOOTARGS=bootargs, DTB="", INITRD=initrd,
               QEMU_EXTRA=("-no-reboot " + qemu_extra).strip())
    proc = subprocess.Popen([RUN_QEMU], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env)
    timed_out = threading.Event()

    def stop():
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)

    def expire():
        timed_out.set()
        stop()

    timer = threading.Timer(timeout, expire)
    timer.start()
    try:
        proc.stdin.write(stdin.encode())
        proc.stdin.close()
    except BrokenPipeError:
        pass
    lines = []
    for raw in proc.stdout:
        lines.append(raw.decode("utf-8", "replace").replace("\r\n", "\n"))
        if until and re.search(until, lines[-1]):
            stop()
    proc.wait()
    timer.cancel()
    if timed_out.is_set():
        lines.append("\n[host: QEMU stopped after %d s]\n" % timeout)
    return "".join(lines)


def esc(text):
    """Text for an SVG element or attribute."""
    return (str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def svg_write(path, width, height, parts):
    """Write one SVG document: a white page of width x height holding parts."""
    head = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d" '
            'font-family="sans-serif" font-size="12">' % (width, height, width, height),
            '<rect width="100%" height="100%" fill="white"/>']
    with open(path, "w") as f:
        f.write("\n".join(head + list(parts) + ["</svg>"]) + "\n")
