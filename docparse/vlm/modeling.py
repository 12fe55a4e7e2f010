"""The grouped-projection region reader: config and model, transformers-style, in one file.

    crop pixels ─▶ VisionEncoder (patches at native aspect, 2-D sin/cos positions, transformer)
                ─▶ Resampler (learned queries, cross-attention → ``num_visual_tokens`` tokens)
                ─▶ GroupedProjection (semantic / structural / chart projections mixed per token by
                   the region mask [batch, tokens, 3], plus a gated shared path)
                ─▶ decoder (a small Llama built from a local config, no downloaded weights)

The decoder's input is ``[visual tokens] [task token] target… <eos>``; the loss covers the
target only. ``generate`` is greedy with a KV cache; every crop in a batch has the same prefix
length (visual tokens + one task token), so no left padding is needed.

This module imports torch and transformers at import time: import it lazily.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn
from transformers import LlamaConfig, LlamaForCausalLM, PreTrainedConfig, PreTrainedModel

GROUPS = ("semantic", "structural", "chart")  # order of the region-mask channels


class DocVlmConfig(PreTrainedConfig):
    model_type = "docparse-vlm"

    def __init__(
        self,
        patch_size: int = 8,
        max_pixels: int = 96 * 640,
        vision_hidden: int = 128,
        vision_layers: int = 2,
        vision_heads: int = 4,
        num_visual_tokens: int = 64,
        resampler_layers: int = 1,
        vocab_size: int = 1024,
        hidden_size: int = 192,
        decoder_layers: int = 3,
        decoder_heads: int = 4,
        intermediate_size: int = 512,
        max_position_embeddings: int = 1024,
        pad_token_id: int = 0,
        bos_token_id: int = 1,
        eos_token_id: int = 2,
        task_token_ids: tuple[int, ...] | list[int] = (3, 4, 5, 6),
        **kwargs: object,  # forwarded to PreTrainedConfig (its own serialisation keys)
    ) -> None:
        self.patch_size = patch_size
        self.max_pixels = max_pixels
        self.vision_hidden = vision_hidden
        self.vision_layers = vision_layers
        self.vision_heads = vision_heads
        self.num_visual_tokens = num_visual_tokens
        self.resampler_layers = resampler_layers
        self.vocab_size = vocab_size
        self.hidden_size = hidden_size
        self.decoder_layers = decoder_layers
        self.decoder_heads = decoder_heads
        self.intermediate_size = intermediate_size
        self.max_position_embeddings = max_position_embeddings
        self.task_token_ids = list(task_token_ids)
        super().__init__(pad_token_id=pad_token_id, bos_token_id=bos_token_id,
                         eos_token_id=eos_token_id, **kwargs)

    def decoder_config(self) -> LlamaConfig:
        return LlamaConfig(
            vocab_size=self.vocab_size, hidden_size=self.hidden_size,
            intermediate_size=self.intermediate_size, num_hidden_layers=self.decoder_layers,
            num_attention_heads=self.decoder_heads, num_key_value_heads=self.decoder_heads,
            max_position_embeddings=self.max_position_embeddings, pad_token_id=self.pad_token_id,
            bos_token_id=self.bos_token_id, eos_token_id=self.eos_token_id, tie_word_embeddings=True,
        )


def sincos_2d(rows: int, cols: int, dim: int, device: torch.device) -> torch.Tensor:
    """[rows*cols, dim] fixed 2-D positions: any crop size, aspect preserved, no interpolation."""
    quarter = dim // 4
    freq = torch.exp(-math.log(10000.0) * torch.arange(quarter, device=device) / max(quarter, 1))
    r = torch.arange(rows, device=device, dtype=torch.float32)[:, None] * freq
    c = torch.arange(cols, device=device, dtype=torch.float32)[:, None] * freq
    r_emb = torch.cat([r.sin(), r.cos()], dim=1)[:, None, :].expand(rows, cols, 2 * quarter)
    c_emb = torch.cat([c.sin(), c.cos()], dim=1)[None, :, :].expand(rows, cols, 2 * quarter)
    emb = torch.cat([r_emb, c_emb], dim=2).reshape(rows * cols, 4 * quarter)
    return nn.functional.pad(emb, (0, dim - emb.shape[1]))


class Attention(nn.Module):
    """Multi-head attention written with plain tensor ops: shapes stay symbolic (ONNX export
    with dynamic sizes) and every Linear is a plain ``nn.Linear`` (dynamic INT8)."""

    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(dim, dim)
        self.kv = nn.Linear(dim, 2 * dim)
        self.out = nn.Linear(dim, dim)

    def forward(self, x: torch.Tensor, context: torch.Tensor, key_valid: torch.Tensor) -> torch.Tensor:
        b, n, d = x.shape
        h = self.heads
        q = self.q(x).reshape(b, n, h, d // h).transpose(1, 2)
        k, v = self.kv(context).reshape(b, -1, 2, h, d // h).permute(2, 0, 3, 1, 4)
        bias = torch.zeros_like(key_valid, dtype=x.dtype).masked_fill(~key_valid, -1e4)
        att = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(d // h) + bias[:, None, None, :], dim=-1)
        return self.out((att @ v).transpose(1, 2).reshape(b, n, d))


class Block(nn.Module):
    """Pre-norm transformer block; self-attention when ``context`` is None, else cross-attention."""

    def __init__(self, dim: int, heads: int) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(dim)
        self.ctx_norm = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads)
        self.mlp = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, 2 * dim), nn.GELU(), nn.Linear(2 * dim, dim))

    def forward(self, x: torch.Tensor, key_valid: torch.Tensor,
                context: torch.Tensor | None = None) -> torch.Tensor:
        q = self.norm(x)
        kv = q if context is None else self.ctx_norm(context)
        x = x + self.attn(q, kv, key_valid)
        return x + self.mlp(x)


class VisionEncoder(nn.Module):
    """Patch features for a padded batch of crops; ``patch_mask`` marks real (unpadded) patches."""

    def __init__(self, config: DocVlmConfig) -> None:
        super().__init__()
        d = config.vision_hidden
        self.patch = nn.Conv2d(3, d, kernel_size=config.patch_size, stride=config.patch_size)
        self.layers = nn.ModuleList(Block(d, config.vision_heads) for _ in range(config.vision_layers))
        self.norm = nn.LayerNorm(d)

    def forward(self, pixel_values: torch.Tensor, patch_mask: torch.Tensor) -> torch.Tensor:
        x = self.patch(pixel_values)  # [B, d, rows, cols]
        b, d, rows, cols = x.shape
        x = x.flatten(2).transpose(1, 2) + sincos_2d(rows, cols, d, x.device)[None]
        valid = patch_mask.reshape(b, -1)
        for layer in self.layers:
            x = layer(x, valid)
        return self.norm(x)


class Resampler(nn.Module):
    """Learned queries cross-attend to the patches: a fixed visual-token budget per crop."""

    def __init__(self, config: DocVlmConfig) -> None:
        super().__init__()
        d = config.vision_hidden
        self.queries = nn.Parameter(torch.randn(config.num_visual_tokens, d) * 0.02)
        self.layers = nn.ModuleList(Block(d, config.vision_heads) for _ in range(config.resampler_layers))
        self.norm = nn.LayerNorm(d)

    def forward(self, patches: torch.Tensor, patch_mask: torch.Tensor) -> torch.Tensor:
        valid = patch_mask.reshape(patches.shape[0], -1)
        x = self.queries[None].expand(patches.shape[0], -1, -1)
        for layer in self.layers:
            x = layer(x, valid, context=patches)
        return self.norm(x)


class GroupedProjection(nn.Module):
    """Three projections mixed per token by the region mask, plus a gated shared path.

    ``out = Σ_g m_g · P_g(x) + (Σ_g m_g · tanh(α_g)) · S(x)`` with ``m`` of shape
    [batch, tokens, 3] (one-hot or soft). A token whose mask is zero for a group sends no
    gradient into that group's projection.
    """

    def __init__(self, in_dim: int, out_dim: int) -> None:
        super().__init__()
        self.semantic = nn.Linear(in_dim, out_dim)
        self.structural = nn.Linear(in_dim, out_dim)
        self.chart = nn.Linear(in_dim, out_dim)
        self.shared = nn.Linear(in_dim, out_dim)
        self.gate = nn.Parameter(torch.full((len(GROUPS),), 0.5))

    def forward(self, x: torch.Tensor, region_mask: torch.Tensor) -> torch.Tensor:
        m = region_mask.to(x.dtype)
        out = (m[..., 0:1] * self.semantic(x) + m[..., 1:2] * self.structural(x)
               + m[..., 2:3] * self.chart(x))
        gate = (m * torch.tanh(self.gate)).sum(-1, keepdim=True)
        return out + gate * self.shared(x)


@dataclass
class RegionBatch:
    """Model inputs for a batch of crops (built by :mod:`docparse.vlm.data`)."""

    pixel_values: torch.Tensor  # [B, 3, H, W] float, padded
    patch_mask: torch.Tensor  # [B, H/p, W/p] bool
    group_ids: torch.Tensor  # [B] long, index into GROUPS
    task_ids: torch.Tensor  # [B] long, the task token
    target_ids: torch.Tensor | None = None  # [B, L] long, eos-terminated, pad-filled

    def to(self, device: torch.device | str) -> "RegionBatch":
        t = self.target_ids.to(device) if self.target_ids is not None else None
        return RegionBatch(self.pixel_values.to(device), self.patch_mask.to(device),
                           self.group_ids.to(device), self.task_ids.to(device), t)


class DocVlmForRegionReading(PreTrainedModel):
    config_class = DocVlmConfig
    base_model_prefix = "docvlm"
    main_input_name = "pixel_values"

    def __init__(self, config: DocVlmConfig) -> None:
        super().__init__(config)
        self.vision = VisionEncoder(config)
        self.resampler = Resampler(config)
        self.projection = GroupedProjection(config.vision_hidden, config.hidden_size)
        self.decoder = LlamaForCausalLM(config.decoder_config())
        self.post_init()

    def _init_weights(self, module: nn.Module) -> None:
        if isinstance(module, (nn.Linear, nn.Conv2d)):
            nn.init.normal_(module.weight, std=0.02)
            if module.bias is not None:
                nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            nn.init.normal_(module.weight, std=0.02)
        elif isinstance(module, nn.LayerNorm):
            nn.init.ones_(module.weight)
            nn.init.zeros_(module.bias)
        elif isinstance(module, Resampler):
            nn.init.normal_(module.queries, std=0.02)
        elif isinstance(module, GroupedProjection):
            nn.init.constant_(module.gate, 0.5)

    def visual_tokens(self, pixel_values: torch.Tensor, patch_mask: torch.Tensor,
                      region_mask: torch.Tensor) -> torch.Tensor:
        """[B, num_visual_tokens, hidden_size] decoder-space embeddings of the crops."""
        patches = self.vision(pixel_values, patch_mask)
        return self.projection(self.resampler(patches, patch_mask), region_mask)

    def region_mask(self, group_ids: torch.Tensor, n_tokens: int) -> torch.Tensor:
        onehot = nn.functional.one_hot(group_ids, len(GROUPS)).float()
        return onehot[:, None, :].expand(-1, n_tokens, -1)

    def _prefix(self, batch: RegionBatch) -> torch.Tensor:
        n = self.config.num_visual_tokens
        vis = self.visual_tokens(batch.pixel_values, batch.patch_mask,
                                 self.region_mask(batch.group_ids, n))
        task = self.decoder.get_input_embeddings()(batch.task_ids)[:, None, :]
        return torch.cat([vis, task], dim=1)

    def forward(self, batch: RegionBatch) -> torch.Tensor:
        """Mean cross-entropy of the targets given the crops (the training loss)."""
        assert batch.target_ids is not None, "forward needs target_ids; use generate to read"
        prefix = self._prefix(batch)
        targets = batch.target_ids
        embeds = torch.cat([prefix, self.decoder.get_input_embeddings()(targets)], dim=1)
        valid = targets != self.config.pad_token_id
        attention = torch.cat([torch.ones(prefix.shape[:2], dtype=torch.long, device=targets.device),
                               valid.long()], dim=1)
        logits = self.decoder(inputs_embeds=embeds, attention_mask=attention).logits
        # position prefix_len-1 (the task token) predicts targets[0], and so on
        pred = logits[:, prefix.shape[1] - 1 : -1, :]
        labels = targets.masked_fill(~valid, -100)
        return nn.functional.cross_entropy(pred.reshape(-1, pred.shape[-1]), labels.reshape(-1),
                                           ignore_index=-100)

    @torch.no_grad()
    def generate(self, batch: RegionBatch, max_new_tokens: int = 256,
                 max_repeat_ngram: int = 8) -> list[list[int]]:  # noqa: E501 - overrides transformers' generate
        """Greedy decoding with a KV cache; stops at eos, at ``max_new_tokens``, or when the
        last ``max_repeat_ngram``-gram has just repeated four times in a row (a runaway loop)."""
        prefix = self._prefix(batch)
        max_new_tokens = min(max_new_tokens, self.config.max_position_embeddings - prefix.shape[1])
        out = self.decoder(inputs_embeds=prefix, use_cache=True)
        cache = out.past_key_values
        next_ids = out.logits[:, -1, :].argmax(-1)
        b = prefix.shape[0]
        results: list[list[int]] = [[] for _ in range(b)]
        done = [False] * b
        embed = self.decoder.get_input_embeddings()
        for _ in range(max_new_tokens):
            for i, tok in enumerate(next_ids.tolist()):
                if done[i]:
                    continue
                if tok == self.config.eos_token_id:
                    done[i] = True
                else:
                    results[i].append(tok)
                    done[i] = is_runaway(results[i], max_repeat_ngram)
            if all(done):
                break
            out = self.decoder(inputs_embeds=embed(next_ids)[:, None, :], past_key_values=cache,
                               use_cache=True)
            cache = out.past_key_values
            next_ids = out.logits[:, -1, :].argmax(-1)
        return results


def is_runaway(ids: list[int], max_ngram: int, repeats: int = 4) -> bool:
    """True when some n-gram (n ≤ ``max_ngram``) ends the sequence ``repeats`` times in a row."""
    for n in range(1, max_ngram + 1):
        span = n * repeats
        if len(ids) < span:
            break
        tail = ids[-span:]
        if all(tail[k] == tail[k % n] for k in range(span)) and (n > 1 or repeats * 2 <= len(ids)):
            return True
    return False


def quantize_int8(model: DocVlmForRegionReading) -> nn.Module:
    """Dynamic INT8 quantization of every Linear layer (weights int8, activations quantized on
    the fly): encoder, resampler, projections and decoder."""
    from torch.ao.quantization import quantize_dynamic

    return quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)


class _EncoderForExport(nn.Module):
    def __init__(self, model: DocVlmForRegionReading) -> None:
        super().__init__()
        self.model = model

    def forward(self, pixel_values: torch.Tensor, patch_mask: torch.Tensor,
                region_mask: torch.Tensor) -> torch.Tensor:
        return self.model.visual_tokens(pixel_values, patch_mask, region_mask)


def export_encoder_onnx(model: DocVlmForRegionReading, path: str, height: int = 32,
                        width: int = 256) -> None:
    """ONNX export of the visual path (encoder + resampler + grouped projection)."""
    p = model.config.patch_size
    pixels = torch.zeros(1, 3, height, width)
    mask = torch.ones(1, height // p, width // p, dtype=torch.bool)
    region = torch.zeros(1, model.config.num_visual_tokens, len(GROUPS))
    region[..., 0] = 1.0
    torch.onnx.export(
        _EncoderForExport(model.eval()), (pixels, mask, region), path, dynamo=False,
        input_names=["pixel_values", "patch_mask", "region_mask"], output_names=["visual_tokens"],
        dynamic_axes={"pixel_values": {0: "batch", 2: "height", 3: "width"},
                      "patch_mask": {0: "batch", 1: "rows", 2: "cols"},
                      "region_mask": {0: "batch"}, "visual_tokens": {0: "batch"}},
    )
