"""The persistent index: one SQLite database per records repository, in
the user's cache folder (never in the records folder), holding every record
file's parsed, schema-checked result and the cross-record rules' problems.

A file is looked up by its path in the repository; when its size, times
and inode are those recorded, and it was not modified within
`RACY_NANOSECONDS` of being read (the "racily clean" case git knows: a
change in the same clock tick as the read keeps the time), it is not read
again. Otherwise its bytes are hashed, and a file whose content is
unchanged is still not parsed. The rules' problems are stored under a key
over every file's content hash, so when nothing changed nothing is read
and no rule runs.

The index is an optimisation only: deleting it changes no answer. It is
never trusted beyond what it can check: a database that is not one of
ours (another program's, an older version's, another repository's, a
truncated or corrupt file) is deleted and built again; a locked one (a
writer that holds it too long) is left alone and this run reads the
files; an entry's pickled payload is unpickled only when its HMAC, made
with this user's secret key, matches, since unpickling runs code. Writes
happen in transactions, so a killed writer leaves the index as it was;
several commands may use one index at once (SQLite's locking, WAL).
``GOVDOCS_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import re
import sqlite3
import stat
import time
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govdocs.problems import Problem
from govdocs.read.cache import code_digest, secret_key, sign, user_cache_dir

INDEX_VERSION = 3
"""The schema's version (``PRAGMA user_version``); an index of another
version is rebuilt."""
_APPLICATION_ID = 0x676F7664  # 'govd': marks the file as ours (PRAGMA application_id)
RACY_NANOSECONDS = 2_000_000_000
"""A file changed within this long before it was read may have changed
again without its time changing (coarse file-system clocks): hash it."""
BUSY_SECONDS = 5.0
"""How long to wait for another command's write before reading without the index."""

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY,       -- relative to the repository root
    size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL,
    read_ns INTEGER NOT NULL,    -- when it was read (racily clean below RACY_NANOSECONDS)
    sha256 BLOB NOT NULL, shown TEXT NOT NULL, code TEXT NOT NULL,
    payload BLOB NOT NULL, mac BLOB NOT NULL,      -- the record (pickled, signed)
    problems BLOB NOT NULL, pmac BLOB NOT NULL,    -- its reading and schema problems
    ok INTEGER NOT NULL                            -- whether it gave a record
);
CREATE TABLE rules (key TEXT PRIMARY KEY, used_ns INTEGER NOT NULL, payload BLOB NOT NULL, mac BLOB NOT NULL);
CREATE TABLE snapshots (         -- what validate found for one look of every file: see Index.snapshot
    fingerprint TEXT PRIMARY KEY, used_ns INTEGER NOT NULL, state TEXT NOT NULL,
    payload BLOB NOT NULL, mac BLOB NOT NULL
);
CREATE TABLE derived (           -- the derived tables of one state (a rules key): govdocs.derive.store
    state TEXT NOT NULL, name TEXT NOT NULL, payload BLOB NOT NULL, mac BLOB NOT NULL,
    PRIMARY KEY (state, name)
);
"""


_TABLES = frozenset(re.findall(r"CREATE TABLE (\w+)", _SCHEMA))


class _Unusable(Exception):
    """The file at the index's place is not a usable index of this repository."""


@dataclass(frozen=True)
class Hit:
    """A file's indexed result and its content hash."""

    value: Any
    sha256: bytes


def index_path(root: Path) -> Path:
    """Where the index of the repository at ``root`` lives: keyed by the
    root's absolute path, so a moved tree gets an index of its own."""
    key = hashlib.sha256(os.path.abspath(root).encode()).hexdigest()[:24]
    return user_cache_dir() / "index" / f"{key}.sqlite"


class Index:
    """An open index of one repository; use `open_index`."""

    def __init__(self, connection: sqlite3.Connection, root: Path):
        self.db = connection
        self._prefix = os.path.join(os.path.abspath(root), "")
        self.code = code_digest()
        self._writes: list[tuple[Any, ...]] = []
        self._problem_rows: dict[str, tuple[Any, ...]] | None = None

    # --- record files ------------------------------------------------------
    def get(self, path: Path, shown: str) -> Hit | None:
        """The indexed (record, problems) of ``path`` when they are still
        valid for the file as it is now; None when it must be read."""
        row = self._fresh(path, shown, "payload, mac, problems, pmac")
        if row is None:
            return None
        record, problems = _unpickle(row[1], row[2]), _unpickle(row[3], row[4])
        return None if _MISSING in (record, problems) else Hit((record, problems), row[0])

    def problems(self, path: Path | str, shown: str) -> tuple[list[Problem], bytes, bool] | None:
        """Only the reading and schema problems of ``path`` (its record is
        not unpickled), its content hash, and whether it gave a record.
        The first call fetches every file's row in one query: asked of every
        file when nothing changed, one query per file cost more than the rest."""
        if self._problem_rows is None:
            # a clean file's problems come back as NULL: no blob is copied for it
            self._problem_rows = {row[0]: row[1:] for row in self.db.execute(
                f"SELECT path, {_STATUS}, CASE WHEN problems = ? THEN NULL ELSE problems END, pmac, ok "  # noqa: S608
                "FROM files WHERE code = ?", (_NO_PROBLEMS_PICKLE, self.code))}
        row = self._fresh(path, shown, "problems, pmac, ok", self._problem_rows)
        if row is None:
            return None
        problems = _NO_PROBLEMS if row[1] is None else _unpickle(row[1], row[2])
        return None if problems is _MISSING else (list(problems), row[0], bool(row[3]))

    def _fresh(
        self, path: Path | str, shown: str, columns: str, rows: dict[str, tuple[Any, ...]] | None = None
    ) -> tuple[Any, ...] | None:
        """(content hash, *columns) of ``path``'s row when it still describes
        the file: same status and not racily clean, or else the same content;
        from ``rows`` (every row, by path) when given."""
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode):
            return None
        key = self.key(path)
        if rows is not None:
            row = rows.get(key)
        else:
            row = self.db.execute(
                f"SELECT {_STATUS}, {columns} FROM files WHERE path = ?", (key,)).fetchone()  # noqa: S608
        if row is None or row[6] != shown or row[7] != self.code:
            return None
        size, mtime, ctime, inode, read_ns, digest = row[:6]
        if not ((size, mtime, ctime, inode) == _stamp(info) and mtime + RACY_NANOSECONDS <= read_ns):
            try:
                with open(path, "rb") as handle:
                    current = hashlib.sha256(handle.read()).digest()
            except OSError:
                return None
            if current != digest:
                return None
            self._writes.append(("UPDATE files SET size=?, mtime_ns=?, ctime_ns=?, inode=?, read_ns=? "
                                 "WHERE path=?", (*_stamp(info), time.time_ns(), key)))
        return (digest, *row[8:])

    def put(
        self, path: Path, shown: str, before: os.stat_result, read_ns: int, digest: bytes,
        record: Any, problems: list[Problem], pickled: tuple[bytes, bytes] | None = None,
    ) -> None:
        """Record what reading the content hashed ``digest`` gave: the bytes
        of ``path`` as they were when ``before`` was taken (at ``read_ns``);
        a file that changed since it was read is not recorded. ``pickled``:
        the record and problems pickled already (by a reading worker)."""
        try:
            after = os.lstat(path)
            payload, found = pickled or (pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL),
                                         pickle.dumps(problems, protocol=pickle.HIGHEST_PROTOCOL))
        except (OSError, pickle.PicklingError, TypeError, AttributeError):
            return
        if _stamp(after) != _stamp(before):
            return
        self._writes.append((
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (self.key(path), *_stamp(before), read_ns, digest, shown, self.code,
             payload, sign(payload), found, sign(found), record is not None),
        ))

    # --- the rules' problems -----------------------------------------------
    def rules(self, key: str) -> Any:
        row = self.db.execute("SELECT payload, mac FROM rules WHERE key = ?", (key,)).fetchone()
        if row is None:
            return _MISSING
        self._writes.append(("UPDATE rules SET used_ns = ? WHERE key = ?", (time.time_ns(), key)))
        return _unpickle(row[0], row[1])

    def put_rules(self, key: str, value: Any) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._writes.append(("INSERT OR REPLACE INTO rules VALUES (?, ?, ?, ?)",
                             (key, time.time_ns(), payload, sign(payload))))

    # --- snapshots: nothing changed, known from the files' status alone ------
    def snapshot(self, fingerprint: str) -> tuple[str, Any] | None:
        """(state, value) stored for ``fingerprint`` (a digest of every
        file's path, status and name as shown, with the code), when its
        signature holds: then no file's row needs to be fetched."""
        row = self.db.execute("SELECT state, payload, mac FROM snapshots WHERE fingerprint = ?",
                              (fingerprint,)).fetchone()
        if row is None:
            return None
        value = _unpickle(row[1], row[2])
        if value is _MISSING:
            return None
        self._writes.append(("UPDATE snapshots SET used_ns = ? WHERE fingerprint = ?",
                             (time.time_ns(), fingerprint)))
        return row[0], value

    def put_snapshot(self, fingerprint: str, state: str, value: Any) -> None:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        self._writes.append(("INSERT OR REPLACE INTO snapshots VALUES (?, ?, ?, ?, ?)",
                             (fingerprint, time.time_ns(), state, payload, sign(payload))))
        self._writes.append(("DELETE FROM snapshots WHERE fingerprint NOT IN (SELECT fingerprint "
                             "FROM snapshots ORDER BY used_ns DESC LIMIT ?)", (KEEP_RULES,)))

    def digests(self) -> dict[str, bytes]:
        """Every file's content hash, by its path in the repository."""
        return {path: bytes(digest) for path, digest in self.db.execute(
            "SELECT path, sha256 FROM files WHERE code = ?", (self.code,))}

    # --- derived tables (govdocs.derive.store) -------------------------------
    def derived(self, state: str, name: str) -> bytes | None:
        """The signed payload stored for table ``name`` of repository state
        ``state``; None when there is none or its signature fails."""
        row = self.db.execute("SELECT payload, mac FROM derived WHERE state = ? AND name = ?",
                              (state, name)).fetchone()
        if row is None or not hmac.compare_digest(row[1], sign(row[0])):
            return None
        return bytes(row[0])

    def put_derived(self, state: str, name: str, payload: bytes) -> None:
        self._writes.append(("INSERT OR REPLACE INTO derived VALUES (?, ?, ?, ?)",
                             (state, name, payload, sign(payload))))

    # --- upkeep --------------------------------------------------------------
    def commit(self, present: set[str] | None = None) -> None:
        """Write what this run learnt, in one transaction; with ``present``
        (every file of the repository now), forget files that are gone and
        keep only the newest few rule results."""
        if not self._writes and present is None:
            return
        try:
            with _transaction(self.db):
                for sql, args in self._writes:
                    self.db.execute(sql, args)
                if present is not None:
                    gone = [p for (p,) in self.db.execute("SELECT path FROM files") if p not in present]
                    self.db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in gone])
                    self.db.execute("DELETE FROM rules WHERE key NOT IN "
                                    "(SELECT key FROM rules ORDER BY used_ns DESC LIMIT ?)", (KEEP_RULES,))
                    self.db.execute("DELETE FROM derived WHERE state NOT IN (SELECT key FROM rules)")
                    self.db.execute("DELETE FROM snapshots WHERE state NOT IN (SELECT key FROM rules)")
        except sqlite3.Error:
            pass  # locked for too long, disk full: only slower next time
        self._writes = []

    def close(self) -> None:
        with suppress(sqlite3.Error):
            self.db.close()

    def key(self, path: Path | str) -> str:
        """``path`` as the index names it: relative to the root."""
        text = os.fspath(path)
        if not text.startswith(self._prefix):
            text = os.path.abspath(text)
        return text[len(self._prefix):] if text.startswith(self._prefix) else text


_STATUS = "size, mtime_ns, ctime_ns, inode, read_ns, sha256, shown, code"
"""The columns `Index._fresh` compares with the file, before those asked for."""
_NO_PROBLEMS: tuple[Problem, ...] = ()
_NO_PROBLEMS_PICKLE = pickle.dumps([], protocol=pickle.HIGHEST_PROTOCOL)
"""A clean file's problems as stored: recognised without checking a signature or unpickling."""

KEEP_RULES = 8
"""Rule results kept per repository (the states it was recently in)."""

_MISSING = object()


def open_index(root: Path) -> Index | None:
    """The index of the repository at ``root``, made or rebuilt as needed;
    None when indexing is off or cannot be used now (then read the files)."""
    if os.environ.get("GOVDOCS_NO_CACHE"):
        return None
    try:
        secret_key()
    except OSError:  # no writable home: no cache
        return None
    path = index_path(root)
    for _ in range(2):
        try:
            return Index(_connect(path, root), root)
        except _Unusable:
            _remove(path)
        except sqlite3.OperationalError as exc:
            if _busy(exc):
                return None
            _remove(path)
        except sqlite3.DatabaseError:  # not a database, corrupt, truncated
            _remove(path)
        except OSError:
            return None
    return None


def _connect(path: Path, root: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise _Unusable(f"{path} is not a regular file")
    db = sqlite3.connect(path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
    try:
        with suppress(OSError):
            os.chmod(path, 0o600)
        version = db.execute("PRAGMA user_version").fetchone()[0]
        app = db.execute("PRAGMA application_id").fetchone()[0]
        if version == 0 and app == 0 and not db.execute("SELECT 1 FROM sqlite_master").fetchone():
            _create(db, root)
        elif version != INDEX_VERSION or app != _APPLICATION_ID:
            raise _Unusable("another program's or version's index")
        tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if tables != _TABLES:
            raise _Unusable("an index of another shape")
        found = db.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
        if found is None or found[0] != os.path.abspath(root):
            raise _Unusable("the index of another repository")
        db.execute("PRAGMA synchronous = NORMAL")
        return db
    except BaseException:
        db.close()
        raise


def _create(db: sqlite3.Connection, root: Path) -> None:
    db.execute("PRAGMA journal_mode = WAL")  # readers never wait for a writer
    with _transaction(db):
        for statement in _SCHEMA.split(";"):
            if statement.strip():
                db.execute(statement)
        db.execute("INSERT INTO meta VALUES ('root', ?)", (os.path.abspath(root),))
        db.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {INDEX_VERSION}")


class _transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, *_: object) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


def _busy(exc: sqlite3.OperationalError) -> bool:
    text = str(exc).lower()
    return "locked" in text or "busy" in text


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(OSError):
            Path(f"{path}{suffix}").unlink()


def _stamp(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino


def _unpickle(payload: bytes, mac: bytes) -> Any:
    if not hmac.compare_digest(mac, sign(payload)):
        return _MISSING  # foreign or tampered: never unpickled
    try:
        return pickle.loads(payload)
    except Exception:  # a model class changed shape
        return _MISSING


# --- govdocs cache info | clear | prune --------------------------------------


@dataclass(frozen=True)
class IndexInfo:
    """One index file: which repository, how big, how many files, when used."""

    path: Path
    root: str | None
    files: int
    rule_sets: int
    tables: int
    """Derived tables kept (`govdocs.derive.store`), over every state kept."""
    bytes: int
    used: float

    @property
    def orphaned(self) -> bool:
        """Its repository is gone (moved or deleted), or it is not readable."""
        return self.root is None or not (Path(self.root) / "registry.yaml").is_file()


def all_indexes() -> Iterator[IndexInfo]:
    folder = user_cache_dir() / "index"
    for path in sorted(folder.glob("*.sqlite")) if folder.is_dir() else ():
        yield describe(path)


def describe(path: Path) -> IndexInfo:
    size = sum(Path(f"{path}{s}").stat().st_size for s in ("", "-wal") if Path(f"{path}{s}").exists())
    used = max((Path(f"{path}{s}").stat().st_mtime for s in ("", "-wal") if Path(f"{path}{s}").exists()),
               default=0.0)
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_SECONDS)
        try:
            root = db.execute("SELECT value FROM meta WHERE key = 'root'").fetchone()
            files = db.execute("SELECT count(*) FROM files").fetchone()[0]
            rules = db.execute("SELECT count(*) FROM rules").fetchone()[0]
            tables = db.execute("SELECT count(*) FROM derived").fetchone()[0]
        finally:
            db.close()
        return IndexInfo(path, root[0] if root else None, files, rules, tables, size, used)
    except sqlite3.Error:
        return IndexInfo(path, None, 0, 0, 0, size, used)


def remove_index(path: Path) -> None:
    _remove(path)
