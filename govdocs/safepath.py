"""Path safety for everything that writes.

Output names are derived from record ids and attachment names, and records
arrive through pull requests from outside. A name must never climb out of
the output folder (``../``, an absolute path, a symlink pointing elsewhere),
never be a device on Windows (``CON``, ``LPT1.pdf``), never exceed what a
filesystem stores (255 bytes) and never hide control characters. Every
writer joins names with `safe_join` and writes with `atomic_write`, so a
reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from govdocs.errors import InputError

if TYPE_CHECKING:
    from govdocs.problems import Problem
    from govdocs.repository import Repository

MAX_NAME_BYTES = 255

# Windows opens these as devices whatever the extension: 'con.pdf' is CON.
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{dev}{n}" for dev in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")
}
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# Characters Windows refuses in names; ':' would also open an NTFS stream.
_FORBIDDEN = re.compile(r'[<>:"|?*\\/]')


class UnsafePath(InputError, ValueError):
    """A name or path that could escape the output folder or cannot be
    stored safely; ``code`` is stable (see docs/errors.md)."""

    def __init__(self, message: str, code: str = "unsafe-path"):
        super().__init__(message)
        self.message = message
        self.code = code


def check_name(name: str) -> str:
    """Return ``name`` when it is safe as one file or folder name; raise
    `UnsafePath` saying why not."""
    shown = repr(name) if len(name) <= 80 else repr(name[:77] + "...")
    if name in ("", ".", ".."):
        raise UnsafePath(f"{shown} is not a usable file name")
    if _CONTROL.search(name):
        raise UnsafePath(f"file name {shown} contains a control character")
    if found := _FORBIDDEN.search(name):
        raise UnsafePath(f"file name {shown} contains '{found.group()}', which cannot be in a file name")
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        raise UnsafePath(
            f"file name {shown} is {len(name.encode('utf-8'))} bytes; filesystems store at most "
            f"{MAX_NAME_BYTES}",
            "name-too-long",
        )
    if name[-1] in ". ":
        raise UnsafePath(f"file name {shown} ends with '{name[-1]}', which Windows drops")
    if name.split(".")[0].rstrip(" ").upper() in _RESERVED:
        raise UnsafePath(f"file name {shown} is a reserved device name on Windows", "reserved-name")
    return name


def is_inside(path: Path, root: Path) -> bool:
    """True when ``path``, with every symlink resolved, is ``root`` or
    lies under it."""
    resolved, base = Path(path).resolve(), Path(root).resolve()
    return resolved == base or base in resolved.parents


def safe_join(root: Path, *parts: str) -> Path:
    """``root`` joined with relative ``parts`` ('2016', 'kj-2016-59.pdf' or
    '2016/kj-2016-59.pdf'), each component checked with `check_name`, and
    the result checked to stay inside ``root`` after resolving symlinks."""
    names = [piece for part in parts for piece in str(part).split("/")]
    if not names:
        raise UnsafePath("no file name given")
    for name in names:
        check_name(name)
    target = Path(root).joinpath(*names)
    if not is_inside(target, root):
        raise UnsafePath(f"'{'/'.join(names)}' leads outside {root} (through a symbolic link)")
    return target


def atomic_write(
    path: Path,
    data: bytes,
    *,
    root: Path | None = None,
    tmp_dir: Path | None = None,
    sync: bool = True,
) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the
    new one, never a partial file: a temporary file, fsync, `os.replace`,
    fsync of the folder. With ``root``, refuse (with `UnsafePath`) a
    ``path`` that lies outside it. ``tmp_dir`` (same file system) keeps
    temporary files out of the output folder, so a killed build leaves
    none among the outputs; ``sync=False`` skips the fsyncs where a killed
    process, not a power cut, is the risk (the build's many outputs).
    Creates parent folders; on any error the temporary file is removed and
    the target is untouched. The file is readable by others (0644)."""
    path = Path(path)
    # the folder must be inside; the name itself is replaced, never followed
    if root is not None and (path.name in ("", ".", "..") or not is_inside(path.parent, root)):
        raise UnsafePath(f"'{path}' lies outside the output folder {root}")
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = tmp_dir if tmp_dir is not None else path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:200]}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; outputs are for others to read
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    if sync:
        _sync_folder(path.parent)


def atomic_write_text(path: Path, text: str, *, root: Path | None = None) -> None:
    """`atomic_write` of UTF-8 text (line ends kept as given)."""
    atomic_write(path, text.encode("utf-8"), root=root)


def _sync_folder(folder: Path) -> None:
    """Persist the rename itself (POSIX); folders cannot be opened on Windows."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - Windows
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def output_names(repo: Repository) -> Iterable[Problem]:
    """A rule (see govdocs.checks.rules.RULES): every decision id can name
    its output files on every system, e.g. not 'con' (a Windows device)."""
    for rid in repo.decisions:
        try:
            check_name(f"{rid}-julkinen.docx")
            check_name(f"{rid}.docx")
        except UnsafePath as exc:
            yield repo.origins[rid].problem(
                f"id '{rid}' cannot name the output files: {exc.message}; choose another id",
                "id",
                code=exc.code,
            )


# Opening without following links. `safe_join` checks a path once, by
# resolving it; the functions below never follow a symbolic link at all:
# they walk from an open folder one name at a time with O_NOFOLLOW, so a
# link anywhere below ``root`` (committed, or put there between a check and
# a write) is refused instead of followed. Folders and cache entries that
# arrive with a repository are untrusted input.

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _link_refused(where: Path, exc: OSError) -> UnsafePath:
    if exc.errno not in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
        raise exc
    if where.is_symlink():
        return UnsafePath(f"{where} is a symbolic link; govdocs never reads or writes through one")
    return UnsafePath(f"{where} is not a folder")


def open_folder(root: Path, relative: str = "", *, create: bool = False) -> int:
    """A file descriptor of folder ``root/relative``, reached without
    following any symbolic link (``root`` itself included). With
    ``create``, missing folders are made (0755). Raises `UnsafePath` for a
    link on the way, `OSError` for anything else."""
    names = [name for name in relative.split("/") if name]
    for name in names:
        check_name(name)
    if create:
        Path(root).mkdir(parents=True, exist_ok=True)
    where = Path(root)
    try:
        fd = os.open(where, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
    except OSError as exc:
        raise _link_refused(where, exc) from None
    try:
        for name in names:
            where = where / name
            if create:
                try:
                    os.mkdir(name, 0o755, dir_fd=fd)
                except FileExistsError:
                    pass
            try:
                inner = os.open(name, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC, dir_fd=fd)
            except OSError as exc:
                raise _link_refused(where, exc) from None
            os.close(fd)
            fd = inner
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_beneath(root: Path, relative: str) -> bytes:
    """The bytes of regular file ``root/relative``, reached without
    following a link; `UnsafePath` for a link or a special file (a pipe, a
    device), `FileNotFoundError` when it is not there."""
    return read_file_beneath(root, relative)[0]


def read_file_beneath(root: Path, relative: str) -> tuple[bytes, int]:
    """`read_beneath`, and the file's mode (``st_mode``) as opened."""
    folder, _, name = relative.rpartition("/")
    dir_fd = open_folder(root, folder)
    try:
        try:
            fd = os.open(check_name(name), os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=dir_fd)
        except OSError as exc:
            raise _link_refused(Path(root) / relative, exc) from None
    finally:
        os.close(dir_fd)
    with os.fdopen(fd, "rb") as handle:
        mode = os.fstat(handle.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise UnsafePath(f"{Path(root) / relative} is not a regular file")
        return handle.read(), mode


def write_beneath(
    root: Path, relative: str, data: bytes, *, tmp_dir: Path | None = None, sync: bool = False
) -> None:
    """`atomic_write` of ``root/relative`` that follows no link: the
    folders are walked (and made) with O_NOFOLLOW, the temporary file is
    created exclusively in ``tmp_dir`` (a folder of this process alone, on
    the same file system) or beside the target, and renamed over the name,
    which is replaced, never followed. The file is 0644."""
    folder, _, name = relative.rpartition("/")
    check_name(name)
    dir_fd = open_folder(root, folder, create=True)
    try:
        tmp_fd = open_folder(tmp_dir) if tmp_dir is not None else os.dup(dir_fd)
        try:
            _write_and_rename(data, name, dir_fd, tmp_fd, sync)
        finally:
            os.close(tmp_fd)
    finally:
        os.close(dir_fd)


def _write_and_rename(data: bytes, name: str, dir_fd: int, tmp_fd: int, sync: bool) -> None:
    tmp = f".{name[:200]}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC
    fd = os.open(tmp, flags, 0o644, dir_fd=tmp_fd)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            os.fchmod(handle.fileno(), 0o644)  # whatever the umask: outputs are for others to read
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, name, src_dir_fd=tmp_fd, dst_dir_fd=dir_fd)
    except BaseException:
        try:
            os.unlink(tmp, dir_fd=tmp_fd)
        except FileNotFoundError:
            pass
        raise
    if sync:
        os.fsync(dir_fd)


class LinkInTheWay(UnsafePath):
    """A folder or file name on the way to a new file is a symbolic link
    (or the new file's name is taken, by a file or by a dangling link)."""


def create_new(root: Path, relative: str, data: bytes) -> Path:
    """Create the new file ``root``/``relative`` ('decisions/2024/x.yaml')
    holding ``data``, never through a symbolic link: every folder on the
    way is created or opened without following links, and the file appears
    whole (a temporary file linked into place) or not at all, and only if
    the name is free (a dangling link counts as taken). Raises
    `LinkInTheWay` naming the first offending path, relative to ``root``."""
    names = [check_name(n) for n in relative.split("/")]
    if not hasattr(os, "O_NOFOLLOW") or os.open not in os.supports_dir_fd:  # pragma: no cover - Windows
        return _create_new_checked(Path(root), names, data)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    try:
        for i, name in enumerate(names[:-1]):
            inner = _enter(fd, name, "/".join(names[: i + 1]))
            os.close(fd)
            fd = inner
        _link_into_place(fd, names[-1], data, relative)
    finally:
        os.close(fd)
    return Path(root).joinpath(*names)


def _enter(parent: int, name: str, shown: str) -> int:
    """The folder ``name`` in ``parent`` (created when missing), opened
    without following a link."""
    try:
        os.mkdir(name, 0o777, dir_fd=parent)
    except FileExistsError:
        pass
    try:
        return os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=parent)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR):
            raise _in_the_way(shown) from None
        raise


def _link_into_place(folder: int, name: str, data: bytes, shown: str) -> None:
    tmp = f".{name[:200]}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o666, dir_fd=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            # link() never follows or replaces an existing name, dangling links included
            os.link(tmp, name, src_dir_fd=folder, dst_dir_fd=folder, follow_symlinks=False)
        except FileExistsError:
            raise _in_the_way(shown, taken=True) from None
    finally:
        os.unlink(tmp, dir_fd=folder)
    os.fsync(folder)


def _create_new_checked(root: Path, names: list[str], data: bytes) -> Path:  # pragma: no cover - Windows
    here = root
    for i, name in enumerate(names):
        here = here / name
        if here.is_symlink():
            raise _in_the_way("/".join(names[: i + 1]))
    here.parent.mkdir(parents=True, exist_ok=True)
    if here.exists():
        raise _in_the_way("/".join(names), taken=True)
    atomic_write(here, data, root=root)
    return here


def _in_the_way(shown: str, *, taken: bool = False) -> LinkInTheWay:
    if taken:
        return LinkInTheWay(
            f"{shown} already exists (as a file or a symbolic link); nothing was written", "symlink"
        )
    return LinkInTheWay(
        f"{shown} already exists as a symbolic link; govdocs writes only inside the repository, never "
        "through a link: replace it with a real folder",
        "symlink",
    )
