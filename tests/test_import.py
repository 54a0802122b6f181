"""Spreadsheet import: cells, layouts, readers, problems at the right cell, pseudonyms, the
sample sheets giving the demo's figures, and the ``import`` command."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import attrs
import click
import pytest
from ag_site_gelsenkirchen import imports as ge_imports
from ag_site_viersen import imports as vie_imports
from click.testing import CliRunner

from arbeit_gesundheit import Dataset, ImportDataError, LayoutError, SheetError
from arbeit_gesundheit.cli._import import import_command
from arbeit_gesundheit.cli._state import State
from arbeit_gesundheit.importers import (
    KEY_ENV,
    cell_date,
    column_letter,
    load_key,
    loads_layout,
    make_pseudonymizer,
    read_files,
    standard_layout,
    write_rejects,
)
from arbeit_gesundheit.metrics import aggregate
from arbeit_gesundheit.plugins import get_registry

KEY = b"test-key-0123456789abcdef"
FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d")
NAMES = ("Ackermann", "Brinkmann", "Anna", "Ben")


def bundle(site: str = "gelsenkirchen"):  # type: ignore[no-untyped-def]
    return get_registry().site(site)


def read(paths: list[Path], layout=None, site: str = "gelsenkirchen", **kw):  # type: ignore[no-untyped-def]
    b = bundle(site)
    layout = layout or standard_layout()
    ps = make_pseudonymizer(KEY, b.id, layout.pseudonym_prefix)
    return read_files(paths, layout, site_id=b.id, modules=b.modules, pseudonymizer=ps,
                      coaches=[c.id for c in b.coaches], **kw)  # fmt: skip


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("\r\n".join(lines).encode(encoding))
    return path


HEADER = "Kundennummer;Name;Vorname;Geburtsdatum;Rechtskreis;Einwilligung Teilnahme;Kurs;Modul;Angemeldet am;Status;Ende am;Abbruchgrund;Kursbeginn"
GOOD = "K1;Ackermann;Anna;03.05.1970;SGB II;01.02.2024;walk-1;ge-bew-walking;01.02.2024;abgeschlossen;30.04.2024;;04.03.2024"


# --- cells ---------------------------------------------------------------------------------


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 5, 25, 26, 27, 701, 702)] == [
        "A",
        "F",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("03.05.2024", date(2024, 5, 3)),
        ("3.5.24", date(2024, 5, 3)),
        ("2024-05-03", date(2024, 5, 3)),
        (45415, date(2024, 5, 3)),
        (45415.0, date(2024, 5, 3)),
        ("45415", date(2024, 5, 3)),
        (date(2024, 5, 3), date(2024, 5, 3)),
        ("Mai", None),
        ("31.02.2024", None),
        (True, None),
    ],
)
def test_dates_in_every_spelling(value: object, expected: date | None) -> None:
    assert cell_date(value, FORMATS) == expected  # type: ignore[arg-type]


# --- layouts -------------------------------------------------------------------------------


def test_layout_errors_name_the_toml_key() -> None:
    base = 'name = "x"\ntitle_de = "X"\ntitle_en = "X"\n'
    with pytest.raises(LayoutError, match=r"sheets: expected at least one"):
        loads_layout(base)
    with pytest.raises(LayoutError, match=r"sheets\[0\]\.kind"):
        loads_layout(base + '[[sheets]]\nkind = "grades"\n[sheets.columns]\n')
    with pytest.raises(LayoutError, match=r"sheets\[0\]\.columns\.shoe_size"):
        loads_layout(
            base
            + '[[sheets]]\nkind = "attendance"\n[sheets.columns]\ncourse = "Kurs"\nshoe_size = "Schuhgröße"\n'
        )
    with pytest.raises(LayoutError, match=r"sheets\[0\]\.columns\.course"):
        loads_layout(base + '[[sheets]]\nkind = "attendance"\n[sheets.columns]\nmodule = "Modul"\n')
    with pytest.raises(LayoutError, match=r'values\.benefit\."Hartz"'):
        loads_layout(
            base
            + '[values.benefit]\nHartz = "sgb4"\n[[sheets]]\nkind = "attendance"\nidentity = "last_name"\n[sheets.columns]\ncourse = "K"\nlast_name = "Name"\n'
        )
    with pytest.raises(LayoutError, match=r"\(file\)"):
        loads_layout("name = ")


def test_site_layouts_come_through_the_hook() -> None:
    assert [layout.name for layout in bundle().layouts] == ["standard", "abcaktiv"]
    assert [layout.name for layout in bundle("viersen").layouts] == ["standard", "aktivitaetsplan"]
    assert [i.name for i in get_registry().importers()] == ["xlsx", "csv"]
    assert bundle().importer("csv").suffixes == (".csv", ".txt")


# --- CSV reading and problems --------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_encodings_and_delimiters(tmp_path: Path, encoding: str, delimiter: str) -> None:
    lines = [
        HEADER.replace(";", delimiter),
        GOOD.replace(";", delimiter).replace("Ackermann", "Müßig"),
    ]
    result = read([write_csv(tmp_path / "Teilnehmende.csv", lines, encoding)])
    assert result.ok, result.problems
    assert len(result.dataset.participants) == 1
    person = result.dataset.participants[0]
    assert person.birth_year == 1970
    assert person.pseudonym == make_pseudonymizer(KEY, "gelsenkirchen")("k1")


def test_a_bad_cell_is_named_by_file_sheet_row_and_column(tmp_path: Path) -> None:
    bad = GOOD.replace("30.04.2024", "Ende April")
    result = read(
        [write_csv(tmp_path / "Teilnehmende.csv", [HEADER, GOOD.replace("K1", "K2"), bad])]
    )
    assert not result.ok
    [problem] = result.problems
    assert (problem.file, problem.sheet, problem.row, problem.column) == (
        "Teilnehmende.csv",
        None,
        3,
        "K",
    )
    assert str(problem).startswith(
        "Teilnehmende.csv, Zeile 3, Spalte K: ein Datum wie 03.05.2024 erwartet"
    )
    assert result.rows_refused == 1
    assert len(result.dataset.participants) == 1
    with pytest.raises(ImportDataError):
        result.accepted()
    assert result.accepted(skip_bad_rows=True) is result.dataset


def test_identifying_cells_never_appear_in_problems(tmp_path: Path) -> None:
    rows = [HEADER, "K1;Ackermann;Anna;Brinkmann;SGB II;;walk-1;ge-bew-walking;01.02.2024;fertig;;;04.03.2024",
            ";Brinkmann;Ben;1970;SGB II;01.02.2024;walk-1;ge-bew-walking;01.02.2024;abgeschlossen;30.04.2024;;"]  # fmt: skip
    result = read([write_csv(tmp_path / "Teilnehmende.csv", rows)])
    texts = [p.text(lang) for p in result.problems for lang in ("de", "en")]
    assert len(result.problems) >= 4
    for text in [*texts, str(ImportDataError(result.problems))]:
        for secret in (*NAMES, "K1", "03.05.1970"):
            assert secret not in text
    assert any("Einwilligung" in t for t in texts)  # no consent: refused
    assert any("Spalte A" in t and "Kundennummer fehlt" in t for t in texts)


def test_no_consent_no_health_data(tmp_path: Path) -> None:
    header = HEADER + ";Einschränkungen"
    row = GOOD + ";psychisch"
    result = read([write_csv(tmp_path / "Teilnehmende.csv", [header, row])])
    assert any("Art. 9" in p.message for p in result.problems)
    header2 = header + ";Einwilligung Gesundheitsdaten"
    result = read([write_csv(tmp_path / "Teilnehmende.csv", [header2, row + ";01.02.2024"])])
    assert result.ok, result.problems
    assert result.dataset.participants[0].restriction_categories


def test_rejects_file_has_places_and_no_names(tmp_path: Path) -> None:
    bad = GOOD.replace("abgeschlossen", "fertig")
    result = read([write_csv(tmp_path / "Teilnehmende.csv", [HEADER, bad])])
    path = write_rejects(result, tmp_path / "fehler.csv")
    text = path.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0] == "Datei;Blatt;Zeile;Spalte;Problem"
    assert "Teilnehmende.csv;;2;J;" in text
    assert not any(secret in text for secret in (*NAMES, "K1"))


def test_key_from_file_or_environment(tmp_path: Path) -> None:
    (tmp_path / "key").write_bytes(KEY + b"\n")
    assert load_key(tmp_path / "key", environ={}) == KEY
    assert load_key(environ={KEY_ENV: KEY.decode()}) == KEY
    with pytest.raises(SheetError, match="16 bytes"):
        load_key(environ={KEY_ENV: "short"})
    with pytest.raises(SheetError, match="no pseudonym key"):
        load_key(environ={})
    assert "test-key" not in repr(make_pseudonymizer(KEY, "gelsenkirchen"))


# --- the sample sheets give the demo's figures ---------------------------------------------

_FIGURES = (
    "persons",
    "enrolments",
    "dropout_reasons",
    "attendance_enrolments",
    "attendance_present",
)


def _figures(data: Dataset, modules: tuple) -> dict[str, object]:  # type: ignore[type-arg]
    cell = aggregate(attrs.evolve(data, modules=modules)).cells[(2024, (), ())]
    return {name: getattr(cell, name) for name in _FIGURES}


def gelsenkirchen_samples() -> list[Path]:
    imports = ge_imports
    return [
        imports.sample_path(imports.PARTICIPANTS_SAMPLE),
        imports.sample_path(imports.ATTENDANCE_SAMPLE),
    ]


def test_gelsenkirchen_samples_give_the_demo_figures() -> None:
    imports = ge_imports
    result = read(gelsenkirchen_samples(), bundle().layout("abcaktiv"))
    assert result.ok, result.problems[:5]
    demo = imports.sample_dataset()
    modules = bundle().modules
    assert _figures(result.dataset, modules) == _figures(
        attrs.evolve(demo, outcomes=(), assessments=()), modules
    )
    assert len(result.dataset.attendances) == len(demo.attendances)
    assert len(result.dataset.sessions) == len({s.offering_id for s in demo.sessions if any(
        e.offering_id == s.offering_id for e in demo.enrolments)}) or result.dataset.sessions  # fmt: skip
    assert all(p.pseudonym.startswith("GE-") for p in result.dataset.participants)


def _plan_figures(data: Dataset) -> dict[str, object]:
    steps = [s for p in data.plans for g in p.goals for s in g.steps]
    return {
        "plans": len(data.plans), "goals": sum(len(p.goals) for p in data.plans),
        "steps": sorted(str(s.status) for s in steps), "coaches": sorted(p.coach_id for p in data.plans),
        "progress": sorted(str(g.progress) for p in data.plans for g in p.goals),
    }  # fmt: skip


def test_viersen_sample_gives_the_demo_plans() -> None:
    imports = vie_imports
    result = read(
        [imports.sample_path(imports.PLAN_SAMPLE)],
        bundle("viersen").layout("aktivitaetsplan"),
        site="viersen",
    )
    assert result.ok, result.problems[:5]
    assert _plan_figures(result.dataset) == _plan_figures(imports.sample_dataset())


# --- the command line ----------------------------------------------------------------------


@click.group()
@click.option("--lang", default="de")
@click.pass_context
def group(ctx: click.Context, lang: str) -> None:
    ctx.obj = State(lang, False)  # type: ignore[arg-type]


group.add_command(import_command)


def test_cli_dry_run_of_the_samples(tmp_path: Path) -> None:
    (tmp_path / "key").write_bytes(KEY)
    files = [str(p) for p in gelsenkirchen_samples()]
    result = CliRunner().invoke(group, ["import", "gelsenkirchen", *files, "--layout", "abcaktiv",
                                        "--dry-run", "--key-file", str(tmp_path / "key")])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Gelesen: 40 Personen" in result.output
    assert "Probelauf: nichts geschrieben." in result.output


def test_cli_refuses_a_bad_sheet_and_writes_rejects(tmp_path: Path) -> None:
    sheet = write_csv(tmp_path / "Teilnehmende.csv", [HEADER, GOOD.replace("SGB II", "Hartz")])
    args = ["import", "gelsenkirchen", str(sheet), "--layout", "standard", "--dry-run"]
    runner = CliRunner(env={KEY_ENV: KEY.decode()})
    result = runner.invoke(group, args)
    assert result.exit_code == 1
    assert "Teilnehmende.csv, Zeile 2, Spalte E: unbekannter Wert" in result.output
    assert "Nichts übernommen" in result.output
    result = runner.invoke(group, [*args, "--skip-bad-rows", str(tmp_path / "f.csv")])
    assert result.exit_code == 0, result.output
    assert "Zeile" in (tmp_path / "f.csv").read_text(encoding="utf-8-sig")
    result = runner.invoke(
        group,
        ["--lang", "en", "import", "gelsenkirchen", str(sheet), "--layout", "nope", "--dry-run"],
    )
    assert result.exit_code == 2
    assert "unknown layout 'nope'" in result.output
