"""The five seed sites and the teamw()rk programme as plugins (plugins/*).

Each plugin passes the conformance mixins on its own; the site-specific facts from the seed
texts are checked against the registry built from the installed entry points, and the
teamw()rk plugin is shown to compose with the Thuringian sites through the hooks only.

The plugins must be installed (``pip install -e plugins/<name>``); the tests are skipped
otherwise.
"""

from __future__ import annotations

import ast
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from ag_programme_teamwork import (
    plugin as teamwork,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_programme_teamwork import rules as teamwork_rules
from ag_site_duisburg import (
    plugin as duisburg,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_site_gelsenkirchen import catalogue as ge
from ag_site_gelsenkirchen import (
    plugin as gelsenkirchen,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_site_gelsenkirchen.rules import WorkCapacityAtLeast
from ag_site_ilmkreis import (
    plugin as ilmkreis,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_site_unstrut_hainich import catalogue as uh
from ag_site_unstrut_hainich import (
    plugin as unstrut_hainich,  # installed by requirements/test.txt: a missing plugin fails
)
from ag_site_unstrut_hainich.rules import FundedByAgreement
from ag_site_viersen import catalogue as vie
from ag_site_viersen import (
    plugin as viersen,  # installed by requirements/test.txt: a missing plugin fails
)
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from arbeit_gesundheit import (
    BenefitType,
    CoachRole,
    Consent,
    ConsentPurpose,
    DailyWorkCapacity,
    Dataset,
    FieldOfAction,
    FundingSource,
    HealthRestriction,
    Land,
    ModuleFormat,
    Participant,
    PartnerKind,
    RestrictionCategory,
    Severity,
)
from arbeit_gesundheit.eligibility import EligibilityContext, Verdict
from arbeit_gesundheit.plugins import Exporter, PluginManager, get_registry
from arbeit_gesundheit.plugins.registry import Registry
from arbeit_gesundheit.testing import strategies as ags
from arbeit_gesundheit.testing.conformance import PluginConformance, SitePluginConformance

PLUGINS_DIR = Path(__file__).parent.parent / "plugins"
NW_SITES = ("gelsenkirchen", "duisburg", "viersen")
TH_SITES = ("ilmkreis", "unstrut_hainich")
SEED_SITES = NW_SITES + TH_SITES
DISTRIBUTIONS = {
    "gelsenkirchen": "ag-site-gelsenkirchen",
    "duisburg": "ag-site-duisburg",
    "viersen": "ag-site-viersen",
    "ilmkreis": "ag-site-ilmkreis",
    "unstrut_hainich": "ag-site-unstrut-hainich",
}


# -- conformance: each plugin on its own -------------------------------------------------------


class TestGelsenkirchenConformance(SitePluginConformance):
    plugin = gelsenkirchen.plugin
    site_ids = ("gelsenkirchen",)


class TestDuisburgConformance(SitePluginConformance):
    plugin = duisburg.plugin
    site_ids = ("duisburg",)


class TestViersenConformance(SitePluginConformance):
    plugin = viersen.plugin
    site_ids = ("viersen",)

    def data_for_export(self, exporter: Exporter, registry: Registry) -> SearchStrategy[Dataset]:
        """Datasets with the four coaches' activity plans (the default has no plans)."""
        plans = ags.activity_plans(
            coach_ids=st.sampled_from([c.id for c in vie.COACHES]),
            goals=st.lists(ags.goals(steps=st.lists(ags.steps(), max_size=3)), max_size=2),
        )
        return st.builds(Dataset, coaches=st.just(vie.COACHES), plans=st.lists(plans, max_size=4))


class TestIlmkreisConformance(SitePluginConformance):
    plugin = ilmkreis.plugin
    site_ids = ("ilmkreis",)


class TestUnstrutHainichConformance(SitePluginConformance):
    plugin = unstrut_hainich.plugin
    site_ids = ("unstrut_hainich",)


class TestTeamworkConformance(PluginConformance):
    """The programme plugin, with the two Thuringian sites so that its report has data."""

    plugin = teamwork

    def make_plugin_manager(self) -> PluginManager:
        manager = PluginManager(entry_points=False, environ={})
        manager.register(ilmkreis.plugin, "ilmkreis")
        manager.register(unstrut_hainich.plugin, "unstrut_hainich")
        manager.register(teamwork, self.plugin_name)
        return manager


class TestUnstrutHainichWithTeamworkConformance(SitePluginConformance):
    """A site and the programme plugin together: rules from both never raise, ids stay
    unique."""

    plugin = unstrut_hainich.plugin
    site_ids = ("unstrut_hainich",)

    def make_plugin_manager(self) -> PluginManager:
        manager = PluginManager(entry_points=False, environ={})
        manager.register(unstrut_hainich.plugin, self.plugin_name)
        manager.register(teamwork, "teamwork")
        return manager


# -- the registry built from the installed entry points ---------------------------------------


@pytest.fixture(scope="module")
def registry() -> Registry:
    return get_registry(PluginManager(environ={}))


def test_registry_lists_all_five_sites(registry: Registry) -> None:
    assert set(SEED_SITES) <= set(registry.site_ids())
    ours = [p for p in registry.problems if p.site_id in SEED_SITES]
    assert not ours, ours


@pytest.mark.parametrize("site_id", SEED_SITES)
def test_site_comes_from_its_own_distribution(registry: Registry, site_id: str) -> None:
    bundle = registry.site(site_id)
    assert bundle.plugin.distribution == DISTRIBUTIONS[site_id]
    for module in bundle.modules:
        assert bundle.origin("module", module.id).distribution == DISTRIBUTIONS[site_id]


@pytest.mark.parametrize(
    ("site_id", "land", "district"),
    [
        ("gelsenkirchen", Land.NW, "05513"),
        ("duisburg", Land.NW, "05112"),
        ("viersen", Land.NW, "05166"),
        ("ilmkreis", Land.TH, "16070"),
        ("unstrut_hainich", Land.TH, "16064"),
    ],
)
def test_site_land_and_district(
    registry: Registry, site_id: str, land: Land, district: str
) -> None:
    site = registry.site(site_id).site
    assert site.land is land
    assert site.district_keys == {district}


@pytest.mark.parametrize("site_id", SEED_SITES)
def test_courses_follow_prevention_course_norms(registry: Registry, site_id: str) -> None:
    """Certified prevention courses: 8-12 sessions of 45-90 minutes, at most 15 places, and
    course series never take more than 15 people."""
    bundle = registry.site(site_id)
    for module in bundle.modules:
        if module.certification is not None:
            assert module.field_of_action.is_prevention_field, module.id
            assert 8 <= module.sessions <= 12, module.id
            assert 45 <= module.session_minutes <= 90, module.id
            assert module.places is not None, module.id
        if module.format is ModuleFormat.COURSE_SERIES:
            assert module.places is not None, module.id
            assert module.places <= 15, module.id


@pytest.mark.parametrize("site_id", SEED_SITES)
def test_module_ids_carry_a_site_prefix(registry: Registry, site_id: str) -> None:
    prefixes = {m.id.split("-")[0] for m in registry.site(site_id).modules}
    assert len(prefixes) == 1


def test_module_ids_unique_across_sites(registry: Registry) -> None:
    ids = [m.id for s in SEED_SITES for m in registry.site(s).modules]
    assert len(ids) == len(set(ids))


# -- Gelsenkirchen -----------------------------------------------------------------------------


def test_gelsenkirchen_about_30_modules_from_one_bildungstraeger_with_gyms(
    registry: Registry,
) -> None:
    bundle = registry.site("gelsenkirchen")
    abc = [m for m in bundle.modules if m.id in ge.ABC_MODULE_IDS]
    assert 28 <= len(abc) <= 32
    fields = {m.field_of_action for m in abc}
    assert {FieldOfAction.NUTRITION, FieldOfAction.MOVEMENT, FieldOfAction.MOTIVATION} <= fields
    providers = Counter(m.provider_id for m in abc)
    (main, count), *_ = providers.most_common()
    assert count >= 28
    assert bundle.partner(main).kind is PartnerKind.EDUCATION_PROVIDER
    gyms = {p.id for p in bundle.partners if p.kind is PartnerKind.GYM}
    assert len(gyms) >= 2
    gym_names = {bundle.partner(g).name for g in gyms}
    with_gyms = [m for m in abc if m.provider_id in gyms or m.location in gym_names]
    assert len(with_gyms) >= 2


def test_gelsenkirchen_target_groups_and_inherited_modules(registry: Registry) -> None:
    bundle = registry.site("gelsenkirchen")
    assert ge.TARGET_GROUPS == {"market_distant_ltu": 900, "serious_health_restrictions": 600}
    for module in bundle.modules:
        assert set(ge.TARGET_GROUPS) <= module.target_groups, module.id
    inherited = [m for m in bundle.modules if ge.PERSPEKTIVE_50PLUS in m.target_groups]
    assert inherited
    assert all(m.description and "Perspektive 50plus" in m.description for m in inherited)
    assert bundle.site.since == date(2016, 1, 1)


def test_gelsenkirchen_consultation_and_assisted_placement(registry: Registry) -> None:
    bundle = registry.site("gelsenkirchen")
    consultations = [m for m in bundle.modules if m.field_of_action is FieldOfAction.CONSULTATION]
    assert consultations
    for module in consultations:
        assert module.funding is FundingSource.HEALTH_INSURER
        assert module.provider_id is not None
        assert bundle.partner(module.provider_id).kind is PartnerKind.PSYCHOSOCIAL_COUNSELLING
        rule_ids = {r.id for r in bundle.rules_for(module.id)}
        assert "gelsenkirchen.consent_health_data" in rule_ids
    placement = {
        m.title for m in bundle.modules if m.field_of_action is FieldOfAction.ASSISTED_PLACEMENT
    }
    assert placement == {
        "Betriebsbesichtigung",
        "Begleitung zu Arbeitgebern",
        "Vorbereitung auf Vorstellungsgespräche",
    }


def _person(site_id: str, district: str, **overrides: object) -> Participant:
    fields: dict[str, object] = {
        "pseudonym": "tn-0001",
        "site_id": site_id,
        "birth_year": 1970,
        "benefit": BenefitType.SGB_II,
        "unemployed_since": date(2014, 1, 1),
        "district_key": district,
        "consents": (
            Consent(ConsentPurpose.PROGRAMME_PARTICIPATION, given_on=date(2015, 1, 1)),
            Consent(ConsentPurpose.HEALTH_DATA_PROCESSING, given_on=date(2015, 1, 1)),
        ),
    }
    fields.update(overrides)
    return Participant(**fields)  # type: ignore[arg-type]


def test_gelsenkirchen_eligibility_examples(registry: Registry) -> None:
    bundle = registry.site("gelsenkirchen")
    on = date(2017, 3, 1)
    ltu = _person("gelsenkirchen", "05513")
    assert bundle.evaluate(ltu, "ge-ern-budget", on).verdict is Verdict.MET
    # Not long-term unemployed, but a serious restriction: still in the target group.
    recent = _person(
        "gelsenkirchen",
        "05513",
        unemployed_since=date(2016, 10, 1),
        restrictions=(HealthRestriction(RestrictionCategory.MENTAL, Severity.SERIOUS),),
    )
    assert bundle.evaluate(recent, "ge-ern-budget", on).verdict is Verdict.MET
    # Neither: not met, and the decision names the target-group criterion.
    neither = _person("gelsenkirchen", "05513", unemployed_since=date(2016, 10, 1))
    decision = bundle.evaluate(neither, "ge-ern-budget", on)
    assert decision.verdict is Verdict.NOT_MET
    assert decision.result_for("gelsenkirchen.long_term_unemployed").verdict is Verdict.NOT_MET
    # SGB III only: not a jobcenter customer.
    sgb3 = _person("gelsenkirchen", "05513", benefit=BenefitType.SGB_III)
    assert bundle.evaluate(sgb3, "ge-ern-budget", on).verdict is Verdict.NOT_MET
    # The "Best Ager" module wants people aged 50 or over.
    young = _person("gelsenkirchen", "05513", birth_year=1990)
    assert bundle.evaluate(young, ge.BEST_AGER_MODULE_ID, on).verdict is Verdict.NOT_MET
    older = _person("gelsenkirchen", "05513", birth_year=1962)
    assert bundle.evaluate(older, ge.BEST_AGER_MODULE_ID, on).verdict is Verdict.MET


_BANDS = st.sampled_from(DailyWorkCapacity)
_RANK = {
    DailyWorkCapacity.UNDER_3_HOURS: 0,
    DailyWorkCapacity.FROM_3_TO_6_HOURS: 1,
    DailyWorkCapacity.AT_LEAST_6_HOURS: 2,
}


@given(participant=ags.participants(), minimum=_BANDS)
def test_work_capacity_rule_matches_lowest_recorded_band(
    participant: Participant, minimum: DailyWorkCapacity
) -> None:
    rule = WorkCapacityAtLeast(minimum)
    result = rule(participant, EligibilityContext(as_of=date(2020, 1, 1)))
    bands = [
        r.work_capacity.daily
        for r in participant.restrictions
        if r.work_capacity is not None and r.work_capacity.daily is not None
    ]
    if bands:
        expected = min(_RANK[b] for b in bands) >= _RANK[minimum]
        assert result.verdict is (Verdict.MET if expected else Verdict.NOT_MET)
    elif participant.restrictions:
        assert result.verdict is Verdict.UNKNOWN
        assert result.missing == ("restrictions.work_capacity",)
    else:
        assert result.verdict is Verdict.MET
    for lang in ("de", "en"):
        assert result.reason(lang)


@given(
    participant=ags.participants(site_ids=st.just("gelsenkirchen"), district_keys=st.just("05513")),
    on=ags.dates(),
)
def test_gelsenkirchen_target_group_is_ltu_or_serious_restriction(
    registry: Registry, participant: Participant, on: date
) -> None:
    bundle = registry.site("gelsenkirchen")
    decision = bundle.evaluate(participant, "ge-bew-ruecken", on)
    ltu = participant.is_long_term_unemployed(on)
    serious = any(r.severity is Severity.SERIOUS for r in participant.restrictions)
    unrated = any(r.severity is None for r in participant.restrictions)
    target = (
        Verdict.MET
        if (ltu or serious)
        else (Verdict.UNKNOWN if (ltu is None or unrated) else Verdict.NOT_MET)
    )
    if target is Verdict.NOT_MET:
        assert decision.verdict is Verdict.NOT_MET
    if decision.verdict is Verdict.MET:
        assert target is Verdict.MET


# -- Duisburg ----------------------------------------------------------------------------------


def test_duisburg_alliance_partners_and_agreements(registry: Registry) -> None:
    bundle = registry.site("duisburg")
    kinds = Counter(p.kind for p in bundle.partners)
    for kind in (
        PartnerKind.JOBCENTER,
        PartnerKind.EMPLOYMENT_AGENCY,
        PartnerKind.HEALTH_OFFICE,
        PartnerKind.HEALTH_INSURER,
        PartnerKind.EDUCATION_PROVIDER,
        PartnerKind.WELFARE_ORGANISATION,
        PartnerKind.SPORTS_FEDERATION,
        PartnerKind.SPORTS_CLUB,
    ):
        assert kinds[kind] >= 1, kind
    names = " ".join(p.name for p in bundle.partners)
    for named in ("DAA", "Tertia", "Stadtsportbund", "Psychiatrische Hilfsgemeinschaft"):
        assert named in names
    alliance = bundle.agreement("du-aktionsbuendnis")
    assert alliance.valid_from == date(2012, 1, 1)
    assert {"du-jobcenter", "du-agentur", "du-stadtsportbund"} <= set(alliance.parties)
    clubs = bundle.agreement("du-krankenkassen-stadtsportbund")
    assert {bundle.partner(p).kind for p in clubs.parties} == {
        PartnerKind.HEALTH_INSURER,
        PartnerKind.SPORTS_FEDERATION,
    }
    assert clubs.funding is FundingSource.HEALTH_INSURER


def test_duisburg_workshop_and_club_courses(registry: Registry) -> None:
    bundle = registry.site("duisburg")
    workshop = [m for m in bundle.modules if m.location and "Werkstatt" in m.location]
    assert len(workshop) >= 3
    for module in workshop:
        assert module.provider_id is not None
        assert bundle.partner(module.provider_id).kind is PartnerKind.EDUCATION_PROVIDER
    club = [
        m
        for m in bundle.modules
        if m.provider_id and bundle.partner(m.provider_id).kind is PartnerKind.SPORTS_CLUB
    ]
    assert len(club) >= 3
    assert all(m.funding is FundingSource.HEALTH_INSURER for m in club)


@pytest.mark.parametrize("benefit", [BenefitType.SGB_II, BenefitType.SGB_III, BenefitType.BOTH])
def test_duisburg_open_to_jobcenter_and_agentur_customers(
    registry: Registry, benefit: BenefitType
) -> None:
    bundle = registry.site("duisburg")
    person = _person("duisburg", "05112", benefit=benefit, unemployed_since=None)
    assert bundle.evaluate(person, "du-ws-ruecken", date(2019, 5, 1)).verdict is Verdict.MET
    none = _person("duisburg", "05112", benefit=BenefitType.NONE)
    assert bundle.evaluate(none, "du-ws-ruecken", date(2019, 5, 1)).verdict is Verdict.NOT_MET


# -- Kreis Viersen -----------------------------------------------------------------------------


def test_viersen_four_health_care_coaches() -> None:
    assert len(vie.COACHES) == 4
    assert {c.role for c in vie.COACHES} == {CoachRole.HEALTH_CARE_COACH}
    assert all(c.site_id == "viersen" for c in vie.COACHES)
    assert len({c.id for c in vie.COACHES}) == 4
    assert vie.PEOPLE_WITH_RESTRICTIONS == 1200


def test_viersen_referral_offers_of_several_carriers(registry: Registry) -> None:
    bundle = registry.site("viersen")
    assert set(vie.MODULE_CARRIERS) == {m.id for m in bundle.modules}
    assert len(set(vie.MODULE_CARRIERS.values())) >= 3
    catalogue = {m.id for m in bundle.modules}
    for offers in vie.RECOMMENDED_MODULES.values():
        assert set(offers) <= catalogue
    # Referral to another carrier needs consent to share data with that provider.
    person = _person(
        "viersen", "05166", restrictions=(HealthRestriction(RestrictionCategory.MUSCULOSKELETAL),)
    )
    decision = bundle.evaluate(person, "vie-physiotherapie", date(2021, 6, 1))
    assert decision.verdict is Verdict.NOT_MET
    assert decision.result_for("viersen.consent_sharing.vie-physio").verdict is Verdict.NOT_MET
    sharing = Consent(
        ConsentPurpose.DATA_SHARING, given_on=date(2021, 1, 1), recipients={"vie-physio"}
    )
    person = _person(
        "viersen",
        "05166",
        restrictions=(HealthRestriction(RestrictionCategory.MUSCULOSKELETAL),),
        consents=(*person.consents, sharing),
    )
    assert bundle.evaluate(person, "vie-physiotherapie", date(2021, 6, 1)).verdict is Verdict.MET
    # The coaching itself is the jobcenter's: no sharing consent needed.
    assert (
        bundle.evaluate(person, "vie-health-care-coaching", date(2021, 6, 1)).verdict is Verdict.MET
    )


# -- Ilm-Kreis ---------------------------------------------------------------------------------


def test_ilmkreis_gob_offices_and_aktiva(registry: Registry) -> None:
    bundle = registry.site("ilmkreis")
    gob = [m for m in bundle.modules if m.format is ModuleFormat.CONSULTATION]
    assert sorted(m.location or "" for m in gob) == [
        "Jobcenter Ilm-Kreis, Beratungsbüro Arnstadt",
        "Jobcenter Ilm-Kreis, Beratungsbüro Ilmenau",
    ]
    aktiva = bundle.module("ilm-aktiva")
    assert aktiva.field_of_action is FieldOfAction.STRESS
    assert aktiva.provider_id is not None
    assert bundle.partner(aktiva.provider_id).kind is PartnerKind.EDUCATION_PROVIDER
    fields = {m.field_of_action for m in bundle.modules}
    assert {FieldOfAction.MOVEMENT, FieldOfAction.STRESS, FieldOfAction.NUTRITION} <= fields
    kinds = {p.kind for p in bundle.partners}
    assert PartnerKind.MUNICIPALITY in kinds
    assert bundle.site.since == date(2020, 1, 1)


def test_ilmkreis_aktiva_rule_is_a_site_rule_not_section_18(registry: Registry) -> None:
    bundle = registry.site("ilmkreis")
    on = date(2021, 3, 16)
    half_year = _person("ilmkreis", "16070", unemployed_since=date(2020, 8, 1))
    decision = bundle.evaluate(half_year, "ilm-aktiva", on)
    result = decision.result_for("ilmkreis.aktiva_unemployed")
    assert result.verdict is Verdict.MET
    assert "18 SGB III" not in result.label("de").replace("nicht § 18 SGB III", "")
    assert half_year.is_long_term_unemployed(on) is False


# -- Unstrut-Hainich-Kreis ---------------------------------------------------------------------


def test_unstrut_hainich_agreement_terms(registry: Registry) -> None:
    bundle = registry.site("unstrut_hainich")
    agreement = bundle.agreement("uh-kooperation-aok-plus")
    assert agreement.valid_from.year == 2017
    assert agreement.renewals[-1].signed_on == date(2024, 12, 19)
    assert agreement.ends_on == date(2025, 12, 31)
    assert agreement.is_active(date(2025, 6, 30))
    assert not agreement.is_active(date(2026, 1, 1))
    permanent = bundle.agreement("uh-teamwork-dauerhaft")
    assert permanent.valid_from == date(2026, 1, 1)
    assert permanent.ends_on is None
    assert permanent.is_active(date(2030, 1, 1))
    titles = {m.title for m in bundle.modules}
    assert {"Rundum fit", "Gesundheitstreff", "Resilienztraining"} <= titles
    assert any(m.field_of_action is FieldOfAction.FAMILY for m in bundle.modules)
    assert uh.PARTICIPANTS_SO_FAR == 500


def test_unstrut_hainich_funding_follows_the_agreements(registry: Registry) -> None:
    bundle = registry.site("unstrut_hainich")
    person = _person("unstrut_hainich", "16064")
    assert bundle.evaluate(person, "uh-rundum-fit", date(2016, 6, 1)).verdict is Verdict.NOT_MET
    assert bundle.evaluate(person, "uh-rundum-fit", date(2025, 6, 30)).verdict is Verdict.MET
    assert bundle.evaluate(person, "uh-rundum-fit", date(2026, 3, 1)).verdict is Verdict.MET
    funded = bundle.evaluate(person, "uh-rundum-fit", date(2016, 6, 1)).result_for(
        "unstrut_hainich.funded"
    )
    assert funded.verdict is Verdict.NOT_MET
    assert "keine der Vereinbarungen" in funded.reason("de")


def test_unstrut_hainich_rules_change_with_the_permanent_programme(registry: Registry) -> None:
    """SGB III customers join in 2026; a 2025 decision is reproduced with the 2025 rules."""
    bundle = registry.site("unstrut_hainich")
    sgb3 = _person("unstrut_hainich", "16064", benefit=BenefitType.SGB_III)
    in_2025 = bundle.evaluate(sgb3, "uh-resilienz", date(2025, 6, 30))
    in_2026 = bundle.evaluate(sgb3, "uh-resilienz", date(2026, 6, 30))
    assert in_2025.verdict is Verdict.NOT_MET
    assert in_2026.verdict is Verdict.MET
    ids_2025 = {r.rule_id for r in in_2025.results}
    ids_2026 = {r.rule_id for r in in_2026.results}
    assert "unstrut_hainich.benefit_model_phase" in ids_2025 - ids_2026
    assert "unstrut_hainich.benefit_programme" in ids_2026 - ids_2025


@given(participant=ags.participants(site_ids=st.just("unstrut_hainich")), on=ags.dates())
def test_funded_rule_is_met_exactly_while_an_agreement_is_in_force(
    participant: Participant, on: date
) -> None:
    rule = FundedByAgreement(uh.AGREEMENTS)
    result = rule(participant, EligibilityContext(as_of=on))
    active = any(a.is_active(on) for a in uh.AGREEMENTS)
    assert result.verdict is (Verdict.MET if active else Verdict.NOT_MET)
    assert result.reason("de")
    assert result.reason("en")


# -- teamw()rk: plugins compose ------------------------------------------------------------------


def test_teamwork_contributes_to_both_thuringian_sites_and_no_nw_site(registry: Registry) -> None:
    for site_id in TH_SITES:
        bundle = registry.site(site_id)
        assert teamwork_rules.PROGRAMME in bundle.site.programmes
        origin = bundle.origin("partner", teamwork_rules.PARTNER.id)
        assert origin.distribution == "ag-programme-teamwork"
        for module in bundle.modules:
            ids = {r.id for r in bundle.rules_for(module.id)}
            assert {"teamwork.benefit", "teamwork.working_age"} <= ids, module.id
    for site_id in NW_SITES:
        bundle = registry.site(site_id)
        assert teamwork_rules.PROGRAMME not in bundle.site.programmes
        assert teamwork_rules.PARTNER.id not in {p.id for p in bundle.partners}
        for module in bundle.modules:
            assert not any(r.id.startswith("teamwork.") for r in bundle.rules_for(module.id))


def test_teamwork_rules_apply_on_top_of_the_site_rules(registry: Registry) -> None:
    bundle = registry.site("ilmkreis")
    too_old = _person("ilmkreis", "16070", birth_year=1950)
    decision = bundle.evaluate(too_old, "ilm-bewegung", date(2021, 3, 1))
    assert decision.verdict is Verdict.NOT_MET
    assert decision.result_for("teamwork.working_age").verdict is Verdict.NOT_MET


def test_site_plugins_do_not_import_the_programme_plugin() -> None:
    for site_id in SEED_SITES:
        for path in (PLUGINS_DIR / site_id / "src").rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                assert not any(n.startswith("ag_programme_teamwork") for n in names), path


def test_blocking_the_programme_plugin_leaves_the_sites_working() -> None:
    registry = get_registry(PluginManager(environ={}, block=["teamwork"]))
    for site_id in TH_SITES:
        bundle = registry.site(site_id)
        assert teamwork_rules.PARTNER.id not in {p.id for p in bundle.partners}
        assert all(
            not r.id.startswith("teamwork.") for m in bundle.modules for r in bundle.rules_for(m.id)
        )


# -- packaging ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("folder", "package", "entry"),
    [
        ("gelsenkirchen", "ag_site_gelsenkirchen", "gelsenkirchen"),
        ("duisburg", "ag_site_duisburg", "duisburg"),
        ("viersen", "ag_site_viersen", "viersen"),
        ("ilmkreis", "ag_site_ilmkreis", "ilmkreis"),
        ("unstrut_hainich", "ag_site_unstrut_hainich", "unstrut_hainich"),
        ("teamwork", "ag_programme_teamwork", "teamwork"),
    ],
)
def test_each_plugin_is_its_own_distribution(folder: str, package: str, entry: str) -> None:
    root = PLUGINS_DIR / folder
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"
    assert "arbeit_gesundheit" in project["dependencies"]
    # Site plugins name their SitePlugin instance; the programme plugin is a module of hooks.
    target = f"{package}.plugin" if folder == "teamwork" else f"{package}.plugin:plugin"
    assert project["entry-points"]["arbeit_gesundheit"] == {entry: target}
    assert (root / "src" / package / "py.typed").is_file()
    assert (root / "src" / package / "__init__.py").is_file()
