"""Settings of the table-structure chain (one frozen dataclass; ``resolve()`` fills defaults)."""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class GridOptions:
    """Tolerances in PDF points. ``None`` x/y variants take the general value in :meth:`resolve`."""

    snap_tolerance: float = 3.0
    snap_x_tolerance: float | None = None
    snap_y_tolerance: float | None = None
    join_tolerance: float = 3.0
    intersection_tolerance: float = 3.0
    min_edge_length: float = 3.0
    max_rule_thickness: float = 3.0  # filled/stroked rects thinner than this are rulings
    min_column_gap: float = 4.0  # whitespace that may separate two text columns
    gap_size_ratio: float = 0.55  # word gap (in font sizes) that splits a line into cells
    max_spanning_fraction: float = 0.15  # share of rows allowed to cross a column gap
    soft_gap_ratio: float = 0.34  # whitespace crossed by ≤ this share of the flanking rows splits
    max_header_rows: int = 4

    def __post_init__(self) -> None:
        for name in ("snap_tolerance", "join_tolerance", "intersection_tolerance", "min_edge_length"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0")

    def resolve(self) -> "GridOptions":
        """A copy with every ``None`` replaced by the general tolerance it defaults to."""
        return replace(
            self,
            snap_x_tolerance=self.snap_tolerance if self.snap_x_tolerance is None else self.snap_x_tolerance,
            snap_y_tolerance=self.snap_tolerance if self.snap_y_tolerance is None else self.snap_y_tolerance,
        )

    @property
    def snap_x(self) -> float:
        return self.snap_tolerance if self.snap_x_tolerance is None else self.snap_x_tolerance

    @property
    def snap_y(self) -> float:
        return self.snap_tolerance if self.snap_y_tolerance is None else self.snap_y_tolerance
