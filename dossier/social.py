"""Preview images for link sharing: one 1200×630 PNG per page and language, drawn with Pillow.

Each image is re-drawn only when its text changes: the text's digest is kept in a manifest
beside the images, so a rebuild with unchanged facts draws nothing.

They are drawn outside docs/ (in .cache/previews, laid out as in the site) and copied into the
site after MkDocs built it: in docs/, MkDocs and mkdocs-static-i18n would handle some 400 images
again at every rebuild, in each language.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from . import urls
from .files import read_record, write_if_changed
from .problems import DossierError, Problem
from .render import Site
from .settings import SETTINGS_FILE, PreviewFonts
from .text import format_period, summarize

SIZE = (1200, 630)
MARGIN = 72
BACKGROUND = (26, 35, 126)
ACCENT = (255, 193, 7)
TEXT = (255, 255, 255)
MUTED = (197, 202, 233)
# A fact's status in its own colour, as on the site's badges (lighter, on the dark background).
STATUS_COLOURS = {
    "reported": (129, 199, 132),
    "alleged": (255, 183, 77),
    "denied": (229, 115, 115),
    "prediction": (100, 181, 246),
    "opinion": (206, 147, 216),
}
BLENDS = 21  # shades from the background to each colour


def _palette() -> Image.Image:
    """The background, then for each colour the shades its anti-aliased edges blend through."""
    colours = [BACKGROUND]
    for colour in (ACCENT, TEXT, MUTED, *STATUS_COLOURS.values()):
        colours += [tuple(round(b + (c - b) * step / BLENDS) for b, c in zip(BACKGROUND, colour)) for step in range(1, BLENDS + 1)]
    palette = Image.new("P", (1, 1))
    palette.putpalette([value for colour in colours for value in colour])
    return palette


PALETTE = _palette()
# Level 3 compresses in half the time of 6, for files a quarter larger (27 kB instead of 22).
COMPRESS_LEVEL = 3


@dataclass(frozen=True)
class Card:
    """What one preview image shows."""

    path: str  # relative to the site root (and to the folder they are drawn in), e.g. "assets/social/en/facts/x.png"
    fonts: PreviewFonts
    site_name: str
    kicker: str
    title: str
    summary: str
    accent: tuple[int, int, int] = ACCENT  # of the kicker and the bar: a fact's status colour
    byline: str = ""  # a fact's: who says it, and when

    def digest(self) -> str:
        text = (self.fonts.model_dump_json(), self.site_name, self.kicker, self.title, self.summary, repr(self.accent), self.byline)
        return hashlib.sha256("\n".join(text).encode("utf-8")).hexdigest()


@lru_cache(maxsize=None)
def _font(fonts: PreviewFonts, size: int, bold: bool) -> ImageFont.FreeTypeFont:
    path = Path(fonts.bold if bold else fonts.regular)
    if not path.is_file():
        install = f": install the Debian package {fonts.package} (make does this)" if fonts.package else ""
        raise DossierError([Problem(SETTINGS_FILE, 1, 1, f"the preview images' font {path} is missing{install}, or name another in previews")])
    return ImageFont.truetype(str(path), size, index=fonts.face)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Break text into lines that fit, between words for English and between characters for Chinese."""
    tokens = _tokens(text)
    lines: list[str] = []
    start = 0
    while start < len(tokens) and len(lines) < max_lines:
        # Each line takes the most tokens that fit (at least one), found by halving the range:
        # measuring the line again after each token was most of the cost of wrapping, each
        # textlength call shaping the text anew. A run of tokens only widens as it grows, so the
        # lines are those that adding one token at a time would give.
        fits, too_many = start + 1, len(tokens) + 1
        while too_many - fits > 1:
            middle = (fits + too_many) // 2
            if draw.textlength("".join(tokens[start:middle]).strip(), font=font) <= width:
                fits = middle
            else:
                too_many = middle
        lines.append("".join(tokens[start:fits]).strip())
        start = fits
    if start < len(tokens):
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
            last = last[:-1]
        if " " in last and not _is_cjk(last[-1]):
            last = last.rsplit(" ", 1)[0]  # never end inside an English word
        lines[-1] = last.rstrip(" ,，、;；") + "…"
    return lines


def _is_cjk(character: str) -> bool:
    return ord(character) > 0x2E7F


def _tokens(text: str) -> list[str]:
    """Words with their leading space; each CJK character on its own."""
    tokens: list[str] = []
    word = ""
    for character in " ".join(text.split()):
        if character == " ":
            if word:
                tokens.append(word)
            word = " "
        elif _is_cjk(character):
            if word.strip():
                tokens.append(word)
                word = ""
            tokens.append((word + character) if word == " " else character)
            word = ""
        else:
            word += character
    if word.strip():
        tokens.append(word)
    return tokens


def draw_card(card: Card) -> bytes:
    image = Image.new("RGB", SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    width = SIZE[0] - 2 * MARGIN
    draw.rectangle((0, 0, 16, SIZE[1]), fill=card.accent)
    draw.text((MARGIN, 56), card.kicker, font=_font(card.fonts, 30, True), fill=card.accent)
    y = 120
    title_font = _font(card.fonts, 60, True)
    for line in _wrap(draw, card.title, title_font, width, 3 if not card.byline else 2):
        draw.text((MARGIN, y), line, font=title_font, fill=TEXT)
        y += 80
    if card.byline:
        byline_font = _font(card.fonts, 30, True)
        draw.text((MARGIN, y + 12), _wrap(draw, card.byline, byline_font, width, 1)[0], font=byline_font, fill=TEXT)
        y += 56
    y += 16
    body_font = _font(card.fonts, 34, False)
    for line in _wrap(draw, card.summary, body_font, width, 3 if y < 330 else 2):
        draw.text((MARGIN, y), line, font=body_font, fill=MUTED)
        y += 50
    draw.line((MARGIN, SIZE[1] - 100, SIZE[0] - MARGIN, SIZE[1] - 100), fill=MUTED, width=2)
    draw.text((MARGIN, SIZE[1] - 80), card.site_name, font=_font(card.fonts, 32, True), fill=TEXT)
    output = io.BytesIO()
    # Every pixel is the background, one of the three colours or a blend of the background with
    # one of them, so a fixed palette of such blends fits as closely as a quantized one (closer: a
    # mean error of 0.05 instead of 0.1 per channel) without searching for it, which was a third
    # of the drawing time. A fixed palette of some 170 colours keeps the files small (PNG-8).
    image.quantize(palette=PALETTE, dither=Image.Dither.NONE).save(output, format="PNG", compress_level=COMPRESS_LEVEL)
    return output.getvalue()


def cards(site: Site) -> list[Card]:
    """The preview image of every page that has one of its own, in each language."""
    made, settings = [], site.dossier.settings
    for language, wording in site.wordings.items():
        site_name = settings.site.name[language]
        made.append(Card(urls.social_image("site", language), settings.previews, site_name, "", site_name, settings.site.description[language]))
        for topic in site.dossier.topics.values():
            made.append(Card(urls.social_image(f"topics/{topic.id}", language), settings.previews, site_name, wording.word("topic_kicker"), topic.title[language], topic.intro[language]))
        for fact in site.dossier.facts.values():
            kicker = wording.word("fact_kicker", status=wording.word(f"status.{fact.status}"))
            names = wording.listed([site.dossier.entities[entity_id].name[language] for entity_id in fact.asserted_by])
            byline = " · ".join([wording.word("according_to", names=names), *([format_period(fact.date, fact.date_end, wording)] if fact.date else [])])
            card = Card(urls.social_image(f"facts/{fact.id}", language), settings.previews, site_name, kicker, fact.title[language], summarize(fact.claim[language], 150), STATUS_COLOURS[fact.status], byline)
            made.append(card)
    return made


def draw(cards: list[Card], folder: Path, workers: int = 1) -> int:
    """Draw into folder the cards whose text changed since the last drawing, and remove those no
    longer used; returns how many were drawn. With several workers, the drawing is shared among
    that many processes: never from inside `mkdocs serve`, whose threads a fork would copy mid-step."""
    manifest_path = folder / urls.SOCIAL / "manifest.json"
    previous = _manifest(manifest_path)
    # An image is kept when it is the very one drawn from this text: an image cut, damaged, or
    # swapped with another (another language's, say) is drawn again.
    kept = {card.path: f"{card.digest()} {_file_digest(folder / card.path)}" for card in cards}
    to_draw = [card for card in cards if previous.get(card.path) != kept[card.path]]
    if workers > 1 and len(to_draw) > workers:
        with ProcessPoolExecutor(workers) as pool:
            images = list(pool.map(draw_card, to_draw, chunksize=16))
    else:
        images = [draw_card(card) for card in to_draw]
    for card, image in zip(to_draw, images):
        target = folder / card.path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image)
        kept[card.path] = f"{card.digest()} {hashlib.sha256(image).hexdigest()}"
    for stale in set(previous) - set(kept):
        if (folder / stale).resolve().is_relative_to(folder.resolve()):  # a damaged manifest deletes nothing elsewhere
            (folder / stale).unlink(missing_ok=True)
    write_if_changed(manifest_path, json.dumps(kept, indent=0, sort_keys=True) + "\n")
    return len(to_draw)


def _manifest(path: Path) -> dict[str, str]:
    """The digests the images were drawn from; a manifest that cannot be read means: draw them all."""
    manifest = read_record(path)
    return manifest if all(isinstance(value, str) for value in manifest.values()) else {}


def _file_digest(image: Path) -> str:
    try:
        return hashlib.sha256(image.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def copy_into(folder: Path, site: Path) -> None:
    """Copy into a built site the images (and their manifest) that it lacks, or holds in another
    version than the last drawn: at every rebuild while serving, most are there already."""
    for directory, _, names in os.walk(folder):
        target_directory = os.path.join(site, os.path.relpath(directory, folder))
        for name in names:
            source, target = os.path.join(directory, name), os.path.join(target_directory, name)
            if not os.path.exists(target) or os.stat(target).st_mtime_ns != os.stat(source).st_mtime_ns:
                os.makedirs(target_directory, exist_ok=True)
                shutil.copy2(source, target)  # with the drawing's time, by which the next rebuild knows it is current
