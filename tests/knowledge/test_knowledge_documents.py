from pathlib import Path

import pytest

from knowledge.chunking import MAX_CHARS, chunk_document
from knowledge.documents import find_files, read_document
from tools.errors import BadInput

MARKDOWN = """---
id: market-xx
title: Testland — market profile
jurisdictions: [xx, EU]
topics: [market, payments]
language: en
source_url: https://example.org/testland
as_of: 2026-10-01
---
# Testland — market profile

Intro paragraph about Testland.

## Payments
Cash on delivery is common in Testland ([source](https://example.org/pay)).

## Shopping seasons
Singles' Day matters in Testland.
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_front_matter_becomes_metadata(tmp_path: Path) -> None:
    document = read_document(write(tmp_path / "xx.md", MARKDOWN), tmp_path)
    assert document.id == "market-xx"
    assert document.jurisdictions == ["XX", "EU"]
    assert document.topics == ["market", "payments"]
    assert document.as_of == "2026-10-01" and document.source_url == "https://example.org/testland"


def test_chunks_follow_headings_and_carry_title_and_section(tmp_path: Path) -> None:
    chunks = chunk_document(read_document(write(tmp_path / "xx.md", MARKDOWN), tmp_path))
    assert [c.section for c in chunks] == ["Testland — market profile", "Payments", "Shopping seasons"]
    assert chunks[1].id == "market-xx#1"
    assert chunks[1].text.startswith("Testland — market profile — Payments\n")
    assert "Singles' Day" not in chunks[1].text


def test_long_sections_split_below_the_limit_without_losing_text(tmp_path: Path) -> None:
    sentences = [f"Sentence number {i} about Testland regulation." for i in range(200)]
    body = "---\nid: long\ntitle: Long\n---\n## Rules\n" + " ".join(sentences)
    chunks = chunk_document(read_document(write(tmp_path / "long.md", body), tmp_path))
    assert len(chunks) > 3
    assert all(len(c.text) <= MAX_CHARS + 40 for c in chunks)
    joined = " ".join(c.text for c in chunks)
    assert all(s in joined for s in sentences)


def test_html_headings_and_text_are_kept(tmp_path: Path) -> None:
    html = ("<html><head><title>Rules page</title><script>evil()</script></head><body>"
            "<h2>Labelling</h2><p>Labels must be in Arabic.</p></body></html>")
    document = read_document(write(tmp_path / "page.html", html), tmp_path)
    assert document.title == "Rules page"
    assert "## Labelling" in document.text and "evil" not in document.text


def test_plain_text_gets_an_id_from_its_path(tmp_path: Path) -> None:
    document = read_document(write(tmp_path / "notes" / "My Notes.txt", "Some notes."), tmp_path)
    assert document.id == "notes-my-notes" and document.text == "Some notes."


def test_unreadable_pdf_is_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(BadInput, match=r"broken\.pdf"):
        read_document(path, tmp_path)


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=300)
    font = DictionaryObject({NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
                             NameObject("/BaseFont"): NameObject("/Helvetica")})
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})})
    stream = DecodedStreamObject()
    stream.set_data(b"BT /F1 12 Tf 20 200 Td (Cosmetics need SFDA listing) Tj ET")
    page[NameObject("/Contents")] = writer._add_object(stream)
    path = tmp_path / "rules.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    document = read_document(path, tmp_path)
    assert "Cosmetics need SFDA listing" in document.text
    assert chunk_document(document)[0].section == "Page 1"


def test_find_files_rejects_missing_and_unsupported(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="does not exist"):
        find_files(tmp_path / "nope")
    with pytest.raises(BadInput, match="unsupported"):
        find_files(write(tmp_path / "data.xlsx", "x"))
    write(tmp_path / "a.md", "# A")
    write(tmp_path / "README.md", "# about the folder")
    assert [p.name for p in find_files(tmp_path)] == ["a.md"]
