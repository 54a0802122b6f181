"""Module recommendations from a needs assessment (implementation of :mod:`.recommend`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from types import MappingProxyType

from attrs import frozen

from ..exceptions import ArbeitGesundheitError, RecommendationError
from ..model import (
    FieldOfAction,
    HealthRestriction,
    Language,
    Module,
    NeedsAssessment,
    Participant,
    Recommendation,
    RecommendationCategory,
    RestrictionCategory,
    Severity,
    label,
)
from ._context import EligibilityContext
from ._decisions import Decision, format_date
from ._evaluation import evaluate
from ._rule import Rule
from ._verdicts import Verdict

__all__ = [
    "RECOMMENDATION_FIELDS",
    "RESTRICTION_FIELDS",
    "EligibilityCheck",
    "ExcludedModule",
    "ModuleSuggestion",
    "Suggestions",
    "recommend_modules",
]

F = FieldOfAction
R = RestrictionCategory

#: Fields of action that suit each restriction category (categories, never diagnoses).
RESTRICTION_FIELDS: Mapping[RestrictionCategory, tuple[FieldOfAction, ...]] = MappingProxyType(
    {
        R.MUSCULOSKELETAL: (F.MOVEMENT,),
        R.MENTAL: (F.STRESS, F.PSYCHOSOCIAL, F.RESILIENCE),
        R.METABOLIC: (F.NUTRITION, F.MOVEMENT),
        R.CARDIOVASCULAR: (F.MOVEMENT, F.NUTRITION, F.STRESS),
        R.RESPIRATORY: (F.MOVEMENT, F.ADDICTION),
        R.ADDICTION: (F.ADDICTION, F.PSYCHOSOCIAL),
        R.NEUROLOGICAL: (F.MOVEMENT, F.PSYCHOSOCIAL),
        R.SENSORY: (),
        R.OTHER: (),
    }
)

C = RecommendationCategory
#: Fields of action that act on each recommendation category of a medical report.
RECOMMENDATION_FIELDS: Mapping[RecommendationCategory, tuple[FieldOfAction, ...]] = (
    MappingProxyType(
        {
            C.NUTRITION_CHANGE: (F.NUTRITION,),
            C.MORE_EXERCISE: (F.MOVEMENT,),
            C.PREVENTION_COURSE: (F.MOVEMENT, F.NUTRITION, F.STRESS, F.ADDICTION),
            C.STRESS_MANAGEMENT: (F.STRESS, F.RESILIENCE),
            C.PSYCHOSOCIAL_SUPPORT: (F.PSYCHOSOCIAL, F.RESILIENCE),
            C.ADDICTION_COUNSELLING: (F.ADDICTION,),
        }
    )
)

_NEED_POINTS = 3
_RESTRICTION_POINTS = 2
_RECOMMENDATION_POINTS = 2
_CERTIFIED_POINTS = 1
_FULL_PENALTY = 2
_UNKNOWN_PENALTY = 1

#: A site's own eligibility check: called with the participant and the day, it answers
#: True/False/None (unknown), a :class:`Verdict` or a :class:`Decision`.
EligibilityCheck = Callable[[Participant, date], object]


@frozen
class ModuleSuggestion:
    """One recommended module with its rank, score and the reasons for it.

    ``eligibility`` is None when no rule was given for the module; ``Verdict.UNKNOWN`` flags
    a module whose access criteria could not be decided (data missing).
    """

    module: Module
    rank: int
    score: int
    reasons: tuple[str, ...]
    eligibility: Verdict | None = None
    free_places: int | None = None
    decision: Decision | None = None

    @property
    def needs_clarification(self) -> bool:
        """True when eligibility is unknown and must be clarified before enrolling."""
        return self.eligibility is Verdict.UNKNOWN


@frozen
class ExcludedModule:
    """A module left out of the ranking, with the reasons."""

    module: Module
    reasons: tuple[str, ...]
    decision: Decision | None = None


@frozen
class Suggestions:
    """The ranked modules for one participant and the modules left out."""

    participant: str
    on: date
    ranked: tuple[ModuleSuggestion, ...]
    excluded: tuple[ExcludedModule, ...]

    def explain(self, lang: Language = "de") -> tuple[str, ...]:
        """Readable lines: each ranked module with its reasons (German by default)."""
        lines: list[str] = []
        for s in self.ranked:
            lines.append(f"{s.rank}. {s.module.title}")
            lines.extend(f"   - {reason}" for reason in s.reasons)
        return tuple(lines)


def _texts(lang: Language) -> dict[str, str]:
    if lang == "de":
        return {
            "need": "Bedarf im Handlungsfeld {field} (Bedarfsermittlung vom {day})",
            "restriction": "passt zur Einschränkung {category}{severity}",
            "recommendation": "entspricht der Empfehlung „{category}“ (vom {day})",
            "certified": "zertifizierter Präventionskurs ({issuer}, gültig bis {day})",
            "places": "{n} freie Plätze",
            "one_place": "1 freier Platz",
            "full": "derzeit keine freien Plätze (Warteliste)",
            "met": "Zugangsvoraussetzungen erfüllt",
            "unknown": "Zugangsvoraussetzungen ungeklärt{missing}",
            "missing": ": es fehlen Angaben zu {fields}",
            "not_met": "Zugangsvoraussetzungen nicht erfüllt",
            "unmatched": "kein Bezug zu Bedarf, Einschränkungen oder Empfehlungen",
        }
    return {
        "need": "need in the field of action {field} (needs assessment of {day})",
        "restriction": "suits the restriction {category}{severity}",
        "recommendation": "follows the recommendation “{category}” (of {day})",
        "certified": "certified prevention course ({issuer}, valid until {day})",
        "places": "{n} places free",
        "one_place": "1 place free",
        "full": "no places free at present (waitlist)",
        "met": "access criteria met",
        "unknown": "access criteria unclear{missing}",
        "missing": ": data missing on {fields}",
        "not_met": "access criteria not met",
        "unmatched": "no link to needs, restrictions or recommendations",
    }


def _verdict_of(result: object, module: Module) -> tuple[Verdict, Decision | None]:
    if isinstance(result, Decision):
        return result.verdict, result
    if isinstance(result, Verdict):
        return result, None
    if result is None:
        return Verdict.UNKNOWN, None
    if isinstance(result, bool):
        return (Verdict.MET if result else Verdict.NOT_MET), None
    raise RecommendationError(
        f"eligibility check for module {module.id} returned {result!r}; expected "
        "True, False, None, a Verdict or a Decision"
    )


def _check_eligibility(
    check: Rule | EligibilityCheck,
    participant: Participant | None,
    module: Module,
    on: date,
    context: EligibilityContext | None,
) -> tuple[Verdict, Decision | None]:
    if participant is None:
        return Verdict.UNKNOWN, None
    if isinstance(check, Rule):
        base = context or EligibilityContext(as_of=on)
        return _verdict_of(evaluate(check, participant, base.for_module(module)), module)
    if not callable(check):
        raise RecommendationError(
            f"eligibility for module {module.id}: expected a Rule or a function, got {check!r}"
        )
    try:
        result = check(participant, on)
    except ArbeitGesundheitError:
        raise
    except Exception as exc:
        raise RecommendationError(
            f"eligibility check for module {module.id} failed: {type(exc).__name__}: {exc}"
        ) from exc
    return _verdict_of(result, module)


def recommend_modules(  # noqa: PLR0915 - scoring reads best in one place
    needs: NeedsAssessment,
    modules: Iterable[Module],
    *,
    participant: Participant | None = None,
    restrictions: Iterable[HealthRestriction] | None = None,
    recommendations: Iterable[Recommendation] = (),
    eligibility: Mapping[str, Rule | EligibilityCheck] | Rule | None = None,
    free_places: Mapping[str, int] | None = None,
    on: date | None = None,
    context: EligibilityContext | None = None,
    include_unmatched: bool = False,
    lang: Language = "de",
) -> Suggestions:
    """Rank a site's modules for a participant, each with the reasons for its rank.

    Points: 3 for a need in the module's field of action, 2 per restriction category and per
    report recommendation that the field suits (see :data:`RESTRICTION_FIELDS` and
    :data:`RECOMMENDATION_FIELDS`), 1 for a certification valid on ``on``; minus 2 when no
    place is free and minus 1 when eligibility is unknown. Modules whose eligibility rule is
    not met are excluded; so are modules with no link to needs, restrictions or
    recommendations unless ``include_unmatched``. Ties are broken by title.

    ``eligibility`` is one :class:`Rule` for every module or rules/functions by module id;
    ``free_places`` maps module ids to free places (absent: not known); ``restrictions``
    default to the participant's. ``on`` defaults to the day of the needs assessment.
    """
    if not isinstance(needs, NeedsAssessment):
        raise RecommendationError(f"expected a NeedsAssessment, got {type(needs).__name__}")
    if participant is not None:
        if not isinstance(participant, Participant):
            raise RecommendationError(f"expected a Participant, got {type(participant).__name__}")
        if participant.pseudonym != needs.participant:
            raise RecommendationError(
                f"the needs assessment is for {needs.participant}, not {participant.pseudonym}"
            )
    day = needs.on if on is None else on
    if type(day) is not date:
        raise RecommendationError(f"on: expected a date, got {day!r}")
    catalogue = list(modules)
    for module in catalogue:
        if not isinstance(module, Module):
            raise RecommendationError(f"expected modules, got {module!r}")
    if len({m.id for m in catalogue}) != len(catalogue):
        raise RecommendationError("a module appears twice in the catalogue")
    places = dict(free_places or {})
    for key, count in places.items():
        if type(count) is not int or count < 0:
            raise RecommendationError(f"free places for {key!r}: expected a count, got {count!r}")
    chosen_restrictions = list(
        restrictions
        if restrictions is not None
        else (participant.restrictions if participant is not None else ())
    )
    for item in chosen_restrictions:
        if not isinstance(item, HealthRestriction):
            raise RecommendationError(f"expected HealthRestriction items, got {item!r}")
    report = list(recommendations)
    for rec in report:
        if not isinstance(rec, Recommendation):
            raise RecommendationError(f"expected Recommendation items, got {rec!r}")
    text = _texts(lang)

    scored: list[tuple[tuple[int, int, int, str, str], ModuleSuggestion]] = []
    excluded: list[ExcludedModule] = []
    for module in catalogue:
        field = module.field_of_action
        score = 0
        reasons: list[str] = []
        if field in needs.needs:
            score += _NEED_POINTS
            reasons.append(
                text["need"].format(field=label(field, lang), day=format_date(needs.on, lang))
            )
        for restriction in chosen_restrictions:
            if field in RESTRICTION_FIELDS.get(restriction.category, ()):
                score += _RESTRICTION_POINTS
                severity = (
                    f" ({label(restriction.severity, lang)})"
                    if isinstance(restriction.severity, Severity)
                    else ""
                )
                reasons.append(
                    text["restriction"].format(
                        category=label(restriction.category, lang), severity=severity
                    )
                )
        for rec in report:
            if field in RECOMMENDATION_FIELDS.get(rec.category, ()):
                score += _RECOMMENDATION_POINTS
                reasons.append(
                    text["recommendation"].format(
                        category=label(rec.category, lang), day=format_date(rec.issued_on, lang)
                    )
                )
        if score == 0 and not include_unmatched:
            excluded.append(ExcludedModule(module, (text["unmatched"],)))
            continue
        cert = module.certification
        if cert is not None and cert.is_valid(day):
            score += _CERTIFIED_POINTS
            reasons.append(
                text["certified"].format(
                    issuer=cert.issuer, day=format_date(cert.valid_until, lang)
                )
            )
        verdict: Verdict | None = None
        decision: Decision | None = None
        check = eligibility if isinstance(eligibility, Rule) else None
        if isinstance(eligibility, Mapping):
            check = eligibility.get(module.id)  # type: ignore[assignment]
        elif eligibility is not None and not isinstance(eligibility, Rule):
            raise RecommendationError(
                f"eligibility: expected a Rule or rules by module id, got {eligibility!r}"
            )
        if check is not None:
            verdict, decision = _check_eligibility(check, participant, module, day, context)
            if verdict is Verdict.NOT_MET:
                lines: tuple[str, ...] = (text["not_met"],)
                if decision is not None:
                    lines += tuple(
                        r.explain(lang) for r in decision.results if r.verdict is Verdict.NOT_MET
                    )
                excluded.append(ExcludedModule(module, lines, decision))
                continue
            if verdict is Verdict.MET:
                reasons.append(text["met"])
            else:
                score -= _UNKNOWN_PENALTY
                missing = ""
                if decision is not None and decision.missing:
                    missing = text["missing"].format(fields=", ".join(decision.missing))
                reasons.append(text["unknown"].format(missing=missing))
        free = places.get(module.id)
        if free is not None:
            if free == 0:
                score -= _FULL_PENALTY
                reasons.append(text["full"])
            else:
                reasons.append(text["one_place"] if free == 1 else text["places"].format(n=free))
        suggestion = ModuleSuggestion(
            module=module,
            rank=0,
            score=score,
            reasons=tuple(reasons),
            eligibility=verdict,
            free_places=free,
            decision=decision,
        )
        sort_key = (-score, 1 if free == 0 else 0, 1 if verdict is Verdict.UNKNOWN else 0,
                    module.title, module.id)  # fmt: skip
        scored.append((sort_key, suggestion))
    scored.sort(key=lambda item: item[0])
    ranked = tuple(
        ModuleSuggestion(
            module=s.module,
            rank=rank,
            score=s.score,
            reasons=s.reasons,
            eligibility=s.eligibility,
            free_places=s.free_places,
            decision=s.decision,
        )
        for rank, (_key, s) in enumerate(scored, start=1)
    )
    return Suggestions(
        participant=needs.participant, on=day, ranked=ranked, excluded=tuple(excluded)
    )
