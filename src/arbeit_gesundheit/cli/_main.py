"""The command group ``cli``, the commands it carries and the entry point :func:`main`.

:data:`COMMANDS` names each command by its module in this package and its attribute there;
the group loads them when this module is imported, so a new command module is one more line
in that tuple. :func:`main` runs the group and maps the library's errors to exit codes.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

import click

from ._state import (
    CONTEXT,
    EXIT_DATA,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_OUTPUT_EXISTS,
    EXIT_PLUGIN,
    Lang,
    State,
)

__all__ = ["COMMANDS", "cli", "main"]

#: Every command of the group: (module of this package, name of its click command or group).
#: The modules import only click at module level; the commands import the rest when they run.
COMMANDS: tuple[tuple[str, str], ...] = (
    ("._catalogue", "sites"),
    ("._catalogue", "modules"),
    ("._catalogue", "partners"),
    ("._catalogue", "plugins"),
    ("._catalogue", "formats"),
    ("._check", "validate"),
    ("._check", "explain"),
    ("._report", "report"),
    ("._report", "careplans"),
    ("._store", "store_group"),
    ("._import", "import_command"),
)


@click.group(context_settings=CONTEXT)
@click.option(
    "--lang",
    type=click.Choice(["de", "en"]),
    default="de",
    show_default=True,
    envvar="ARBEIT_GESUNDHEIT_LANG",
    help="Sprache der Ausgabe (output language).",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Fortschritt anzeigen (Standard: nur am Terminal).",
)
@click.version_option(package_name="arbeit_gesundheit", message="%(prog)s %(version)s")
@click.pass_context
def cli(ctx: click.Context, lang: Lang, progress: bool | None) -> None:
    """Gesundheitsförderung für arbeitslose Menschen: Standorte, Angebote, Jahresbericht.

    \b
    Hauptaufgabe – der Jahresbericht eines Standorts (mit Demodaten):
      arbeit-gesundheit report gelsenkirchen --year 2024 --output bericht.html

    Exit-Codes: 0 ok, 1 Datenfehler, 2 Bedienfehler, 3 Plugin-Fehler,
    4 Ausgabedatei existiert, 130 abgebrochen.
    """
    ctx.obj = State(lang, progress)


def _add_commands(group: click.Group) -> None:
    for module_name, attribute in COMMANDS:
        command = getattr(importlib.import_module(module_name, __package__), attribute)
        if not isinstance(command, click.Command):
            raise TypeError(f"{module_name}.{attribute} is not a click command")
        group.add_command(command)


_add_commands(cli)


def _fail(message: str, code: int) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> NoReturn:
    """Run the command line and exit with its exit code (the console-script entry point)."""
    lang = "en" if os.environ.get("ARBEIT_GESUNDHEIT_LANG") == "en" else "de"
    args = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in args[:-1]:
        lang = "en" if args[args.index("--lang") + 1] == "en" else "de"
    error = "Fehler: " if lang == "de" else "Error: "
    try:
        code = cli.main(args=args, prog_name="arbeit-gesundheit", standalone_mode=False)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except (click.Abort, KeyboardInterrupt):
        _fail("Abgebrochen." if lang == "de" else "Interrupted.", EXIT_INTERRUPTED)
    except Exception as exc:  # mapped to exit codes below; anything else is a bug
        _handle(exc, error)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _handle(exc: Exception, error: str) -> NoReturn:
    from ..exceptions import (  # noqa: PLC0415
        ArbeitGesundheitError,
        DocumentError,
        MissingExtraError,
        OutputExistsError,
        PluginError,
    )

    if isinstance(exc, OutputExistsError):
        _fail(error + str(exc), EXIT_OUTPUT_EXISTS)
    if isinstance(exc, PluginError | MissingExtraError):
        _fail(error + str(exc), EXIT_PLUGIN)
    if isinstance(exc, DocumentError):
        lines = [f"{error}{exc.what}:"] + [f"  {p}" for p in exc.problems]
        _fail("\n".join(lines), EXIT_DATA)
    if isinstance(exc, ArbeitGesundheitError | OSError):
        _fail(error + str(exc), EXIT_DATA)
    raise exc
