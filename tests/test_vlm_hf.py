"""The local Hugging Face image-text-to-text backend, on a tiny random LLaVA built here from
configs (no downloaded weights): AutoProcessor + AutoModelForImageTextToText from a local path."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")
tokenizers = pytest.importorskip("tokenizers")

from docparse.vlm.backends import HfImageTextBackend, LocalModelOptions, VlmRequest, make_backend  # noqa: E402

pytestmark = pytest.mark.model

TEMPLATE = ("{% for m in messages %}USER: {% for c in m['content'] %}{% if c['type'] == 'image' %}<image>\n"
            "{% else %}{{ c['text'] }}{% endif %}{% endfor %}\n{% endfor %}"
            "{% if add_generation_prompt %}ASSISTANT:{% endif %}")


def build_tiny_llava(directory: Path) -> Path:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
    from transformers import (
        CLIPVisionConfig,
        LlamaConfig,
        LlavaConfig,
        LlavaForConditionalGeneration,
        LlavaProcessor,
        PreTrainedTokenizerFast,
    )
    from transformers.models.clip.image_processing_pil_clip import CLIPImageProcessorPil

    specials = ["<pad>", "<s>", "</s>", "<image>"]
    tok = Tokenizer(models.BPE())
    tok.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tok.decoder = decoders.ByteLevel()
    tok.train_from_iterator(["text table chart values"], trainers.BpeTrainer(
        vocab_size=300, special_tokens=specials, initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False))
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", pad_token="<pad>",
                                   extra_special_tokens={"image_token": "<image>"})
    images = CLIPImageProcessorPil(size={"shortest_edge": 28}, crop_size={"height": 28, "width": 28})
    processor = LlavaProcessor(image_processor=images, tokenizer=fast, patch_size=14,
                               vision_feature_select_strategy="default", chat_template=TEMPLATE,
                               num_additional_image_tokens=1)
    config = LlavaConfig(
        vision_config=CLIPVisionConfig(hidden_size=32, intermediate_size=64, num_hidden_layers=1,
                                       num_attention_heads=2, image_size=28, patch_size=14).to_dict(),
        text_config=LlamaConfig(vocab_size=tok.get_vocab_size(), hidden_size=32, intermediate_size=64,
                                num_hidden_layers=1, num_attention_heads=2, num_key_value_heads=2,
                                max_position_embeddings=256).to_dict(),
        image_token_id=tok.token_to_id("<image>"), vision_feature_select_strategy="default",
        vision_feature_layer=-1)
    model = LlavaForConditionalGeneration(config)
    model.generation_config.eos_token_id = tok.token_to_id("</s>")
    model.generation_config.pad_token_id = tok.token_to_id("<pad>")
    model.save_pretrained(directory)
    processor.save_pretrained(directory)
    return directory


def test_local_hf_checkpoint_reads_a_crop_with_its_prompt(tmp_path: Path) -> None:
    path = build_tiny_llava(tmp_path / "tiny-llava")
    backend = make_backend(str(path), None, LocalModelOptions(max_new_tokens=4))
    assert isinstance(backend, HfImageTextBackend)
    crop = np.full((40, 120, 3), 255, np.uint8)
    answers = backend.read([VlmRequest(crop, "semantic", "text", "Text Recognition: read"),
                            VlmRequest(crop, "chart", "chart", "Chart Recognition: values as CSV")])
    assert len(answers) == 2 and all(isinstance(a, str) for a in answers)
    assert all(len(a) <= 4 * 8 for a in answers)  # at most 4 new tokens, the prompt not echoed
