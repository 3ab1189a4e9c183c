import json
from pathlib import Path

import pytest
from fakes import FakeEmbedder
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from agents.context import Deps
from agents.llm.usage import UsageMeter
from agents.research.citations import draft_schema, validate_points
from agents.research.graph import build_graph
from agents.research.state import Point, ResearchInput, ResearchOutput
from agents.research.streaming import PointTextStream
from knowledge.store import Hit
from tools.settings import Settings


def hit(n: int) -> Hit:
    return Hit(chunk_id=f"doc-{n}#0", doc_id=f"doc-{n}", title=f"Doc {n}", section="S", source=f"d{n}.md",
               url=f"https://example.org/{n}", jurisdictions=["SA"], text="t", score=0.1, similarity=0.5)


def draft(*points: tuple[str, list[int]]) -> str:
    return json.dumps({"points": [{"text": t, "sources": n} for t, n in points]}, ensure_ascii=False)


def test_sources_are_renumbered_by_first_use() -> None:
    checked = validate_points([Point(text="Listing needed", sources=[2]), Point(text="Arabic labels", sources=[1, 2])],
                              [hit(1), hit(2)])
    assert checked.text == "- Listing needed [1]\n- Arabic labels [2][1]"
    assert [c.id for c in checked.citations] == ["doc-2#0", "doc-1#0"]
    assert checked.dropped == 0 and checked.cited_any


def test_points_citing_only_unknown_sources_are_dropped() -> None:
    checked = validate_points([Point(text="True", sources=[1]), Point(text="Invented", sources=[7]),
                               Point(text="Mixed", sources=[1, 9])], [hit(1)])
    assert checked.text == "- True [1]\n- Mixed [1]"
    assert checked.dropped == 1 and [c.id for c in checked.citations] == ["doc-1#0"]


def test_decoding_schema_allows_only_retrieved_source_numbers() -> None:
    schema = draft_schema(3)
    assert schema["$defs"]["Point"]["properties"]["sources"]["items"] == {"enum": [1, 2, 3]}


def test_streamed_display_follows_the_point_texts() -> None:
    raw = draft(("化妆品需要\"备案\"", [1]), ("Labels", [2]))
    stream = PointTextStream()
    shown = "".join(stream.feed(raw[i:i + 4]) for i in range(0, len(raw), 4))
    assert shown == '- 化妆品需要"备案"\n- Labels' and stream.raw == raw


CORPUS = """---
id: market-sa
title: Saudi Arabia — market profile
jurisdictions: [SA]
topics: [market, regulation]
source_url: https://example.org/sa
---
## Product regulation and labelling
Cosmetics sold in Saudi Arabia must be listed with the SFDA and labelled in Arabic.

## Payments
Cash on delivery and mada cards are common in Saudi Arabia.
"""


@pytest.fixture
def deps_with_corpus(tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(responses: list[str]) -> Deps:
        deps = Deps(settings=Settings(home=tmp_path / "home"), _chat_model=FakeListChatModel(responses=responses),
                    _embedder=FakeEmbedder())
        corpus = tmp_path / "sa.md"
        corpus.write_text(CORPUS, encoding="utf-8")
        deps.store.ingest(corpus)
        return deps

    return make


def run(deps: Deps, question: str, language: str = "en") -> ResearchOutput:
    graph = build_graph(deps, UsageMeter())
    result = graph.invoke({"input": ResearchInput(question=question, markets=["SA"], language=language)})
    return ResearchOutput.model_validate(result["output"])


def test_grounded_answer_cites_retrieved_chunks(deps_with_corpus) -> None:  # type: ignore[no-untyped-def]
    deps = deps_with_corpus([draft(("Cosmetics must be listed with the SFDA and labelled in Arabic", [1]))])
    output = run(deps, "What do cosmetics need in Saudi Arabia regulation labelled?")
    assert output.grounded and output.citations[0].id.startswith("market-sa#")
    assert output.citations[0].url == "https://example.org/sa"


def test_uncited_answer_is_regenerated_once_then_replaced_by_sources(deps_with_corpus) -> None:  # type: ignore[no-untyped-def]
    deps = deps_with_corpus(["Cosmetics are fine everywhere.", draft(("Still invented", [4]))])
    output = run(deps, "What do cosmetics need in Saudi Arabia regulation labelled?")
    assert not output.grounded
    assert "could not produce an answer with valid citations" in output.answer
    assert output.citations  # the sources themselves are still shown


def test_second_attempt_with_citations_is_accepted(deps_with_corpus) -> None:  # type: ignore[no-untyped-def]
    deps = deps_with_corpus(["not json", draft(("Cosmetics must be listed with the SFDA", [1]))])
    assert run(deps, "What do cosmetics need in Saudi Arabia regulation labelled?").grounded


def test_answer_in_the_wrong_language_is_regenerated(deps_with_corpus) -> None:  # type: ignore[no-untyped-def]
    deps = deps_with_corpus([draft(("Cosmetics must be listed with the SFDA", [1])),
                             draft(("化妆品必须在SFDA备案", [1]))])
    output = run(deps, "沙特 化妆品 Saudi Arabia cosmetics regulation", language="zh")
    assert output.answer == "- 化妆品必须在SFDA备案 [1]" and output.language == "zh"


def test_nothing_relevant_says_so_without_calling_the_model(deps_with_corpus) -> None:  # type: ignore[no-untyped-def]
    deps = deps_with_corpus([])
    output = run(deps, "zzqx unrelated gibberish words")
    assert not output.grounded and output.citations == []
    assert "nothing relevant" in output.answer
