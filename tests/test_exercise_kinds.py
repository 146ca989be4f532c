"""The kinds of exercise and what every judge must do: never raise, name the problem.

Every registered judge is fed answers of the wrong kind (negative, zero, NaN, text, a
function that raises or returns text, ...) and must answer with a verdict that says what is
wrong, without falling back on "could not be judged". The helpers for the three kinds of
exercise beside numbers (a function, a prediction, a written answer) are tested on small
cases, and ``make assignments`` on the real notebooks.
"""

import math
import re
from pathlib import Path

import nbformat
import numpy as np
import pytest

from erm_course.exercises import EXERCISES, check
from erm_course.exercises import assignments
from erm_course.exercises.judging import (COULD_NOT_JUDGE, WAITING, Feedback, judge_choice,
                                          judge_function, judge_written)

ROOT = Path(__file__).resolve().parent.parent
KEYS = sorted(k for k in EXERCISES if k != "00.demo")


def _raises(*args):
    raise ValueError("a bug in the student's function")


def _returns_text(*args):
    return "text"


BAD_ANSWERS = {
    "negative": -5, "zero": 0, "NaN": math.nan, "infinity": math.inf, "text": "text",
    "empty text": "", "True": True, "a list of three": [1, 2, 3], "a pair with NaN":
    (math.nan, 1.0), "a function that raises": _raises,
    "a function that returns text": _returns_text, "a dict": {"a": 1},
}


@pytest.mark.parametrize("key", KEYS)
@pytest.mark.parametrize("bad", sorted(BAD_ANSWERS))
def test_every_judge_names_what_is_wrong_with_a_bad_answer(key, bad):
    feedback = check(key, BAD_ANSWERS[bad])
    assert isinstance(feedback, Feedback)
    assert not feedback.ok, f"{key} accepted {bad}"
    assert feedback.text.strip()
    assert COULD_NOT_JUDGE not in feedback.text, f"{key} on {bad}: {feedback.text}"


def test_a_judge_that_fails_is_reported_not_raised(monkeypatch):
    def broken(answer):
        raise ZeroDivisionError("division by zero")
    monkeypatch.setitem(EXERCISES, "99.9", broken)
    feedback = check("99.9", 1.0)
    assert not feedback.ok and feedback.text.startswith(COULD_NOT_JUDGE)
    assert "ZeroDivisionError" in feedback.text


def test_an_unknown_key_gets_a_verdict_not_an_error():
    feedback = check("42.7", 1.0)
    assert not feedback.ok and "42.7" in feedback.text and "01.1" in feedback.text


def test_placeholders_wait():
    for key in KEYS:
        assert check(key, None).blank and check(key, ...).blank


# -- write a function ------------------------------------------------------------------

CASES = [(h, np.array(data)) for data in ([1.0, 2.0, 6.0], [5.0, 5.0]) for h in (0.0, 3.5)]


def _mean_error(h, y):
    return np.mean(np.abs(h - y))


def _judge(answer):
    return judge_function(answer, CASES, _mean_error,
                          [(lambda h, y: np.sum(np.abs(h - y)), "divide by n"),
                           (lambda h, y: np.mean(h - y), "take |h - y_i|")],
                          signature="mean_error(h, y)")


def test_judge_function_accepts_a_right_function():
    assert _judge(lambda h, y: np.abs(h - y).mean())[0] is True


@pytest.mark.parametrize("answer, verdict, words", [
    (lambda h, y: np.sum(np.abs(h - y)), False, "divide by n"),
    (lambda h, y: np.mean(h - y), False, "take |h - y_i|"),
    (lambda h, y: None, WAITING, "returns None"),
    (lambda h, y: 0.0, WAITING, "returns 0"),
    (_raises, False, "raised ValueError"),
    (_returns_text, False, "returned text"),
    (lambda h, y: h * 7, False, "differs from the reference"),
    (3.0, False, "Give a function"),
])
def test_judge_function_names_the_mistake(answer, verdict, words):
    ok, text = _judge(answer)
    assert ok is verdict and words in text


def test_judge_function_does_not_let_the_student_change_the_cases():
    def mutating(h, y):
        y[:] = 0.0
        return _mean_error(h, y)
    _judge(mutating)
    assert CASES[0][1].tolist() == [1.0, 2.0, 6.0]


# -- predict, then run -----------------------------------------------------------------

OPTIONS = {"converges": ["converge", "settles"], "diverges": ["diverge", "blows"]}
SAYS = {"converges": "It settles.", "diverges": "It runs away."}


@pytest.mark.parametrize("answer, ok, text", [
    ("converges", True, "It settles."), ("I think it will diverge", False, "It runs away."),
    ("DIVERGES!", False, "It runs away."), ("maybe", False, "Pick exactly one"),
    ("converges or diverges", False, "several"), (1.0, False, "not "),
])
def test_judge_choice(answer, ok, text):
    got_ok, got_text = judge_choice(answer, OPTIONS, "converges", SAYS)
    assert got_ok is ok and text in got_text


# -- a written answer --------------------------------------------------------------------

IDEAS = [("the learning rate", r"learning rate|alpha|α"), ("the units", r"unit|dollar")]


def test_judge_written_waits_asks_for_more_then_notes():
    assert judge_written("   ", IDEAS)[0] is WAITING
    assert judge_written("Too short.", IDEAS)[0] is False
    long = ("The steps are far too small because the slope is tiny next to the size of "
            "the salaries, so the learning rate must be large")
    verdict, text = judge_written(long, IDEAS)
    assert verdict == "noted" and "units" in text
    feedback = check_written(long + ", in dollars squared.")
    assert feedback.noted and not feedback.ok and feedback.verdict == "Noted."
    assert "touches each" in feedback.text


def check_written(text, monkeypatch=None):
    EXERCISES.setdefault("99.w", lambda answer: judge_written(answer, IDEAS))
    try:
        return check("99.w", text)
    finally:
        EXERCISES.pop("99.w")


def test_feedback_html_shows_dollars_literally_and_a_grey_note():
    html = Feedback(False, "costs $100 and $20", noted=True)._repr_html_()
    assert "<span>$</span>100" in html and "#57606a" in html and "Noted." in html


# -- make assignments --------------------------------------------------------------------

def _solution_lines(notebook):
    """Distinctive lines of every folded solution (long enough not to occur elsewhere)."""
    lines = []
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for block in assignments.SOLUTION.findall(cell.source):
                lines += [line.strip() for line in block.splitlines()
                          if len(line.strip()) > 40]
    return lines


def test_assignments_hold_back_every_solution_and_keep_the_rest(tmp_path):
    written = assignments.write_assignments(tmp_path, ROOT / "notebooks")
    originals = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert sorted(written) == [p.name for p in originals]
    for path in originals:
        original = nbformat.read(path, as_version=4)
        copy = nbformat.read(tmp_path / path.name, as_version=4)
        solutions = _solution_lines(original)
        assert solutions and written[path.name] >= 1, path.name
        text = "\n".join(cell.source for cell in copy.cells)
        assert not re.search(r"<summary>\s*(Solution|Model answer)", text, re.IGNORECASE)
        left = [line for line in solutions if line in text]
        assert left == [], f"{path.name} still shows solution text: {left[:2]}"
        # every code cell, with its stored outputs, is still there
        code = [c for c in original.cells if c.cell_type == "code"]
        assert [c.source for c in copy.cells if c.cell_type == "code"] == [
            c.source for c in code]


def test_check_works_in_an_assignment(tmp_path):
    """Run the copy of notebook 01 with a fresh kernel: its checks answer as before."""
    from nbclient import NotebookClient

    assignments.write_assignments(tmp_path, ROOT / "notebooks")
    notebook = nbformat.read(tmp_path / "01_error_tables.ipynb", as_version=4)
    NotebookClient(notebook, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()
    shown = [out.get("data", {}).get("text/plain", "") for cell in notebook.cells
             if cell.cell_type == "code" and "check(" in cell.source
             for out in cell.outputs]
    assert shown and all("Waiting for your answer" in s for s in shown), shown
