"""ReportLab table styling for the ``reportlab`` family: booktabs, ruled, zebra, shaded and borderless
table styles over a :class:`TableSpec` (spans, row-group labels centred beside their rows), and a
table that fits its column."""

from __future__ import annotations

import random

from benchmarks.families import _content as C

BUILTIN_BOLD = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}


def bold(name: str) -> str:
    return BUILTIN_BOLD.get(name, name + "-Bold")


def table_style(spec: C.TableSpec, style: C.TableStyle, font: str, size: float, rng: random.Random) -> list:
    from reportlab.lib import colors

    h = spec.header_rows
    last = spec.n_rows - 1
    cmds: list = [("FONT", (0, 0), (-1, -1), font, size), ("FONT", (0, 0), (-1, h - 1), bold(font), size),
                  ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("ALIGN", (spec.stub_cols, h), (-1, -1), "RIGHT"),
                  ("ALIGN", (0, 0), (-1, h - 1), "CENTER"), ("TOPPADDING", (0, 0), (-1, -1), rng.choice((1, 2, 3))),
                  ("BOTTOMPADDING", (0, 0), (-1, -1), rng.choice((2, 3, 4)))]
    for c in spec.cells:
        if c.rowspan > 1 or c.colspan > 1:
            cmds.append(("SPAN", (c.col, c.row), (c.col + c.colspan - 1, c.row + c.rowspan - 1)))
    for r in spec.group_label_rows:
        cmds += [("FONT", (0, r), (-1, r), bold(font), size), ("ALIGN", (0, r), (-1, r), "LEFT")]
    for r in spec.total_rows:
        cmds += [("FONT", (0, r), (-1, r), bold(font), size), ("LINEABOVE", (0, r), (-1, r), 0.6, colors.black)]
    if style is C.TableStyle.BOOKTABS:
        cmds += [("LINEABOVE", (0, 0), (-1, 0), 1.2, colors.black), ("LINEBELOW", (0, h - 1), (-1, h - 1), 0.6, colors.black),
                 ("LINEBELOW", (0, last), (-1, last), 1.2, colors.black)]
        cmds += [("LINEBELOW", (c.col, 0), (c.col + c.colspan - 1, 0), 0.4, colors.black)
                 for c in spec.cells if c.row == 0 and c.colspan > 1 and h > 1]
    elif style is C.TableStyle.RULED:
        cmds += [("GRID", (0, 0), (-1, -1), rng.choice((0.4, 0.6, 0.8)), colors.black)]
    elif style is C.TableStyle.ZEBRA:
        band = rng.choice((colors.HexColor("#eef2f7"), colors.HexColor("#f2f2f2"), colors.HexColor("#e8f4ea")))
        cmds += [("BACKGROUND", (0, 0), (-1, h - 1), colors.HexColor("#d9dee6")),
                 ("ROWBACKGROUNDS", (0, h), (-1, -1), [colors.white, band])]
    elif style is C.TableStyle.SHADED:
        dark = rng.choice((colors.HexColor("#1f3b5a"), colors.HexColor("#3d3d3d"), colors.HexColor("#5a2d1f")))
        cmds += [("BACKGROUND", (0, 0), (-1, h - 1), dark), ("TEXTCOLOR", (0, 0), (-1, h - 1), colors.white),
                 ("LINEBELOW", (0, h), (-1, -1), 0.3, colors.HexColor("#999999"))]
    return cmds


def fitting_table(rng: random.Random, kind: C.TableKind, cls, style: C.TableStyle, font: str, size: float,
                   width: float):
    """A table of ``kind`` no wider than ``width``: smaller type first, then a fresh draw (fewer columns)."""
    for _ in range(12):
        spec = C.make_table(rng, kind, long_rows=rng.randint(38, 55))
        data = [[(c.text if c else "") for c in row] for row in spec.grid()]
        for pad, tsize in ((6, size - rng.choice((0.5, 1, 1.5))), (3, size - 2), (2, size - 2.5)):
            table = cls(data, repeatRows=spec.header_rows if kind is C.TableKind.LONG else 0,
                        hAlign=rng.choice(("LEFT", "CENTER")))
            table.setStyle(table_style(spec, style, font, max(6.5, tsize), rng)
                           + [("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad)])
            natural = table.wrap(width, 10_000)[0]
            if natural <= width:
                return spec, table
    widths = [w * width / natural for w in table._colWidths]
    table = cls(data, colWidths=widths, repeatRows=spec.header_rows if kind is C.TableKind.LONG else 0)
    table.setStyle(table_style(spec, style, font, 6.5, rng)
                   + [("LEFTPADDING", (0, 0), (-1, -1), 1), ("RIGHTPADDING", (0, 0), (-1, -1), 1)])
    return spec, table
