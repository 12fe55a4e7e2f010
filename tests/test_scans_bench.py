"""The scans benchmark's text metrics (no models, no corpus)."""

from __future__ import annotations

from benchmarks.suite_scans import CerMode, cer, cer_text, infix_distance, matched_cer


def test_cer_modes_fold_case_and_spaces():
    assert cer_text("Date : 25/12/2018") == "date:25/12/2018"
    assert cer_text("Date :  25/12/2018", CerMode.CASELESS) == "date : 25/12/2018"
    assert cer("DOCUMENT NO : TD01", "Document No: TD01") == 0.0
    assert cer("DOCUMENT NO : TD01", "Document No : TD01", CerMode.CASELESS) == 0.0
    assert cer("DOCUMENT NO : TD01", "Document No: TD01", CerMode.CASELESS) > 0.0  # a dropped space counts
    assert cer("DOCUMENT NO : TD01", "Document No: TD01", CerMode.EXACT) > 0.2


def test_infix_distance_finds_the_best_stretch():
    assert infix_distance("total:", "cash 9.00 0total 1.00") == 1  # only the colon is missing
    assert infix_distance("abc", "") == 3
    assert infix_distance("documentno:td01167104", "xxdocumentnotd01167104dyy") == 1


def test_matched_cer_is_order_free_over_lines():
    truth = ["TOTAL: 9.00", "CASH 10.00"]
    assert matched_cer("Cash 10.00\nTotal: 9.00", truth) == 0.0
    assert 0 < matched_cer("Cash 10.00", truth) <= 1.0
