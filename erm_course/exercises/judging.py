"""What every exercise shares: the verdict, the registry of judges and the comparisons.

A judge is a function ``judge(answer) -> (ok, text)`` registered under the exercise's key
with ``@exercise("NN.k")``; the judges of notebook NN live in ``notebookNN.py`` beside this
file. Each recomputes its expected answer from :mod:`erm_helpers` (never a typed-in
number) and, when the answer is not yet right, gives a hint without the answer.

The course has four kinds of exercise, and a helper here for each of the last three:

- **numbers**: a judge reads the answer with :func:`as_float` or :func:`as_pair` and
  compares it with :func:`near`;
- **write a function**: :func:`judge_function` calls the student's function on hidden
  cases, compares with a reference, and names the likely mistake;
- **predict, then run**: :func:`judge_choice` reads one of a few named outcomes;
- **a short written answer**: :func:`judge_written` cannot grade prose; it says the answer
  is noted and which key ideas of the model answer it does not mention yet.

:func:`check` never raises on an answer: a judge names what is wrong with it (text where a
number was asked, a negative threshold, a function that raises...), and anything a judge
did not foresee is reported as an answer that could not be judged, not as an error.
"""

import html
import math
import re
from dataclasses import dataclass

import numpy as np

import erm_helpers as erm

__all__ = ["Feedback", "check", "exercise", "EXERCISES", "WAITING", "close", "near",
           "as_float", "as_pair", "positive_float", "judge_function", "judge_choice",
           "judge_written", "COULD_NOT_JUDGE"]


@dataclass(frozen=True)
class Feedback:
    """The verdict of :func:`check`, shown as one line in the notebook.

    Four states: right (``ok``), not yet (a wrong answer, with a hint), waiting (``blank``:
    no answer given yet, in neutral grey, not as a mistake) and noted (``noted``: a written
    answer, which no code can grade; compare it with the model answer). Only a right
    answer is true: ``bool(feedback)`` is False otherwise.
    """

    ok: bool
    text: str
    blank: bool = False
    noted: bool = False

    @property
    def verdict(self):
        """"Right.", "Not yet.", "Waiting for your answer." or "Noted." """
        if self.ok:
            return "Right."
        if self.noted:
            return "Noted."
        return "Waiting for your answer." if self.blank else "Not yet."

    def __repr__(self):
        return f"{self.verdict} {self.text}"

    def _repr_html_(self):
        color = ("#1a7f37" if self.ok else "#57606a" if self.blank or self.noted
                 else "#9a6700")
        mark = ("&#10004; " if self.ok else "&#8230; " if self.blank or self.noted
                else "&#10008; ") + self.verdict
        # JupyterLab typesets HTML outputs with MathJax, so "$100 and $20" would turn into
        # math. A $ alone in its own element never pairs up with another one.
        text = html.escape(self.text).replace("$", "<span>$</span>")
        return f'<p style="color:{color}"><b>{mark}</b> {text}</p>'

    def __bool__(self):
        return self.ok


BLANK = "Replace None with your answer, then run the cell again."

#: The start of what :func:`check` says when a judge itself failed on an answer. The tests
#: feed every judge bad answers and require that none of them ends up here.
COULD_NOT_JUDGE = "This answer could not be judged"

#: What a judge returns as ``ok`` when the answer is still the notebook's placeholder (a
#: function that returns None, say): :func:`check` then says it is waiting, not wrong.
WAITING = None

#: The marker of a written answer's verdict (see :func:`judge_written`).
NOTED = "noted"

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


def check(exercise, answer):
    """Say right or not yet for an exercise, with a hint when not yet.

    A passing check means the answer matched on this data; it is not a proof. It never
    raises on an answer.

    Parameters
    ----------
    exercise : str
        The exercise's key, as given in the notebook (for example ``"01.1"``).
    answer : object
        Your answer: a number, a tuple of numbers, a function, a word or a few sentences,
        as the exercise asks.

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
    judge = EXERCISES.get(exercise)
    if judge is None:
        known = ", ".join(sorted(k for k in EXERCISES if k[:2].isdigit() and k[:2] != "00"))
        return Feedback(False, f"There is no exercise {exercise!r}. Check the key in the "
                               f"cell; the exercises are {known}.")
    if answer is None or answer is Ellipsis:   # the placeholder the notebooks start with
        return Feedback(False, BLANK, blank=True)
    try:
        with np.errstate(all="ignore"):
            ok, text = judge(answer)
    except Exception as err:   # a case no judge foresaw: say so, never raise
        return Feedback(False, f"{COULD_NOT_JUDGE} ({type(err).__name__}: {err}). Check that "
                               "it has the form the exercise asks for.")
    if ok is WAITING:
        return Feedback(False, text, blank=True)
    if ok == NOTED:
        return Feedback(False, text, noted=True)
    return Feedback(bool(ok), text)


@exercise("00.demo")
def _two_plus_two(answer):
    if close(answer, 4):
        return True, "2 + 2 is 4."
    return False, "Add the two numbers."


# --------------------------------------------------------------------------------------
# Reading an answer
# --------------------------------------------------------------------------------------

def close(answer, expected, rtol=1e-9, atol=1e-6):
    """True when ``answer`` is a number (or numbers) close to ``expected``."""
    try:
        a = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False
    return a.shape == np.shape(expected) and bool(np.allclose(a, expected, rtol=rtol,
                                                              atol=atol))


def as_float(answer):
    """``answer`` as a finite float, or None when it is not a single finite number."""
    if not erm.is_real_number(answer) and not (isinstance(answer, np.ndarray)
                                            and answer.ndim == 0
                                            and answer.dtype.kind in "iuf"):
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


def positive_float(answer, what):
    """``(value, None)`` for a positive finite number, else ``(None, problem)``, where
    ``problem`` names what is wrong in words a student can act on."""
    value = as_float(answer)
    if value is None:
        return None, f"Give one number ({what}), not {describe(answer)}."
    if value <= 0:
        return None, f"{what[0].upper()}{what[1:]} must be positive; you gave {value:g}."
    return value, None


def describe(answer):
    """A few words on what ``answer`` is, for a hint: "text", "a tuple", "NaN"..."""
    if isinstance(answer, str):
        return "text"
    if isinstance(answer, bool):
        return "True/False"
    if callable(answer):
        return "a function"
    if isinstance(answer, (tuple, list)):
        return f"a {type(answer).__name__} of {len(answer)}"
    value = as_float(answer) if erm.is_real_number(answer) else None
    if erm.is_real_number(answer) and value is None:
        return "NaN" if answer != answer else "an infinite number"
    return type(answer).__name__


def near(a, b, atol):
    return abs(a - b) <= atol + 1e-9 * abs(b)


# --------------------------------------------------------------------------------------
# Write a function: hidden cases, a reference, and the likely mistakes
# --------------------------------------------------------------------------------------

def judge_function(answer, cases, reference, mistakes=(), *, signature, rtol=1e-9,
                   atol=1e-9, right=""):
    """Call a student's function on hidden ``cases`` and compare with ``reference``.

    Parameters
    ----------
    answer : object
        What the student gave; it should be a function.
    cases : list of tuple
        Arguments of each call; the student never sees them.
    reference : callable
        ``reference(*args)``: the right value (a number or an array).
    mistakes : sequence of (callable, str)
        Likely wrong versions ``wrong(*args)`` with the hint to give when the student's
        values match one of them on every case (a flipped sign, a missing 1/n, ...).
    signature : str
        How the function is called, for the hints (``"derivative(h, y)"``).
    rtol, atol : float
        How close counts as equal.
    right : str
        The text to show when every case agrees.

    Returns
    -------
    (ok, text)
        As a judge returns: ``WAITING`` while the function returns None (the placeholder).
    """
    if not callable(answer):
        return False, f"Give a function, def {signature}: ..., not {describe(answer)}."
    got = []
    for args in cases:
        try:
            value = answer(*[a.copy() if isinstance(a, np.ndarray) else a for a in args])
        except Exception as err:   # the student's code may raise anything: report it
            return False, f"Your function raised {type(err).__name__}: {err}"
        if value is None:
            return WAITING, "Your function returns None: write your formula after return."
        try:
            got.append(np.asarray(value, dtype=float))
        except (TypeError, ValueError):
            return False, f"Your function returned {describe(value)}; it should return numbers."
    for args, value in zip(cases, got):
        if not close(value, reference(*args), rtol=rtol, atol=atol):
            break
    else:
        return True, right or f"It agrees with the reference on all {len(cases)} hidden cases."
    if all(not np.any(v) for v in got):
        return WAITING, "Your function returns 0 every time: fill in the formula."
    for wrong, hint in mistakes:
        if all(close(value, wrong(*args), rtol=rtol, atol=atol)
               for args, value in zip(cases, got)):
            return False, hint
    failed = sum(not close(v, reference(*a), rtol=rtol, atol=atol) for a, v in zip(cases, got))
    return False, (f"It differs from the reference on {failed} of the {len(cases)} hidden "
                   f"cases. Test {signature} on a case you can work out by hand.")


# --------------------------------------------------------------------------------------
# Predict, then run: one of a few named outcomes
# --------------------------------------------------------------------------------------

def judge_choice(answer, options, correct, explanations):
    """Read a prediction given as one of a few words, and say whether the run bears it out.

    Parameters
    ----------
    answer : object
        The student's prediction: a string.
    options : dict of str -> list of str
        Each outcome and the words that name it (``{"diverges": ["diverge", ...]}``).
    correct : str
        The outcome the run shows.
    explanations : dict of str -> str
        What to say for each outcome predicted (why it is, or is not, what happens).
    """
    if not isinstance(answer, str):
        return False, (f"Give your prediction as one of the words "
                       f"{', '.join(repr(o) for o in options)}, not {describe(answer)}.")
    words = re.findall(r"[a-z0-9.-]+", answer.lower())
    picked = [o for o, names in options.items() if any(n in words for n in names + [o])]
    if len(picked) != 1:
        return False, (f"Pick exactly one of {', '.join(repr(o) for o in options)}; "
                       f"{'none' if not picked else 'several'} found in {answer!r}.")
    return picked[0] == correct, explanations[picked[0]]


# --------------------------------------------------------------------------------------
# A short written answer: noted, with the key ideas it does not mention yet
# --------------------------------------------------------------------------------------

def judge_written(answer, key_ideas, min_words=15):
    """A written answer cannot be graded by code: say it is noted, and compare it with
    ``key_ideas``, ``(label, regular expression)`` pairs from the model answer."""
    if not isinstance(answer, str):
        return False, f"Write your answer as text between triple quotes, not {describe(answer)}."
    words = answer.split()
    if not words:
        return WAITING, "Write two or three sentences between the triple quotes."
    if len(words) < min_words:
        return False, (f"{len(words)} words: explain a little more, in two or three "
                       "sentences.")
    missing = [label for label, pattern in key_ideas
               if not re.search(pattern, answer, flags=re.IGNORECASE)]
    if missing:
        return NOTED, ("Now open the model answer below and compare. Yours does not seem to "
                       "mention " + "; ".join(missing) + ".")
    return NOTED, ("Now open the model answer below and compare: yours touches each of its "
                   "key ideas.")
