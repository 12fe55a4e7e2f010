"""The grouped-projection VLM: model, tokenizer, backends (training lives in tools/train_vlm.py).

Importing this package is cheap; torch and transformers load only in
:mod:`docparse.vlm.modeling` and the functions that need them.
"""
