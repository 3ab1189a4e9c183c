"""Reading corpus files (.md with front matter, .txt, .html, .pdf) into typed documents."""

import hashlib
import re
from datetime import date
from pathlib import Path

import frontmatter
from pydantic import BaseModel, Field

from tools.errors import BadInput

SUPPORTED_SUFFIXES = {".md", ".markdown", ".txt", ".html", ".htm", ".pdf"}
_ID_PATTERN = re.compile(r"[^a-z0-9]+")


class Document(BaseModel):
    id: str
    title: str
    text: str = Field(description="Body as markdown-ish text; headings start with '#'.")
    jurisdictions: list[str] = []
    topics: list[str] = []
    language: str = "en"
    source_url: str = ""
    as_of: str = ""
    path: str
    content_hash: str


def slug(text: str) -> str:
    return _ID_PATTERN.sub("-", text.lower()).strip("-")[:80] or "document"


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def find_files(path: Path) -> list[Path]:
    """Every supported file under `path` (or `path` itself), in a stable order."""
    if not path.exists():
        raise BadInput(f"{path} does not exist")
    if path.is_file():
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise BadInput(f"{path.name}: unsupported file type; use {', '.join(sorted(SUPPORTED_SUFFIXES))}")
        return [path]
    return sorted(
        p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md"
    )


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(item) for item in value]  # type: ignore[attr-defined]


def _read_markdown(raw: bytes) -> tuple[dict[str, object], str]:
    post = frontmatter.loads(raw.decode("utf-8"))
    return dict(post.metadata), post.content


def _read_html(raw: bytes) -> tuple[dict[str, object], str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(raw, "html.parser")
    for tag in soup(["script", "style", "nav", "footer"]):
        tag.decompose()
    lines = []
    for element in soup.find_all(["h1", "h2", "h3", "h4", "p", "li", "td"]):
        text = element.get_text(" ", strip=True)
        if not text:
            continue
        level = int(element.name[1]) if element.name.startswith("h") else 0
        lines.append(f"{'#' * level} {text}" if level else text)
    title = soup.title.get_text(strip=True) if soup.title else ""
    return {"title": title} if title else {}, "\n\n".join(lines)


def _read_pdf(raw: bytes, name: str) -> tuple[dict[str, object], str]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError) as exc:
        raise BadInput(f"{name}: not a readable PDF ({exc})") from exc
    return {}, "\n\n".join(f"## Page {i}\n\n{text}" for i, text in enumerate(pages, 1) if text.strip())


def read_document(path: Path, root: Path | None = None) -> Document:
    """Parse one file; metadata comes from front matter where the format has it."""
    raw = path.read_bytes()
    suffix = path.suffix.lower()
    try:
        if suffix in {".md", ".markdown"}:
            meta, body = _read_markdown(raw)
        elif suffix in {".html", ".htm"}:
            meta, body = _read_html(raw)
        elif suffix == ".pdf":
            meta, body = _read_pdf(raw, path.name)
        else:
            meta, body = {}, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadInput(f"{path.name}: not UTF-8 text") from exc
    relative = path.relative_to(root) if root and path.is_relative_to(root) else Path(path.name)
    as_of = meta.get("as_of", "")
    return Document(
        id=str(meta.get("id") or slug(str(relative.with_suffix("")))),
        title=str(meta.get("title") or path.stem.replace("-", " ").replace("_", " ")),
        text=body.strip(),
        jurisdictions=[j.upper() if len(j) == 2 else j for j in _as_list(meta.get("jurisdictions"))],
        topics=_as_list(meta.get("topics")),
        language=str(meta.get("language") or "en"),
        source_url=str(meta.get("source_url") or ""),
        as_of=as_of.isoformat() if isinstance(as_of, date) else str(as_of),
        path=str(relative),
        content_hash=content_hash(raw),
    )
