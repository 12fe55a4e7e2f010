"""What a page will make MuPDF decode and draw, measured before MuPDF touches it.

:class:`StreamCensus` walks everything a page refers to (its content, fonts and their font
files, images, form XObjects, patterns, annotation appearances; never other pages) and refuses
the page with :class:`LimitExceeded` when

* one stream decodes past ``max_stream_bytes`` (a Flate bomb in a font file, a form, a Type3
  glyph; images are bounded by their pixel count instead),
* its content streams and form XObjects decode past ``max_content_bytes`` (each counted once),
* drawing it would interpret more than ``max_drawn_content_bytes`` of content or draw more than
  ``max_xobject_draws`` XObjects, nested draws multiplied out (30 nested forms each drawing
  the next 10 times: 10^30 draws from 8 KB), or nests forms deeper than
  ``max_xobject_depth`` (or draws a form from inside itself).

Sizes are measured once per stream per document (the census is one per open document).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from docparse.errors import LimitExceeded
from docparse.pages.limits import check_size, human_bytes
from docparse.pages.streams import decoded_bytes, decoded_size, filter_chain

if TYPE_CHECKING:
    import pymupdf

    from docparse.config import LimitOptions

_REF = re.compile(rb"(\d+)\s+\d+\s+R\b")
# references that lead away from what the page draws: up the page tree, to other pages, actions
_AWAY = re.compile(rb"/(Parent|P|Dest|Dests|A|AA|B|Thread|Threads|Prev|Next|First|Last|StructTreeRoot)\s*"
                   rb"(\d+\s+\d+\s+R|\[[^\]]*\])")
_DO = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s*Do\b")
_PAINT = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s*(?:scn|SCN)\b")  # a pattern as the colour (its cell is drawn)
# what selects fonts and shows text: a font (Tf), a string (one glyph per byte at most), q and Q
_TEXT = re.compile(rb"/([^\s/\[\]<>(){}%]+)\s+[-+.\d]+\s+Tf\b|(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)"
                   rb"|(?<![^\s])([qQ])(?![^\s])")
_INLINE_IMAGE = re.compile(rb"(?<![^\s])ID\s.*?(?<![^\s])EI(?![^\s])", re.DOTALL)
_RESOURCE_NAME = re.compile(r"/([^\s/\[\]<>(){}%]+)\s*(\d+)\s+\d+\s+R")
_NOT_DRAWN = {"/Page", "/Pages", "/Catalog"}


@dataclass(frozen=True)
class FormUse:
    """One content stream (a page's, a form's, a pattern cell's, a Type3 glyph's): decoded size
    and what it draws; for a Type3 font (``choice``), its glyph procedures (one runs per glyph)."""

    size: int
    draws: dict[int, int]  # xref of a form, tiling pattern or Type3 font -> times drawn (glyphs shown)
    choice: bool = False


@dataclass(frozen=True)
class Resources:
    """Name -> xref of the resources a content stream draws with."""

    xobjects: dict[str, int]
    patterns: dict[str, int]
    fonts: dict[str, int]


def _shown(data: bytes, fonts: dict[str, int]) -> Counter[int]:
    """Bytes of text shown in each font (xref) of a content stream: at most one glyph each.
    The font follows ``Tf`` and is restored by ``Q``; inline image data is skipped."""
    shown: Counter[int] = Counter()
    if not fonts:
        return shown
    current: int | None = None
    saved: list[int | None] = []
    for name, text, op in _TEXT.findall(_INLINE_IMAGE.sub(b" ", data)):
        if name:
            current = fonts.get(name.decode("latin-1"))
        elif text and current is not None:
            shown[current] += len(text) - 2
        elif op == b"q":
            saved.append(current)
        elif op == b"Q" and saved:
            current = saved.pop()
    return shown


@dataclass
class Drawn:
    """What drawing one form costs, nested draws multiplied out."""

    content: int = 0
    draws: int = 0
    depth: int = 0


@dataclass
class StreamCensus:
    """Sizes of the streams of one document, measured on demand and kept for its other pages."""

    doc: "pymupdf.Document"
    limits: "LimitOptions"
    sizes: dict[int, int] = field(default_factory=dict)
    forms: dict[int, FormUse] = field(default_factory=dict)
    drawn: dict[int, Drawn] = field(default_factory=dict)
    refs: dict[int, list[int]] = field(default_factory=dict)  # objects each object refers to
    walkable: dict[int, bool] = field(default_factory=dict)  # whether the walk may enter an object
    type3_fonts: dict[int, bool] = field(default_factory=dict)  # whether a font is a Type3 font

    def check_page(self, page: "pymupdf.Page", number: int) -> None:
        """Raise :class:`LimitExceeded` when the page is over one of the budgets above; objects
        MuPDF cannot read are left to the extraction, which reports them."""
        try:
            self._check_streams(page.xref, number)
            self._check_drawing(page, number)
        except LimitExceeded:
            raise
        except Exception:  # noqa: BLE001 - a damaged object is not over a budget
            return

    def _check_drawing(self, page: "pymupdf.Page", number: int) -> None:
        resources = self._resources(page.xref)
        contents = list(page.get_contents())
        uses = [self._content(x, resources, number) for x in contents]
        uses += [use for use in (self._form(x, resources, number) for x in self._appearances(page)) if use]
        forms = self._forms_reached([d for use in uses for d in use.draws], resources, number)
        once = sum(self.forms[x].size for x in forms) + sum(u.size for u in uses)
        check_size(once, self.limits.max_content_bytes, "page content", page=number)
        total = Drawn()
        for use in uses:
            total.content += use.size
            self._add_draws(total, use, number, path=())
        check_size(total.content, self.limits.max_drawn_content_bytes, "content drawn (forms counted per draw)",
                   page=number)

    # --- every stream the page refers to -------------------------------------------------
    def _check_streams(self, start: int, number: int) -> None:
        seen = {start}
        todo = [start]
        while todo:
            xref = todo.pop()
            try:
                if xref != start and self.doc.xref_is_stream(xref) and not self._image(xref):
                    self._stream_size(xref, number)
                refs = self._references(xref)
            except LimitExceeded:
                raise
            except Exception:  # noqa: BLE001 - a damaged object is not over a budget
                continue
            for ref in refs:
                if ref not in seen and 0 < ref < self.doc.xref_length():
                    seen.add(ref)
                    if self._drawn_object(ref):
                        todo.append(ref)

    def _image(self, xref: int) -> bool:
        """An image decodes only the bytes its pixels need: the pixel limit (max_image_pixels)
        bounds it, whatever its stream would inflate to."""
        return self.doc.xref_get_key(xref, "Subtype")[1] == "/Image"

    def _drawn_object(self, xref: int) -> bool:
        """Not another page, the page tree or the catalog."""
        if xref not in self.walkable:
            try:
                self.walkable[xref] = self.doc.xref_get_key(xref, "Type")[1] not in _NOT_DRAWN
            except Exception:  # noqa: BLE001 - unreadable: nothing to walk into
                self.walkable[xref] = False
        return self.walkable[xref]

    def _references(self, xref: int) -> list[int]:
        if xref not in self.refs:
            text = self.doc.xref_object(xref, compressed=True).encode("latin-1", "replace")
            self.refs[xref] = [int(m) for m in _REF.findall(_AWAY.sub(b"", text))]
        return self.refs[xref]

    def _stream_size(self, xref: int, number: int) -> int:
        if xref not in self.sizes:
            cap = self.limits.max_stream_bytes
            raw = self.doc.xref_stream_raw(xref) or b""
            self.sizes[xref] = decoded_size(raw, filter_chain(self.doc.xref_get_key(xref, "Filter")[1]), cap)
        if self.sizes[xref] > self.limits.max_stream_bytes:
            raise LimitExceeded(f"stream {xref} ({self._what(xref)}) decodes to over {human_bytes(self.limits.max_stream_bytes)},"
                                " the limit for one stream (max_stream_bytes)", page=number)
        return self.sizes[xref]

    def _what(self, xref: int) -> str:
        """A short name for a stream in messages: its /Subtype or /Type, else 'data'."""
        for key in ("Subtype", "Type"):
            kind, value = self.doc.xref_get_key(xref, key)
            if kind == "name":
                return value.lstrip("/")
        return "data"

    # --- what drawing the page does ---------------------------------------------------
    def _resources(self, xref: int) -> Resources:
        """The resources an object draws with (a page's may be inherited from the page tree)."""
        for _ in range(64):  # a page tree is never that deep; a cycle stops here
            if self.doc.xref_get_key(xref, "Resources")[0] != "null":
                return Resources(*(self._named(xref, key) for key in ("XObject", "Pattern", "Font")))
            parent = self.doc.xref_get_key(xref, "Parent")
            if parent[0] != "xref":
                break
            xref = int(parent[1].split()[0])
        return Resources({}, {}, {})

    def _named(self, xref: int, key: str) -> dict[str, int]:
        """Name -> xref of one resource dictionary (``XObject``, ``Pattern``, ``Font``)."""
        kind, value = self.doc.xref_get_key(xref, "Resources/" + key)
        if kind == "xref":
            value = self.doc.xref_object(int(value.split()[0]), compressed=True)
        return {name: int(ref) for name, ref in _RESOURCE_NAME.findall(value)} if kind != "null" else {}

    def _content(self, xref: int, resources: Resources, number: int) -> FormUse:
        """What one content stream draws: forms (``Do``), tiling patterns (``scn``) and the
        glyph procedures of its Type3 fonts, one per byte of text shown (an upper bound)."""
        if xref not in self.forms:
            cap = self.limits.max_content_bytes
            raw = self.doc.xref_stream_raw(xref) or b""
            data, cut = decoded_bytes(raw, filter_chain(self.doc.xref_get_key(xref, "Filter")[1]), cap)
            if cut:
                check_size(cap + 1, cap, "page content", page=number)
            draws: Counter[int] = Counter()
            for pattern, names in ((_DO, resources.xobjects), (_PAINT, resources.patterns)):
                for name, count in Counter(m.decode("latin-1") for m in pattern.findall(data)).items():
                    if name in names:
                        draws[names[name]] += count
            type3 = {name: font for name, font in resources.fonts.items() if self._type3(font, resources, number)}
            draws.update(_shown(data, type3))
            self.forms[xref] = FormUse(size=len(data), draws=dict(draws))
        return self.forms[xref]

    def _type3(self, font: int, inherited: Resources, number: int) -> bool:
        """Whether ``font`` is a Type3 font; its use (one glyph procedure per glyph drawn, the
        costliest counted) is recorded the first time."""
        if font in self.forms:
            return self.forms[font].choice
        if font not in self.type3_fonts:
            self.type3_fonts[font] = self.doc.xref_get_key(font, "Subtype")[1] == "/Type3"
        if not self.type3_fonts[font]:
            return False
        own = self.doc.xref_get_key(font, "Resources")[0] != "null"
        resources = self._resources(font) if own else inherited
        kind, procs = self.doc.xref_get_key(font, "CharProcs")
        if kind == "xref":
            procs = self.doc.xref_object(int(procs.split()[0]), compressed=True)
        glyphs = {int(ref) for _, ref in _RESOURCE_NAME.findall(procs)} if kind != "null" else set()
        self.forms[font] = FormUse(size=0, draws={}, choice=True)  # a glyph that shows its own font stops here
        draws = {proc: 1 for proc in glyphs if self.doc.xref_is_stream(proc)}
        for proc in draws:
            self._content(proc, resources, number)
        self.forms[font] = FormUse(size=0, draws=draws, choice=True)
        return True

    def _appearances(self, page: "pymupdf.Page") -> list[int]:
        """The normal appearance streams of the page's annotations (drawn with the page)."""
        found: list[int] = []
        try:
            for annot, *_ in page.annot_xrefs():
                kind, value = self.doc.xref_get_key(annot, "AP/N")
                if kind == "xref":
                    found.append(int(value.split()[0]))
                elif kind == "dict":  # one appearance per state
                    found.extend(int(ref) for _, ref in _RESOURCE_NAME.findall(value))
        except Exception:  # noqa: BLE001 - damaged annotations: the ones read so far count
            return found
        return found

    def _form(self, xref: int, inherited: Resources, number: int) -> FormUse | None:
        """A drawn form's or tiling pattern's use; ``None`` for an image or anything that draws nothing."""
        if xref in self.forms:
            return self.forms[xref]
        try:
            if not self.doc.xref_is_stream(xref) or not self._draws_content(xref):
                return None
            own = self.doc.xref_get_key(xref, "Resources")[0] != "null"
            return self._content(xref, self._resources(xref) if own else inherited, number)
        except LimitExceeded:
            raise
        except Exception:  # noqa: BLE001 - an object MuPDF cannot read draws nothing; the others still count
            return None

    def _draws_content(self, xref: int) -> bool:
        """A form XObject or a tiling pattern (a pattern cell is drawn like a form)."""
        return (self.doc.xref_get_key(xref, "Subtype")[1] == "/Form"
                or self.doc.xref_get_key(xref, "PatternType")[1] == "1")

    def _forms_reached(self, start: list[int], resources: Resources, number: int) -> set[int]:
        seen: set[int] = set()
        todo = list(start)
        while todo:
            xref = todo.pop()
            if xref in seen:
                continue
            use = self._form(xref, resources, number)
            if use is not None:
                seen.add(xref)
                todo.extend(use.draws)
        return seen

    def _add_draws(self, total: Drawn, use: FormUse, number: int, path: tuple[int, ...]) -> None:
        for xref, count in use.draws.items():
            cost = self._drawn(xref, number, path)
            total.draws += count * (1 + cost.draws)
            total.content += count * cost.content
            total.depth = max(total.depth, cost.depth + 1)
            self._check_drawn(total, number)

    def _drawn(self, xref: int, number: int, path: tuple[int, ...]) -> Drawn:
        if xref in path:
            raise LimitExceeded(f"{self._what(xref)} {xref} draws itself", page=number)
        if xref in self.drawn:
            return self.drawn[xref]
        use = self.forms.get(xref)
        cost = Drawn()
        if use is not None:
            if len(path) >= self.limits.max_xobject_depth:
                raise LimitExceeded(f"form XObjects nested over {self.limits.max_xobject_depth} deep", page=number)
            if use.choice:
                self._costliest(cost, use, number, path + (xref,))
            else:
                cost.content = use.size
                self._add_draws(cost, use, number, path + (xref,))
        self.drawn[xref] = cost
        return cost

    def _costliest(self, cost: Drawn, font: FormUse, number: int, path: tuple[int, ...]) -> None:
        """A Type3 glyph runs one of the font's glyph procedures: the costliest one counts."""
        for proc in font.draws:
            one = self._drawn(proc, number, path)
            cost.draws = max(cost.draws, one.draws)
            cost.content = max(cost.content, one.content)
            cost.depth = max(cost.depth, one.depth)

    def _check_drawn(self, total: Drawn, number: int) -> None:
        if total.depth > self.limits.max_xobject_depth:
            raise LimitExceeded(f"form XObjects nested over {self.limits.max_xobject_depth} deep", page=number)
        if total.draws > self.limits.max_xobject_draws:
            raise LimitExceeded(f"page draws over {self.limits.max_xobject_draws} XObjects "
                                "(nested draws multiplied out)", page=number)
        check_size(total.content, self.limits.max_drawn_content_bytes, "content drawn (forms counted per draw)",
                   page=number)
