"""The grouped-projection VLM: model, tokenizer, training, backends.

Importing this package is cheap; torch and transformers load only in
:mod:`docparse.vlm.modeling` and the functions that need them.
"""
