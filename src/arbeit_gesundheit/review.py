"""The annual review (Entscheider-Treffen, Bilanz): targets per metric against actual figures.

:func:`evaluate_review` takes an :class:`~arbeit_gesundheit.AnnualReview` and a
:class:`~arbeit_gesundheit.metrics.MetricsAggregate` and says for each target whether it was
met (in the metric's direction: for the dropout rate lower is better), adds notes on
successes and needs, and proposes next year's targets.
"""

from __future__ import annotations

from ._review_logic import ReviewReport, ReviewResult, evaluate_review, propose_next_target

__all__ = ["ReviewReport", "ReviewResult", "evaluate_review", "propose_next_target"]
