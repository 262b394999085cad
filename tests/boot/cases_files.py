"""Boot cases for files (fs/): descriptors, the ramfs tree with symlinks, the file calls
and their errors, pipes, the console as a tty, and /proc read by a user program.  The
programs are user/files.c, user/pipe.c, user/catproc.c and user/tty.c; the initramfs
is built here with the files they read, whose contents are written down twice (here
and in user/files.c) so that neither is taken from the code under test."""
import difflib
import glob
import os
import re
import stat

PROMPT = r"vxmm# "
REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"not ok - ", r"unhandled page fault"]

MOTD = b"hello, files\n"
BIG = bytes(i * 7 % 251 for i in range(10000))
INNER = b"inside sub\n"

DIR = stat.S_IFDIR | 0o755
PROG = stat.S_IFREG | 0o755
DATA = stat.S_IFREG | 0o644
LINK = stat.S_IFLNK | 0o777


def load_mkcpio(root):
    import importlib.util
    spec = importlib.util.spec_from_file_location("mkcpio", os.path.join(root, "scripts", "mkcpio.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def files_initramfs(root, build, path):
    """/init (hello), /bin/<the file programs>, and the /etc tree user/files.c knows."""
    user = os.path.join(build, "user")
    progs = {}
    for name in ("hello", "files", "pipe", "catproc", "tty"):
        with open(os.path.join(user, name), "rb") as f:
            progs[name] = f.read()
    entries = [("init", PROG, progs["hello"]), ("bin", DIR, b"")]
    entries += [("bin/" + n, PROG, data) for n, data in progs.items()]
    entries += [("etc", DIR, b""), ("etc/motd", DATA, MOTD), ("etc/big", DATA, BIG), ("etc/sub", DIR, b""),
                ("etc/sub/inner", DATA, INNER), ("etc/link", LINK, b"motd"), ("etc/abslink", LINK, b"/etc/motd"),
                ("etc/dirlink", LINK, b"sub"), ("etc/dangling", LINK, b"nowhere"), ("etc/notes", DATA, b""),
                ("loop1", LINK, b"loop2"), ("loop2", LINK, b"loop1")]
    with open(path, "wb") as f:
        f.write(load_mkcpio(root).archive(entries))
    return progs


def check_count(root, prog):
    """Each check_eq() call in user/<prog>.c prints one line: the count of them is the count of ok lines."""
    with open(os.path.join(root, "user", prog + ".c")) as f:
        n = f.read().count("check_eq(&bad,")

    def check(output):
        oks = len(re.findall(r"^ok - ", output, re.M))
        return [] if oks == n else ["%d 'ok -' lines from %s, want %d (one per check)" % (oks, prog, n)]
    return check


def proc_names(root):
    """The /proc files the shell's table has, from the sources (PROC_FILE(id, "name", show))."""
    names = set()
    for path in glob.glob(os.path.join(root, "*", "**", "*.c"), recursive=True):
        with open(path, errors="replace") as f:
            names.update(re.findall(r'^PROC_FILE\(\w+,\s*"([^"]+)"', f.read(), re.M))
    return sorted(names)


def skeleton(text):
    """The text with every number as N and spaces collapsed: what stays when counters
    move (a right-aligned column shifts when its number gains a digit)."""
    return [re.sub(r" +", " ", re.sub(r"\d+", "N", line)) for line in text.replace("\r", "").split("\n") if line]


# Lines of a file allowed to differ between the shell's cat and catproc's read: the
# process's own kernel stack appears in vmallocinfo, slabs and free counts move.
MAX_MOVED_LINES = 4


def compare_proc(output):
    """Each file catproc read equals the shell's cat of it in the same boot, numbers aside."""
    problems = []
    listing = re.search(r"usage: cat /proc/<file>; files:((?: /proc/\S+)+)", output)
    if not listing:
        return ["no listing from the shell's cat"]
    shell_files = listing.group(1).split()
    user_files = re.findall(r"catproc: begin (/proc/\S+)", output)
    if sorted(shell_files) != sorted(user_files):
        problems.append("catproc read %s, the shell has %s" % (user_files, shell_files))
    for path in shell_files:
        shell = re.search(PROMPT + re.escape("cat " + path) + r"\r?\n(.*?)" + PROMPT, output, re.S)
        user = re.search(r"catproc: begin %s\r?\n(.*?)catproc: end %s (\d+) bytes" % (re.escape(path), re.escape(path)),
                         output, re.S)
        if not shell or not user:
            problems.append("%s: no output from %s" % (path, "the shell" if not shell else "catproc"))
            continue
        if len(user.group(1).replace("\r\n", "\n")) != int(user.group(2)):
            problems.append("%s: catproc printed %d bytes but says it read %s"
                            % (path, len(user.group(1).replace("\r\n", "\n")), user.group(2)))
        a, b = skeleton(shell.group(1)), skeleton(user.group(1))
        moved = [d for d in difflib.ndiff(a, b) if d[:2] in ("- ", "+ ")]
        if len(moved) > MAX_MOVED_LINES or not b:
            problems.append("%s: %d lines differ from the shell's cat: %s" % (path, len(moved), moved[:6]))
    return problems


def cases(Case, build):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    work = os.path.join(build, "results", "files")
    os.makedirs(work, exist_ok=True)
    initrd = os.path.join(work, "files.cpio")
    progs = files_initramfs(root, build, initrd)
    out = []
    for split in ("3g", "2g"):
        out.append(Case("%s/direct/files" % split, split=split, initrd=initrd, stdin="exec /bin/files\npoweroff\n",
                        expect=[r"files: /bin/hello has %d bytes" % len(progs["hello"]),
                                r"files: all passed",
                                r"exec: /bin/files exited with status 0",
                                PROMPT + r"poweroff"],
                        reject=REJECT, order=True, checks=[check_count(root, "files")]))
    out.append(Case("3g/direct/files-pipe", initrd=initrd, stdin="exec /bin/pipe\npoweroff\n",
                    expect=[r"pipe: all passed", r"exec: /bin/pipe exited with status 0"],
                    reject=REJECT + [r"this line goes through the pipe"], order=True,
                    checks=[check_count(root, "pipe")]))
    out.append(Case("3g/direct/files-tty", initrd=initrd, stdin="exec /bin/tty\nhello tty\n~poweroff\n",
                    expect=[r"tty: type a line", r"hello tty", r"tty: raw, type one key", r"tty: all passed",
                            r"exec: /bin/tty exited with status 0", PROMPT + r"poweroff"],
                    # "~" is typed in raw mode with ECHO off: it must not come back.
                    reject=REJECT + [r"~"], order=True, checks=[check_count(root, "tty")]))
    stdin = "cat\n" + "".join("cat /proc/%s\n" % n for n in proc_names(root)) + "exec /bin/catproc\npoweroff\n"
    out.append(Case("3g/direct/files-catproc", initrd=initrd, stdin=stdin,
                    expect=[r"catproc: \d+ files", r"catproc: pid \d+, /proc/self -> \d+", r"catproc: all passed",
                            r"exec: /bin/catproc exited with status 0"],
                    reject=REJECT, order=True, checks=[compare_proc]))
    return out
