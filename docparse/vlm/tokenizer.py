"""The project's own tokenizer: byte-level BPE trained with the ``tokenizers`` library.

Special tokens come first with fixed ids (pad 0, bos 1, eos 2, then one task token per
prompt group), followed by the OTSL table tokens so a table cell boundary is one token.
Byte-level BPE means any text (OCR, HTML, CSV) encodes without unknowns.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

if TYPE_CHECKING:
    from tokenizers import Tokenizer

PAD, BOS, EOS = "<pad>", "<bos>", "<eos>"
TASKS = ("text", "table", "chart", "summary")
TASK_TOKENS = tuple(f"<task_{t}>" for t in TASKS)
OTSL_TOKENS = ("<fcel>", "<ecel>", "<lcel>", "<ucel>", "<xcel>", "<nl>", "<ched>")
SPECIAL_TOKENS = (PAD, BOS, EOS, *TASK_TOKENS, *OTSL_TOKENS)
TOKENIZER_FILE = "tokenizer.json"


@dataclass
class RegionTokenizer:
    """Encode targets to ids (eos-terminated) and decode generated ids back to text."""

    tokenizer: "Tokenizer"

    @property
    def vocab_size(self) -> int:
        return self.tokenizer.get_vocab_size()

    def _id(self, token: str) -> int:
        found = self.tokenizer.token_to_id(token)
        if found is None:
            raise ValueError(f"tokenizer has no {token!r} token")
        return int(found)

    @property
    def pad_id(self) -> int:
        return self._id(PAD)

    @property
    def bos_id(self) -> int:
        return self._id(BOS)

    @property
    def eos_id(self) -> int:
        return self._id(EOS)

    def task_id(self, task: str) -> int:
        return self._id(TASK_TOKENS[TASKS.index(task)])

    def task_ids(self) -> list[int]:
        return [self.task_id(t) for t in TASKS]

    def encode(self, text: str, max_len: int | None = None) -> list[int]:
        ids = self.tokenizer.encode(text).ids
        if max_len is not None:
            ids = ids[: max_len - 1]
        return ids + [self.eos_id]

    def decode(self, ids: Iterable[int]) -> str:
        return self.tokenizer.decode(list(ids), skip_special_tokens=False).replace(
            PAD, "").replace(EOS, "").replace(BOS, "")

    def save(self, directory: str | Path) -> None:
        self.tokenizer.save(str(Path(directory) / TOKENIZER_FILE))


def train_tokenizer(texts: Iterable[str], vocab_size: int = 1024) -> RegionTokenizer:
    """Train byte-level BPE on ``texts`` (the synthetic targets) with the fixed special tokens."""
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers

    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size, special_tokens=list(SPECIAL_TOKENS), show_progress=False,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
    )
    tok.train_from_iterator(texts, trainer=trainer)
    return RegionTokenizer(tok)


def load_tokenizer(directory: str | Path) -> RegionTokenizer:
    from tokenizers import Tokenizer

    path = Path(directory) / TOKENIZER_FILE
    return RegionTokenizer(Tokenizer.from_file(str(path)))
