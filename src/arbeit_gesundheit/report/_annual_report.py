"""The entry points of the annual report: from a site's data to an :class:`AnnualReport`.

:func:`annual_report` reduces a site's data (a :class:`Dataset`, a JSON Lines file or a
ready :class:`MetricsAggregate`) to an :class:`AnnualReport`: sections of
:class:`ReportTable` s and :class:`Chart` s that hold nothing but protected figures. Every
count goes through small-count protection (a :class:`SuppressionPolicy` with the report's
``min_count`` by default, or a :class:`RoundingPolicy`) *before* the report exists, so an
exporter (CSV, XLSX, HTML, JSON, FHIR, a plugin's) can only ever see protected figures.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date

from ..disclosure import CountTable, ProtectedTable, RoundingPolicy, SuppressionPolicy
from ..exceptions import InvalidFieldError
from ..metrics import MetricsAggregate, aggregate, aggregate_jsonl
from ..model import Dataset, Language, Module, Partner, Site
from ._builder import _Builder
from ._document import AnnualReport
from ._protection import _labels
from ._sections import _REASONS, _sections
from ._tables import ReportTable, Row, _t
from ._topics import _topics

__all__ = ["REPORT_DIMENSIONS", "annual_report", "build_report", "report_breakdowns"]

#: The breakdowns of the annual report, in report order.
REPORT_DIMENSIONS: tuple[str, ...] = (
    "field_of_action",
    "module",
    "provider",
    "gender",
    "age_band",
    "benefit",
)


def _check_arguments(
    *,
    site: object,
    year: object,
    lang: object,
    min_count: object,
    policy: object,
    dimensions: Sequence[str],
) -> SuppressionPolicy | RoundingPolicy:
    """Check the report's arguments; returns the policy to apply."""
    if lang not in ("de", "en"):
        raise InvalidFieldError("build_report", "lang", "'de' or 'en'", lang)
    if type(min_count) is not int or not 1 <= min_count <= 1000:
        raise InvalidFieldError(
            "build_report", "min_count", "a whole number from 1 to 1000", min_count
        )
    if type(year) is not int or not 1900 <= year <= 2200:
        raise InvalidFieldError("build_report", "year", "a year such as 2024", year)
    chosen = policy if policy is not None else SuppressionPolicy(threshold=min_count)
    if not isinstance(chosen, SuppressionPolicy | RoundingPolicy):
        raise InvalidFieldError(
            "build_report", "policy", "a SuppressionPolicy or RoundingPolicy", policy
        )
    unknown = [d for d in dimensions if d not in REPORT_DIMENSIONS]
    if unknown:
        raise InvalidFieldError(
            "build_report", "dimensions", f"some of {', '.join(REPORT_DIMENSIONS)}", unknown
        )
    if not isinstance(site, Site) and not (isinstance(site, str) and site):
        raise InvalidFieldError("build_report", "site", "a Site or a site identifier", site)
    return chosen


def build_report(
    figures: MetricsAggregate,
    *,
    site: Site | str,
    year: int,
    lang: Language = "de",
    min_count: int = 3,
    policy: SuppressionPolicy | RoundingPolicy | None = None,
    dimensions: Sequence[str] = REPORT_DIMENSIONS,
    modules: Sequence[Module] = (),
    partners: Sequence[Partner] = (),
    source: str | None = None,
) -> AnnualReport:
    """The annual report of ``site`` for ``year`` from an aggregate.

    ``figures`` must contain the breakdowns of :func:`report_breakdowns` (as
    :func:`annual_report` computes them). ``modules`` and ``partners`` (the site's catalogue)
    give readable names for modules and providers. ``policy`` defaults to
    ``SuppressionPolicy(threshold=min_count)``.
    """
    if not isinstance(figures, MetricsAggregate):
        raise InvalidFieldError("build_report", "figures", "a MetricsAggregate", figures)
    chosen = _check_arguments(
        site=site, year=year, lang=lang, min_count=min_count, policy=policy,
        dimensions=dimensions,
    )  # fmt: skip
    if isinstance(site, Site):
        site_id, site_name, site_model = site.id, site.name, site
    elif isinstance(site, str) and site:
        site_id, site_name, site_model = site, site, None
    else:
        raise InvalidFieldError("build_report", "site", "a Site or a site identifier", site)
    names: dict[str, dict[str, str]] = {
        "module": {m.id: m.title for m in modules},
        "provider": {p.id: p.name for p in partners},
    }
    builder = _Builder(
        figures,
        site_id=site_id,
        year=year,
        lang=lang,
        policy=chosen,
        min_count=min_count,
        dimensions=dimensions,
        names=names,
    )
    topics = {topic.id: topic for topic in _topics(builder)}
    reasons = builder.total().dropout_reasons
    reason_counts = CountTable(
        rows=_labels("r", len(_REASONS)),
        columns=("n",),
        cells=[(reasons.get(r.value, 0),) for r in _REASONS],
    )
    built: dict[str, tuple[ReportTable, dict[str, list[tuple[str, Row]]]]] = {}
    extra: list[ProtectedTable] = []
    for key, topic in topics.items():
        if key == "participation":
            # The dropouts by reason add up to the dropouts (column 1 of the total row).
            links = [((len(_REASONS), 1), 1)]
            table, blocks, extra = builder.topic_table(topic, [(reason_counts, links)])
        else:
            table, blocks, _ = builder.topic_table(topic)
        built[key] = (table, blocks)
    sections = _sections(builder, built, extra[0])
    if isinstance(chosen, SuppressionPolicy):
        method = f"suppression < {chosen.threshold}"
        note = _t(
            lang,
            f"Fallzahlen unter {chosen.threshold} sowie Werte, aus denen sie sich errechnen "
            "ließen, sind durch einen Punkt (.) ersetzt. Anteile werden nur aus ausgewiesenen "
            "Zahlen berechnet.",
            f"Counts below {chosen.threshold}, and figures from which they could be worked "
            "out, are replaced by a dot (.). Shares are computed from shown counts only.",
        )
    else:
        method = f"rounding to {chosen.base}"
        note = _t(
            lang,
            f"Alle Fallzahlen sind auf Vielfache von {chosen.base} gerundet; Summen können "
            "daher abweichen. Anteile werden aus den gerundeten Zahlen berechnet.",
            f"All counts are rounded to multiples of {chosen.base}, so totals may differ. "
            "Shares are computed from the rounded counts.",
        )
    notes = (
        note,
        _t(lang, "– = kein Wert (nichts zu teilen).", "– = no figure (nothing to divide by)."),
        _t(
            lang,
            f"Berichtsjahr {year}: Teilnahmen an Angeboten, die {year} beginnen.",
            f"Reporting year {year}: enrolments in offerings starting in {year}.",
        ),
    )
    return AnnualReport(
        site_id=site_id,
        site_name=site_name,
        year=year,
        lang=lang,
        min_count=min_count,
        method=method,
        sections=sections,
        notes=notes,
        site=site_model,
        source=source,
    )


def report_breakdowns(dimensions: Sequence[str] = REPORT_DIMENSIONS) -> list[tuple[str, ...]]:
    """The ``by`` argument of :func:`~arbeit_gesundheit.metrics.aggregate` a report needs."""
    return [("site",), *(("site", d) for d in dimensions)]


def annual_report(
    source: Dataset | MetricsAggregate | str | os.PathLike[str],
    *,
    site: Site | str,
    year: int,
    lang: Language = "de",
    min_count: int = 3,
    policy: SuppressionPolicy | RoundingPolicy | None = None,
    dimensions: Sequence[str] = REPORT_DIMENSIONS,
    modules: Sequence[Module] = (),
    partners: Sequence[Partner] = (),
    workers: int | None = None,
    as_of: date | None = None,
) -> AnnualReport:
    """The annual report of ``site`` for ``year``.

    ``source`` is a :class:`Dataset`, the path of a JSON Lines data file (read straight into
    the metrics, without building models) or a :class:`MetricsAggregate` with the
    breakdowns of :func:`report_breakdowns`. Only records of ``site`` count, and only as far
    as consent allows: ``as_of`` is the reference day of the consent rule (None: every
    withdrawal in the data counts; see :func:`~arbeit_gesundheit.metrics.aggregate`). See
    :func:`build_report` for the other arguments.
    """
    _check_arguments(
        site=site, year=year, lang=lang, min_count=min_count, policy=policy,
        dimensions=dimensions,
    )  # fmt: skip
    by = report_breakdowns(dimensions)
    description: str | None = None
    if isinstance(source, MetricsAggregate):
        figures = source
    elif isinstance(source, Dataset):
        figures = aggregate(source, year=year, by=by, as_of=as_of)
    elif isinstance(source, str | os.PathLike):
        figures = aggregate_jsonl(source, year=year, by=by, workers=workers, as_of=as_of)
        description = os.path.basename(os.fspath(source))
    else:
        raise InvalidFieldError(
            "annual_report",
            "source",
            "a Dataset, a MetricsAggregate or the path of a JSON Lines file",
            source,
        )
    return build_report(
        figures,
        site=site,
        year=year,
        lang=lang,
        min_count=min_count,
        policy=policy,
        dimensions=dimensions,
        modules=modules,
        partners=partners,
        source=description,
    )
