"""What goes into a store comes back equal, and figures from a store equal figures from the
same data as a Dataset, for every site plugin."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from store_data import demo

from arbeit_gesundheit import Dataset
from arbeit_gesundheit.exporters import ExportOptions
from arbeit_gesundheit.metrics import aggregate
from arbeit_gesundheit.plugins.registry import get_registry
from arbeit_gesundheit.report import annual_report
from arbeit_gesundheit.store import Store, init_store, open_store, withhold_withdrawn
from arbeit_gesundheit.testing.strategies import datasets


def _site_ids() -> list[str]:
    return sorted(get_registry().site_ids())


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    init_store(path)
    return path


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(dataset=datasets())
def test_any_dataset_comes_back_equal(dataset: Dataset, template: Path, tmp_path: Path) -> None:
    target = tmp_path / "round.sqlite"
    target.unlink(missing_ok=True)
    shutil.copy(template, target)
    with open_store(target) as store:
        store.import_dataset(dataset, actor="sb-1")
        assert store.dataset(withhold_withdrawn=False) == dataset
        again = store.import_dataset(dataset, actor="sb-1")
        assert again.new == again.changed == 0


def test_a_demo_year_comes_back_equal(store: Store) -> None:
    dataset = demo("gelsenkirchen", size=200)
    summary = store.import_dataset(dataset, actor="sb-1")
    assert summary.new == sum(len(getattr(dataset, f)) for f in _fields(dataset))
    assert store.dataset(withhold_withdrawn=False) == dataset


def _fields(dataset: Dataset) -> list[str]:
    return [a.name for a in type(dataset).__attrs_attrs__ if a.name != "format_version"]


@pytest.mark.parametrize("site_id", _site_ids())
def test_figures_from_a_store_equal_figures_from_the_dataset(store: Store, site_id: str) -> None:
    bundle = get_registry().site(site_id)
    dataset = demo(site_id, size=120)
    store.import_dataset(dataset, actor="sb-1")
    day = date(2025, 1, 31)
    from_store = store.dataset(known_on=day)
    expected = withhold_withdrawn(dataset, on=day)
    assert from_store == expected
    assert aggregate(from_store, year=2024) == aggregate(expected, year=2024)
    kwargs = {
        "site": bundle.site,
        "year": 2024,
        "modules": bundle.modules,
        "partners": bundle.partners,
    }
    assert annual_report(from_store, **kwargs) == annual_report(expected, **kwargs)
    everything = store.dataset(withhold_withdrawn=False)
    assert annual_report(everything, **kwargs) == annual_report(dataset, **kwargs)
    html = get_registry().exporter("html")
    assert html.export(annual_report(everything, **kwargs), ExportOptions()) == html.export(
        annual_report(dataset, **kwargs), ExportOptions()
    )
