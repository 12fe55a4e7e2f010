"""The chunk record: text to embed, and where in the document it came from."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, computed_field

from docparse.geometry import BBox


class ChunkRegion(BaseModel):
    """One document region (or a part of it) a chunk holds text of."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(description="Region id such as /page/3/table/2")
    page: int = Field(ge=1)
    bbox: BBox
    kind: str = Field(description="The region's kind (paragraph, table, ...)")


class Chunk(BaseModel):
    """A piece of a document no longer than the chunker's ``max_tokens``.

    ``text`` is Markdown. ``headings`` is the heading path in force where the chunk starts
    (title first). ``repeated`` is text copied from an earlier chunk for context (a split
    table's header rows): it is part of ``text`` and counted in ``tokens``, but its words
    belong to the chunk where they first appear.
    """

    model_config = ConfigDict(extra="ignore")  # region_ids (computed) is in the JSON: read back, ignored

    source: str = Field(default="", description="The document's file name")
    index: int = Field(ge=0, description="Position of the chunk in the document, from 0")
    text: str
    tokens: int = Field(ge=0, description="Length of text for the chunker's tokenizer")
    headings: list[str] = Field(default_factory=list)
    pages: list[int] = Field(default_factory=list)
    regions: list[ChunkRegion] = Field(default_factory=list)
    repeated: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def region_ids(self) -> list[str]:
        return list(dict.fromkeys(r.id for r in self.regions))

    def contextualized(self, separator: str = "\n") -> str:
        """The heading path above the text: what to embed when sections matter for retrieval."""
        return separator.join([*self.headings, self.text]) if self.headings else self.text

    def to_json(self) -> str:
        return self.model_dump_json()
