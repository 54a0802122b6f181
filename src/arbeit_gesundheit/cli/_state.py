"""What every command shares: the exit codes, the group's options and their helpers.

:class:`State` carries ``--lang`` and ``--progress`` from the command group to each command
(with :data:`pass_state`) and loads the plugin registry on first use. It lives apart from the
group in :mod:`._main` so the command modules can use it without importing the group that
loads them. Only click is imported here: ``--help`` stays fast.
"""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING, Literal

import click

if TYPE_CHECKING:
    from ..plugins import Registry, SiteBundle

__all__ = [
    "CONTEXT",
    "EXIT_DATA",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_OUTPUT_EXISTS",
    "EXIT_PLUGIN",
    "EXIT_USAGE",
    "Lang",
    "State",
    "parse_date",
    "pass_state",
]

#: Exit code: success.
EXIT_OK = 0
#: Exit code: invalid data (validation problems) or another error.
EXIT_DATA = 1
#: Exit code: wrong usage (click's own code for usage errors).
EXIT_USAGE = 2
#: Exit code: a plugin failed or an optional extra is missing.
EXIT_PLUGIN = 3
#: Exit code: the output file exists and ``--overwrite`` was not given.
EXIT_OUTPUT_EXISTS = 4
#: Exit code: interrupted by Ctrl-C (SIGINT).
EXIT_INTERRUPTED = 130

Lang = Literal["de", "en"]
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class State:
    """Options of the command group, passed to every command."""

    def __init__(self, lang: Lang, progress: bool | None) -> None:
        self.lang: Lang = lang
        self.progress = progress
        self._registry: Registry | None = None

    def t(self, de: str, en: str) -> str:
        return de if self.lang == "de" else en

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            from ..plugins import get_registry  # noqa: PLC0415

            self._registry = get_registry()
        return self._registry

    def site(self, site_id: str) -> SiteBundle:
        """The site ``site_id``; an unknown site is a usage error (exit 2)."""
        from ..exceptions import UnknownSiteError  # noqa: PLC0415

        try:
            return self.registry.site(site_id)
        except UnknownSiteError as exc:
            known = ", ".join(exc.known) or "-"
            raise click.BadParameter(
                self.t(f"unbekannter Standort {site_id!r} (bekannt: {known})",
                       f"unknown site {site_id!r} (known: {known})"),
                param_hint="SITE",
            ) from exc  # fmt: skip

    def warn_problems(self) -> None:
        for problem in self.registry.problems:
            click.echo(self.t("Warnung: ", "Warning: ") + str(problem), err=True)

    def show_progress(self) -> bool:
        if self.progress is not None:
            return self.progress
        return sys.stderr.isatty()


pass_state = click.make_pass_decorator(State)


def parse_date(state: State, value: str | None, name: str) -> date:
    """The date ``value`` (``YYYY-MM-DD``) of option ``name``, today if not given; anything
    else is a usage error (exit 2)."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            state.t("ein Datum JJJJ-MM-TT erwartet", "expected a date YYYY-MM-DD"),
            param_hint=name,
        ) from None
