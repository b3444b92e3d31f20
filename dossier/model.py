"""The dossier's data, modelled once. Everything after validation trusts these types."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Literal
from urllib.parse import urlsplit

from babel.numbers import list_currencies
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, RootModel, StrictFloat, StrictInt, StringConstraints, ValidationInfo, model_validator

if TYPE_CHECKING:
    from .settings import Settings

# A language's code, as dossier.yml lists it ("zh", "en", "fr"): the keys of every Text.
Language = str

# Ids name pages and files: "index" would stand in for a list page, and a file name has a length limit.
RESERVED_IDS = frozenset({"index"})
ID_LENGTH = 80


def _check_id(value: str) -> str:
    if value in RESERVED_IDS:
        raise ValueError(f"'{value}' is reserved for the site's own pages: choose another id")
    return value


Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=ID_LENGTH), AfterValidator(_check_id)]
# A sum or a count: a finite number (not text, not true/false), up to a thousand trillion.
MAX_AMOUNT = 10**15
Amount = Annotated[StrictInt | StrictFloat, Field(ge=0, le=MAX_AMOUNT, allow_inf_nan=False)]
CURRENCIES = frozenset(list_currencies())


def _check_currency(code: str) -> str:
    if code not in CURRENCIES:
        raise ValueError(f"'{code}' is not an ISO 4217 currency code (USD, CNY, EUR…)")
    return code


def is_web_address(url: str) -> bool:
    """An absolute http(s) address with nothing in it that could break out of HTML, Markdown or a script."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not any(character.isspace() or not character.isprintable() or character in "\"'<>`\\" for character in url)


def _check_web_address(url: str) -> str:
    if not is_web_address(url):
        raise ValueError(f"'{url}' is not a web address: write it in full, starting with https://, with no spaces or quotes")
    return url


WebAddress = Annotated[str, AfterValidator(_check_web_address)]
Currency = Annotated[str, AfterValidator(_check_currency)]
NonEmpty = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Status = Literal["reported", "alleged", "denied", "prediction", "opinion"]
STATUSES: tuple[Status, ...] = ("reported", "alleged", "denied", "prediction", "opinion")
EntityKind = Literal["person", "organisation", "group", "product"]
Measure = Literal["funding", "valuation", "cost", "revenue", "price", "deal", "users", "count"]
# "several": the amount is the order of magnitude the words give (数亿: several hundred million,
# that is hundreds of millions; 数百亿: tens of billions), never a figure of its own.
Qualifier = Literal["about", "more-than", "at-least", "less-than", "several"]
NoteKind = Literal["sic", "disagreement", "context", "no-reply"]
NOTE_KINDS: tuple[NoteKind, ...] = ("sic", "disagreement", "context", "no-reply")

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _check_partial_date(value: str) -> str:
    match = _DATE.match(value)
    if not match:
        raise ValueError("a date is written YYYY, YYYY-MM or YYYY-MM-DD, in quotes, like \"2024-03\"")
    year, month, day = (int(part) if part else None for part in match.groups())
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"there is no month {month:02d}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month)[1]:
        raise ValueError(f"{value} is not a day of the calendar")
    return value


PartialDate = Annotated[str, AfterValidator(_check_partial_date)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def dossier_languages(info: ValidationInfo) -> tuple[Language, ...]:
    """The dossier's languages, which validation is given by the loader (see load.py)."""
    return tuple((info.context or {}).get("languages", ()))


class Text(RootModel[dict[str, NonEmpty]]):
    """The same words in each of the dossier's languages: {zh: 来源, en: Sources}."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _in_every_language(self, info: ValidationInfo) -> Text:
        languages = dossier_languages(info)
        if languages and set(self.root) != set(languages):
            example = ", ".join(f"{code}: ..." for code in languages)
            raise ValueError(f"write these words in {' and '.join(languages)} (one each), like {{{example}}}")
        # In the dossier's order, whatever the file's, so that data files come out the same.
        return Text({code: self.root[code] for code in languages}) if languages else self

    def __getitem__(self, language: Language) -> str:
        return self.root[language]


def _check_language(code: str, info: ValidationInfo) -> str:
    languages = dossier_languages(info)
    if languages and code not in languages:
        raise ValueError(f"'{code}' is not one of the dossier's languages ({', '.join(languages)}, in dossier.yml)")
    return code


LanguageCode = Annotated[str, AfterValidator(_check_language)]


class Publication(Strict):
    date: PartialDate
    note: Text | None = None


class Article(Strict):
    id: Slug
    text: NonEmpty
    language: LanguageCode  # the language the article is written in, which its quotes are in
    name: Text
    title: Text
    outlet: Text
    reposted_by: Text | None = None
    authors: list[Text]
    published: Publication
    url: WebAddress | None = None
    references: list[WebAddress] = []
    rights: Text


class Entity(Strict):
    id: Slug
    kind: EntityKind
    name: Text
    role: Text | None = None
    aliases: list[Slug] = []  # former ids, whose pages now send the reader here


class Section(Strict):
    id: Slug
    title: Text
    intro: Text | None = None  # a few sentences that open the section on the topic page


Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]


class TopicColour(Strict):
    """The topic's colour on the timeline, on a light page and on a dark one."""

    light: Colour
    dark: Colour


class Topic(Strict):
    id: Slug
    title: Text
    intro: Text
    summary: Text | None = None  # one line on the home page (else the intro)
    colour: TopicColour | None = None
    sections: list[Section] = Field(min_length=1)


class Figure(Strict):
    label: Text
    amount: Amount
    currency: Currency | None = None
    unit: Text | None = None
    period: Text | None = None
    qualifier: Qualifier | None = None
    measure: Measure | None = None
    as_written: NonEmpty


class Source(Strict):
    article: Slug
    quote: NonEmpty
    translation: NonEmpty | None = None  # the quote in the dossier's other language, for its readers


class Note(Strict):
    """What an editor tells the reader about a fact, shown on its card and page.

    `sic`: the article gets a name, title or figure wrong; `article_wrote` is its form, verbatim.
    `disagreement`: the articles (or one article with itself) differ; `facts` and `articles` name
    the other facts and the sources involved. `context`: what keeps a reader from being misled.
    `no-reply`: the articles report no response to an allegation, or the one they quote.
    """

    kind: NoteKind
    text: Text
    article_wrote: NonEmpty | None = None
    facts: list[Slug] = []
    articles: list[Slug] = []


class FirstReport(Strict):
    """Who reported it first, as an article tells it: an outlet (an entity), via that article."""

    by: Slug
    via: Slug
    date: PartialDate | None = None
    url: WebAddress | None = None  # one of the article's own references


class Fact(Strict):
    id: Slug
    title: Text
    claim: Text
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    date_note: Text | None = None
    # Facts of the same date that happened before this one, as the articles tell: the timeline
    # lists them first (dates alone cannot order the events of one month).
    after: list[Slug] = []
    topics: list[Slug] = Field(min_length=1)
    section: Slug
    entities: list[Slug] = []
    figures: list[Figure] = []
    asserted_by: list[Slug] = Field(min_length=1)
    status: Status
    denied_by: list[Slug] = []
    sources: list[Source] = Field(min_length=1)
    first_reported_by: list[FirstReport] = []
    notes: list[Note] = []
    aliases: list[Slug] = []

    @property
    def home_topic(self) -> str:
        return self.topics[0]

    @property
    def everyone(self) -> list[str]:
        """The entities a fact names in any role: involved, asserting or denying, each once."""
        return list(dict.fromkeys([*self.entities, *self.asserted_by, *self.denied_by]))


class Uncited(Strict):
    """A paragraph of an article that no fact needs to quote, and why."""

    article: Slug
    passage: NonEmpty
    reason: NonEmpty


@dataclass(frozen=True)
class Passage:
    """Where a quote stands in its article: for ordering quotes as the article does."""

    article: str
    offset: int
    line: int


@dataclass(frozen=True)
class Dossier:
    """Everything the site is made of, validated and cross-checked."""

    settings: Settings
    articles: dict[str, Article]
    article_texts: dict[str, str]
    entities: dict[str, Entity]
    topics: dict[str, Topic]
    facts: dict[str, Fact]
    uncited: list[Uncited] = field(default_factory=list)
    passages: dict[tuple[str, int], Passage] = field(default_factory=dict)

    def passage(self, fact: Fact, source_index: int) -> Passage:
        return self.passages[(fact.id, source_index)]

    @property
    def languages(self) -> tuple[Language, ...]:
        """The site's languages, the first at its root."""
        return self.settings.codes
