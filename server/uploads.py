"""Multipart uploads streamed to a temporary file in the data home, with a size limit (413 past it)."""

import tempfile
from pathlib import Path
from typing import IO, Any

from fastapi import Request
from pydantic import BaseModel, ConfigDict
from python_multipart import MultipartParser
from python_multipart.multipart import parse_options_header

from server.errors import PayloadTooLarge, UnsupportedMediaType
from tools.errors import BadInput

MAX_FIELD_BYTES = 65_536


class Upload(BaseModel):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    fields: dict[str, str]
    file_field: str | None = None
    filename: str = ""
    path: Path | None = None
    size: int = 0

    def discard(self) -> None:
        if self.path:
            self.path.unlink(missing_ok=True)


class _Collector:
    """Callbacks of the streaming parser: text fields in memory, the file part on disk."""

    def __init__(self, directory: Path, limit: int) -> None:
        self.directory, self.limit = directory, limit
        self.upload = Upload(fields={})
        self._header, self._value = b"", b""
        self._headers: dict[bytes, bytes] = {}
        self._name, self._buffer = "", bytearray()
        self._file: IO[bytes] | None = None

    def callbacks(self) -> dict[str, Any]:
        return {"on_part_begin": self.part_begin, "on_header_field": self.header_field,
                "on_header_value": self.header_value, "on_header_end": self.header_end,
                "on_headers_finished": self.headers_finished, "on_part_data": self.part_data,
                "on_part_end": self.part_end}

    def part_begin(self) -> None:
        self._headers, self._buffer, self._file = {}, bytearray(), None

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self._header += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def header_end(self) -> None:
        self._headers[self._header.lower()] = self._value
        self._header, self._value = b"", b""

    def headers_finished(self) -> None:
        _, options = parse_options_header(self._headers.get(b"content-disposition", b""))
        self._name = options.get(b"name", b"").decode("utf-8", "replace")
        if b"filename" in options:
            if self.upload.path is not None:
                raise BadInput("send one file per request")
            self.directory.mkdir(parents=True, exist_ok=True)
            handle = tempfile.NamedTemporaryFile(dir=self.directory, prefix="upload-", delete=False)  # noqa: SIM115
            self._file = handle
            self.upload.path, self.upload.file_field = Path(handle.name), self._name
            self.upload.filename = Path(options[b"filename"].decode("utf-8", "replace")).name

    def part_data(self, data: bytes, start: int, end: int) -> None:
        if self._file is not None:
            self.upload.size += end - start
            if self.upload.size > self.limit:
                raise PayloadTooLarge(f"the file is larger than the limit of {self.limit:,} bytes")
            self._file.write(data[start:end])
            return
        self._buffer += data[start:end]
        if len(self._buffer) > MAX_FIELD_BYTES:
            raise PayloadTooLarge(f"form field {self._name!r} is larger than {MAX_FIELD_BYTES:,} bytes")

    def part_end(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        else:
            self.upload.fields[self._name] = self._buffer.decode("utf-8", "replace")

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


async def receive_upload(request: Request, directory: Path, limit: int) -> Upload:
    """Parse a multipart/form-data body chunk by chunk; the caller discards the file when done."""
    content_type, options = parse_options_header(request.headers.get("content-type", ""))
    if content_type != b"multipart/form-data" or b"boundary" not in options:
        raise UnsupportedMediaType("send multipart/form-data with a file part")
    collector = _Collector(directory, limit)
    parser = MultipartParser(options[b"boundary"], collector.callbacks())  # type: ignore[arg-type]
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except (BadInput, PayloadTooLarge):
        collector.close()
        collector.upload.discard()
        raise
    except ValueError as exc:  # the parser's own errors (python_multipart raises ValueError subclasses)
        collector.close()
        collector.upload.discard()
        raise BadInput(f"malformed multipart body: {exc}") from exc
    return collector.upload
