"""The app's Workshop page: widgets only; everything it shows or downloads comes from
workshop.Kit. A topic (or an item or answer the trainer came from: ?topic=…) gives a
preview and downloads (handout PDF/Word/Markdown, slides PowerPoint/HTML, quiz); the
collection of pinned items and questions lives in the URL (&c=…) so the link shares
it, can be reordered, downloads as JSON and becomes a handout, a deck or a quiz."""
from __future__ import annotations

import json
import re
from urllib.parse import quote

import streamlit as st

from kg_builder.errors import StandardsKGError
from workshop.collection import Collection, Pin, to_topic
from workshop.handout import build as build_handout, to_markdown
from workshop.kit import Kit
from workshop.output import default_name

MIME = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "md": "text/markdown", "html": "text/html", "json": "application/json",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


SESSION_KEY = "workshop_collection"


def handout_link(topic: str) -> str:
    """A link from an answer or item page to this page with the topic filled in, and the
    collection being prepared carried along (the link opens a new session)."""
    kept = st.session_state.get(SESSION_KEY)
    collection = f"&c={kept}" if kept else ""
    return f'<a href="?page=workshop&topic={quote(topic, safe="")}{collection}" target="_self">Make a handout</a>'


@st.cache_resource(show_spinner="Reading the graph for the workshop kit…")
def _kit(_engine, build_id: str) -> Kit:
    return Kit(_engine.sparql, ask=_engine.ask)


def kit_of(eng) -> Kit:
    return _kit(eng, json.dumps(getattr(eng, "manifest", {}).get("inputs", {}), sort_keys=True))


def current_collection() -> Collection:
    """From the URL, or, when the trainer went to another page and came back (the app
    clears the URL on a page change), from the session."""
    param = st.query_params.get("c") or st.session_state.get(SESSION_KEY)
    if not param:
        return Collection()
    st.query_params["c"] = st.session_state[SESSION_KEY] = param
    try:
        return Collection.from_param(param)
    except StandardsKGError as exc:
        st.error(str(exc))
        return Collection()


def save(collection: Collection) -> None:
    if collection.pins or collection.title != "Workshop":
        st.query_params["c"] = st.session_state[SESSION_KEY] = collection.to_param()
    else:
        st.query_params.pop("c", None)
        st.session_state.pop(SESSION_KEY, None)


def file_button(column, label: str, data, name: str, kind: str, ext: str, key: str) -> None:
    """A download button named after `name`, `kind` and `ext`; `data` may be a function,
    and then the file is made only when the button is pressed. A press reruns nothing:
    the page keeps what it shows."""
    column.download_button(label, data, file_name=str(default_name(name, kind, ext)), mime=MIME[ext], key=key,
                           on_click="ignore")


def downloads(kit: Kit, topic, name: str, key: str) -> None:
    """Download buttons; each file is made when its button is pressed."""
    from workshop import handout, quiz, slides
    size = st.radio("Page size", ("A4", "Letter"), horizontal=True, key=f"{key}-size")
    cols = st.columns(4)
    # column, label, what makes the file, kind and extension for its name, key suffix
    buttons = [(0, "Handout (PDF)", lambda: handout.render(topic, kit.catalogue, "pdf", size), "handout", "pdf", "pdf"),
               (0, "Handout (Word)", lambda: handout.render(topic, kit.catalogue, "docx"), "handout", "docx", "docx"),
               (1, "Handout (Markdown)", lambda: handout.render(topic, kit.catalogue, "md"), "handout", "md", "md"),
               (1, "Handout (HTML)", lambda: handout.render(topic, kit.catalogue, "html", size), "handout", "html",
                "html"),
               (2, "Slides (PowerPoint)", lambda: slides.render(topic, kit.catalogue, "pptx"), "slides", "pptx",
                "pptx"),
               (2, "Slides (HTML, offline)", lambda: slides.render(topic, kit.catalogue, "html"), "slides", "html",
                "deck")]
    for col, label, make, kind, ext, suffix in buttons:
        file_button(cols[col], label, make, name, kind, ext, f"{key}-{suffix}")
    seed = cols[3].number_input("Quiz seed", min_value=0, value=0, step=1, key=f"{key}-seed")

    def make_quiz() -> bytes:
        return quiz.render(quiz.generate(kit.catalogue, topic=topic, n=10, seed=int(seed)), "md")
    file_button(cols[3], "Quiz with answer key", make_quiz, name, "quiz", "md", f"{key}-quiz")


def preview(kit: Kit, topic) -> None:
    st.caption(f"Matched by {'; '.join(topic.matched) or topic.query} · {len(topic.principles)} principle(s), "
               f"{len(topic.standards)} standard(s), {len(topic.recommendations)} recommendation(s), "
               f"{len(topic.evidence)} evidence statement(s)")
    # The handout's headings two levels down, so the preview reads as part of the page.
    text = re.sub(r"^(#{1,4}) ", lambda m: "#" * (len(m.group(1)) + 2) + " ",
                  to_markdown(build_handout(topic, kit.catalogue)), flags=re.M)
    with st.container(border=True):
        st.markdown(text)


def topic_tab(kit: Kit, collection: Collection) -> None:
    if "workshop_topic" not in st.session_state:
        st.session_state["workshop_topic"] = st.query_params.get("topic", "")
    text = st.text_input("Topic or question", key="workshop_topic",
                         placeholder="e.g. informed consent, pregnant women, opioid agonist maintenance").strip()
    if not text:
        st.query_params.pop("topic", None)
        return
    st.query_params["topic"] = text
    try:
        topic = kit.topic(text)
    except StandardsKGError as exc:
        st.error(str(exc))
        return
    if st.button("Pin this topic to the collection", key="pin-topic"):
        save(collection.add(Pin("item" if text.startswith("https://") else "question", text)))
        st.rerun()
    downloads(kit, topic, text if not text.startswith("https://") else topic.title, "topic")
    preview(kit, topic)


def collection_tab(kit: Kit, collection: Collection) -> None:
    title = st.text_input("Title of the collection", value=collection.title, key="collection-title")
    if title.strip() and title.strip() != collection.title:
        collection = Collection(title.strip(), collection.pins)
        save(collection)
    labels = {s.iri: f"{s.label}: {s.text[:90]}{'…' if len(s.text) > 90 else ''}" for s in kit.catalogue.statements}
    labels.update({p.iri: f"Principle {p.number}: {p.title}" for p in kit.catalogue.principles})
    left, right = st.columns([4, 1])
    choice = left.selectbox("Pin an item", [""] + list(labels), format_func=lambda i: labels.get(i, "—"),
                            key="pin-item-choice")
    if right.button("Pin item", key="pin-item", disabled=not choice):
        save(collection.add(Pin("item", choice)))
        st.rerun()
    question = st.text_input("Pin a question or topic", key="pin-question-text")
    if st.button("Pin question", key="pin-question", disabled=not question.strip()):
        save(collection.add(Pin("question", question.strip())))
        st.rerun()
    if not collection.pins:
        st.info("The collection is empty: pin items or questions; the page's address then holds the collection, "
                "to bookmark or share.")
    for i, pin in enumerate(collection.pins):
        c0, c1, c2, c3 = st.columns([8, 1, 1, 1])
        text = labels.get(pin.value, pin.value) if pin.kind == "item" else f"Question: {pin.value}"
        c0.markdown(f"{i + 1}. {text}")
        if c1.button("↑", key=f"up-{i}", disabled=i == 0):
            save(collection.move(i, -1))
            st.rerun()
        if c2.button("↓", key=f"down-{i}", disabled=i == len(collection.pins) - 1):
            save(collection.move(i, 1))
            st.rerun()
        if c3.button("✕", key=f"remove-{i}"):
            save(collection.remove(i))
            st.rerun()
    uploaded = st.file_uploader("Load a collection (JSON)", type=["json"], key="collection-upload")
    if uploaded is not None and st.button("Replace the collection with this file", key="load-collection"):
        try:
            save(Collection.from_json(json.loads(uploaded.getvalue().decode("utf-8"))))
            st.rerun()
        except (ValueError, UnicodeDecodeError):
            st.error(f"{uploaded.name}: not JSON; choose a file downloaded from this page")
        except StandardsKGError as exc:
            st.error(f"{uploaded.name}: {exc}")
    if not collection.pins:
        return
    file_button(st, "Download the collection (JSON)", json.dumps(collection.to_json(), indent=2, ensure_ascii=False),
                collection.title, "collection", "json", "collection-json")
    try:
        topic = to_topic(collection, kit.catalogue, ask=kit.ask)
    except StandardsKGError as exc:
        st.error(str(exc))
        return
    downloads(kit, topic, collection.title, "collection")
    preview(kit, topic)


def page(eng) -> None:
    st.title("Workshop kit")
    st.write("Handouts, slides and quizzes made only of the documents' own words, every item cited and "
             "linked to its IRI. For an offline copy of everything: `standards-kg export-site --out DIR`.")
    kit = kit_of(eng)
    collection = current_collection()
    topic, pinned = st.tabs(["Topic", f"Collection ({len(collection.pins)})"])
    with topic:
        topic_tab(kit, collection)
    with pinned:
        collection_tab(kit, collection)
