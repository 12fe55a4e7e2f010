"""Figure and chart images (issue 19): PNG crops under OUT/<stem>/figures/ linked from the
Markdown, --images none|referenced|embedded, --page-images, image paths in the JSON, and
region.image() / page.image() as PIL images rendered from the source PDF. Generated PDFs only."""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import docparse
from docparse.cli import main
from docparse.document import ImageMode, RegionKind
from docparse.errors import InputError
from docparse.options.batch import OutputFormat
from docparse.options.outputs import ImageOptions, OutputOptions
from docparse.renderers.files import write_outputs

PHOTO_BOX = (150, 380, 300, 200)  # x, y (from the bottom), width, height in points


def _photo() -> np.ndarray:
    """A 4 x 6 mosaic of random colours, 200 x 300 pixels (coarse enough to survive resampling)."""
    tiles = (np.random.default_rng(0).random((4, 6, 3)) * 255).astype("uint8")
    return np.kron(tiles, np.ones((50, 50, 1), dtype="uint8"))


def _report_pdf(path: Path) -> Path:
    """Two pages: a heading, text, a photo with its caption; then a raster bar chart with one."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.bar(["North", "South", "East"], [3, 5, 2], color="#3366aa")
    chart = io.BytesIO()
    fig.savefig(chart, format="png", dpi=100)
    plt.close(fig)
    photo = io.BytesIO()
    Image.fromarray(_photo()).save(photo, format="PNG")
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("Helvetica-Bold", 18)
    c.drawString(72, 770, "Quarterly Report")
    c.setFont("Helvetica", 11)
    for i in range(4):
        c.drawString(72, 740 - 14 * i, f"Line {i} of the first page explains the photograph below in plain words.")
    x, y, w, h = PHOTO_BOX
    c.drawImage(ImageReader(photo), x, y, width=w, height=h)
    c.drawString(150, 362, "Figure 1: A photograph of the site")
    c.drawString(72, 330, "Text after the figure continues the first page of the report.")
    c.showPage()
    c.setFont("Helvetica", 11)
    c.drawString(72, 770, "The second page opens with this sentence about sales.")
    c.drawImage(ImageReader(chart), 150, 450, width=300, height=225)
    c.drawString(150, 432, "Figure 2: Sales by region")
    c.showPage()
    c.save()
    return path


def _vector_chart_pdf(path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    ax.bar(["2021", "2022", "2023"], [12, 18, 15], color="#aa3333")
    ax.set_title("Revenue by year")
    ax.set_ylabel("Revenue")
    fig.savefig(path, format="pdf")
    plt.close(fig)
    return path


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _report_pdf(tmp_path_factory.mktemp("images") / "report.pdf")


@pytest.fixture(scope="module")
def parsed(report: Path) -> docparse.Document:
    return docparse.parse(report, ocr="never")


def _figures(doc: docparse.Document) -> list[docparse.Region]:
    return [r for p in doc.pages for r in p.body() if r.kind in (RegionKind.FIGURE, RegionKind.CHART)]


def test_region_image_is_the_crop_of_the_pdf(parsed: docparse.Document) -> None:
    photo = _figures(parsed)[0]
    image = photo.image(dpi=72)
    assert isinstance(image, Image.Image) and image.mode == "RGB"
    w, h = PHOTO_BOX[2:]
    assert abs(image.width - (w + 4)) <= 2 and abs(image.height - (h + 4)) <= 2  # 2 pt padding each side
    crop = np.asarray(image.convert("L").resize((w, h)), dtype=float)
    truth = np.asarray(Image.fromarray(_photo()).convert("L").resize((w, h)), dtype=float)
    assert np.corrcoef(crop[4:-4, 4:-4].ravel(), truth[4:-4, 4:-4].ravel())[0, 1] > 0.9  # the photo, not white
    assert photo.image(dpi=144).width == pytest.approx(2 * image.width, abs=3)
    page = parsed.pages[0].image(dpi=50)
    assert (page.width, page.height) == pytest.approx((595 * 50 / 72, 842 * 50 / 72), abs=2)


def test_image_needs_the_source_once_loaded_from_json(parsed: docparse.Document, report: Path,
                                                      tmp_path: Path) -> None:
    loaded = docparse.Document.model_validate_json(parsed.to_json())
    figure = _figures(loaded)[0]
    with pytest.raises(InputError, match="source="):
        figure.image()
    assert figure.image(dpi=72, source=report).size == _figures(parsed)[0].image(dpi=72).size
    moved = shutil.copy(report, tmp_path / "moved.pdf")
    doc = docparse.parse(moved, ocr="never")
    Path(moved).unlink()
    with pytest.raises(InputError, match="no longer"):
        _figures(doc)[0].image()


def test_bytes_input_keeps_its_bytes_for_images(report: Path) -> None:
    doc = docparse.parse(report.read_bytes(), ocr="never")
    assert _figures(doc)[0].image(dpi=72).width > 250


def test_referenced_images_are_written_linked_and_in_the_json(report: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert main([str(report), "-o", str(out), "-q", "-j", "1", "--ocr", "never", "--page-images"]) == 0
    figures = sorted((out / "report" / "figures").glob("*.png"))
    assert [f.name for f in figures] == ["page-1-figure-1.png", "page-2-figure-1.png"]
    with Image.open(figures[0]) as png:
        assert png.width == pytest.approx((PHOTO_BOX[2] + 4) * 2, abs=3)  # default 144 dpi
    markdown = (out / "report.md").read_text()
    assert "![Figure 1: A photograph of the site](report/figures/page-1-figure-1.png)" in markdown
    assert "![Figure 2: Sales by region](report/figures/page-2-figure-1.png)" in markdown
    assert markdown.index("](report/figures/page-1-figure-1.png)") < markdown.index("Figure 2")
    data = json.loads((out / "report.json").read_text())
    paths = {r["id"]: r["image_path"] for p in data["pages"] for r in p["regions"] if r["image_path"]}
    assert paths == {"/page/1/figure/1": "report/figures/page-1-figure-1.png",
                     "/page/2/figure/1": "report/figures/page-2-figure-1.png"}
    assert [p["image_path"] for p in data["pages"]] == ["report/pages/page-1.png", "report/pages/page-2.png"]
    for rel in list(paths.values()) + [p["image_path"] for p in data["pages"]]:
        assert (out / rel).is_file()  # every path resolves from the .md/.json's directory


def test_images_none_and_embedded(report: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "none"
    assert main([str(report), "-o", str(out), "-q", "-j", "1", "--ocr", "never", "--images", "none"]) == 0
    assert not (out / "report" / "figures").exists() and "![" not in (out / "report.md").read_text()
    assert main([str(report), "-q", "--ocr", "never", "--images", "embedded"]) == 0
    markdown = capsys.readouterr().out
    links = re.findall(r"!\[([^\]]*)\]\(data:image/png;base64,([A-Za-z0-9+/=]+)\)", markdown)
    assert [alt for alt, _ in links] == ["Figure 1: A photograph of the site", "Figure 2: Sales by region"]
    with Image.open(io.BytesIO(base64.b64decode(links[0][1]))) as png:
        assert png.format == "PNG" and png.width > 500
    assert main([str(report), "-q", "--images", "referenced"]) == 2  # files need -o
    assert main([str(report), "-q", "--page-images"]) == 2


def test_vector_chart_gets_an_image_above_its_values(tmp_path: Path) -> None:
    doc = docparse.parse(_vector_chart_pdf(tmp_path / "chart.pdf"), ocr="never")
    charts = [r for r in _figures(doc) if r.kind is RegionKind.CHART]
    assert charts and charts[0].chart is not None
    output = OutputOptions(images=ImageOptions(mode=ImageMode.REFERENCED, dpi=72))
    written = write_outputs(doc, tmp_path / "out", "chart", {OutputFormat.MARKDOWN}, output)
    assert tmp_path / "out" / "chart" / "figures" / "page-1-chart-1.png" in written
    markdown = (tmp_path / "out" / "chart.md").read_text()
    link = markdown.index("](chart/figures/page-1-chart-1.png)")
    assert markdown.rfind("![", 0, link) >= 0 and link < markdown.index("| 2021 |")


def test_crop_on_a_rotated_page_is_the_figure_as_shown(report: Path, tmp_path: Path) -> None:
    """Region boxes are in unrotated page space; the crop shows the figure as the page is viewed."""
    import pymupdf

    with pymupdf.open(report) as pdf:
        pdf[0].set_rotation(90)
        pdf.save(tmp_path / "rotated.pdf")
    upright = _figures(docparse.parse(report, ocr="never", pages="1"))[0].image(dpi=72)
    turned = _figures(docparse.parse(tmp_path / "rotated.pdf", ocr="never", pages="1"))[0].image(dpi=72)
    assert turned.size == pytest.approx((upright.height, upright.width), abs=1)
    a = np.asarray(turned.rotate(90, expand=True).convert("L").resize(upright.size), dtype=float)  # back upright
    b = np.asarray(upright.convert("L"), dtype=float)
    assert np.corrcoef(a.ravel(), b.ravel())[0, 1] > 0.9


def _scan_pdf(path: Path, turn: int) -> Path:
    """An image-only PDF: a few lines of text over the mosaic photo, the scan turned ``turn``
    degrees counter-clockwise (OCR's orientation step turns it back)."""
    import pymupdf
    from PIL import ImageDraw, ImageFont

    page = Image.new("RGB", (900, 700), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=28)
    for i, line in enumerate(("Site survey results for the northern plot", "The photograph below shows the area",
                              "Every tile is one sampled square")):
        draw.text((60, 40 + 45 * i), line, fill="black", font=font)
    page.paste(Image.fromarray(_photo()).resize((600, 400), Image.NEAREST), (150, 240))
    scan = page.rotate(turn, expand=True)
    buf = io.BytesIO()
    scan.save(buf, format="PNG")
    with pymupdf.open() as pdf:
        out = pdf.new_page(width=scan.width * 72 / 150, height=scan.height * 72 / 150)
        out.insert_image(out.rect, stream=buf.getvalue())
        pdf.save(path)
    return path


def test_crop_on_a_turned_scan_is_upright(tmp_path: Path) -> None:
    """On an OCR page turned upright, boxes are in the corrected frame: the crop follows it."""
    pytest.importorskip("rapidocr_onnxruntime")
    doc = docparse.parse(_scan_pdf(tmp_path / "turned.pdf", 90), ocr="always")
    page = doc.pages[0]
    assert page.ocr and page.rotation == 270
    figure = max(_figures(doc), key=lambda r: (r.bbox[2] - r.bbox[0]) * (r.bbox[3] - r.bbox[1]))
    crop = np.asarray(figure.image(dpi=150).convert("L"), dtype=float)
    ink = np.argwhere(crop < 245)  # the layout model's box has a white margin round the photo
    (y0, x0), (y1, x1) = ink.min(axis=0), ink.max(axis=0) + 1
    photo = Image.fromarray(crop[y0:y1, x0:x1].astype("uint8"))
    assert photo.width > photo.height  # the landscape photo, not the turned page
    truth = np.asarray(Image.fromarray(_photo()).convert("L").resize(photo.size), dtype=float)
    assert np.corrcoef(np.asarray(photo, dtype=float).ravel(), truth.ravel())[0, 1] > 0.8


def test_a_figure_inside_a_larger_imaged_one_gets_no_image_of_its_own() -> None:
    """Pieces of a picture the classifier also took whole are in its image already."""
    from docparse.document import RegionGroup
    from docparse.renderers.images import imaged_regions

    def figure(n: int, bbox: tuple[float, float, float, float], kind: RegionKind = RegionKind.FIGURE) -> docparse.Region:
        return docparse.Region(id=f"/page/1/{kind.value}/{n}", group=RegionGroup.CHART, kind=kind, bbox=bbox,
                               page=1, order=n)

    whole = figure(1, (72, 530, 310, 695))
    piece = figure(2, (72, 535, 200, 600))  # all inside the whole
    astride = figure(3, (220, 610, 350, 680))  # two thirds inside: a figure of its own
    chart = figure(1, (320, 420, 590, 690), RegionKind.CHART)
    sliver = figure(4, (400, 100, 405, 300))  # 5 pt wide: below min_side_pt
    chosen = imaged_regions([piece, whole, astride, chart, sliver], ImageOptions())
    assert [r.id for r in chosen] == [whole.id, astride.id, chart.id]  # body order kept
    overhang = figure(5, (60, 535, 200, 600))  # 91 % inside
    assert [r.id for r in imaged_regions([overhang, whole], ImageOptions())] == [whole.id]
    assert [r.id for r in imaged_regions([overhang, whole], ImageOptions(nested_share=0.95))] == [overhang.id, whole.id]
