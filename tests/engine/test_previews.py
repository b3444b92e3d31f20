"""A fact's link preview shows its status in the status's own colour, and who says it and when."""

from __future__ import annotations

import io

from PIL import Image, ImageChops

from dossier import pipeline, social


def fact_card(project, language: str = "en") -> social.Card:
    site = pipeline.generate(project.root).site
    return next(card for card in social.cards(site) if card.path == f"assets/social/{language}/facts/release.png")


def colours_of(card: social.Card) -> set[tuple[int, int, int]]:
    with Image.open(io.BytesIO(social.draw_card(card))) as image:
        return {colour for _, colour in image.convert("RGB").getcolors(maxcolors=1 << 16)}


def test_the_preview_shows_the_status_in_its_colour(project):
    reported = colours_of(fact_card(project))
    assert social.STATUS_COLOURS["reported"] in reported and social.STATUS_COLOURS["prediction"] not in reported
    project.replace("facts/facts.yml", "status: reported", "status: prediction")
    predicted = colours_of(fact_card(project))
    assert social.STATUS_COLOURS["prediction"] in predicted and social.STATUS_COLOURS["reported"] not in predicted


def test_the_preview_says_who_asserts_the_fact_and_when(project):
    card = fact_card(project)
    assert card.byline == "According to Acme Labs · August 2022"
    assert fact_card(project, "zh").byline == "据Acme Labs · 2022年8月"
    project.replace("facts/facts.yml", "asserted_by: [acme-labs]", "asserted_by: [daily-example]")
    other = fact_card(project)
    with Image.open(io.BytesIO(social.draw_card(card))) as first, Image.open(io.BytesIO(social.draw_card(other))) as second:
        left, top, right, bottom = ImageChops.difference(first.convert("RGB"), second.convert("RGB")).getbbox()
    assert 150 < top and bottom < 330  # only the line under the title differs
