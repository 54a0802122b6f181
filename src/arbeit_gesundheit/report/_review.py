"""Annual review behaviour (Entscheider-Treffen, Bilanz): targets against actual figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from attrs import frozen

from ..exceptions import MetricsError
from ..metrics import Metric, MetricsAggregate, format_value, metric
from ..metrics._definitions import Number
from ..model import AnnualReview, Language, NoteKind, ReviewNote

__all__ = ["ReviewReport", "ReviewResult", "evaluate_review", "propose_next_target"]

_STATUS = {
    True: ("Ziel erreicht", "target met"),
    False: ("Ziel verfehlt", "target missed"),
    None: ("keine Daten", "no data"),
}


@frozen
class ReviewResult:
    """One metric in an annual review: target, actual figure, met or missed, next target.

    ``met`` is None when there is no actual figure (its denominator is zero). Whether a
    target is met follows the metric's direction: for the dropout rate, lower is better.
    """

    metric: Metric
    target: float
    actual: Number | None
    met: bool | None
    next_target: float

    @property
    def metric_id(self) -> str:
        return self.metric.id

    def status(self, lang: Language = "de") -> str:
        """``Ziel erreicht``, ``Ziel verfehlt`` or ``keine Daten`` (German by default)."""
        pair = _STATUS[self.met]
        return pair[0] if lang == "de" else pair[1]

    def explain(self, lang: Language = "de") -> str:
        """One line: metric, actual figure, target (with its direction) and status."""
        unit = self.metric.unit
        actual = format_value(self.actual, unit, lang)
        target = format_value(self.target, unit, lang)
        if lang == "de":
            bound = "mindestens" if self.metric.higher_is_better else "höchstens"
            return (
                f"{self.metric.label(lang)}: {actual} (Ziel {bound} {target}) – {self.status(lang)}"
            )
        bound = "at least" if self.metric.higher_is_better else "at most"
        return (
            f"{self.metric.label(lang)}: {actual} (target {bound} {target}) – {self.status(lang)}"
        )


@frozen
class ReviewReport:
    """The outcome of an annual review: one result per target, notes and next year's targets.

    ``notes`` are the review's own notes followed by a success note for each target met and
    a need note for each target missed, in the requested language.
    """

    site_id: str
    year: int
    results: tuple[ReviewResult, ...]
    notes: tuple[ReviewNote, ...]
    next_targets: Mapping[str, float]

    @property
    def met(self) -> tuple[ReviewResult, ...]:
        return tuple(r for r in self.results if r.met is True)

    @property
    def missed(self) -> tuple[ReviewResult, ...]:
        return tuple(r for r in self.results if r.met is False)

    def result(self, metric_id: str) -> ReviewResult:
        """The result for one metric."""
        for r in self.results:
            if r.metric.id == metric_id:
                return r
        raise MetricsError(f"the review has no target for {metric_id!r}")

    def lines(self, lang: Language = "de") -> tuple[str, ...]:
        """The review as readable lines: heading, one line per target, next year's targets."""
        de = lang == "de"
        head = (
            f"Bilanz {self.year} – {self.site_id}"
            if de
            else f"Annual review {self.year} – {self.site_id}"
        )
        targets = "; ".join(
            f"{metric(mid).label(lang)} {format_value(value, metric(mid).unit, lang)}"
            for mid, value in self.next_targets.items()
        )
        upcoming = (
            f"Ziele {self.year + 1}: {targets}" if de else f"Targets {self.year + 1}: {targets}"
        )
        return (head, *(r.explain(lang) for r in self.results), upcoming)


def propose_next_target(definition: Metric, target: float, actual: Number | None) -> float:
    """Next year's target when the review sets none: keep the level reached when the target
    was met (never below the old target), otherwise keep the old target.

    Counts are rounded to whole numbers and rates and means to one decimal.
    """
    if actual is None:
        return target
    reached = Fraction(actual)
    digits = 0 if definition.unit == "count" else 1
    level = round(float(reached), digits)
    if definition.higher_is_better:
        proposal = max(float(target), level) if reached >= Fraction(target) else float(target)
    else:
        proposal = min(float(target), level) if reached <= Fraction(target) else float(target)
    return int(proposal) if digits == 0 else proposal


def evaluate_review(
    review: AnnualReview,
    figures: MetricsAggregate,
    *,
    by: Sequence[str] | None = None,
    group: Sequence[str] | None = None,
    lang: Language = "de",
) -> ReviewReport:
    """Compare an annual review's targets with the actual figures of its year.

    The figures are the cell of the review's site (``by=("site",)``, ``group=(site_id,)``)
    unless ``by``/``group`` name another cell (``by=()``, ``group=()``: the total, as for a
    regional or national review). Next year's targets are the review's own
    ``next_targets`` where given, otherwise :func:`propose_next_target`.
    """
    if not isinstance(review, AnnualReview):
        raise MetricsError(f"expected an AnnualReview, got {type(review).__name__}")
    if not isinstance(figures, MetricsAggregate):
        raise MetricsError(f"expected a MetricsAggregate, got {type(figures).__name__}")
    dims = ("site",) if by is None else tuple(by)
    values = (review.site_id,) if group is None and by is None else tuple(group or ())
    if len(dims) != len(values):
        raise MetricsError(f"group {values!r} does not fit the breakdown {dims!r}")
    if (review.year, dims, values) not in figures.cells:
        raise MetricsError(
            f"the figures have no cell for {review.year}, {dims!r} = {values!r}; "
            "aggregate with that breakdown first"
        )
    cell = figures.cell(review.year, dims, values)
    results: list[ReviewResult] = []
    notes: list[ReviewNote] = list(review.notes)
    next_targets: dict[str, float] = {}
    for metric_id, target in review.targets.items():
        definition = metric(metric_id)
        actual = cell.value(metric_id)
        met = None if actual is None else definition.is_met(actual, target)
        proposal = review.next_targets.get(metric_id)
        if proposal is None:
            proposal = propose_next_target(definition, target, actual)
        result = ReviewResult(definition, target, actual, met, proposal)
        results.append(result)
        next_targets[metric_id] = proposal
        if met is not None:
            kind = NoteKind.SUCCESS if met else NoteKind.NEED
            prefix = {True: ("Erfolg", "Success"), False: ("Bedarf", "Need")}[met]
            text = f"{prefix[0 if lang == 'de' else 1]}: {result.explain(lang)}"
            notes.append(ReviewNote(kind=kind, text=text))
    for metric_id, proposal in review.next_targets.items():
        metric(metric_id)
        next_targets.setdefault(metric_id, proposal)
    return ReviewReport(
        site_id=review.site_id,
        year=review.year,
        results=tuple(results),
        notes=tuple(notes),
        next_targets=next_targets,
    )
