"""Offline tiktoken: its BPE files come from the bpe-openai wheel, never from the network.

tiktoken looks files up in TIKTOKEN_CACHE_DIR under the sha1 of their source URL and checks
their sha256, so the copies below are byte-identical to what it would have downloaded.
"""

import gzip
import os
from functools import cache
from importlib import resources
from pathlib import Path

import tiktoken

_CACHE_NAMES = {
    "cl100k_base": "9b5ad71b2ce5302211f9c61530b329a4922fc6a4",
    "o200k_base": "fb374d419588a4632f3f557e76b4b70aebbca790",
}


def ensure_tiktoken_cache(cache_dir: Path) -> Path:
    """Write the BPE files where tiktoken looks for them and point it there."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    data = resources.files("bpe_openai.data")
    for encoding, cache_name in _CACHE_NAMES.items():
        target = cache_dir / cache_name
        if not target.exists():
            raw = gzip.decompress(data.joinpath(f"{encoding}.tiktoken.gz").read_bytes())
            partial = target.with_suffix(".partial")
            partial.write_bytes(raw)
            partial.replace(target)
    os.environ["TIKTOKEN_CACHE_DIR"] = str(cache_dir)
    return cache_dir


@cache
def _encoding_for(model: str) -> tiktoken.Encoding:
    try:
        return tiktoken.encoding_for_model(model)
    except KeyError:
        # Non-OpenAI models (Qwen, DeepSeek, Llama) have their own tokenizers; o200k is a close estimate.
        return tiktoken.get_encoding("o200k_base")


def count_tokens(text: str, model: str) -> int:
    """Tokens of `text` for an OpenAI-compatible model; call ensure_tiktoken_cache first."""
    return len(_encoding_for(model).encode(text, disallowed_special=()))
