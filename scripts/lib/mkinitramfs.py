"""A cpio "newc" archive (the initramfs format of Linux's
Documentation/driver-api/early-userspace/buffer-format.rst) written with the
standard library only, so no cpio package is needed.  Each entry is a
110-byte ASCII header of thirteen 8-digit hex fields, the name with its NUL,
padding to 4 bytes, the data, padding to 4 bytes; "TRAILER!!!" ends it."""
import stat
import sys

MAGIC = "070701"


def _entry(ino, name, mode, data=b"", rdev=(0, 0)):
    name_b = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, 1, 0, len(data), 0, 0, rdev[0], rdev[1], len(name_b), 0]
    head = (MAGIC + "".join("%08x" % f for f in fields)).encode()
    out = head + name_b
    out += b"\0" * (-len(out) % 4)
    out += data
    out += b"\0" * (-len(out) % 4)
    return out


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
