"""Options of the MCP server (``docparse mcp``): which files it may read and how much it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docparse.errors import UsageError


@dataclass(frozen=True)
class McpOptions:
    roots: tuple[Path, ...] = field(default_factory=lambda: (Path.cwd(),))  # files must lie under one of these
    max_output_chars: int = 200_000  # a longer Markdown answer is cut here, with a note saying so
    cached_documents: int = 4  # parsed documents kept, so tables after markdown does not parse again

    def __post_init__(self) -> None:
        if not self.roots:
            raise UsageError("the MCP server needs at least one --root folder")
        if self.max_output_chars < 1000 or self.cached_documents < 0:
            raise UsageError("max_output_chars must be >= 1000 and cached_documents >= 0")
