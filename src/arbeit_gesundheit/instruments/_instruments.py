"""Assessment instruments: items, scoring, bands (implementation of the package face)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping

from attrs import Attribute, field, frozen

from ..exceptions import InstrumentError
from ..model import Assessment, Language
from ..model import _validators as v

__all__ = [
    "CORE_INSTRUMENTS",
    "PHQ_4",
    "WHO5_LIKELY_DEPRESSION_AT_MOST",
    "WHO5_MEANINGFUL_CHANGE",
    "WHO5_POOR_BELOW",
    "WHO_5",
    "WORK_ABILITY_SCORE",
    "Band",
    "Instrument",
    "Item",
    "Score",
    "Subscale",
    "SubscaleScore",
    "SumScoreInstrument",
    "WellBeingIndex",
]


@frozen
class Item:
    """One question of an instrument with its range of whole-number answers."""

    id: str = field(validator=v.identifier)
    low: int = field(validator=v.integer(0))
    high: int = field()
    text_de: str = field(validator=v.text(300))
    text_en: str = field(validator=v.text(300))

    @high.validator
    def _check_high(self, attr: Attribute[int], value: int) -> None:
        v.integer(self.low)(self, attr, value)

    def text(self, lang: Language = "de") -> str:
        """The item's wording (short form), German by default."""
        return self.text_de if lang == "de" else self.text_en


@frozen
class Band:
    """A band of scores (``low`` through ``high``, inclusive) with a stable id and labels."""

    id: str = field(validator=v.identifier)
    low: int = field(validator=v.integer(0))
    high: int = field()
    label_de: str = field(validator=v.text())
    label_en: str = field(validator=v.text())

    @high.validator
    def _check_high(self, attr: Attribute[int], value: int) -> None:
        v.integer(self.low)(self, attr, value)

    def label(self, lang: Language = "de") -> str:
        """The band's label for people to read, German by default."""
        return self.label_de if lang == "de" else self.label_en

    def __contains__(self, raw: object) -> bool:
        return type(raw) is int and self.low <= raw <= self.high


@frozen
class Subscale:
    """A subscale: the sum of some items, positive (screening positive) at ``threshold``."""

    id: str = field(validator=v.identifier)
    items: tuple[str, ...] = field(converter=v.to_tuple, validator=v.unique_identifiers)
    threshold: int = field(validator=v.integer(0))
    title_de: str = field(validator=v.text())
    title_en: str = field(validator=v.text())

    def title(self, lang: Language = "de") -> str:
        return self.title_de if lang == "de" else self.title_en


@frozen
class SubscaleScore:
    """The score of one subscale."""

    id: str
    raw: int
    positive: bool


def _check_score(score: Score) -> None:
    """A score must be one that some answers can give (the instrument's value grid)."""

    def refuse(why: str) -> InstrumentError:
        return InstrumentError(score.instrument, None, f"impossible score: {why}")

    for name in ("raw", "maximum"):
        if type(getattr(score, name)) is not int:
            raise refuse(f"{name} must be a whole number, got {getattr(score, name)!r}")
    if not 0 <= score.raw <= score.maximum:
        raise refuse(f"raw score {score.raw} outside 0..{score.maximum}")
    if not isinstance(score.band, Band) or score.raw not in score.band:
        raise refuse(f"raw score {score.raw} is not in band {score.band!r}")
    if score.percentage is not None:
        scaled = score.raw * 100
        if (
            score.maximum == 0
            or scaled % score.maximum
            or score.percentage != scaled // score.maximum
        ):
            raise refuse(
                f"percentage {score.percentage!r} is not raw {score.raw} of {score.maximum} "
                "in per cent"
            )
    for sub in score.subscales:
        if not isinstance(sub, SubscaleScore) or not 0 <= sub.raw <= score.raw:
            raise refuse(f"subscale {sub!r} outside 0..{score.raw}")


@frozen
class Score:
    """The result of scoring one set of answers.

    ``raw`` is the sum score, ``band`` the band it falls in; ``percentage`` is set for
    instruments that report one (WHO-5: raw × 4, i.e. raw out of ``maximum`` in per cent);
    ``subscales`` for instruments that have them (PHQ-4). A score that no answers can give
    (a WHO-5 percentage of 58, a raw score outside its band) is refused with
    :class:`~arbeit_gesundheit.exceptions.InstrumentError`.
    """

    instrument: str
    raw: int
    maximum: int
    band: Band
    percentage: int | None = None
    subscales: tuple[SubscaleScore, ...] = ()

    def __attrs_post_init__(self) -> None:
        _check_score(self)

    def label(self, lang: Language = "de") -> str:
        """The band label, German by default."""
        return self.band.label(lang)

    def subscale(self, id: str) -> SubscaleScore:
        """The subscale score with identifier ``id`` (``"phq2"``, ``"gad2"``)."""
        for sub in self.subscales:
            if sub.id == id:
                return sub
        known = ", ".join(s.id for s in self.subscales) or "none"
        raise InstrumentError(self.instrument, None, f"no subscale {id!r} (subscales: {known})")


class Instrument(ABC):
    """Base of every instrument: an identifier, a title, its items and a scoring rule.

    Subclasses implement :meth:`score`; :meth:`check_answers` and :meth:`score_assessment`
    come for free. Plugins may subclass this directly or build a :class:`SumScoreInstrument`.
    """

    __slots__ = ()

    @property
    @abstractmethod
    def id(self) -> str:
        """Stable identifier, as stored in :attr:`Assessment.instrument` (``"who5"``)."""

    @property
    @abstractmethod
    def title(self) -> str:
        """Title for people to read."""

    @property
    @abstractmethod
    def items(self) -> tuple[Item, ...]:
        """The items, in questionnaire order."""

    @abstractmethod
    def score(self, answers: Mapping[str, int]) -> Score:
        """Score a complete set of answers (item id -> answer)."""

    def item(self, id: str) -> Item:
        """The item with identifier ``id``."""
        for item in self.items:
            if item.id == id:
                return item
        raise InstrumentError(self.id, id, "no such item in this instrument")

    def check_answers(self, answers: Mapping[str, int]) -> dict[str, int]:
        """Check that ``answers`` has exactly one whole-number, in-range answer per item.

        Returns the answers as a plain dict; raises :class:`InstrumentError` naming the
        instrument and the first offending item otherwise.
        """
        if not isinstance(answers, Mapping):
            raise InstrumentError(
                self.id, None, f"expected a mapping of item to answer, got {answers!r}"
            )
        known = {item.id for item in self.items}
        for key in answers:
            if key not in known:
                raise InstrumentError(
                    self.id,
                    str(key),
                    "unknown item (expected " + ", ".join(i.id for i in self.items) + ")",
                )
        checked: dict[str, int] = {}
        for item in self.items:
            if item.id not in answers:
                raise InstrumentError(self.id, item.id, "answer missing")
            value = answers[item.id]
            if type(value) is not int:
                raise InstrumentError(self.id, item.id, f"expected a whole number, got {value!r}")
            if not item.low <= value <= item.high:
                raise InstrumentError(
                    self.id,
                    item.id,
                    f"expected a whole number from {item.low} to {item.high}, got {value}",
                )
            checked[item.id] = value
        return checked

    def score_assessment(self, assessment: Assessment) -> Score:
        """Score an :class:`Assessment` taken with this instrument."""
        if not isinstance(assessment, Assessment):
            raise InstrumentError(self.id, None, f"expected an Assessment, got {assessment!r}")
        if assessment.instrument != self.id:
            raise InstrumentError(
                self.id,
                None,
                f"the assessment was taken with {assessment.instrument!r}, not {self.id!r}",
            )
        return self.score(assessment.answers)


def _check_sum_instrument(inst: SumScoreInstrument) -> None:
    """Bands must tile 0..maximum exactly and subscales must name the instrument's items."""
    lowest = sum(item.low for item in inst.items)
    maximum = sum(item.high for item in inst.items)
    expected = lowest
    for band in inst.bands:
        if band.low != expected:
            raise InstrumentError(
                inst.id, None, f"bands must cover {lowest}..{maximum} without gaps or overlaps"
            )
        expected = band.high + 1
    if expected != maximum + 1:
        raise InstrumentError(
            inst.id, None, f"bands must cover {lowest}..{maximum} without gaps or overlaps"
        )
    ids = {item.id for item in inst.items}
    if len(ids) != len(inst.items):
        raise InstrumentError(inst.id, None, "item identifiers must be unique")
    for sub in inst.subscales:
        for item_id in sub.items:
            if item_id not in ids:
                raise InstrumentError(
                    inst.id, item_id, f"subscale {sub.id!r} names an unknown item"
                )


@frozen
class SumScoreInstrument(Instrument):
    """An instrument scored by adding its item answers, with bands and optional subscales.

    ``percentage_factor`` turns the raw score into a percentage (4 for WHO-5).
    """

    id: str = field(validator=v.identifier)
    title: str = field(validator=v.text())
    items: tuple[Item, ...] = field(converter=v.to_tuple, validator=v.instances_of(Item))
    bands: tuple[Band, ...] = field(converter=v.to_tuple, validator=v.instances_of(Band))
    subscales: tuple[Subscale, ...] = field(
        default=(), converter=v.to_tuple, validator=v.instances_of(Subscale)
    )
    percentage_factor: int | None = field(default=None, validator=v.optional_integer(1))

    def __attrs_post_init__(self) -> None:
        _check_sum_instrument(self)

    @property
    def maximum(self) -> int:
        """The highest possible raw score."""
        return sum(item.high for item in self.items)

    def band_for(self, raw: int) -> Band:
        """The band a raw score falls in."""
        for band in self.bands:
            if raw in band:
                return band
        raise InstrumentError(
            self.id, None, f"raw score {raw!r} outside {self.bands[0].low}..{self.maximum}"
        )

    def score(self, answers: Mapping[str, int]) -> Score:
        checked = self.check_answers(answers)
        raw = sum(checked.values())
        subscales = tuple(
            SubscaleScore(
                id=sub.id,
                raw=(sub_raw := sum(checked[i] for i in sub.items)),
                positive=sub_raw >= sub.threshold,
            )
            for sub in self.subscales
        )
        return Score(
            instrument=self.id,
            raw=raw,
            maximum=self.maximum,
            band=self.band_for(raw),
            percentage=None if self.percentage_factor is None else raw * self.percentage_factor,
            subscales=subscales,
        )


#: Change in WHO-5 percentage points that counts as meaningful (clinically relevant).
WHO5_MEANINGFUL_CHANGE = 10
#: WHO-5 raw scores below this mean poor well-being (percentage below 52).
WHO5_POOR_BELOW = 13
#: WHO-5 percentages up to this one mean likely depression (raw 0-7; Topp et al. 2015).
WHO5_LIKELY_DEPRESSION_AT_MOST = 28


@frozen
class WellBeingIndex(SumScoreInstrument):
    """The WHO-5 well-being index, with the comparison of two scores."""

    def change(self, before: Score, after: Score) -> int:
        """Change in percentage points from ``before`` to ``after`` (positive: better)."""
        for s in (before, after):
            if not isinstance(s, Score) or s.instrument != self.id or s.percentage is None:
                raise InstrumentError(self.id, None, f"expected a {self.id} score, got {s!r}")
        assert before.percentage is not None
        assert after.percentage is not None
        return after.percentage - before.percentage

    def meaningful_change(self, before: Score, after: Score) -> bool:
        """Whether the scores differ by at least 10 percentage points, either way."""
        return abs(self.change(before, after)) >= WHO5_MEANINGFUL_CHANGE

    def meaningful_gain(self, before: Score, after: Score) -> bool:
        """Whether well-being rose by at least 10 percentage points."""
        return self.change(before, after) >= WHO5_MEANINGFUL_CHANGE

    def is_poor(self, score: Score) -> bool:
        """Whether a score means poor well-being (raw score below 13, percentage below 52).

        Includes the likely-depression band: both are below the poor well-being cut-off.
        """
        return score.instrument == self.id and score.raw < WHO5_POOR_BELOW

    def is_likely_depression(self, score: Score) -> bool:
        """Whether a score indicates likely depression (percentage 28 or lower).

        A screening result that calls for a clinical assessment, never a diagnosis.
        """
        return (
            score.instrument == self.id
            and score.percentage is not None
            and score.percentage <= WHO5_LIKELY_DEPRESSION_AT_MOST
        )


_WHO5_TEXTS = (
    ("war ich froh und guter Laune", "I have felt cheerful and in good spirits"),
    ("habe ich mich ruhig und entspannt gefühlt", "I have felt calm and relaxed"),
    ("habe ich mich energisch und aktiv gefühlt", "I have felt active and vigorous"),
    (
        "habe ich mich beim Aufwachen frisch und ausgeruht gefühlt",
        "I woke up feeling fresh and rested",
    ),
    (
        "war mein Alltag voller Dinge, die mich interessieren",
        "my daily life has been filled with things that interest me",
    ),
)

#: The WHO-5 well-being index (World Health Organization, 1998). Bands after Topp et al.
#: (2015), "The WHO-5 Well-Being Index: a systematic review of the literature",
#: Psychother Psychosom 84:167-176: percentage <= 28 likely depression, < 52 (raw < 13)
#: poor well-being.
WHO_5 = WellBeingIndex(
    id="who5",
    title="WHO-5-Fragebogen zum Wohlbefinden",
    items=tuple(
        Item(id=f"who5_{n}", low=0, high=5, text_de=de, text_en=en)
        for n, (de, en) in enumerate(_WHO5_TEXTS, start=1)
    ),
    bands=(
        Band(
            id="likely_depression",
            low=0,
            high=7,
            label_de="geringes Wohlbefinden, Hinweis auf Depression (Abklärung empfohlen)",
            label_en="poor well-being, likely depression (assessment advised)",
        ),
        Band(
            id="poor",
            low=8,
            high=12,
            label_de="geringes Wohlbefinden",
            label_en="poor well-being",
        ),
        Band(
            id="adequate",
            low=13,
            high=25,
            label_de="kein Hinweis auf geringes Wohlbefinden",
            label_en="no sign of poor well-being",
        ),
    ),
    percentage_factor=4,
)

_PHQ4_TEXTS = (
    ("Nervosität, Ängstlichkeit oder Anspannung", "Feeling nervous, anxious or on edge"),
    (
        "Nicht in der Lage sein, Sorgen zu stoppen oder zu kontrollieren",
        "Not being able to stop or control worrying",
    ),
    (
        "Wenig Interesse oder Freude an Ihren Tätigkeiten",
        "Little interest or pleasure in doing things",
    ),
    (
        "Niedergeschlagenheit, Schwermut oder Hoffnungslosigkeit",
        "Feeling down, depressed or hopeless",
    ),
)

#: The PHQ-4 (Kroenke et al. 2009): GAD-2 = items 1-2, PHQ-2 = items 3-4.
PHQ_4 = SumScoreInstrument(
    id="phq4",
    title="PHQ-4 (Kurzfragebogen zu Angst und Depressivität)",
    items=tuple(
        Item(id=f"phq4_{n}", low=0, high=3, text_de=de, text_en=en)
        for n, (de, en) in enumerate(_PHQ4_TEXTS, start=1)
    ),
    bands=(
        Band(id="none", low=0, high=2, label_de="unauffällig", label_en="none"),
        Band(id="mild", low=3, high=5, label_de="leicht", label_en="mild"),
        Band(id="moderate", low=6, high=8, label_de="mittel", label_en="moderate"),
        Band(id="severe", low=9, high=12, label_de="schwer", label_en="severe"),
    ),
    subscales=(
        Subscale(
            id="gad2",
            items=("phq4_1", "phq4_2"),
            threshold=3,
            title_de="GAD-2 (Angst)",
            title_en="GAD-2 (anxiety)",
        ),
        Subscale(
            id="phq2",
            items=("phq4_3", "phq4_4"),
            threshold=3,
            title_de="PHQ-2 (Depressivität)",
            title_en="PHQ-2 (depression)",
        ),
    ),
)

#: The Work Ability Score: current work ability against the lifetime best, 0-10.
WORK_ABILITY_SCORE = SumScoreInstrument(
    id="was",
    title="Work Ability Score (Arbeitsfähigkeit)",
    items=(
        Item(
            id="was_1",
            low=0,
            high=10,
            text_de="Derzeitige Arbeitsfähigkeit im Vergleich zur besten je erreichten",
            text_en="Current work ability compared with the lifetime best",
        ),
    ),
    bands=(
        Band(id="poor", low=0, high=5, label_de="schlecht", label_en="poor"),
        Band(id="moderate", low=6, high=7, label_de="mittelmäßig", label_en="moderate"),
        Band(id="good", low=8, high=10, label_de="gut", label_en="good"),
    ),
)

#: The instruments the core registers through the instruments hook.
CORE_INSTRUMENTS: tuple[Instrument, ...] = (WHO_5, PHQ_4, WORK_ABILITY_SCORE)
