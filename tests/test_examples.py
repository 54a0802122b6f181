"""The site examples run as scripts, and the figures they print match the library's.

Each example runs once in a subprocess (``sys.executable``); the test then rebuilds the same
seeded synthetic data through the example's own builder and recomputes the printed figures
independently (counting records directly, not through the metrics module where possible).
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType

import pytest

from arbeit_gesundheit import (
    BenefitType,
    ConsentPurpose,
    EnrolmentStatus,
    OutcomeKind,
    PartnerKind,
    StepStatus,
)
from arbeit_gesundheit.eligibility import Verdict
from arbeit_gesundheit.metrics import countable, metric
from arbeit_gesundheit.plugins.registry import get_registry

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SITE_EXAMPLES = {
    "gelsenkirchen": "gelsenkirchen_places.py",
    "duisburg": "duisburg_review.py",
    "viersen": "viersen_plans.py",
    "ilmkreis": "ilmkreis_counselling.py",
    "unstrut_hainich": "unstrut_hainich_agreement.py",
}
PLACE_TAKEN = {
    EnrolmentStatus.REGISTERED,
    EnrolmentStatus.ACTIVE,
    EnrolmentStatus.COMPLETED,
    EnrolmentStatus.DROPPED,
}

_cache: dict[str, tuple[str, ModuleType]] = {}


def _run(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_example_{Path(name).stem}", EXAMPLES / name)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _example(site: str) -> tuple[str, ModuleType]:
    """The example's printed output (run once) and the example loaded as a module."""
    if site not in _cache:
        name = SITE_EXAMPLES[site]
        result = _run(name)
        assert result.returncode == 0, result.stderr
        _cache[site] = (result.stdout, _load(name))
    return _cache[site]


def _number(text: str) -> int:
    """A German whole number as printed (``5.425``)."""
    return int(text.replace(".", ""))


def _line_value(output: str, prefix: str) -> int:
    match = re.search(rf"^{re.escape(prefix)}\s*([\d.]+)\s*$", output, re.MULTILINE)
    assert match is not None, f"no line starting {prefix!r}"
    return _number(match.group(1))


@pytest.mark.parametrize("site", sorted(SITE_EXAMPLES))
def test_example_runs_and_says_data_are_synthetic(site: str) -> None:
    output, _module = _example(site)
    assert "synthetisch" in output
    assert get_registry().site(site).site.name in output


def test_every_site_has_an_example() -> None:
    provided = {s.id for s in get_registry().sites()} - {"musterstadt"}
    assert provided <= set(SITE_EXAMPLES)
    for name in SITE_EXAMPLES.values():
        assert (EXAMPLES / name).is_file()


def test_gelsenkirchen_places_match_the_records() -> None:
    output, module = _example("gelsenkirchen")
    printed = _line_value(output, "Teilnahmeplätze seit Mai 2016 insgesamt:")
    cohorts = module.build_cohorts()
    # places of people whose participation consent allows counting them (the consent rule)
    counted = sum(
        e.status in PLACE_TAKEN
        for cohort in cohorts.values()
        for e in countable(cohort.data).enrolments
    )
    assert printed == counted
    assert printed == module.places_filled_since_may_2016(module.figures_of(cohorts))
    assert printed > 4000
    bundle = get_registry().site("gelsenkirchen")
    start = min(a.valid_from for a in bundle.agreements)
    for cohort in cohorts.values():
        for offering in cohort.data.offerings:
            assert start <= offering.starts_on <= module.STAND


def test_gelsenkirchen_enrolments_meet_the_plugin_rules() -> None:
    _output, module = _example("gelsenkirchen")
    bundle = get_registry().site("gelsenkirchen")
    for cohort in module.build_cohorts().values():
        data = cohort.data
        people = {p.pseudonym: p for p in data.participants}
        module_of = {o.id: o.module_id for o in data.offerings}
        for enrolment in data.enrolments[::25]:
            decision = bundle.evaluate(
                people[enrolment.participant],
                module_of[enrolment.offering_id],
                enrolment.enrolled_on,
            )
            assert decision.verdict is not Verdict.NOT_MET


def test_duisburg_review_matches_the_records() -> None:
    output, module = _example("duisburg")
    data = module.build_cohort()
    year = module.REVIEW_YEAR
    starts = {o.id: o.starts_on for o in data.offerings}
    reached = {  # only places the consent rule lets a figure count
        e.participant
        for e in countable(data).enrolments
        if e.status in PLACE_TAKEN and starts[e.offering_id].year == year
    }
    match = re.search(r"Erreichte Teilnehmende: ([\d.]+) \(Ziel mindestens ([\d.]+)\) – (.+)$",
                      output, re.MULTILINE)  # fmt: skip
    assert match is not None
    assert _number(match.group(1)) == len(reached)
    met = len(reached) >= _number(match.group(2))
    assert match.group(3) == ("Ziel erreicht" if met else "Ziel verfehlt")
    assert f"Ziele {year + 1}:" in output
    for metric_id in module.last_years_review().targets:
        assert f"  {metric(metric_id).label()}: " in output


def test_duisburg_club_membership_is_counted_independently() -> None:
    output, module = _example("duisburg")
    bundle = get_registry().site("duisburg")
    data = module.build_cohort()
    clubs = {p.id for p in bundle.partners if p.kind is PartnerKind.SPORTS_CLUB}
    club_runs = {o.id: o.provider_id for o in data.offerings if o.provider_id in clubs}
    completers: dict[tuple[str, str], date] = {}
    for e in data.enrolments:
        end = e.ended_on
        if e.offering_id in club_runs and e.status is EnrolmentStatus.COMPLETED and end:
            key = (club_runs[e.offering_id], e.participant)
            completers[key] = max(end, completers.get(key, end))
    joined = sum(
        any(
            o.kind is OutcomeKind.CLUB_MEMBERSHIP
            and o.partner_id == club
            and o.participant == person
            and end <= o.on <= end + timedelta(days=module.CLUB_JOIN_DAYS)
            for o in data.outcomes
        )
        for (club, person), end in completers.items()
    )
    assert joined > 0
    share = 100 * joined / len(completers)
    printed = f"{share:.1f}".replace(".", ",")
    assert f"Vereinsbeitritte nach Vereinskurs (binnen 6 Monaten): {printed} %" in output


def test_viersen_plans_and_overdue_steps_match_the_records(tmp_path: Path) -> None:
    output, module = _example("viersen")
    data = module.build_dataset().data
    stand = module.STAND
    overdue = sum(
        1
        for plan in data.plans
        for goal in plan.goals
        for step in goal.steps
        if step.status in (StepStatus.OPEN, StepStatus.IN_PROGRESS) and step.due_on < stand
    )
    assert _line_value(output, f"Überfällige Schritte am {stand:%d.%m.%Y}:") == overdue
    plans_row = re.search(r"Aktivitätspläne je Health Care Coach\n.*\n(?:.*\n){4}\s*Insgesamt.*?([\d.]+)\n",
                          output)  # fmt: skip
    assert plans_row is not None
    assert _number(plans_row.group(1)) == len(countable(data).plans)  # plans are health data
    assert len({plan.coach_id for plan in data.plans}) == 4
    for referral in data.referrals:
        person = next(p for p in data.participants if p.pseudonym == referral.participant)
        assert person.has_consent(
            ConsentPurpose.DATA_SHARING, referral.referred_on, recipient=referral.partner_id
        )
    written = _run(SITE_EXAMPLES["viersen"], "--output-dir", str(tmp_path))
    assert written.returncode == 0, written.stderr
    [csv_file] = tmp_path.iterdir()
    assert csv_file.suffix == ".csv"
    assert "Regionales Präventionszentrum" in csv_file.read_text(encoding="utf-8-sig")


def test_ilmkreis_recommendations_respect_eligibility() -> None:
    output, module = _example("ilmkreis")
    bundle = get_registry().site("ilmkreis")
    data = module.build_dataset()
    people = {p.pseudonym: p for p in data.participants}
    pairs = module.recommendations(bundle, data)
    assert pairs
    for needs, suggestions in pairs[::10]:
        for suggestion in suggestions.ranked:
            decision = bundle.evaluate(people[needs.participant], suggestion.module.id, needs.on)
            assert decision.verdict is not Verdict.NOT_MET
    runs = {
        o.id
        for o in data.offerings
        if o.module_id == "ilm-aktiva" and o.starts_on.year == module.YEAR
    }
    places = sum(
        e.status in PLACE_TAKEN for e in countable(data).enrolments if e.offering_id in runs
    )
    assert _line_value(output, f"AktivA-Teilnahmeplätze {module.YEAR}:") == places
    digital = [e for e in data.events if e.format.value == "digital"]
    assert [e.on.year for e in digital] == [2021]


def test_unstrut_hainich_figures_match_the_records(tmp_path: Path) -> None:
    output, module = _example("unstrut_hainich")
    data = module.build_dataset()
    reached = {e.participant for e in countable(data).enrolments if e.status in PLACE_TAKEN}
    assert _line_value(output, "Erreichte Personen seit 2017 insgesamt:") == len(reached)
    assert 450 <= len(reached) <= 550
    [event] = data.events
    assert len(event.partner_ids) == 12
    assert f"{event.title} am {event.on:%d.%m.%Y}: 12 Netzwerkpartner" in output
    answers = sum(a.instrument == module.FEEDBACK_INSTRUMENT for a in data.assessments)
    assert answers > 0
    assert re.search(rf"Ich nutze die Angebote jetzt selbst aktiv\..*\s{answers}\n", output)
    assert "teamwork-gkv-report" in output
    assert "ag-programme-teamwork" in output
    written = _run(SITE_EXAMPLES["unstrut_hainich"], "--output-dir", str(tmp_path))
    assert written.returncode == 0, written.stderr
    [csv_file] = tmp_path.iterdir()
    assert "GKV-Bündnis" in csv_file.read_text(encoding="utf-8-sig")


def test_unstrut_hainich_funding_follows_the_agreements() -> None:
    _output, module = _example("unstrut_hainich")
    bundle = get_registry().site("unstrut_hainich")
    for benefit, expected in (
        (BenefitType.SGB_II, (Verdict.MET, Verdict.MET, Verdict.MET)),
        (BenefitType.SGB_III, (Verdict.NOT_MET, Verdict.NOT_MET, Verdict.MET)),
    ):
        person = module._example_person(benefit)
        verdicts = tuple(
            bundle.evaluate(person, "uh-rundum-fit", day).verdict for day in module.DECISION_DAYS
        )
        assert verdicts == expected
    for day in module.DECISION_DAYS:
        assert any(a.is_active(day) for a in bundle.agreements)
