"""The HTML annual report rendered by headless Chromium: tables and charts, not blank.

Needs Debian's ``chromium`` (``/usr/bin/chromium``). Skipped when it is missing, except in
CI (``CI`` set), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from fractions import Fraction
from html import unescape
from pathlib import Path

import pytest

from arbeit_gesundheit.plugins import ExportOptions, PluginManager, get_registry
from arbeit_gesundheit.report import AnnualReport, annual_report, format_cell
from arbeit_gesundheit.synthetic import default_modules, generate_cohort

YEAR = 2024
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium() -> str:
    for candidate in (
        "/usr/bin/chromium",
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
    ):
        if candidate and os.path.exists(candidate):
            return candidate
    if os.environ.get("CI"):
        pytest.fail("chromium is required in CI (apt-get install chromium)")
    pytest.skip("chromium is not installed (apt-get install chromium)")


@pytest.fixture(scope="module")
def report() -> AnnualReport:
    data = generate_cohort(seed=21, participants=120, modules=default_modules(YEAR), year=YEAR)
    return annual_report(data, site=data.sites[0], year=YEAR)


@pytest.fixture(scope="module")
def page(report: AnnualReport, tmp_path_factory: pytest.TempPathFactory) -> Path:
    exporter = get_registry(PluginManager(entry_points=False, environ={})).exporter("html")
    path = tmp_path_factory.mktemp("html") / "bericht.html"
    path.write_bytes(exporter.export(report, ExportOptions()))
    return path


def browse(page: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    binary = chromium()
    return subprocess.run(
        [binary, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_rendered_dom_has_tables_and_charts(
    page: Path, report: AnnualReport, tmp_path: Path
) -> None:
    result = browse(page, tmp_path, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    assert "<svg" in dom
    for table in report.tables():
        assert f'data-table="{table.id}"' in dom
    for chart in report.charts():
        assert f'data-chart="{chart.id}"' in dom
        # every shown bar value is drawn as text next to its bar
        for value in chart.values:
            text = format_cell(value, chart.kind, "de", grouping=True, unit=True)
            assert f">{text}</text>" in unescape(dom)
    reach = report.table("reach").rows[0].cells[0]
    cells = re.findall(r'<td class="count">([^<]*)</td>', dom)
    assert format_cell(reach, "count", "de", grouping=True) in cells
    bars = re.findall(r'<rect class="bar"[^>]*data-value="([0-9.]+)"', dom)
    numbers = [v for c in report.charts() for v in c.values if isinstance(v, int | Fraction)]
    assert len(bars) == len(numbers)
    assert [float(b) for b in bars] == pytest.approx([float(v) for v in numbers], abs=1e-4)


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Decode an 8-bit RGB(A) PNG into rows of raw pixel bytes (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos = 8
    width = height = 0
    channels = 0
    idat = b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind = raw[start]
        line = bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    return width, height, [bytes(r) for r in rows]


def test_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    shot = tmp_path / "shot.png"
    result = browse(page, tmp_path, f"--screenshot={shot}", "--window-size=1200,1600")
    assert result.returncode == 0, result.stderr[-2000:]
    width, height, rows = _png_pixels(shot.read_bytes())
    assert (width, height) == (1200, 1600)
    channels = len(rows[0]) // width
    colours: set[bytes] = set()
    dark = 0
    for row in rows[::8]:
        for x in range(0, width, 4):
            pixel = row[x * channels : x * channels + 3]
            colours.add(pixel)
            if sum(pixel) < 300:
                dark += 1
    assert len(colours) > 20  # text, table lines, bars: not one flat colour
    assert dark > 100  # there is dark text on the page
