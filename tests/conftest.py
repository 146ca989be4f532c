"""Shared settings for the test suite.

Hypothesis profiles:

- ``default``: random examples, no deadline (the machines that run the course are often
  busy, and a slow example is not a wrong one).
- ``ci``: the same, but derandomized, so a CI run is repeatable, and a failing example is
  printed with its reproduction blob. Chosen automatically when the environment variable
  ``CI`` is set; pick one by hand with ``pytest --hypothesis-profile=ci``.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "default",
    deadline=None,
    max_examples=100,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "ci",
    deadline=None,
    max_examples=100,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "default")
