"""Variants: different angles in the prompt, near duplicates redrafted once and then left out."""

import json
from pathlib import Path

from copywriter_fakes import RecordingModel, amazon_de, make_deps, request

from agents.copywriter.service import generate_copy

PRACTICAL = amazon_de()
GIFT = json.dumps({
    "title": "Acme X200: das Geschenk für Heimwerker",
    "bullets": ["Ein Verbinder aus Kupfer für jede Werkstatt", "Korrosionsbeständig, damit Freude lange hält"],
    "description": "Wer gern selbst repariert, freut sich über den Acme X200. Kupfer, korrosionsbeständig, 10 cm.",
    "search_terms": "geschenk heimwerker kupfer verbinder",
}, ensure_ascii=False)


def test_each_variant_is_drafted_from_its_own_angle(tmp_path: Path) -> None:
    model = RecordingModel(responses=[PRACTICAL, GIFT])
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon", variants=2), "demo").results[0]
    assert result.variants is not None and len(result.variants) == 1
    assert result.fields["title"] == "Acme X200 Rohrverbinder aus Kupfer"
    other = result.variants[0]
    assert other.fields["title"].startswith("Acme X200: das Geschenk") and other.source == "model"
    assert result.angle != other.angle
    assert "zuerst der Nutzen für den Käufer" in model.prompts[0]  # each prompt names its angle
    assert "technische Daten" in model.prompts[1]


def test_a_near_duplicate_is_redrafted_once_and_left_out_if_still_alike(tmp_path: Path) -> None:
    model = RecordingModel(responses=[PRACTICAL, PRACTICAL, PRACTICAL])
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon", variants=2), "demo").results[0]
    assert len(model.prompts) == 3  # the first variant, the duplicate, one redraft
    assert result.variants == []
    assert any("1 of 2 variants" in note for note in result.notes)
    assert any("too similar" in note for note in result.notes)


def test_a_redraft_that_differs_is_kept(tmp_path: Path) -> None:
    model = RecordingModel(responses=[PRACTICAL, PRACTICAL, GIFT])
    result = generate_copy(make_deps(tmp_path, model), request("DE:amazon", variants=2), "demo").results[0]
    assert result.variants is not None and [v.fields["title"] for v in result.variants] == [
        "Acme X200: das Geschenk für Heimwerker"]
    assert not any("variants differ" in note for note in result.notes)


def test_without_variants_there_is_no_variant_list(tmp_path: Path) -> None:
    result = generate_copy(make_deps(tmp_path, RecordingModel(responses=[PRACTICAL])), request("DE:amazon"),
                           "demo").results[0]
    assert result.variants is None and result.angle == ""
