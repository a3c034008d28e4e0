"""``sources.yaml``: the outline of the source document that the knowledge base carries.

Families hold sections (stable ids every element cites); each section holds the concrete
points the document makes in it: a guarantee, a mechanism, an example or a warning, each
with a summary in our own words and the opening words of its passage (``quote``), so a
reader can find it in the document. ``expert coverage`` reports each point and the rules
that encode it.
"""

from __future__ import annotations

import re
from typing import Any

from .fields import FieldReader
from .i18n import Msg
from .model import POINT_KINDS, Family, Point, Section, Text

SECTION_ID = re.compile(r"[A-Z][A-Z_]*(\.[A-Z][A-Z_]*)*\Z")
POINT_SLUG = re.compile(r"[a-z][a-z0-9_]*\Z")


def read_sources(reader: FieldReader) -> tuple[Text | None, list[Family]]:
    what = Msg("what.file", name="sources.yaml")
    data = reader.mapping(reader.doc.data, (), what)
    if data is None:
        return None, []
    reader.known_keys(data, (), ("document", "families"), what)
    document = reader.get(data, "document", (), dict, what)
    title = reader.text(document, "title", ("document",), Msg("what.document")) \
        if document else None
    families: list[Family] = []
    for index, item in enumerate(reader.get(data, "families", (), list, what) or []):
        family = _family(reader, ("families", index), item)
        if family is not None:
            families.append(family)
    return title, families


def _family(reader: FieldReader, path: tuple[Any, ...], item: Any) -> Family | None:
    what = Msg("what.family")
    item = reader.entry(item, path, ("id", "title", "sections"), what)
    if item is None:
        return None
    family_id = reader.get(item, "id", path, str, what)
    title = reader.text(item, "title", path, what)
    sections = []
    for index, raw in enumerate(reader.get(item, "sections", path, list, what) or []):
        section = _section(reader, (*path, "sections", index), raw, family_id)
        if section is not None:
            sections.append(section)
    if family_id and title:
        return Family(family_id, title, tuple(sections))
    return None


def _section(reader: FieldReader, path: tuple[Any, ...], item: Any, family: str | None
             ) -> Section | None:
    what = Msg("what.section")
    item = reader.entry(item, path, ("id", "title", "summary", "starts_with", "points"), what)
    if item is None:
        return None
    section_id = reader.get(item, "id", path, str, what)
    if section_id is not None and not SECTION_ID.match(section_id):
        reader.error(Msg("sources.bad_section_id", id=section_id), reader.doc.where(*path, "id"),
                     Msg("hint.section_id"), "bad-id")
        section_id = None
    title = reader.text(item, "title", path, what)
    summary = reader.text(item, "summary", path, what)
    starts = reader.shown_text(item, "starts_with", path, what)
    points = []
    for index, raw in enumerate(reader.get(item, "points", path, list, what,
                                           required=False) or []):
        point = _point(reader, (*path, "points", index), raw, section_id)
        if point is not None:
            points.append(point)
    if section_id and title and summary and starts and family:
        return Section(section_id, family, title, summary, starts, tuple(points),
                       reader.doc.where(*path))
    return None


def _point(reader: FieldReader, path: tuple[Any, ...], item: Any, section: str | None
           ) -> Point | None:
    what = Msg("what.point")
    item = reader.entry(item, path, ("id", "kind", "summary", "quote"), what)
    if item is None:
        return None
    slug = reader.get(item, "id", path, str, what)
    if slug is not None and not POINT_SLUG.match(slug):
        reader.error(Msg("sources.bad_point_id", id=slug), reader.doc.where(*path, "id"),
                     Msg("hint.id_pattern"), "bad-id")
        slug = None
    kind = reader.one_of(item, "kind", path, POINT_KINDS, what)
    summary = reader.text(item, "summary", path, what)
    quote = reader.shown_text(item, "quote", path, what)
    if slug and kind and summary and quote and section:
        return Point(f"{section}/{slug}", section, kind, summary, " ".join(quote.split()),
                     reader.doc.where(*path))
    return None
