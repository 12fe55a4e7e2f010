"""The learned block-role model (issue 15 item 2): the numpy tree evaluator against LightGBM's own
predictions (saved by tools/train_block_roles.py when it exported the model), loading the
shipped model file with no network and no training library, and the rule learned_heading on a
generated look-alike."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from docparse.models.trees import TreeEnsemble
from docparse.regions.block_features import FEATURE_NAMES

FIXTURE = Path(__file__).parent / "fixtures" / "block_roles_expected.json"


def test_evaluator_matches_lightgbm_on_saved_rows() -> None:
    expected = json.loads(FIXTURE.read_text(encoding="utf-8"))
    model = TreeEnsemble.load()
    got = model.probabilities(expected["features"])
    assert got.shape == (len(expected["probabilities"]),)
    np.testing.assert_allclose(got, expected["probabilities"], rtol=0, atol=1e-9)
    assert (got > 0.5).any() and (got < 0.5).any()  # the rows cover both answers


def test_model_features_are_the_feature_function_s() -> None:
    assert TreeEnsemble.load().feature_names == FEATURE_NAMES
    with pytest.raises(ValueError):
        TreeEnsemble.load().probabilities([[0.0] * (len(FEATURE_NAMES) - 1)])


def test_model_loads_offline_without_training_libraries() -> None:
    """A fresh interpreter with sockets disabled loads the packaged model and classifies a page
    with the rule on; neither lightgbm nor scikit-learn is imported."""
    code = """
import socket, sys
def _no_network(*a, **k):
    raise OSError("network disabled in this test")
socket.socket.connect = _no_network
socket.create_connection = _no_network
import docparse
from docparse.config import BlockRoleOptions, ParseOptions
from docparse.models.trees import TreeEnsemble
m = TreeEnsemble.load()
assert m.feature.shape[0] > 10
import pymupdf
doc = pymupdf.open()
page = doc.new_page()
page.insert_text((72, 90), "Quarterly Review", fontsize=20)
page.insert_text((72, 130), "Revenue rose in every region while costs held flat.", fontsize=10)
out = docparse.parse(doc.tobytes(), ParseOptions(blocks=BlockRoleOptions(learned_headings=True)))
assert out.pages
assert "lightgbm" not in sys.modules and "sklearn" not in sys.modules, "training library imported"
print("ok")
"""
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.strip().endswith("ok")


def _shaded_header_report(path: Path) -> Path:
    """A WeasyPrint report whose table has a dark header fill with white text, a stub header
    spanning both header rows, year groups over half-years and bold full-width group rows: the
    table finder leaves the header and the first group row outside the table, and the bold stub
    header and group label, alone on their lines, read like headings to the hand rules."""
    from tests.table_lookalikes import weasyprint

    rows = []
    for group, places in (("Northern", ("Tromso", "Bodo", "Narvik")), ("Coastal", ("Bergen", "Stavanger"))):
        rows.append(f'<tr><td colspan="5" class="group">{group}</td></tr>')
        for k, place in enumerate(places):
            cells = "".join(f'<td class="num">{(len(place) * 97 + k * 31 + j * 7) % 90 + 3}.{j}%</td>' for j in range(4))
            rows.append(f"<tr><td>{place}</td>{cells}</tr>")
    body = "Freight volumes rose in every quarter while handling costs per unit held broadly flat. " * 5
    html = f"""<html><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 25mm 20mm }}
body {{ font-family: "Liberation Serif", serif; font-size: 10pt; line-height: 1.3 }}
h1 {{ font-size: 20pt }} h2 {{ font-size: 13pt }}
table {{ border-collapse: collapse; margin: 8pt 0; font-size: 9.5pt }}
th, td {{ padding: 2pt 6pt }} td.num {{ text-align: right }} td.group {{ font-weight: bold }}
table.shaded thead th {{ background: #24405f; color: white }}
table.shaded td {{ border-bottom: 0.4px solid #bbb }}
</style></head><body><h1>Freight Review</h1><h2>Results by Region</h2><p>{body}</p>
<table class="shaded"><thead><tr><th rowspan="2">Region</th><th colspan="2">2019</th><th colspan="2">2022</th></tr>
<tr><th>H1</th><th>H2</th><th>H1</th><th>H2</th></tr></thead><tbody>{''.join(rows)}</tbody></table>
<p>{body}</p></body></html>"""
    return weasyprint(html, path)


def _roles(pdf: Path, learned: bool) -> dict[str, str]:
    import docparse
    from docparse.config import BlockRoleOptions, ParseOptions

    doc = docparse.parse(pdf, ParseOptions(blocks=BlockRoleOptions(learned_headings=learned)))
    return {r.text.strip(): r.kind.value for r in doc.pages[0].regions}


def test_learned_heading_keeps_table_header_cells_out_of_the_headings(tmp_path: Path) -> None:
    """The stub header 'Region' and the group label 'Northern' that the table finder leaves
    outside the table are bold lines alone on their baselines: the hand rules make them
    headings; the model (learned_headings on) keeps them as text, and the real headings stay."""
    pdf = _shaded_header_report(tmp_path / "shaded.pdf")
    off, on = _roles(pdf, learned=False), _roles(pdf, learned=True)
    outside = [text for text in ("Region", "Northern") if text in off]
    if not outside:
        pytest.skip("the table finder kept the header cells in the table: nothing left to decide")
    assert all(on[text] != "heading" for text in outside), on
    assert on.get("Results by Region") == "heading" and on.get("Freight Review") in ("title", "heading"), on
    if not any(off[text] == "heading" for text in outside):
        pytest.skip("the hand rules keep these cells out of the headings too: the model changes nothing here")


def test_learned_heading_promotes_no_byline(tmp_path: Path) -> None:
    """A generated report (another seed than the text benchmark's) whose byline 'Prepared by …,
    <month> <year>' the model scores like a heading: learned_heading does not promote a line
    with a byline word, and the report's headings stay headings."""
    from benchmarks.synth.reports import STYLES, generate_report

    path = tmp_path / "report.pdf"
    truth = generate_report(path, 7 * 100_003 + 1, STYLES[1], 2.0)
    import docparse
    from docparse.config import BlockRoleOptions, ParseOptions

    doc = docparse.parse(path, ParseOptions(blocks=BlockRoleOptions(learned_headings=True)))
    headings = [r.text for p in doc.pages for r in p.regions if r.kind.value == "heading"]
    assert not [h for h in headings if h.lower().startswith("prepared by")], headings
    assert len(headings) >= len(truth.headings) - 1, (headings, truth.headings)


def test_learned_headings_are_on_by_default_and_find_a_one_word_italic_run_in_heading(tmp_path: Path) -> None:
    """An italic run-in h4 'Pricing' at body size in a CSS column (WeasyPrint): the hand rules
    need two to eight words for an italic heading and leave it as text; the model, on by
    default (it wins or ties on every family's dev split and on DocBank/docling), finds it."""
    import docparse
    from docparse.config import ParseOptions
    from tests.table_lookalikes import weasyprint

    para = "Demand in the northern stores fell slightly as new accounts came on stream while the partner " \
           "network held broadly flat. " * 3
    html = f"""<html><head><meta charset="utf-8"><style>@page {{ size: A4; margin: 60pt }}
body {{ font-family: "DejaVu Serif", serif; font-size: 10pt }} .cols {{ column-count: 2; column-gap: 18pt }}
h1 {{ font-size: 20pt }} h2 {{ font-size: 14pt }} p {{ margin: 0 0 6pt }}
h4 {{ font-style: italic; font-weight: normal; font-size: 10pt; margin: 8pt 0 2pt }}</style></head>
<body><h1>Kestrel Sales Review</h1><h2>1. Market Context</h2><div class="cols">
{''.join(f'<p>{para}</p>' for _ in range(15))}<h4>Pricing</h4>{''.join(f'<p>{para}</p>' for _ in range(6))}
</div></body></html>"""
    pdf = weasyprint(html, tmp_path / "runin.pdf")
    assert ParseOptions().blocks.learned_headings
    roles = {r.text.strip(): r.kind.value for p in docparse.parse(pdf).pages for r in p.regions}
    assert roles.get("Pricing") == "heading" and roles.get("1. Market Context") == "heading", roles
