"""Issue 21's hostile set, rebuilt from seeds on every run (nothing stored), and the probes the
robustness suite reports beside the corpus numbers.

* :func:`build_files` – crafted PDFs and images: a page content with two Flate filters that
  inflates to GiBs, 30 nested form XObjects each drawing the next 10 times, a font file that is
  a Flate bomb, a 10,000-frame TIFF, object streams that inflate to GiBs (plain, in a file
  MuPDF repairs, without /Type), a chain of 13 xref streams of 8.4 million entries, a Type3
  glyph that draws 30 x 10 nested forms, tiling patterns 12 deep each painting the next 10
  times. Each goes through the same child-process runner as the
  corpus (hard timeout, memory cap): crashes, hangs, max RSS, tracebacks.
* :func:`archive_probe` – a tar.gz of 1 GiB members (refused) around good PDFs, converted by
  ``docparse ARCHIVE -o OUT``: good members converted, seconds, files written outside OUT.
* :func:`service_probe` – the service in-process: unauthenticated bodies read (must be 0) and
  the latency of a normal ``/v1/parse`` while two hostile jobs run.
* :func:`fuzz_probe` – atheris over the open, text-layer and content paths for a bounded time
  (``tests/fuzz_atheris.py``): executions and findings.
"""

from __future__ import annotations

import asyncio
import io
import re
import struct
import subprocess
import sys
import tarfile
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

GiB = 1 << 30


def zeros_deflated(size: int, level: int = 1) -> bytes:
    """``size`` zero bytes, deflated in pieces (never all in memory)."""
    deflater = zlib.compressobj(level)
    block = bytes(1 << 24)
    parts = [deflater.compress(block) for _ in range(size // len(block))]
    return b"".join(parts) + deflater.flush()


def two_pages():  # noqa: ANN201 - a pymupdf.Document
    """Two pages of body text; the hostile part goes on page 2, page 1 must still convert."""
    import pymupdf

    doc = pymupdf.open()
    for number in range(2):
        doc.new_page().insert_text((72, 300), f"Body text on page {number + 1}", fontsize=12)
    return doc


def _pdf_with(extra: "callable") -> bytes:  # type: ignore[valid-type]
    doc = two_pages()
    extra(doc, doc[1])
    return doc.tobytes()


def add_stream(doc, obj: str, data: bytes, filters: str | None = None) -> int:  # noqa: ANN001
    """A new stream object; ``filters`` set as given (the data already encoded), else Flate-compressed."""
    xref = doc.get_new_xref()
    doc.update_object(xref, obj)
    doc.update_stream(xref, data, compress=filters is None)
    if filters:
        doc.xref_set_key(xref, "Filter", filters)
    return xref


def set_resource(doc, page, key: str, value: str) -> None:  # noqa: ANN001
    kind, res = doc.xref_get_key(page.xref, "Resources")
    if kind == "xref":
        doc.xref_set_key(int(res.split()[0]), key, value)
    else:
        doc.xref_set_key(page.xref, "Resources/" + key, value)


def append_content(doc, page, xref: int) -> None:  # noqa: ANN001
    doc.xref_set_key(page.xref, "Contents", f"[{page.get_contents()[0]} 0 R {xref} 0 R]")


def double_flate_pdf(size: int = 2 * GiB) -> bytes:
    def add(doc, page) -> None:  # noqa: ANN001
        append_content(doc, page, add_stream(doc, "<<>>", zlib.compress(zeros_deflated(size), 9), "[/FlateDecode /FlateDecode]"))
    return _pdf_with(add)


def nested_forms_pdf(depth: int = 30, fan: int = 10) -> bytes:
    def add(doc, page) -> None:  # noqa: ANN001
        inner = None
        for _ in range(depth):
            body = b"0 0 m 10 10 l S\n" if inner is None else b"q /F Do Q\n" * fan
            res = "" if inner is None else f"/Resources <</XObject <</F {inner} 0 R>>>>"
            inner = add_stream(doc, f"<</Type/XObject/Subtype/Form/BBox[0 0 100 100]{res}>>", body)
        append_content(doc, page, add_stream(doc, "<<>>", b"q /Top Do Q\n"))
        set_resource(doc, page, "XObject", f"<</Top {inner} 0 R>>")
    return _pdf_with(add)


def _form_chain(doc, depth: int, fan: int) -> int:  # noqa: ANN001
    """``depth`` nested forms, each drawing the next ``fan`` times; the outermost form's xref."""
    inner = None
    for _ in range(depth):
        body = b"0 0 m 10 10 l S\n" if inner is None else b"q /F Do Q\n" * fan
        res = "" if inner is None else f"/Resources <</XObject <</F {inner} 0 R>>>>"
        inner = add_stream(doc, f"<</Type/XObject/Subtype/Form/BBox[0 0 100 100]{res}>>", body)
    assert inner is not None
    return inner


def type3_fanout_pdf(depth: int = 30, fan: int = 10, glyphs: int = 10) -> bytes:
    """Page 2 shows ``glyphs`` glyphs of a Type3 font whose glyph draws ``depth`` nested forms,
    each drawing the next ``fan`` times."""
    def add(doc, page) -> None:  # noqa: ANN001
        top = _form_chain(doc, depth, fan)
        proc = add_stream(doc, "<<>>", b"1000 0 d0\nq /F Do Q\n")
        font = doc.get_new_xref()
        doc.update_object(font, "<</Type/Font/Subtype/Type3/FontBBox[0 0 1000 1000]/FontMatrix[0.001 0 0 0.001 0 0]"
                                f"/CharProcs<</a {proc} 0 R>>/Encoding<</Type/Encoding/Differences[97/a]>>"
                                f"/FirstChar 97/LastChar 97/Widths[1000]/Resources<</XObject<</F {top} 0 R>>>>>>")
        set_resource(doc, page, "Font/T3", f"{font} 0 R")
        append_content(doc, page, add_stream(doc, "<<>>", b"BT /T3 12 Tf 72 200 Td (" + b"a" * glyphs + b") Tj ET\n"))
    return _pdf_with(add)


def pattern_fanout_pdf(depth: int = 12, fan: int = 10) -> bytes:
    """Page 2 is filled with a tiling pattern whose cell fills itself ``fan`` times with the next
    pattern, ``depth`` deep (MuPDF's render: about 10x slower per level, minutes at 8)."""
    def add(doc, page) -> None:  # noqa: ANN001
        inner = None
        for _ in range(depth):
            body = b"0 0 m 1 1 l S\n" if inner is None else b"/Pattern cs /P scn 0 0 100 100 re f\n" * fan
            res = "" if inner is None else f"/Resources<</Pattern<</P {inner} 0 R>>>>"
            inner = add_stream(doc, "<</Type/Pattern/PatternType 1/PaintType 1/TilingType 1/BBox[0 0 100 100]"
                                    f"/XStep 10/YStep 10{res}>>", body)
        set_resource(doc, page, "Pattern", f"<</P {inner} 0 R>>")
        append_content(doc, page, add_stream(doc, "<<>>", b"/Pattern cs /P scn 0 0 612 792 re f\n"))
    return _pdf_with(add)


def font_bomb_pdf(size: int = GiB) -> bytes:
    def add(doc, page) -> None:  # noqa: ANN001
        font_file = add_stream(doc, "<<>>", zeros_deflated(size), "/FlateDecode")
        descriptor = doc.get_new_xref()
        doc.update_object(descriptor, "<</Type/FontDescriptor/FontName/Bomb/Flags 32/FontBBox[0 0 1000 1000]"
                                      "/ItalicAngle 0/Ascent 800/Descent -200/CapHeight 700/StemV 80"
                                      f"/FontFile2 {font_file} 0 R>>")
        font = doc.get_new_xref()
        doc.update_object(font, f"<</Type/Font/Subtype/TrueType/BaseFont/Bomb/FontDescriptor {descriptor} 0 R>>")
        set_resource(doc, page, "Font/FB", f"{font} 0 R")
        append_content(doc, page, add_stream(doc, "<<>>", b"BT /FB 12 Tf 72 200 Td (bomb) Tj ET\n"))
    return _pdf_with(add)


def objstm_pdf(padding: int, *, typed: bool = True, broken_xref: bool = False, double: bool = False,
               catalog: bool = False) -> bytes:
    """Two pages; page 2's resources live in an object stream whose one object sits past
    ``padding`` zero bytes (MuPDF inflates them all to reach it). ``typed=False`` leaves
    ``/Type/ObjStm`` out (MuPDF does not need it); ``broken_xref`` makes MuPDF repair the file
    (and decode every object stream while opening it); ``double`` adds a second Flate filter;
    ``catalog`` puts the catalog in the stream instead (PyMuPDF's open loads it)."""
    text = b"BT /F1 12 Tf 72 300 Td (Body text on page %d) Tj ET"
    objects = {
        1: b"<</Type/Catalog/Pages 2 0 R>>",
        2: b"<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>",
        3: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 5 0 R/Resources<</Font<</F1 7 0 R>>>>>>",
        4: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 6 0 R/Resources 9 0 R>>",
        5: b"<</Length %d>>stream\n%s\nendstream" % (len(text % 1), text % 1),
        6: b"<</Length %d>>stream\n%s\nendstream" % (len(text % 2), text % 2),
        7: b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    }
    inside, held = (1, objects.pop(1)) if catalog else (9, b"<</Font<</F1 7 0 R>>>>")
    if catalog:
        objects[9] = b"<</Font<</F1 7 0 R>>>>"
    head = b"%d %d " % (inside, padding)
    deflater = zlib.compressobj(1)
    block = bytes(1 << 24)
    parts = [deflater.compress(head)] + [deflater.compress(block) for _ in range(padding // len(block))]
    parts += [deflater.compress(bytes(padding % len(block)) + held), deflater.flush()]
    data = b"".join(parts)
    if double:
        data = zlib.compress(data, 9)
    kind = b"/Type/ObjStm" if typed else b""
    filters = b"[/FlateDecode /FlateDecode]" if double else b"/FlateDecode"
    objects[8] = b"<<%s/N 1/First %d/Filter%s/Length %d>>stream\n%s\nendstream" % (kind, len(head), filters,
                                                                                  len(data), data)
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    offsets[10] = len(out)
    rows = [(0, 0, 65535)] + [(2, 8, 0) if n == inside else (1, offsets[n], 0) for n in range(1, 11)]
    table = b"".join(bytes([t]) + o.to_bytes(4, "big") + g.to_bytes(2, "big") for t, o, g in rows)
    out += b"10 0 obj\n<</Type/XRef/Size 11/W[1 4 2]/Root 1 0 R/Length %d>>stream\n%s\nendstream\nendobj\n" % (
        len(table), table)
    out += b"%s\n%d\n%%%%EOF\n" % (b"startxrex" if broken_xref else b"startxref", offsets[10])
    return bytes(out)


def xref_chain_pdf(sections: int, size: int = 8_388_607) -> bytes:
    """One page; its xref is a chain of ``sections`` xref streams of ``size`` entries each, all
    but the last with zero-width fields (a few hundred bytes ask MuPDF for millions of entries)."""
    text = b"BT /F1 12 Tf 72 300 Td (Body text on page 1) Tj ET"
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
               b"<</Length %d>>stream\n%s\nendstream" % (len(text), text),
               b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = [0]
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    previous = b""
    for index in range(sections):
        number, at = 6 + index, len(out)
        if index < sections - 1:
            body = b"<</Type/XRef/Size %d/W[0 0 0]/Index[100 %d]/Length 0%s>>stream\n\nendstream" % (
                size, size - 101, previous)
        else:
            rows = [(0, 0, 65535)] + [(1, o, 0) for o in offsets[1:]] + [(1, at, 0)] * sections
            table = b"".join(bytes([t]) + o.to_bytes(4, "big") + g.to_bytes(2, "big") for t, o, g in rows)
            body = b"<</Type/XRef/Size %d/W[1 4 2]/Index[0 %d]/Root 1 0 R/Length %d%s>>stream\n%s\nendstream" % (
                size, len(rows), len(table), previous, table)
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
        previous = b"/Prev %d" % at
    out += b"startxref\n%d\n%%%%EOF\n" % at
    return bytes(out)


def many_frame_tiff(frames: int = 10_000, side: int = 8) -> bytes:
    entries = [(256, 3, side), (257, 3, side), (258, 3, 8), (259, 3, 1), (262, 3, 1),
               (273, 4, 8), (278, 3, side), (279, 4, side * side)]
    ifd_size = 2 + 12 * len(entries) + 4
    first = 8 + side * side
    out = bytearray(b"II*\x00" + struct.pack("<I", first) + bytes(side * side))
    for index in range(frames):
        following = first + (index + 1) * ifd_size if index + 1 < frames else 0
        out += struct.pack("<H", len(entries))
        for tag, kind, value in entries:
            out += struct.pack("<HHII", tag, kind, 1, value)
        out += struct.pack("<I", following)
    return bytes(out)


def build_files(folder: Path) -> list[Path]:
    """The crafted files, written into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    made = {"double-flate-2gib.pdf": double_flate_pdf, "nested-forms-30x10.pdf": nested_forms_pdf,
            "font-bomb-1gib.pdf": font_bomb_pdf, "tiff-10000-frames.tif": many_frame_tiff,
            "objstm-bomb-2gib.pdf": lambda: objstm_pdf(2 * GiB, double=True),
            "objstm-bomb-repaired.pdf": lambda: objstm_pdf(2 * GiB, broken_xref=True, double=True),
            "objstm-bomb-untyped.pdf": lambda: objstm_pdf(2 * GiB, typed=False, double=True),
            "xref-chain-13x8m.pdf": lambda: xref_chain_pdf(13), "type3-glyph-forms-30x10.pdf": type3_fanout_pdf,
            "pattern-cells-12x10.pdf": pattern_fanout_pdf}
    paths = []
    for name, build in made.items():
        path = folder / name
        if not path.exists():
            path.write_bytes(build())
        paths.append(path)
    return paths


def _text_pdf(title: str) -> bytes:
    import pymupdf

    doc = pymupdf.open()
    doc.new_page().insert_text((72, 100), title, fontsize=14)
    return doc.tobytes()


@dataclass
class ArchiveProbe:
    good_members: int
    converted: int
    seconds: float
    touched_outside: int  # files created or changed outside OUT by the run


def _tree_state(root: Path) -> dict[str, float]:
    return {str(p): p.stat().st_mtime for p in root.rglob("*") if p.is_file()}


def archive_probe(folder: Path, member_size: int = GiB) -> ArchiveProbe:
    """Good PDFs around 1 GiB members of zeros in a tar.gz (a few MB), through the batch CLI."""
    archive = folder / "bombs.tar.gz"
    good = {"a.pdf": _text_pdf("Alpha"), "b.pdf": _text_pdf("Beta")}
    with tarfile.open(archive, "w:gz", compresslevel=1) as tf:
        for name, data in [("a.pdf", good["a.pdf"]), ("big1.pdf", None), ("big2.pdf", None), ("b.pdf", good["b.pdf"])]:
            info = tarfile.TarInfo(name)
            info.size = member_size if data is None else len(data)
            tf.addfile(info, _Zeros(member_size) if data is None else io.BytesIO(data))
    out = folder / "archive-out"
    before = _tree_state(folder)
    start = time.monotonic()
    subprocess.run([sys.executable, "-m", "docparse", str(archive), "-o", str(out), "-q", "--file-timeout", "120"],
                   capture_output=True, timeout=900, check=False)
    seconds = time.monotonic() - start
    after = _tree_state(folder)
    outside = [p for p, t in after.items() if not p.startswith(str(out)) and before.get(p) != t]
    converted = sum(1 for p in out.rglob("*.md")) if out.exists() else 0
    return ArchiveProbe(good_members=len(good), converted=converted, seconds=round(seconds, 1),
                        touched_outside=len(outside))


class _Zeros(io.RawIOBase):
    def __init__(self, size: int) -> None:
        self.left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray) -> int:  # type: ignore[override]
        n = min(len(buffer), self.left)
        buffer[:n] = bytes(n)
        self.left -= n
        return n


@dataclass
class ServiceProbe:
    unauthenticated_body_reads: int
    probes: int
    normal_parse_seconds: float  # while two hostile jobs run


def _raw_post(app, path: str, headers: list[tuple[bytes, bytes]]) -> bool:  # noqa: ANN001
    """Whether the app asked for the body of an unauthenticated POST."""
    asked = False

    async def receive() -> dict:
        nonlocal asked
        asked = True
        return {"type": "http.request", "body": b"x" * 1_000_000, "more_body": False}

    async def send(message: dict) -> None:
        return None

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(b"content-length", b"1000000"), *headers], "client": ("127.0.0.1", 1),
             "server": ("127.0.0.1", 80)}
    asyncio.run(app(scope, receive, send))
    return asked


def service_probe(hostile: list[Path]) -> ServiceProbe:
    from fastapi.testclient import TestClient

    from docparse.serve import ServeOptions, create_app

    token = "probe-token"
    app = create_app(ServeOptions(token=token, workers=2))
    bad = ([], [(b"authorization", b"Bearer wrong")], [(b"authorization", b"Basic eA==")])
    paths = ("/v1/parse", "/v1/jobs", "/v1/chat/completions", "/docs", "/openapi.json")
    reads = sum(_raw_post(app, path, headers) for path in paths for headers in bad)
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(create_app(ServeOptions(token=token, workers=2, file_timeout_s=60))) as client:
        for path in hostile[:2]:
            client.post("/v1/jobs", files={"file": (path.name, path.read_bytes())}, headers=auth)
        time.sleep(1)
        start = time.monotonic()
        client.post("/v1/parse", files={"file": ("normal.pdf", _text_pdf("Normal"))}, headers=auth)
        latency = time.monotonic() - start
    return ServiceProbe(unauthenticated_body_reads=reads, probes=len(paths) * len(bad),
                        normal_parse_seconds=round(latency, 1))


@dataclass
class FuzzProbe:
    seconds: int
    executions: int
    findings: int


_EXECS = re.compile(r"#(\d+)\s")


def fuzz_probe(seconds: int, seeds: list[Path], artifacts: Path) -> FuzzProbe:
    """tests/fuzz_atheris.py for ``seconds`` over ``seeds`` (files copied to a seed folder)."""
    script = Path(__file__).resolve().parents[1] / "tests" / "fuzz_atheris.py"
    seed_dir = artifacts / "seeds"
    seed_dir.mkdir(parents=True, exist_ok=True)
    for index, seed in enumerate(seeds):
        target = seed_dir / f"seed-{index}"
        if not target.exists() and seed.stat().st_size < 1 << 20:
            target.write_bytes(seed.read_bytes())
    command = [sys.executable, str(script), f"-max_total_time={seconds}", "-rss_limit_mb=3072",
               f"-artifact_prefix={artifacts}/", "-print_final_stats=1", str(seed_dir)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 300, check=False,
                         cwd=script.parents[1])
    log = run.stdout + run.stderr
    executions = max((int(m) for m in _EXECS.findall(log)), default=0)
    stats = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    if stats:
        executions = max(executions, int(stats.group(1)))
    findings = len(list(artifacts.glob("crash-*"))) + len(list(artifacts.glob("timeout-*"))) + \
        len(list(artifacts.glob("oom-*")))
    return FuzzProbe(seconds=seconds, executions=executions, findings=findings)
