"""The library's exceptions: every failure a caller can meet is one of these.

All inherit from :class:`ArbeitGesundheitError`, so ``except ArbeitGesundheitError`` catches
everything the library raises on purpose. Where a built-in exception type is the natural
meaning (a bad value is a :class:`ValueError`), the library's class inherits from it too, so
existing ``except ValueError`` code keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ArbeitGesundheitError",
    "ConsentRequiredError",
    "DocumentError",
    "DuplicateEnrolmentError",
    "EligibilityRuleError",
    "FhirValidationError",
    "ImportDataError",
    "ImportProblem",
    "InstrumentError",
    "InvalidFieldError",
    "LayoutError",
    "MetricsError",
    "MissingExtraError",
    "OutputError",
    "OutputExistsError",
    "PlanError",
    "PluginConflictError",
    "PluginError",
    "Problem",
    "RecommendationError",
    "RecordNotFoundError",
    "RosterError",
    "ScheduleError",
    "SheetError",
    "TransitionError",
    "UnknownIdentifierError",
    "UnknownSiteError",
]


class ArbeitGesundheitError(Exception):
    """Base class of every exception raised by arbeit_gesundheit."""


class InvalidFieldError(ArbeitGesundheitError, ValueError):
    """A model was given a value its field does not accept.

    ``field`` names the attribute (``"birth_year"``), ``expected`` says what would have been
    accepted and ``value`` is the rejected value. Raised by the models' validators, so it
    appears both when code builds a model directly and, with its path, inside a
    :class:`DocumentError` when a document is loaded.
    """

    def __init__(self, model: str, field: str, expected: str, value: object) -> None:
        self.model = model
        self.field = field
        self.expected = expected
        self.value = value
        super().__init__(f"{model}.{field}: expected {expected}, got {value!r}")


@attrs.frozen
class Problem:
    """One problem found in a document: where (a JSONPath such as ``$.enrolments[3].status``)
    and what was expected."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class DocumentError(ArbeitGesundheitError, ValueError):
    """A document (JSON, a dict tree, a data file) could not be turned into models.

    ``problems`` lists every problem found, each with its path, so a user can fix a file in
    one pass instead of one error at a time.
    """

    def __init__(self, what: str, problems: Iterable[Problem]) -> None:
        self.what = what
        self.problems: Sequence[Problem] = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid {what} ({count} {noun}):\n{lines}")


class TransitionError(ArbeitGesundheitError, ValueError):
    """An enrolment was asked to move to a state its current state does not lead to.

    ``current`` and ``target`` are the two states, ``allowed`` the states that would have been
    accepted (empty for a final state).
    """

    def __init__(
        self, enrolment_id: str, current: str, target: str, allowed: Iterable[str], why: str = ""
    ) -> None:
        self.enrolment_id = enrolment_id
        self.current = current
        self.target = target
        self.allowed: tuple[str, ...] = tuple(allowed)
        allowed_text = ", ".join(self.allowed) if self.allowed else "none (final state)"
        detail = f": {why}" if why else ""
        super().__init__(
            f"enrolment {enrolment_id}: cannot go from {current!r} to {target!r}{detail}"
            f" (allowed from {current!r}: {allowed_text})"
        )


class RosterError(ArbeitGesundheitError, ValueError):
    """An offering's roster (places and waitlist) refused a request."""


class DuplicateEnrolmentError(RosterError):
    """A participant already holds (or waits for) a place in the offering."""


class ConsentRequiredError(RosterError):
    """Processing was refused because consents were not valid on the day.

    ``participant`` is the pseudonym, ``missing`` the purposes without a valid consent.
    """

    def __init__(self, participant: str, missing: Iterable[str], on: object) -> None:
        self.participant = participant
        self.missing: tuple[str, ...] = tuple(missing)
        self.on = on
        super().__init__(
            f"participant {participant}: no valid consent on {on} for " + ", ".join(self.missing)
        )


class ScheduleError(ArbeitGesundheitError, ValueError):
    """Session dates could not be planned or attendance did not fit the sessions."""


class PlanError(ArbeitGesundheitError, ValueError):
    """An activity plan was asked about a goal or step it does not have, or a change did not fit."""


class InstrumentError(ArbeitGesundheitError, ValueError):
    """Answers could not be scored by a questionnaire instrument.

    ``instrument`` and ``item`` name where the problem is (``item`` is None when it concerns
    the answers as a whole).
    """

    def __init__(self, instrument: str, item: str | None, message: str) -> None:
        self.instrument = instrument
        self.item = item
        where = f"{instrument}.{item}" if item is not None else instrument
        super().__init__(f"{where}: {message}")


class PluginError(ArbeitGesundheitError):
    """A plugin misbehaved: it failed to load, raised in a hook or returned the wrong thing.

    ``plugin`` names the plugin (its entry-point name, or the name it was registered under);
    the message says which hook and what was expected.
    """

    def __init__(self, plugin: str, message: str) -> None:
        self.plugin = plugin
        self.message = message
        super().__init__(f"plugin {plugin!r}: {message}")


class PluginConflictError(PluginError):
    """Two plugins claim the same identifier (a site, a module of a site, an exporter …).

    ``kind`` is what is claimed (``"module"``), ``identifier`` its identifier, ``scope`` where
    (``"site 'musterstadt'"`` or empty) and ``plugins`` the names of the claiming plugins.
    """

    def __init__(self, kind: str, identifier: str, plugins: Sequence[str], scope: str = "") -> None:
        self.kind = kind
        self.identifier = identifier
        self.scope = scope
        self.plugins: tuple[str, ...] = tuple(plugins)
        where = f" of {scope}" if scope else ""
        claimants = " and ".join(repr(p) for p in self.plugins)
        self.plugin = self.plugins[-1] if self.plugins else ""
        self.message = (
            f"{kind} {identifier!r}{where} is provided by more than one plugin: {claimants}"
        )
        ArbeitGesundheitError.__init__(self, self.message)


class UnknownIdentifierError(ArbeitGesundheitError, LookupError):
    """Nothing of ``kind`` is registered under ``identifier``; ``known`` lists what is."""

    def __init__(self, kind: str, identifier: str, known: Iterable[str] = ()) -> None:
        self.kind = kind
        self.identifier = identifier
        self.known: tuple[str, ...] = tuple(sorted(known))
        listing = ", ".join(self.known) if self.known else "none"
        super().__init__(f"unknown {kind} {identifier!r} (known: {listing})")


class UnknownSiteError(UnknownIdentifierError):
    """No installed plugin provides a site with this identifier."""

    def __init__(self, identifier: str, known: Iterable[str] = ()) -> None:
        super().__init__("site", identifier, known)


class EligibilityRuleError(ArbeitGesundheitError):
    """An eligibility rule misbehaved: it raised, returned something other than its own
    result, or its identifier is missing or used by two different rules.

    ``rule_id`` names the rule. A broken rule is a programming error in a site's rules, so the
    engine reports it instead of turning the person away.
    """

    def __init__(self, rule_id: str, message: str) -> None:
        self.rule_id = rule_id
        self.message = message
        super().__init__(f"eligibility rule {rule_id}: {message}")


class OutputError(ArbeitGesundheitError, OSError):
    """An output file could not be written; ``path`` names it and ``reason`` says why.

    Also an :class:`OSError`, so ``except OSError`` around file handling keeps working.
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"cannot write {self.path}: {reason}")

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


class OutputExistsError(OutputError, FileExistsError):
    """The output file exists already and overwriting was not asked for."""

    def __init__(self, path: object) -> None:
        super().__init__(
            path, "the file exists already; pass overwrite=True (--overwrite) to replace it"
        )


class MissingExtraError(ArbeitGesundheitError, ImportError):
    """A feature needs an optional dependency that is not installed.

    ``extra`` is the name of the package extra that installs it, ``package`` the missing
    distribution.
    """

    def __init__(self, feature: str, extra: str, package: str) -> None:
        self.feature = feature
        self.extra = extra
        self.package = package
        super().__init__(
            f"{feature} needs the optional package {package!r}; install it with "
            f'pip install "arbeit_gesundheit[{extra}]"'
        )


class FhirValidationError(ArbeitGesundheitError, ValueError):
    """A FHIR resource or bundle built by the library did not validate.

    ``problems`` lists what the FHIR models (fhir.resources) or the bundle checks reported.
    """

    def __init__(self, what: str, problems: Iterable[str]) -> None:
        self.what = what
        self.problems: tuple[str, ...] = tuple(problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        super().__init__(f"invalid FHIR {what}:\n{lines}")


class MetricsError(ArbeitGesundheitError, ValueError):
    """Metrics could not be computed or read: an unknown metric or dimension, a bad argument,
    or records that refer to something missing (an enrolment of an unknown participant)."""


class RecommendationError(ArbeitGesundheitError, ValueError):
    """Modules could not be recommended: a bad argument or an eligibility rule that failed."""


@attrs.frozen
class ImportProblem:
    """One problem found while importing a spreadsheet, at the place staff see it.

    ``file`` is the file's name, ``sheet`` the sheet (None for a CSV file), ``row`` the
    1-based row number and ``column`` the column letter(s) as a spreadsheet program shows
    them (``"F"``, ``"AB"``); each is None when the problem concerns the whole file, sheet or
    row. ``message`` (German, for staff) and ``message_en`` say what was expected. Neither
    ever contains the value of an identifying cell (name, customer number, birth date).
    ``str()`` gives the German form, such as
    ``Anwesenheit_Kurs12.xlsx, Blatt "Mai", Zeile 14, Spalte F: ein Datum erwartet``.
    """

    file: str
    message: str
    message_en: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def where(self, lang: str = "de") -> str:
        """The place, such as ``Kurs12.xlsx, Blatt "Mai", Zeile 14, Spalte F``."""
        de = lang != "en"
        parts = [self.file]
        if self.sheet is not None:
            parts.append(f'{"Blatt" if de else "sheet"} "{self.sheet}"')
        if self.row is not None:
            parts.append(f"{'Zeile' if de else 'row'} {self.row}")
        if self.column is not None:
            parts.append(f"{'Spalte' if de else 'column'} {self.column}")
        return ", ".join(parts)

    def text(self, lang: str = "de") -> str:
        """The place and the message in ``lang`` (``"de"`` or ``"en"``)."""
        return f"{self.where(lang)}: {self.message_en if lang == 'en' else self.message}"

    def __str__(self) -> str:
        return self.text("de")


class ImportDataError(ArbeitGesundheitError, ValueError):
    """A spreadsheet import was refused: ``problems`` lists every
    :class:`ImportProblem` found (file, sheet, row, column and what was expected).

    Nothing was written. The message never contains a name, customer number or birth date.
    """

    def __init__(self, problems: Iterable[ImportProblem]) -> None:
        self.problems: tuple[ImportProblem, ...] = tuple(problems)
        count = len(self.problems)
        shown = "\n".join(f"  {p.text('en')}" for p in self.problems[:50])
        more = f"\n  ... and {count - 50} more" if count > 50 else ""
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"import refused ({count} {noun}):\n{shown}{more}")


class SheetError(ImportDataError):
    """A file could not be read as a spreadsheet at all: not a workbook or CSV file, empty,
    password-protected, unreadable. ``file``, ``sheet``, ``row`` and ``column`` say where."""

    def __init__(self, problem: ImportProblem) -> None:
        self.file = problem.file
        self.sheet = problem.sheet
        self.row = problem.row
        self.column = problem.column
        super().__init__([problem])


class LayoutError(ArbeitGesundheitError, ValueError):
    """A column mapping (layout TOML file) is invalid; ``key`` names the TOML key
    (``sheets[0].columns.birth_year``) and ``source`` the file."""

    def __init__(self, source: str, key: str, expected: str) -> None:
        self.source = source
        self.key = key
        self.expected = expected
        super().__init__(f"{source}: {key}: expected {expected}")


class StoreError(ArbeitGesundheitError):
    """A site store (:mod:`arbeit_gesundheit.store`) could not do what was asked.

    ``store`` names the store (its path or its URL without the password).
    """

    def __init__(self, store: str, message: str) -> None:
        self.store = store
        self.message = message
        super().__init__(f"store {store}: {message}")


class StoreNotFoundError(StoreError, FileNotFoundError):
    """There is no store at the path or URL (and ``create`` was not asked for)."""


class StoreRevisionError(StoreError):
    """The store's schema revision does not fit this release of the library.

    ``revision`` is the store's revision (None for an empty database), ``expected`` the
    library's. A store of an older revision needs ``arbeit-gesundheit store upgrade``; a store
    of a newer revision than the library knows is refused (upgrade the library instead).
    """

    def __init__(self, store: str, revision: str | None, expected: str, message: str) -> None:
        self.revision = revision
        self.expected = expected
        super().__init__(store, message)


class StoreAccessError(StoreError, OSError):
    """The store's database refused a read or a write: a read-only file, a full disk, a
    server that cannot be reached, or a lock held too long by another writer.

    Also an :class:`OSError`, so ``except OSError`` around file handling keeps working.
    """


class StoreAuditError(StoreError):
    """The audit log was asked to change: it is append-only, and the database refuses any
    UPDATE or DELETE of its rows."""


class RecordNotFoundError(StoreError, LookupError):
    """A domain operation named a record the store does not hold.

    ``kind`` is the record type (``"enrolment"``) and ``key`` its identifier or pseudonym.
    """

    def __init__(self, store: str, kind: str, key: str) -> None:
        self.kind = kind
        self.key = key
        super().__init__(store, f"no {kind} {key!r}")
