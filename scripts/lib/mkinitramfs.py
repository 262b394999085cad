"""An initramfs as Linux and vxmm take it: directories, executables,
symlinks and device nodes by name, written as a cpio "newc" archive by
scripts/mkcpio.py's newc_entry (standard library only, no cpio package)."""
import os
import stat
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from mkcpio import newc_entry  # noqa: E402  (scripts/mkcpio.py: the one newc writer)


def _entry(ino, name, mode, data=b"", rdev=(0, 0)):
    return newc_entry(name, mode, data, ino=ino, rdev=rdev)


def write(path, entries):
    """entries: (name, kind, payload) with kind "dir", "file" (payload bytes,
    executable), "link" (payload the target) or "chr" (payload (major, minor))."""
    blob = b""
    for ino, (name, kind, payload) in enumerate(entries, 1):
        if kind == "dir":
            blob += _entry(ino, name, stat.S_IFDIR | 0o755)
        elif kind == "file":
            blob += _entry(ino, name, stat.S_IFREG | 0o755, payload)
        elif kind == "link":
            blob += _entry(ino, name, stat.S_IFLNK | 0o777, payload.encode())
        elif kind == "chr":
            blob += _entry(ino, name, stat.S_IFCHR | 0o600, rdev=payload)
        else:
            raise ValueError("initramfs entry %s: unknown kind %r" % (name, kind))
    blob += _entry(len(entries) + 1, "TRAILER!!!", 0)
    with open(path, "wb") as f:
        f.write(blob)


def main(argv):
    """mkinitramfs.py OUT ENTRY...: ENTRY is dir:NAME, file:NAME=HOSTPATH,
    link:NAME=TARGET or chr:NAME=MAJOR,MINOR (scripts/linux-ref's use)."""
    if len(argv) < 2:
        sys.exit("usage: mkinitramfs.py OUT dir:NAME|file:NAME=PATH|link:NAME=TARGET|chr:NAME=MAJ,MIN ...")
    entries = []
    for arg in argv[1:]:
        kind, _, spec = arg.partition(":")
        name, _, value = spec.partition("=")
        if kind == "dir":
            entries.append((name, kind, None))
        elif kind == "file":
            with open(value, "rb") as f:
                entries.append((name, kind, f.read()))
        elif kind == "link":
            entries.append((name, kind, value))
        elif kind == "chr":
            major, minor = value.split(",")
            entries.append((name, kind, (int(major), int(minor))))
        else:
            sys.exit("mkinitramfs.py: %r: the kind must be dir, file, link or chr" % arg)
    write(argv[0], entries)


if __name__ == "__main__":
    main(sys.argv[1:])
