"""A workshop collection: items (standards, recommendations, principles, evidence
statements) and questions pinned while preparing, in the trainer's order. It lives in
the app's URL (?page=workshop&c=…, base64url of a short JSON list, so it can be
shared), downloads as JSON, and becomes a Topic for a handout, a deck or a quiz."""
from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field

from kg_builder.config import ID_NS

from .catalogue import Catalogue, number_key
from .errors import BadCollectionError, UnknownTopicError
from .topics import Topic, resolve

MAX_PINS = 60


@dataclass(frozen=True)
class Pin:
    kind: str     # "item" (an IRI) or "question" (text)
    value: str

    def token(self) -> str:
        """The short form kept in the URL: id:standard/2.2 or q:informed consent."""
        if self.kind == "item":
            return "id:" + self.value[len(ID_NS):] if self.value.startswith(ID_NS) else self.value
        return "q:" + self.value


def pin_of(token: str) -> Pin:
    if token.startswith("q:"):
        return Pin("question", token[2:])
    if token.startswith("id:"):
        return Pin("item", ID_NS + token[3:])
    if token.startswith("https://"):
        return Pin("item", token)
    raise BadCollectionError(f"collection entry {token[:60]!r} is neither an item (id:…) nor a question (q:…)")


@dataclass
class Collection:
    title: str = "Workshop"
    pins: list[Pin] = field(default_factory=list)

    # -- editing (each returns a new collection; the app keeps the URL as the state) --

    def add(self, pin: Pin) -> "Collection":
        if pin in self.pins or len(self.pins) >= MAX_PINS:
            return self
        return Collection(self.title, [*self.pins, pin])

    def remove(self, i: int) -> "Collection":
        return Collection(self.title, [p for k, p in enumerate(self.pins) if k != i])

    def move(self, i: int, delta: int) -> "Collection":
        j = i + delta
        if not (0 <= i < len(self.pins) and 0 <= j < len(self.pins)):
            return self
        pins = list(self.pins)
        pins[i], pins[j] = pins[j], pins[i]
        return Collection(self.title, pins)

    # -- sharing ----------------------------------------------------------------------

    def to_json(self) -> dict:
        return {"title": self.title, "pins": [{"kind": p.kind, "value": p.value} for p in self.pins]}

    @classmethod
    def from_json(cls, data) -> "Collection":
        """From to_json's object (a downloaded file); BadCollectionError if it is not one."""
        try:
            pins = [Pin(p["kind"], str(p["value"])) for p in data["pins"]]
            title = str(data.get("title") or "Workshop")
        except (TypeError, KeyError, AttributeError):
            raise BadCollectionError("not a workshop collection: expected {\"title\": …, \"pins\": "
                                     "[{\"kind\": \"item\"|\"question\", \"value\": …}]}") from None
        if any(p.kind not in ("item", "question") for p in pins):
            raise BadCollectionError("a collection pin's kind must be \"item\" or \"question\"")
        return cls(title, pins[:MAX_PINS])

    def to_param(self) -> str:
        raw = json.dumps([self.title, *[p.token() for p in self.pins]], ensure_ascii=False, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")

    @classmethod
    def from_param(cls, param: str) -> "Collection":
        try:
            raw = base64.urlsafe_b64decode(param + "=" * (-len(param) % 4)).decode("utf-8")
            data = json.loads(raw)
            if not isinstance(data, list) or not data or not all(isinstance(x, str) for x in data):
                raise ValueError
        except (ValueError, binascii.Error, UnicodeDecodeError):
            raise BadCollectionError("the collection in the link is damaged: ask for the link again, or load "
                                     "the collection's JSON file") from None
        return cls(data[0], [pin_of(t) for t in data[1:MAX_PINS + 1]])


def to_topic(collection: Collection, catalogue: Catalogue, *, ask=None) -> Topic:
    """The pinned items and what each pinned question resolves to, in the pins' order,
    each once. Items no longer in the graph are skipped and named in `matched`."""
    if not collection.pins:
        raise UnknownTopicError("the collection is empty: pin items or questions first")
    topic = Topic(collection.title, collection.title, matched=[])
    seen: set[str] = set()

    def add_statement(s):
        if s.iri in seen:
            return
        seen.add(s.iri)
        topic.order.append(s.iri)
        {"Standard": topic.standards, "EvidenceStatement": topic.evidence}.get(s.kind, topic.recommendations).append(s)

    def add_principle(p):
        if p.iri not in seen:
            seen.add(p.iri)
            topic.principles.append(p)

    for pin in collection.pins:
        if pin.kind == "item" and pin.value in catalogue.by_iri:
            add_statement(catalogue.by_iri[pin.value])
        elif pin.kind == "item" and pin.value in catalogue.principle_by_iri:
            add_principle(catalogue.principle_by_iri[pin.value])
        else:
            # A question, or an item that is a topic of its own (a concept): what it resolves to.
            try:
                part = resolve(pin.value, catalogue, ask=ask)
            except UnknownTopicError:
                topic.matched.append(f"nothing in the graph for: {pin.value}")
                continue
            topic.matched.append(f"{pin.kind}: {pin.value}")
            for p in part.principles:
                add_principle(p)
            for s in part.statements:
                add_statement(s)
            topic.quotes += [q for q in part.quotes if q not in topic.quotes]
    for s in topic.statements:
        if s.principle in catalogue.principle_by_iri:
            add_principle(catalogue.principle_by_iri[s.principle])
    topic.principles.sort(key=lambda p: number_key(p.number))
    if topic.is_empty():
        raise UnknownTopicError(f"nothing pinned in the collection is in the graph ({'; '.join(topic.matched)}): "
                                "pin items or questions again")
    return topic
