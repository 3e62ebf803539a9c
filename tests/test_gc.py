"""Tests of welfare_rules._gc: the collector's state is always restored."""

from __future__ import annotations

import gc

import pytest

from welfare_rules._gc import paused_collection


def _fail_while_paused() -> None:
    with paused_collection():
        assert not gc.isenabled()
        raise RuntimeError("boom")


def test_restores_an_enabled_collector_even_after_an_error() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError, match="boom"):
        _fail_while_paused()
    assert gc.isenabled()


def test_leaves_a_disabled_collector_disabled() -> None:
    gc.disable()
    try:
        with paused_collection():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_extraction_leaves_the_collector_as_it_found_it() -> None:
    from welfare_rules.audit.extract import extract_report

    extract_report("Tổng số 2 suất = 1.000.000đ\n- Mức 500.000đ: 2 suất = 1.000.000đ")
    assert gc.isenabled()
