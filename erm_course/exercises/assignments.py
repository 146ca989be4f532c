"""Copies of the notebooks without their solutions, for instructors: ``make assignments``.

Every notebook folds its worked solutions and model answers in ``<details>`` blocks whose
summary begins with "Solution" or "Model answer". This module writes a copy of each
notebook with those blocks removed (and a short note where each was), keeping everything
else, stored outputs included. The copies import the course's modules as the originals do,
so ``check`` works in them unchanged.

    python -m erm_course.exercises.assignments [NOTEBOOKS_DIR [OUT_DIR]]
                                                # defaults: notebooks/ and assignments/

``tests/test_exercises.py`` builds the copies and confirms that no solution text is left.
"""

import re
import sys
from pathlib import Path

import nbformat

__all__ = ["SOLUTION", "strip_solutions", "write_assignments"]

#: A folded solution or model answer: a <details> block whose summary starts with one of
#: these words, up to its closing tag.
SOLUTION = re.compile(
    r"<details>\s*<summary>\s*(?:Solution|Model answer)\b.*?</details>\s*",
    flags=re.IGNORECASE | re.DOTALL)

NOTE = "*(The solution is held back in this copy.)*\n\n"


def strip_solutions(notebook):
    """The notebook with every folded solution removed; returns how many were removed."""
    removed = 0
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        source, count = SOLUTION.subn(NOTE, cell.source)
        if count:
            cell.source = source.rstrip() + "\n"
            removed += count
    return removed


def write_assignments(out_dir, notebooks_dir="notebooks"):
    """Write a solution-free copy of every course notebook into ``out_dir``.

    Returns
    -------
    dict
        File name -> number of solutions removed.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = {}
    for path in sorted(Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        written[path.name] = strip_solutions(notebook)
        nbformat.write(notebook, out_dir / path.name)
    return written


def main(argv=None):
    args = sys.argv[1:] if argv is None else argv
    notebooks_dir = Path(args[0]) if args else Path("notebooks")
    out_dir = Path(args[1]) if len(args) > 1 else Path("assignments")
    for name, count in write_assignments(out_dir, notebooks_dir).items():
        print(f"{out_dir / name}: {count} solutions held back")
    return 0


if __name__ == "__main__":
    sys.exit(main())
