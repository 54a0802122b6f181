"""Shared test configuration: Hypothesis profiles.

``AG_HYPOTHESIS_PROFILE`` chooses the profile: ``default`` (quick, for everyday runs),
``ci`` (a little more, derandomized so CI runs are reproducible) or ``thorough`` (many
examples, for a run before a release)::

    AG_HYPOTHESIS_PROFILE=thorough python -m pytest
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=50, deadline=None)
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("AG_HYPOTHESIS_PROFILE", "default"))
