"""Turning the model's values into words for readers: dates, amounts, escaped text, summaries."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.dates import format_skeleton
from babel.lists import format_list
from babel.numbers import format_compact_decimal, format_decimal, get_currency_symbol

from .model import Figure, Language

# HTML's special characters as entities, Markdown's behind a backslash: one pass over the text.
_MARKDOWN_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {mark: "\\" + mark for mark in "\\`*_{}[]()#+!|"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
# translate() looks every character up, which is slow on Chinese text; most texts need no escaping.
_MARKDOWN_SPECIAL = re.compile(r"[&<>\\`*_{}\[\]()#+!|]")
_ATTRIBUTE_SPECIAL = re.compile(r"[&<>\"']")


# Runs of white space, line breaks included, but not the no-break spaces a locale writes numbers
# with (22 000 in French): these stay.
_WHITE_SPACE = re.compile(r"[^\S\u00a0\u202f]+")


def one_line(text: str) -> str:
    return _WHITE_SPACE.sub(" ", text).strip()


def escape_markdown(text: str) -> str:
    """Text from YAML shown as text: no Markdown syntax, no HTML, wherever it lands."""
    text = one_line(text)
    return text.translate(_MARKDOWN_ESCAPES) if _MARKDOWN_SPECIAL.search(text) else text


def escape_attribute(text: str) -> str:
    text = one_line(text)
    return text.translate(_ATTRIBUTE_ESCAPES) if _ATTRIBUTE_SPECIAL.search(text) else text


@dataclass(frozen=True)
class Wording:
    """How one language is written: its interface's words by dotted key, and its locale, by which
    Babel writes dates, numbers and lists."""

    language: Language
    locale: Locale  # parsed once: Babel looks a locale's name up anew at each call given one
    words: dict[str, str]

    def word(self, key: str, **values: Any) -> str:
        return self.words[key].format(**values) if values else self.words[key]

    def listed(self, items: list[str]) -> str:
        return format_list(items, locale=self.locale) if items else ""


def format_date(value: str, wording: Wording) -> str:
    """A date of the facts ("2024", "2024-03", "2024-03-20") as the locale writes it."""
    parts = [int(part) for part in value.split("-")]
    day = datetime.date(*(parts + [1, 1])[:3])
    if len(parts) == 3:
        return babel_format_date(day, format="long", locale=wording.locale)
    return format_skeleton("yMMMM" if len(parts) == 2 else "y", day, locale=wording.locale)


def format_period(start: str | None, end: str | None, wording: Wording) -> str:
    if start is None:
        return wording.word("undated")
    if end is None:
        return format_date(start, wording)
    return f"{format_date(start, wording)} – {format_date(end, wording)}"


def _number(amount: float, wording: Wording) -> str:
    """800万, 8 million, 4,000: in words from the language's `number_format.compact_from` up."""
    if amount >= int(wording.word("number_format.compact_from")):
        return format_compact_decimal(amount, format_type=wording.word("number_format.compact_style"), locale=wording.locale, fraction_digits=2)
    return format_decimal(amount, locale=wording.locale)


def format_amount(figure: Figure, wording: Wording) -> str:
    """A figure in the reader's language: 800万美元, US$8 million; 数亿美元, hundreds of millions of US dollars."""
    if figure.qualifier == "several":
        return _format_magnitude(figure, wording)
    number = _number(figure.amount, wording)
    if figure.currency:
        text = wording.word("amount.with_currency", number=number, currency=_currency(figure.currency, "currency", wording))
    else:
        text = wording.word("amount.with_unit", number=number, unit=figure.unit[wording.language])
    if figure.qualifier:
        text = wording.word("amount.qualified", qualifier=wording.word(f"qualifier.{figure.qualifier}"), amount=text)
    return one_line(text)


def _currency(code: str, key: str, wording: Wording) -> str:
    """The interface's word for a currency, or the locale's symbol for it where the words have none
    (a symbol of letters, CHF, set apart by spaces, which the amount's text then tidies)."""
    word = wording.words.get(f"{key}.{code}")
    if word:
        return word
    symbol = get_currency_symbol(code, locale=wording.locale)
    return f" {symbol} " if symbol.isalpha() else symbol


# The amounts an order of magnitude may have (数亿: 100000000): each language has words for them.
ORDERS_OF_MAGNITUDE = tuple(10**power for power in range(1, 12))


def magnitude_words(amount: float, wording: Wording) -> tuple[str, str]:
    """The keys an order of magnitude is written with: its scale is the largest of the language's
    `magnitude_scales` it reaches, its lead the `magnitude` word for how many times that scale it is."""
    scales = sorted(((int(key.split(".", 1)[1]), key) for key in wording.words if key.startswith("magnitude_scales.")), reverse=True)
    size, scale = next(((size, key) for size, key in scales if amount >= size), (1, ""))
    return f"magnitude.{int(amount // size)}", scale


def _format_magnitude(figure: Figure, wording: Wording) -> str:
    """An amount known only by its order of magnitude, as the article's words give it."""
    lead_key, scale_key = magnitude_words(figure.amount, wording)
    lead, scale = wording.word(lead_key), wording.word(scale_key) if scale_key else ""
    number = wording.word("amount.scaled", lead=lead, scale=scale) if scale else lead.strip()
    if figure.currency:
        return one_line(wording.word("amount.several_with_currency", number=number, currency=_currency(figure.currency, "currency_name", wording)))
    return wording.word("amount.with_unit", number=number, unit=figure.unit[wording.language])


def summarize(text: str, limit: int) -> str:
    """Shorten text for a preview, cutting at a sentence, clause or word, never inside one."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    window = text[: limit - 1]
    for marks in ("。！？.!?", "；;，,、：:", " "):
        cut = max(window.rfind(mark) for mark in marks)
        if cut >= limit // 2:
            kept = window[: cut + 1] if marks != " " else window[:cut]
            return kept.rstrip(" ，,、；;：:") + ("" if kept[-1] in "。！？.!?" else "…")
    return window + "…"
