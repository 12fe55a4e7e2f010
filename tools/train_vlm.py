"""Train the grouped-projection VLM on generated regions: ``python -m tools.train_vlm --config FILE``.

Run from the repository root (training is not part of the installed package: it needs the
generators in ``benchmarks/synth``). ``tools/vlm_configs/tiny-cpu.json`` is the ~13-minute CPU run; it writes
``bench-out/vlm/model``, where ``python -m benchmarks vlm`` looks for a checkpoint.

The config is JSON (or TOML): :class:`TrainConfig` fields, with ``model`` (:class:`ModelShape`)
and ``synth`` (:class:`~benchmarks.synth.regions.RegionSynthOptions`) as nested tables. Runs on
a GPU when one is present, else on the CPU; checkpoints to ``output_dir/model`` (a
``from_pretrained`` directory with the tokenizer) plus ``optimizer.pt`` and
``trainer_state.json``, and resumes from them when they exist. Loss and held-out metrics go to
stdout and ``output_dir/train_log.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from benchmarks.synth.regions import RegionSample, RegionSynthOptions, region_samples
from docparse.errors import UsageError
from docparse.vlm.data import GROUP_INDEX, EncodedSample, ImageOptions, bucket_batches, collate, prepare_image

if TYPE_CHECKING:
    from docparse.vlm.modeling import DocVlmForRegionReading
    from docparse.vlm.tokenizer import RegionTokenizer

MODEL_DIR = "model"
STATE_FILE = "trainer_state.json"
OPTIMIZER_FILE = "optimizer.pt"
LOG_FILE = "train_log.jsonl"


@dataclass(frozen=True)
class ModelShape:
    patch_size: int = 8
    max_pixels: int = 64 * 512
    vision_hidden: int = 128
    vision_layers: int = 2
    vision_heads: int = 4
    num_visual_tokens: int = 64
    resampler_layers: int = 1
    hidden_size: int = 192
    decoder_layers: int = 3
    decoder_heads: int = 4
    intermediate_size: int = 512
    max_position_embeddings: int = 512


@dataclass(frozen=True)
class TrainConfig:
    output_dir: str
    steps: int = 300
    lr: float = 2e-3
    warmup_steps: int = 20
    weight_decay: float = 0.01
    max_tokens: int = 2048  # padded decoder tokens per batch (bucketed dynamic batching)
    max_batch: int = 24
    pool_size: int = 256  # samples generated per bucketing round
    seed: int = 0
    vocab_size: int = 1024
    tokenizer_samples: int = 4000
    max_target_tokens: int = 160
    eval_samples: int = 48
    eval_every: int = 100
    checkpoint_every: int = 100
    log_every: int = 10
    max_new_tokens: int = 160
    device: str = "auto"  # auto | cpu | cuda
    threads: int = 2
    time_limit_s: float | None = None  # stop (and checkpoint) after this many seconds
    model: ModelShape = field(default_factory=ModelShape)
    synth: RegionSynthOptions = field(default_factory=RegionSynthOptions)

    def __post_init__(self) -> None:
        if self.steps < 1 or self.max_batch < 1 or self.max_tokens < 8:
            raise UsageError("steps, max_batch and max_tokens must be positive")


def _build(cls: type, values: dict, where: str):  # noqa: ANN202 - dataclass factory
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise UsageError(f"unknown key(s) in {where}: {', '.join(unknown)}")
    out = {}
    for key, value in values.items():
        if isinstance(value, list):
            value = tuple(value)
        out[key] = value
    return cls(**out)


def load_config(path: str | Path) -> TrainConfig:
    p = Path(path)
    if not p.is_file():
        raise UsageError(f"{p}: config file not found")
    if p.suffix == ".toml":
        import tomllib

        raw = tomllib.loads(p.read_text())
    else:
        raw = json.loads(p.read_text())
    model = _build(ModelShape, raw.pop("model", {}), "model")
    synth = _build(RegionSynthOptions, raw.pop("synth", {}), "synth")
    return _build(TrainConfig, {**raw, "model": model, "synth": synth}, "config")


def image_options(shape: ModelShape) -> ImageOptions:
    return ImageOptions(patch_size=shape.patch_size, max_pixels=shape.max_pixels)


def encode_sample(sample: RegionSample, tok: "RegionTokenizer", images: ImageOptions,
                  max_target_tokens: int | None) -> EncodedSample:
    return EncodedSample(prepare_image(sample.image, images), GROUP_INDEX[sample.group],
                         tok.task_id(sample.task), tok.encode(sample.target, max_target_tokens))


def tokenizer_corpus(config: TrainConfig) -> Iterator[str]:
    from benchmarks.synth.regions import WORDS

    yield " ".join(WORDS)
    for s in region_samples(config.seed + 7919, config.tokenizer_samples, config.synth):
        yield s.target


def new_model(config: TrainConfig, tok: "RegionTokenizer") -> "DocVlmForRegionReading":
    from docparse.vlm.modeling import DocVlmConfig, DocVlmForRegionReading

    cfg = DocVlmConfig(**asdict(config.model), vocab_size=tok.vocab_size, pad_token_id=tok.pad_id,
                       bos_token_id=tok.bos_id, eos_token_id=tok.eos_id, task_token_ids=tok.task_ids())
    return DocVlmForRegionReading(cfg)


def training_batches(config: TrainConfig, tok: "RegionTokenizer", start_round: int
                     ) -> Iterator[tuple[int, list[EncodedSample]]]:
    """(round, batch) forever: each round generates a pool, buckets it by length, shuffles."""
    images = image_options(config.model)
    r = start_round
    while True:
        pool = [encode_sample(s, tok, images, config.max_target_tokens)
                for s in region_samples(config.seed * 1_000_003 + r, config.pool_size, config.synth)]
        rng = random.Random(config.seed + r)
        costs = [s.cost(config.model.patch_size) for s in pool]
        groups = [s.group for s in pool]
        for idx in bucket_batches(costs, config.max_tokens, config.max_batch, rng, groups):
            yield r, [pool[i] for i in idx]
        r += 1


def held_out(config: TrainConfig) -> list[RegionSample]:
    return list(region_samples(10**6 + config.seed, config.eval_samples, config.synth))


def evaluate(model: "DocVlmForRegionReading", tok: "RegionTokenizer", samples: Sequence[RegionSample],
             config: TrainConfig, device: str) -> dict[str, float]:
    from benchmarks.vlm_metrics import cer, chart_f1, table_cell_accuracy
    from docparse.vlm.formats import VlmOutputError, csv_to_chart, parse_table_output
    from docparse.vlm.runner import generate_texts

    texts = generate_texts(model, tok, [(s.image, s.group, s.task) for s in samples],
                           image_options(config.model), config.max_new_tokens, device,
                           max_tokens=config.max_tokens, max_batch=config.max_batch)
    cers, f1s, cells = [], [], []
    for s, out in zip(samples, texts):
        try:
            if s.task == "text":
                cers.append(cer(out, s.target))
            elif s.task == "chart" and s.chart is not None:
                f1s.append(chart_f1(csv_to_chart(out), s.chart).f1)
            elif s.table is not None:
                cells.append(table_cell_accuracy(parse_table_output(out), s.table))
        except VlmOutputError:
            (f1s if s.task == "chart" else cells).append(0.0)
    mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
    return {"text_cer": mean(cers), "chart_f1": mean(f1s), "table_cell_acc": mean(cells)}


def pick_device(name: str) -> str:
    import torch

    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return name


def save_checkpoint(out: Path, model: "DocVlmForRegionReading", tok: "RegionTokenizer",
                    optimizer: object, step: int, data_round: int) -> None:
    import torch

    model.save_pretrained(out / MODEL_DIR)
    tok.save(out / MODEL_DIR)
    torch.save(optimizer.state_dict(), out / OPTIMIZER_FILE)  # type: ignore[attr-defined]
    tmp = out / (STATE_FILE + ".tmp")
    tmp.write_text(json.dumps({"step": step, "data_round": data_round}))
    tmp.replace(out / STATE_FILE)


def log(out: Path, record: dict[str, float | int | str]) -> None:
    line = json.dumps(record)
    print(line, flush=True)
    with (out / LOG_FILE).open("a") as fh:
        fh.write(line + "\n")


def train(config: TrainConfig) -> dict[str, float]:
    """Train (or resume) and return the final held-out metrics."""
    import torch

    from docparse.vlm.modeling import DocVlmForRegionReading
    from docparse.vlm.tokenizer import load_tokenizer, train_tokenizer

    torch.set_num_threads(config.threads)
    torch.manual_seed(config.seed)
    device = pick_device(config.device)
    out = Path(config.output_dir)
    out.mkdir(parents=True, exist_ok=True)
    state = json.loads((out / STATE_FILE).read_text()) if (out / STATE_FILE).exists() else None
    if state is not None:
        tok = load_tokenizer(out / MODEL_DIR)
        model = DocVlmForRegionReading.from_pretrained(out / MODEL_DIR)
    else:
        tok = train_tokenizer(tokenizer_corpus(config), config.vocab_size)
        model = new_model(config, tok)
    model.to(device).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    if state is not None:
        optimizer.load_state_dict(torch.load(out / OPTIMIZER_FILE, map_location=device))
    step = state["step"] if state else 0
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: lr_factor(s, config), last_epoch=-1)
    for _ in range(step):
        schedule.step()
    eval_set = held_out(config)
    started = time.monotonic()
    losses: list[float] = []
    data_round = state["data_round"] if state else 0
    batches = training_batches(config, tok, data_round)
    metrics: dict[str, float] = {}
    while step < config.steps:
        data_round, samples = next(batches)
        batch = collate(samples, config.model.patch_size, tok.pad_id).to(device)
        loss = model(batch)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        step += 1
        losses.append(float(loss.detach()))
        elapsed = time.monotonic() - started
        out_of_time = config.time_limit_s is not None and elapsed > config.time_limit_s
        if step % config.log_every == 0:
            log(out, {"step": step, "loss": round(sum(losses) / len(losses), 4),
                      "lr": round(schedule.get_last_lr()[0], 6), "batch": len(samples),
                      "elapsed_s": round(elapsed, 1)})
            losses = []
        if step % config.checkpoint_every == 0 or step == config.steps or out_of_time:
            save_checkpoint(out, model, tok, optimizer, step, data_round + 1)
        if step % config.eval_every == 0 or step == config.steps or out_of_time:
            model.eval()
            metrics = evaluate(model, tok, eval_set, config, device)
            model.train()
            log(out, {"step": step, **{k: round(v, 4) for k, v in metrics.items()}})
        if out_of_time:
            break
    return metrics


def lr_factor(step: int, config: TrainConfig) -> float:
    import math

    if step < config.warmup_steps:
        return (step + 1) / config.warmup_steps
    progress = (step - config.warmup_steps) / max(1, config.steps - config.warmup_steps)
    return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m tools.train_vlm", description=__doc__.splitlines()[0])
    p.add_argument("--config", required=True, help="JSON or TOML training config")
    p.add_argument("--output-dir", help="override the config's output_dir")
    p.add_argument("--steps", type=int, help="override the config's steps")
    args = p.parse_args(argv)
    try:
        config = load_config(args.config)
        overrides = {k: v for k, v in (("output_dir", args.output_dir), ("steps", args.steps)) if v is not None}
        if overrides:
            from dataclasses import replace

            config = replace(config, **overrides)
    except (UsageError, json.JSONDecodeError) as exc:
        print(f"train_vlm: error: {exc}", file=sys.stderr)
        return 2
    train(config)
    return 0


if __name__ == "__main__":
    sys.exit(main())
