"""Turning the model's values into words for readers: dates, amounts, escaped text, summaries."""

from __future__ import annotations

import re

from .model import Figure, Language

# HTML's special characters as entities, Markdown's behind a backslash: one pass over the text.
_MARKDOWN_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"} | {mark: "\\" + mark for mark in "\\`*_{}[]()#+!|"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})
# translate() looks every character up, which is slow on Chinese text; most texts need no escaping.
_MARKDOWN_SPECIAL = re.compile(r"[&<>\\`*_{}\[\]()#+!|]")
_ATTRIBUTE_SPECIAL = re.compile(r"[&<>\"']")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")


def escape_markdown(text: str) -> str:
    """Text from YAML shown as text: no Markdown syntax, no HTML, wherever it lands."""
    text = " ".join(text.split())
    return text.translate(_MARKDOWN_ESCAPES) if _MARKDOWN_SPECIAL.search(text) else text


def escape_attribute(text: str) -> str:
    text = " ".join(text.split())
    return text.translate(_ATTRIBUTE_ESCAPES) if _ATTRIBUTE_SPECIAL.search(text) else text


def format_date(value: str, language: Language) -> str:
    parts = [int(part) for part in value.split("-")]
    if language == "zh":
        return " ".join(f"{number} {unit}" for number, unit in zip(parts, ("年", "月", "日")))
    year, month, day = (parts + [0, 0])[:3]
    if day:
        return f"{day} {_MONTHS[month - 1]} {year}"
    if month:
        return f"{_MONTHS[month - 1]} {year}"
    return str(year)


def format_period(start: str | None, end: str | None, language: Language, undated: str) -> str:
    if start is None:
        return undated
    if end is None:
        return format_date(start, language)
    return f"{format_date(start, language)} – {format_date(end, language)}"


def _number(value: float, grouping: str = ",") -> str:
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text.replace(",", grouping)


def format_amount(figure: Figure, language: Language, labels: dict) -> str:
    """A figure in the reader's language: 800 万美元, US$8 million; 数亿美元, hundreds of millions of US dollars."""
    if figure.qualifier == "several":
        return _format_magnitude(figure, language, labels)
    amount = figure.amount
    if language == "zh":
        for size, word in ((100_000_000, " 亿"), (10_000, " 万")):
            if amount >= size:
                number = _number(amount / size, grouping="") + word
                break
        else:
            number = _number(amount, grouping="")
        unit = _currency(figure.currency, "currency", "zh", labels) if figure.currency else figure.unit.zh
        text = f"{number} {unit}" if not figure.currency else f"{number}{unit}"
    else:
        for size, word in ((1_000_000_000, " billion"), (1_000_000, " million")):
            if amount >= size:
                number = _number(amount / size) + word
                break
        else:
            number = _number(amount)
        text = f"{_currency(figure.currency, 'currency', 'en', labels)}{number}" if figure.currency else f"{number} {figure.unit.en}"
    if figure.qualifier:
        qualifier = labels["qualifier"][figure.qualifier][language]
        text = f"{qualifier} {text}"
    return text


def _currency(code: str, key: str, language: Language, labels: dict) -> str:
    """The interface's word for a currency, or its ISO code where the labels have none."""
    word = labels[key].get(code)
    return word[language] if word else (f" {code}" if language == "zh" else f"{code} ")


MAGNITUDES = {"zh": ((100_000_000, "亿"), (10_000, "万"), (1, "")), "en": ((1_000_000_000, "billions"), (1_000_000, "millions"), (1_000, "thousands"), (1, ""))}


def _format_magnitude(figure: Figure, language: Language, labels: dict) -> str:
    """An amount known only by its order of magnitude, as the article's words give it."""
    size, scale = next((size, scale) for size, scale in MAGNITUDES[language] if figure.amount >= size)
    lead = labels["magnitude"][language][str(int(figure.amount // size))]
    if language == "zh":
        unit = _currency(figure.currency, "currency", "zh", labels) if figure.currency else " " + figure.unit.zh
        return f"{lead}{scale}{unit}"
    unit = _currency(figure.currency, "currency_name", "en", labels) if figure.currency else figure.unit.en
    return f"{lead}{scale} of {unit}" if scale else f"{lead.strip()} {unit}"


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
