"""The repository stands alone: no file it ships refers to a path outside it.

A user clones the repository with nothing beside it, so a Makefile line, a script, a test or a
README link that climbs out of the project (a parent-folder step) or names a folder of one
machine (under /home, /work, /opt, ...) would break for them. Throw-away paths (`mktemp -t`,
pytest's tmp_path) are fine: they are made, not referred to. (This file spells the patterns out
only in the regular expression, which does not match itself.)
"""

from __future__ import annotations

import fnmatch
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

from dwh.dbt import PROJECT_DIR

# A parent-folder step, or an absolute path rooted in a machine's own folders.
OUTSIDE = re.compile(r"\.\.[/\\]|(?<![\w.])/(?:work|home|root|opt|mnt|srv|Users)/[\w.-]")
# Build output and tools' caches: never shipped (see .gitignore).
NOT_SHIPPED = {".git", ".venv", "target", "logs", "dbt_packages", "__pycache__", ".pytest_cache",
               ".mypy_cache", ".ruff_cache", ".hypothesis"}


def ignored(relative: Path, patterns: list[str]) -> bool:
    """Whether .gitignore's patterns (the simple globs this project writes) leave `relative` out."""
    for pattern in patterns:
        if pattern.endswith("/"):
            if any(fnmatch.fnmatch(part, pattern.rstrip("/")) for part in relative.parts[:-1]):
                return True
        elif fnmatch.fnmatch(relative.name, pattern) or fnmatch.fnmatch(relative.as_posix(), pattern):
            return True
    return False


def shipped_files(root: Path) -> Iterator[Path]:
    """The files a clone has: git's tracked files in a checkout, else every file that .gitignore
    does not leave out and that is not a tool's cache (a copy made with `git archive` has no .git,
    and a user may keep a build log beside the project)."""
    if (root / ".git").exists():
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
        for name in listed.decode().split("\0"):
            if name and (root / name).is_file():
                yield root / name
        return
    gitignore = root / ".gitignore"
    patterns = [line.strip() for line in gitignore.read_text().splitlines()
                if line.strip() and not line.startswith("#")] if gitignore.exists() else []
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if path.is_file() and not set(relative.parts) & NOT_SHIPPED and not ignored(relative, patterns):
            yield path


def outside_references(root: Path) -> list[str]:
    """`file:line: text` for every line of a shipped text file that refers outside the repository."""
    found = []
    for path in shipped_files(root):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # not text
        for number, line in enumerate(text.splitlines(), start=1):
            if OUTSIDE.search(line):
                found.append(f"{path.relative_to(root)}:{number}: {line.strip()[:160]}")
    return found


def test_no_shipped_file_refers_outside_the_repository() -> None:
    assert outside_references(PROJECT_DIR) == []


def test_the_check_finds_references_outside(tmp_path: Path) -> None:
    """Planted references are each found, in a copy without .git; build output is not read.
    (The planted paths are built from parts so that this file does not hold them itself.)"""
    up, work, home = ".." + "/", "/" + "work/", "/" + "home/"
    (tmp_path / "Makefile").write_text(f"rules:\n\tpython {up}shared/checks/rules.py\n")
    (tmp_path / "README.md").write_text(f"The contracts are in [the spec]({up}{up}spec/00.md).\nFine line.\n")
    (tmp_path / "dwh").mkdir()
    (tmp_path / "dwh" / "paths.py").write_text(f'SPEC = "{work}shared/spec"\nHOME = "{home}me/data.csv"\n')
    (tmp_path / "notes.txt").write_text(f"relative ./models is fine, a/b/{up}c is not\n")
    (tmp_path / "target").mkdir()
    (tmp_path / "target" / "run.sql").write_text(f"-- {up}shared in build output is ignored\n")
    (tmp_path / "ok.sql").write_text("select 1 -- /tmp and mktemp are fine, so is http://example.com/work/x\n")
    (tmp_path / ".gitignore").write_text("*.log\nlanding/\n*.duckdb\n")
    (tmp_path / "build.log").write_text(f"pip: a warning about {home}me/site-packages\n")  # a user's own log
    (tmp_path / "landing").mkdir()
    (tmp_path / "landing" / "notes.csv").write_text(f"{up}elsewhere\n")
    (tmp_path / "warehouse.duckdb").write_text(f"{work}x\n")
    found = outside_references(tmp_path)
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in found] == [
        "Makefile:2", "README.md:1", "dwh/paths.py:1", "dwh/paths.py:2", "notes.txt:1"]
