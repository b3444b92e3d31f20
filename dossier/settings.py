"""The settings of one dossier (dossier.yml): its languages, its name, its home page, its charts.

What is content lives here, not in the engine: another dossier, on other articles and in other
languages, is another dossier.yml.
"""

from __future__ import annotations

import re
from typing import Annotated

from babel import Locale, UnknownLocaleError
from pydantic import AfterValidator, Field, StringConstraints, model_validator

from .model import Currency, Language, LanguageCode, Measure, NonEmpty, PartialDate, Slug, Strict, Text, WebAddress

SETTINGS_FILE = "dossier.yml"


def _check_locale(locale: str) -> str:
    try:
        Locale.parse(locale)
    except (ValueError, UnknownLocaleError):
        raise ValueError(f"'{locale}' is not a locale Babel knows: write a language and a country, like zh_CN, en_GB or fr_FR") from None
    return locale


# The theme prints the site's name and description, and the languages' names, into its pages as
# they are, attributes included: they are plain text, with none of the characters of markup.
MARKUP = set('<>"`')


def _check_plain(text: str) -> str:
    if MARKUP & set(text):
        raise ValueError(f"{text!r}: write it as plain text, without {' '.join(sorted(MARKUP))}")
    return text


# Words are printed as they are, Markdown and all: so no HTML, and a link only to a page the
# template names ([Methodology]({methodology})).
UNSAFE_WORD = re.compile(r"[<>]|\]\((?!\{\w+\}\))")
UNSAFE_WORD_MESSAGE = "an interface word is text, with Markdown links only to the page it names ({methodology}): no HTML"


def _check_word(text: str) -> str:
    if UNSAFE_WORD.search(text):
        raise ValueError(UNSAFE_WORD_MESSAGE)
    return text


Word = Annotated[str, AfterValidator(_check_word)]


class LanguageSettings(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]  # the key of every text, and the folder of its pages
    locale: Annotated[str, AfterValidator(_check_locale)]  # for dates, numbers and lists, and link previews
    name: Annotated[NonEmpty, AfterValidator(_check_plain)]  # in the language switcher


class SiteSettings(Strict):
    name: Text
    description: Text  # of the home page, in search results and link previews
    url: WebAddress | None = None  # where it is published, unless SITE_URL says otherwise

    @model_validator(mode="after")
    def _plain(self) -> SiteSettings:
        for text in (*self.name.root.values(), *self.description.root.values()):
            _check_plain(text)
        return self


class KeyFigures(Strict):
    """The home page's key numbers: the figures of these measures in the facts of one topic."""

    topic: Slug
    measures: list[Measure] = Field(min_length=1)


class Home(Strict):
    story: Text  # what happened, in paragraphs separated by a blank line; {facts} is the number of facts
    key_figures: KeyFigures | None = None


class Chart(Strict):
    """A bar chart of the numbers page: the figures of some measures, of one entity or all."""

    id: Slug
    measures: list[Measure] = Field(min_length=1)
    entity: Slug | None = None
    currency: Currency  # one scale holds one currency: figures in others are left out
    title: Text
    description: Text


class Timeline(Strict):
    start: PartialDate | None = None  # the timeline chart shows the months from here
    labelled: list[Slug] = []  # the facts whose title the chart writes beside their dot: the key events


class EventChartSettings(Strict):
    """A chart of some facts' events, each labelled, at the top of a topic page: who left, and when."""

    id: Slug
    topic: Slug
    title: Text
    description: Text
    facts: list[Slug] = Field(min_length=1)
    count: Slug | None = None  # a fact whose figure counts the events (not all of them may have a fact)


class NewFact(Strict):
    """Where `build_site.py new-fact` puts a fact unless told otherwise."""

    topic: Slug
    section: Slug


class PreviewFonts(Strict):
    """The fonts the preview images are drawn with: they must hold every language's characters."""

    bold: NonEmpty
    regular: NonEmpty
    face: int = Field(0, ge=0)  # the face inside a font collection (.ttc)
    package: NonEmpty | None = None  # the Debian package that installs them, for the message when they are missing


class Settings(Strict):
    languages: list[LanguageSettings] = Field(min_length=2, max_length=2)  # the first at the site's root
    site: SiteSettings
    home: Home
    measures: list[Measure] = []  # the order of the numbers page's tables; measures not listed follow
    charts: list[Chart] = []
    timeline: Timeline = Timeline()
    event_charts: list[EventChartSettings] = []
    citation_key: Slug  # BibTeX keys are this, a hyphen, and the fact's id
    new_fact: NewFact
    previews: PreviewFonts
    words: dict[LanguageCode, dict[str, Word]] = {}  # the dossier's own wording of some interface words, by language and key

    @property
    def codes(self) -> tuple[Language, ...]:
        return tuple(language.code for language in self.languages)

    def language(self, code: Language) -> LanguageSettings:
        return next(language for language in self.languages if language.code == code)

    def other_language(self, code: Language) -> Language:
        return next(other for other in self.codes if other != code)
