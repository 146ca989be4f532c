"""Exercises checked in place: ``check("04.2", answer)``.

``judging.py`` holds what all exercises share (the verdict, the registry, the comparisons);
``notebookNN.py`` holds the judges of notebook NN, each registered under its key, so the
judge of exercise 04.2 is in ``notebook04.py`` under ``@exercise("04.2")``.
"""

from erm_course.exercises import (  # noqa: F401  (importing them registers their judges)
    notebook01, notebook02, notebook03, notebook04, notebook05, notebook06, notebook07,
    notebook08)
from erm_course.exercises.judging import EXERCISES, Feedback, check

__all__ = ["check", "Feedback", "EXERCISES"]
