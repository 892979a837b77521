"""Output names cannot escape the output folder or be unstorable; writes
are atomic."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from govdocs.safepath import UnsafePath, atomic_write, atomic_write_text, check_name, is_inside, safe_join


@pytest.mark.parametrize(
    "name, message, code",
    [
        ("..", "'..' is not a usable file name", "unsafe-path"),
        ("", "'' is not a usable file name", "unsafe-path"),
        ("a/b", "file name 'a/b' contains '/', which cannot be in a file name", "unsafe-path"),
        ("a\\b", "file name 'a\\\\b' contains '\\', which cannot be in a file name", "unsafe-path"),
        ("c:x", "file name 'c:x' contains ':', which cannot be in a file name", "unsafe-path"),
        ("a\nb", "file name 'a\\nb' contains a control character", "unsafe-path"),
        ("a\x00b", "file name 'a\\x00b' contains a control character", "unsafe-path"),
        ("CON", "file name 'CON' is a reserved device name on Windows", "reserved-name"),
        ("con.pdf", "file name 'con.pdf' is a reserved device name on Windows", "reserved-name"),
        ("Lpt9.tar.gz", "file name 'Lpt9.tar.gz' is a reserved device name on Windows", "reserved-name"),
        ("nul .txt", "file name 'nul .txt' is a reserved device name on Windows", "reserved-name"),
        ("report.", "file name 'report.' ends with '.', which Windows drops", "unsafe-path"),
        ("report ", "file name 'report ' ends with ' ', which Windows drops", "unsafe-path"),
    ],
)
def test_unsafe_names_are_refused_with_the_reason(name: str, message: str, code: str) -> None:
    with pytest.raises(UnsafePath) as caught:
        check_name(name)
    assert (caught.value.message, caught.value.code) == (message, code)


def test_names_over_255_bytes_are_refused_counting_bytes_not_characters() -> None:
    assert check_name("ä" * 127 + "x") == "ä" * 127 + "x"  # 255 bytes
    with pytest.raises(UnsafePath) as caught:
        check_name("ä" * 128)  # 128 characters, 256 bytes
    assert caught.value.code == "name-too-long"
    assert "is 256 bytes; filesystems store at most 255" in caught.value.message


@pytest.mark.parametrize(
    "name", ["kj-2016-59.pdf", "console.pdf", "COM0", "auxiliary", "liite 1 – Eroilmoitus.pdf"]
)
def test_ordinary_names_pass(name: str) -> None:
    assert check_name(name) == name


@pytest.mark.parametrize(
    "parts", [("../../etc/passwd",), ("/etc/passwd",), ("a", "..", "..", "b"), ("2016//x",)]
)
def test_safe_join_refuses_traversal_and_absolute_paths(tmp_path: Path, parts: tuple[str, ...]) -> None:
    with pytest.raises(UnsafePath):
        safe_join(tmp_path, *parts)


def test_safe_join_accepts_nested_relative_names(tmp_path: Path) -> None:
    assert safe_join(tmp_path, "2016/kj-2016-59.pdf") == tmp_path / "2016" / "kj-2016-59.pdf"
    assert safe_join(tmp_path, "2016", "kj-2016-59.pdf") == tmp_path / "2016" / "kj-2016-59.pdf"


def test_safe_join_refuses_a_symlink_pointing_outside(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "2016").symlink_to(elsewhere)
    (out / "inner").symlink_to(out)
    with pytest.raises(UnsafePath) as caught:
        safe_join(out, "2016", "kj-2016-59.pdf")
    assert "leads outside" in caught.value.message
    assert safe_join(out, "inner", "x.pdf") == out / "inner" / "x.pdf"  # a link that stays inside is fine
    assert is_inside(out / "inner" / "x", out) and not is_inside(out / "2016" / "x", out)


def test_atomic_write_replaces_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "a.txt"
    atomic_write(target, b"first")
    atomic_write_text(target, "toinen ä\n")
    assert target.read_bytes() == "toinen ä\n".encode()
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.txt"]


def test_atomic_write_replaces_a_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.txt").symlink_to(victim)
    atomic_write(out / "a.txt", b"new", root=out)
    assert victim.read_text() == "keep"
    assert not (out / "a.txt").is_symlink() and (out / "a.txt").read_bytes() == b"new"


def test_atomic_write_refuses_a_path_outside_root(tmp_path: Path) -> None:
    with pytest.raises(UnsafePath):
        atomic_write(tmp_path / "out" / ".." / "escaped.txt", b"x", root=tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
