"""What every exercise shares: the verdict, the registry of judges and the comparisons.

A judge is a function ``judge(answer) -> (ok, text)`` registered under the exercise's key
with ``@exercise("NN.k")``; the judges of notebook NN live in ``notebookNN.py`` beside this
file. Each recomputes its expected answer from :mod:`erm_helpers` (never a typed-in
number) and, when the answer is not yet right, gives a hint without the answer.
"""

import html
import math
from dataclasses import dataclass

import numpy as np

import erm_helpers as erm

__all__ = ["Feedback", "check", "exercise", "EXERCISES", "WAITING", "close", "near",
           "as_float", "as_pair"]


@dataclass(frozen=True)
class Feedback:
    """The verdict of :func:`check`, shown as one line in the notebook.

    Three states: right (``ok``), not yet (a wrong answer, with a hint) and waiting
    (``blank``: no answer given yet, shown in neutral grey, not as a mistake). Only a
    right answer is true: ``bool(feedback)`` is False while waiting.
    """

    ok: bool
    text: str
    blank: bool = False

    @property
    def verdict(self):
        """"Right.", "Not yet." or "Waiting for your answer." """
        if self.ok:
            return "Right."
        return "Waiting for your answer." if self.blank else "Not yet."

    def __repr__(self):
        return f"{self.verdict} {self.text}"

    def _repr_html_(self):
        color = "#1a7f37" if self.ok else "#57606a" if self.blank else "#9a6700"
        mark = ("&#10004; " if self.ok else "&#8230; " if self.blank
                else "&#10008; ") + self.verdict
        # JupyterLab typesets HTML outputs with MathJax, so "$100 and $20" would turn into
        # math. A $ alone in its own element never pairs up with another one.
        text = html.escape(self.text).replace("$", "<span>$</span>")
        return f'<p style="color:{color}"><b>{mark}</b> {text}</p>'

    def __bool__(self):
        return self.ok


BLANK = "Replace None with your answer, then run the cell again."

#: What a judge returns as ``ok`` when the answer is still the notebook's placeholder (a
#: function that returns None, say): :func:`check` then says it is waiting, not wrong.
WAITING = None

# Exercise key -> judge(answer) returning (ok, text). The judges of notebook NN register
# themselves with @exercise("NN.k") in notebookNN.py; their expected values are computed,
# never typed in.
EXERCISES = {}


def exercise(key):
    """Register ``judge(answer) -> (ok, text)`` under ``key`` (used by :func:`check`)."""
    def register(judge):
        if key in EXERCISES:
            raise RuntimeError(f"exercise {key!r} is registered twice")
        EXERCISES[key] = judge
        return judge
    return register


def close(answer, expected, rtol=1e-9, atol=1e-6):
    """True when ``answer`` is a number (or numbers) close to ``expected``."""
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == np.shape(expected) and bool(np.allclose(a, expected, rtol=rtol,
                                                              atol=atol))


def check(exercise, answer):
    """Say right or not yet for an exercise, with a hint when not yet.

    A passing check means the answer matched on this data; it is not a proof.

    Parameters
    ----------
    exercise : str
        The exercise's key, as given in the notebook (for example ``"01.1"``).
    answer : object
        Your answer: a number, a tuple of numbers, or a function, as the exercise asks.

    Returns
    -------
    Feedback
        Shown as one line; ``bool(feedback)`` is True when the answer is right. Before an
        answer is given (None, ``...``, or a placeholder the judge recognizes) it says it
        is waiting, in neutral grey, rather than "not yet".

    Examples
    --------
    >>> check("00.demo", 4)
    Right. 2 + 2 is 4.
    >>> check("00.demo", 5)
    Not yet. Add the two numbers.
    >>> check("00.demo", None)
    Waiting for your answer. Replace None with your answer, then run the cell again.
    """
    if exercise not in EXERCISES:
        raise KeyError(f"no exercise {exercise!r}; known: {sorted(EXERCISES)}")
    if answer is None or answer is Ellipsis:   # the placeholder the notebooks start with
        return Feedback(False, BLANK, blank=True)
    ok, text = EXERCISES[exercise](answer)
    if ok is WAITING:
        return Feedback(False, text, blank=True)
    return Feedback(bool(ok), text)


@exercise("00.demo")
def _two_plus_two(answer):
    if close(answer, 4):
        return True, "2 + 2 is 4."
    return False, "Add the two numbers."


def as_float(answer):
    """``answer`` as a finite float, or None when it is not a single finite number."""
    if not erm.is_real_number(answer) and not (isinstance(answer, np.ndarray)
                                            and answer.ndim == 0):
        return None
    value = float(answer)
    return value if math.isfinite(value) else None


def as_pair(answer):
    """``answer`` as a tuple of two floats, or None if it is not two real numbers."""
    if isinstance(answer, (tuple, list, np.ndarray)) and len(answer) == 2:
        pair = [as_float(a) for a in answer]
        if None not in pair:
            return tuple(pair)
    return None


def near(a, b, atol):
    return abs(a - b) <= atol + 1e-9 * abs(b)
