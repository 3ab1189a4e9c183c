from pathlib import Path

import pytest
from fakes import FakeEmbedder

from knowledge.store import SHARED, KnowledgeStore, SearchFilters
from tools.errors import BadInput


def doc(doc_id: str, jurisdictions: str, topics: str, body: str) -> str:
    return (f"---\nid: {doc_id}\ntitle: {doc_id} title\njurisdictions: [{jurisdictions}]\ntopics: [{topics}]\n"
            f"source_url: https://example.org/{doc_id}\n---\n{body}\n")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "sa.md").write_text(doc("sa-cosmetics", "SA", "regulation",
                                      "## Registration\nCosmetics sold in Saudi Arabia need SFDA listing.\n\n"
                                      "## Labels\nLabels must be in Arabic."), encoding="utf-8")
    (folder / "de.md").write_text(doc("de-packaging", "DE, EU", "regulation, packaging",
                                      "## Packaging law\nGermany requires LUCID packaging registration."),
                                  encoding="utf-8")
    (folder / "jp.md").write_text(doc("jp-market", "JP", "market",
                                      "## Payments\nKonbini payments are popular in Japan."), encoding="utf-8")
    return folder


@pytest.fixture
def store(tmp_path: Path) -> KnowledgeStore:
    return KnowledgeStore(tmp_path / "vectors", FakeEmbedder())


def test_ingest_then_search_returns_cited_chunks(store: KnowledgeStore, corpus: Path) -> None:
    report = store.ingest(corpus)
    assert (report.files, report.added, report.chunks_written) == (3, 3, 4)
    hits = store.search("SFDA listing cosmetics Saudi", k=3)
    assert hits[0].chunk_id == "sa-cosmetics#0"
    assert hits[0].url == "https://example.org/sa-cosmetics" and hits[0].section == "Registration"
    assert hits[0].source == "sa.md" and hits[0].similarity is not None


def test_reingest_of_unchanged_files_costs_nothing(store: KnowledgeStore, corpus: Path) -> None:
    store.ingest(corpus)
    embedded_before = store.embedder.calls  # type: ignore[attr-defined]
    report = store.ingest(corpus)
    assert (report.unchanged, report.chunks_written) == (3, 0)
    assert store.embedder.calls == embedded_before  # type: ignore[attr-defined]


def test_changed_file_replaces_its_chunks(store: KnowledgeStore, corpus: Path) -> None:
    store.ingest(corpus)
    (corpus / "sa.md").write_text(doc("sa-cosmetics", "SA", "regulation", "## Registration\nOnly one section now."),
                                  encoding="utf-8")
    report = store.ingest(corpus)
    assert (report.replaced, report.unchanged) == (1, 2)
    assert store.count() == 3
    assert not store.get_chunks(["sa-cosmetics#1"])  # the old Labels chunk is gone
    assert "Only one section" in store.search("only one section", k=1)[0].text


def test_jurisdiction_and_topic_filters(store: KnowledgeStore, corpus: Path) -> None:
    store.ingest(corpus)
    eu = store.search("registration", k=5, filters=SearchFilters(jurisdictions=["EU"]))
    assert {h.doc_id for h in eu} == {"de-packaging"}
    market = store.search("payments", k=5, filters=SearchFilters(topics=["market"]))
    assert {h.doc_id for h in market} == {"jp-market"}


def test_tenant_documents_are_private(store: KnowledgeStore, corpus: Path, tmp_path: Path) -> None:
    store.ingest(corpus)
    private = tmp_path / "private.md"
    private.write_text(doc("our-pricing", "US", "internal", "## Margins\nOur secret margin policy for lanterns."),
                       encoding="utf-8")
    store.ingest(private, tenant="acme")
    own = store.search("secret margin policy lanterns", k=5, tenant="acme")
    assert own[0].chunk_id == "acme/our-pricing#0"
    for tenant in ("other", SHARED):
        assert all(not h.chunk_id.startswith("acme/") for h in store.search("secret margin policy lanterns", 5, tenant))


def test_store_survives_reopen(tmp_path: Path, corpus: Path) -> None:
    KnowledgeStore(tmp_path / "vectors", FakeEmbedder()).ingest(corpus)
    reopened = KnowledgeStore(tmp_path / "vectors", FakeEmbedder())
    assert reopened.count() == 4
    assert reopened.search("Konbini payments", k=1)[0].doc_id == "jp-market"


def test_empty_query_is_bad_input(store: KnowledgeStore) -> None:
    with pytest.raises(BadInput):
        store.search("   ")


def test_chinese_query_uses_bm25_bigrams(store: KnowledgeStore, tmp_path: Path) -> None:
    path = tmp_path / "zh.md"
    path.write_text(doc("zh-note", "SA", "regulation", "## 化妆品\n在沙特销售化妆品需要在食品药品管理局备案。"),
                    encoding="utf-8")
    store.ingest(path)
    assert store.search("沙特化妆品备案", k=1)[0].doc_id == "zh-note"
