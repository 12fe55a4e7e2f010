"""Developer tools that are not part of the installed package (run from the repository root).

    python -m tools.train_vlm --config tools/vlm_configs/tiny-cpu.json   train the region-reading VLM
"""
