"""Streamlit app: widgets and layout only; every answer, list and query comes from
search/. The page and its state live in the URL (?page=…&q=…&item=…) so a trainer can
share or bookmark what is on screen."""
from __future__ import annotations

import html
import json
import re

import streamlit as st

import search
from kg_builder.config import Settings
from search import browse
from search.answer import answer_markdown, section_label
from search.errors import ArtifactsMissingError, BadQuestionError, QueryError, StaleArtifactsError
from search.examples import readme_examples
from search.sparql import PREFIX_HEADER
from app_pages import workshop as workshop_page

st.set_page_config(page_title="standards-kg: treatment standards", page_icon="📘", layout="wide")

PAGES = {"ask": "Ask", "browse": "Browse", "sparql": "SPARQL", "about": "About", "workshop": "Workshop"}
EXAMPLE_QUESTIONS = ["can treatment be forced on someone in prison?",
                     "Should family members get naloxone?",
                     "what should services for pregnant women provide?",
                     "evidence for long-term residential treatment",
                     "what does resolution 59/4 ask of member states?"]
KIND_ORDER = ["Principle", "Standard", "Recommendation", "EvidenceRating", "Population", "Intervention",
              "Substance", "TreatmentModality"]
KIND_TITLES = {"Principle": "Principles", "Standard": "Standards", "Recommendation": "Recommendations",
               "EvidenceRating": "Evidence ratings", "Population": "Populations",
               "Intervention": "Interventions", "Substance": "Substances", "TreatmentModality": "Modalities"}
LARGE_TEXT_CSS = """<style>
html, body, [data-testid="stAppViewContainer"] { font-size: 22px !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.35rem !important;
  line-height: 1.5 !important; }
h1 { font-size: 2.6rem !important; } h2, h3 { font-size: 2rem !important; }
</style>"""
BASE_CSS = """<style>
.skg-badge { display: inline-block; padding: 0 .45em; border-radius: .6em; font-size: .8em;
  background: #e8f0fe; color: #1a4a9e; margin-left: .3em; }
.skg-badge.Strong { background: #d7f5dd; color: #135d24; }
.skg-cite { font-weight: 600; text-decoration: none; }
.skg-card { border: 1px solid #ddd; border-radius: .5em; padding: .6em .9em; margin-bottom: .6em; }
mark { background: #fff2a8; padding: 0 .1em; }
</style>"""


@st.cache_resource(show_spinner="Loading the knowledge graph and models…")
def engine() -> search.Engine:
    settings = Settings.from_env()
    try:
        eng = search.load(settings)
    except (ArtifactsMissingError, StaleArtifactsError) as exc:
        from kg_builder.pipeline import build
        bar = st.progress(0.0, text=f"Building the knowledge graph first ({exc})…")
        build(settings, progress=lambda stage, i, n: bar.progress(i / n, text=f"Building: {stage}…"))
        bar.empty()
        eng = search.load(settings)
    eng.embed("warm up")  # load the model now, not on the first question
    eng.sparql.start()    # and the SPARQL worker processes
    return eng


def link(iri: str, label: str) -> str:
    return f'<a href="{browse.item_link(iri)}" target="_self">{html.escape(label)}</a>'


def badge(text: str | None) -> str:
    if not text:
        return ""
    return f'<span class="skg-badge {html.escape(text)}">{html.escape(text)}</span>'


# -- Ask ---------------------------------------------------------------------------

def set_question(q: str) -> None:
    st.session_state["question"] = q


def page_ask(eng: search.Engine) -> None:
    st.title("Ask the treatment standards")
    if "question" not in st.session_state:
        st.session_state["question"] = st.query_params.get("q", "")
    st.text_input("Question", key="question", placeholder="e.g. can treatment be forced on someone in prison?")
    st.caption("Examples:")
    cols = st.columns(len(EXAMPLE_QUESTIONS))
    for i, (col, example) in enumerate(zip(cols, EXAMPLE_QUESTIONS)):
        col.button(example, key=f"example-{i}", on_click=set_question, args=(example,), width="stretch")
    question = st.session_state["question"].strip()
    if not question:
        st.query_params.pop("q", None)
        return
    st.query_params["q"] = question
    try:
        result = eng.ask(question)
    except BadQuestionError as exc:
        st.error(str(exc))
        return
    show_answer(result)


def show_answer(result: dict) -> None:
    answer = result["answer"]
    text = html.escape(answer["text"])
    text = re.sub(r"\[(\d+)\]", r'<a class="skg-cite" href="#passage-\1" target="_self">[\1]</a>', text)
    box = st.container(border=True)
    box.markdown(f"**Answer** {'' if answer['found'] else '(not covered)'}", unsafe_allow_html=False)
    box.markdown(text, unsafe_allow_html=True)
    markdown = answer_markdown(result)
    c1, c2 = box.columns([1, 4])
    c1.download_button("Download as Markdown", markdown, file_name="answer.md", mime="text/markdown")
    c1.markdown(workshop_page.handout_link(result["question"]), unsafe_allow_html=True)
    with c2.expander("Copy as Markdown"):
        st.code(markdown, language="markdown")

    left, right = st.columns([3, 2])
    with left:
        st.subheader("Passages")
        for p in result["passages"]:
            section = section_label(p["section"], p["section_title"]) or "(untitled section)"
            card = st.container(border=True)
            card.markdown(f'<div id="passage-{p["rank"]}"></div>'
                          f"<b>[{p['rank']}]</b> {html.escape(section)} · <i>{html.escape(p['doc_title'])}</i>",
                          unsafe_allow_html=True)
            for h in p["highlights"]:
                card.markdown(f"<mark>{html.escape(h)}</mark>", unsafe_allow_html=True)
            with card.expander("Full passage"):
                body = html.escape(p["text"])
                for h in p["highlights"]:
                    body = body.replace(html.escape(h), f"<mark>{html.escape(h)}</mark>")
                st.markdown(body, unsafe_allow_html=True)
                st.caption(p["iri"])
    with right:
        st.subheader("Cross-references")
        groups: dict[str, list[dict]] = {}
        for x in result["cross_references"]:
            groups.setdefault(x["kind"], []).append(x)
        if not groups:
            st.caption("None: the documents do not address this question." if not result["answer"]["found"]
                       else "None found.")
        for kind in sorted(groups, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99):
            st.markdown(f"**{KIND_TITLES.get(kind, kind)}**")
            for x in groups[kind]:
                text = f" — {html.escape(x['text'][:160])}{'…' if len(x['text'] or '') > 160 else ''}" \
                    if x.get("text") and kind != "EvidenceRating" else ""
                st.markdown(f"- {link(x['iri'], x['label'])}{badge(x.get('strength'))}{text}"
                            f"<br><small>{html.escape(x['why'])}</small>", unsafe_allow_html=True)
        if result["cross_references"]:
            st.subheader("In the graph")
            st.graphviz_chart(browse.answer_graph_dot(result), width="stretch")


# -- Browse ------------------------------------------------------------------------

def page_browse(eng: search.Engine) -> None:
    iri = st.query_params.get("item")
    if iri:
        show_item(eng, iri)
        return
    st.title("Browse the standards")
    tabs = st.tabs(["Principles & standards", "Modalities", "Populations", "Interventions & substances",
                    "Evidence", "Resolution & coercion paper", "Filter statements"])
    x = eng.sparql
    with tabs[0]:
        for p in browse.principles(x):
            with st.expander(f"Principle {p.number}: {p.title}", expanded=False):
                if p.description:
                    st.caption(p.description)
                for s in p.standards:
                    st.markdown(f"{link(s.iri, 'Standard ' + s.number)} {html.escape(s.text)}",
                                unsafe_allow_html=True)
    with tabs[1]:
        for m in browse.modalities(x):
            st.markdown(f"#### {m.number} {link(m.iri, m.label)}", unsafe_allow_html=True)
            st.markdown("Evidence: " + (", ".join(badge(r) for r in m.ratings) or "not rated")
                        + f" · {m.recommendations} recommendations", unsafe_allow_html=True)
            for g in m.goals[:3]:
                st.markdown(f"> {g}")
            if m.recommendations:
                with st.expander(f"Recommendations of {m.number} ({m.recommendations})"):
                    for r in browse.modality_recommendations(x, m.iri):
                        audience = f"*{html.escape(r.audience)}* · " if r.audience else ""
                        st.markdown(f"- {audience}{link(r.iri, r.label)}{badge(r.strength)} "
                                    f"{html.escape(r.text[:300])}", unsafe_allow_html=True)
    with tabs[2]:
        concept_table(browse.concepts(x, "population"))
    with tabs[3]:
        st.markdown("**Interventions**")
        concept_table(browse.concepts(x, "intervention"))
        st.markdown("**Substances**")
        concept_table(browse.concepts(x, "substance"))
    with tabs[4]:
        rows = browse.evidence(x)
        columns = st.radio("Columns", ["substances", "populations"], horizontal=True, key="evidence_columns")
        matrix = browse.evidence_matrix(rows, columns)
        table = [{"intervention": i, **{c: (matrix["cells"][(i, c)].rating if (i, c) in matrix["cells"] else "")
                                        for c in matrix["columns"]}} for i in matrix["rows"]]
        st.dataframe(table, width="stretch", hide_index=True)
        st.markdown("**The statements behind each cell**")
        for r in rows:
            st.markdown(f"- {link(r.iri, 'Evidence ' + r.number)} {badge(r.rating)} {html.escape(r.text[:220])}…",
                        unsafe_allow_html=True)
    with tabs[5]:
        for title, doc in (("Resolution 59/4", "resolution_59_4"), ("Coercion paper", "coercion")):
            st.markdown(f"#### {title}")
            for s in browse.statements(x, document=doc):
                st.markdown(f"- {link(s.iri, s.label)} {html.escape(s.text[:300])}", unsafe_allow_html=True)
    with tabs[6]:
        filter_statements(x)


def concept_table(rows: list[browse.ConceptRow]) -> None:
    for c in rows:
        broader = f" (a kind of {html.escape(c.broader)})" if c.broader else ""
        st.markdown(f"- {link(c.iri, c.label)}{broader} · {c.mentions} statements"
                    f"<br><small>{html.escape(c.definition)}</small>", unsafe_allow_html=True)


def filter_statements(x) -> None:
    def options(kind):
        return {"(any)": None, **{c.label: c.iri for c in browse.concepts(x, kind)}}
    cols = st.columns(5)
    chosen = {}
    for col, kind in zip(cols[:4], ("population", "intervention", "substance", "modality")):
        opts = options(kind)
        chosen[kind] = opts[col.selectbox(kind.capitalize(), list(opts), key=f"filter-{kind}")]
    docs = {"(any)": None, **{title: i for i, title in browse.documents(x)}}
    chosen["document"] = docs[cols[4].selectbox("Document", list(docs), key="filter-document")]
    rows = browse.statements(x, **chosen)
    st.caption(f"{len(rows)} statements")
    for s in rows:
        st.markdown(f"- {link(s.iri, s.label)}{badge(s.strength)} {html.escape(s.text[:300])}",
                    unsafe_allow_html=True)


def show_item(eng: search.Engine, iri: str) -> None:
    item = browse.item(eng.sparql, iri)
    st.markdown('<a href="?page=browse" target="_self">← Browse</a>', unsafe_allow_html=True)
    if item is None:
        st.error(f"Nothing in the graph is called <{iri}>. Check the link, or browse from the lists.")
        return
    st.title(item.label)
    st.caption(f"{item.kind} · {item.iri}")
    st.markdown(workshop_page.handout_link(item.iri), unsafe_allow_html=True)
    if item.strength:
        st.markdown(f"Strength: {badge(item.strength)}", unsafe_allow_html=True)
    if item.text:
        st.markdown(f"> {item.text}")
    if item.definition:
        st.write(item.definition)
    if item.sources:
        st.subheader("Source passages")
        for s in item.sources:
            section = section_label(s.section, s.section_title)
            with st.container(border=True):
                st.markdown(f"*{s.doc_title}* · {section}")
                st.write(s.text)
    left, right = st.columns(2)
    link_list(left, "Links", "This item links to nothing else.",
              [f"{ln.predicate}: {link(ln.iri, ln.label)}" for ln in item.links])
    link_list(right, "Linked from", "Nothing else links to this item.",
              [f"{ln.kind} {link(ln.iri, ln.label)} ({ln.predicate})" for ln in item.backlinks])


def link_list(column, title: str, empty: str, items: list[str]) -> None:
    with column:
        st.subheader(title)
        if not items:
            st.caption(empty)
        for html_item in items:
            st.markdown(f"- {html_item}", unsafe_allow_html=True)


# -- SPARQL ------------------------------------------------------------------------

def load_example(query: str) -> None:
    st.session_state["sparql_query"] = PREFIX_HEADER + query


def page_sparql(eng: search.Engine) -> None:
    st.title("SPARQL")
    st.caption(f"Read-only. Time limit {eng.sparql.timeout_s:g} s, at most {eng.sparql.max_rows:,} rows. "
               "The prefixes below are predeclared; SPARQL Update is refused.")
    examples = readme_examples()
    with st.expander(f"Example queries ({len(examples)})", expanded=True):
        cols = st.columns(2)
        for i, ex in enumerate(examples):
            cols[i % 2].button(ex.title, key=f"sparql-example-{i}", help=ex.comment, on_click=load_example,
                               args=(ex.query,), width="stretch")
    if "sparql_query" not in st.session_state:
        load_example(examples[0].query if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    query = st.text_area("Query", key="sparql_query", height=260)
    if st.button("Run query", type="primary", key="run-query"):
        try:
            result = eng.sparql.query(query)
        except QueryError as exc:
            st.error("The query cannot run.")
            st.code(str(exc), language=None)
            return
        st.caption(f"{result.elapsed_ms:.1f} ms" + (" · results cut at the row cap" if result.truncated else ""))
        if result.kind == "select":
            rows = [dict(zip(result.variables, r)) for r in result.plain_rows()]
            st.dataframe(rows, width="stretch", hide_index=True)
            st.caption(f"{len(rows)} rows")
            c1, c2 = st.columns(2)
            c1.download_button("Download CSV", result.to_delimited(","), file_name="results.csv", mime="text/csv")
            c2.download_button("Download JSON", json.dumps(result.to_json(), indent=1), file_name="results.json",
                               mime="application/sparql-results+json")
        elif result.kind == "ask":
            st.success(f"ASK: {str(result.boolean).lower()}")
        else:
            st.code("".join(f"{s} {p} {o} .\n" for s, p, o in result.triples), language=None)
    st.subheader("Download")
    cols = st.columns(len(browse.GRAPH_FORMATS) + 1)
    for col, name in zip(cols, browse.GRAPH_FORMATS):
        col.download_button(f"Graph ({name})", lambda name=name: browse.graph_export(eng.settings.build_dir, name)[0],
                            file_name=browse.GRAPH_FORMATS[name][2], mime=browse.GRAPH_FORMATS[name][1],
                            key=f"download-{name}")
    cols[-1].download_button("Ontology (Turtle)", (eng.settings.ontology_dir / "skg.ttl").read_bytes(),
                             file_name="skg.ttl", mime="text/turtle", key="download-ontology")


# -- About -------------------------------------------------------------------------

def page_about(eng: search.Engine) -> None:
    st.title("About")
    m = eng.manifest
    st.write("standards-kg is a knowledge graph with cited search over the UNODC-WHO International Standards "
             "for the Treatment of Drug Use Disorders and four companion documents. Every answer is made of "
             "sentences quoted from the documents; every fact in the graph points to the passage it was read from.")
    st.subheader("Documents")
    st.dataframe([{"document": d["title"], "id": d["id"], "passages": d["passages"], "sections": d["sections"]}
                  for d in m["documents"]], width="stretch", hide_index=True)
    st.subheader("This build")
    info_file = eng.settings.build_dir / "build-info.json"
    info = json.loads(info_file.read_text()) if info_file.is_file() else {}
    st.write(f"{m['passages']} passages · {m['triples']:,} triples · ontology {m['ontology_version']} · "
             f"built {info.get('built_at', 'unknown')} · model {m.get('model', eng.settings.model)}")
    st.dataframe([{"class": f"skg:{k}", "count": v} for k, v in m["classes"].items()],
                 width="stretch", hide_index=True)
    if m.get("versions"):
        st.json(m["versions"], expanded=False)
    st.subheader("The ontology at a glance")
    st.dataframe([{"class": name, "label": label, "comment": comment}
                  for name, label, comment in browse.ontology_classes(eng.sparql)],
                 width="stretch", hide_index=True)
    st.subheader("How to cite")
    st.code("UNODC and WHO. International Standards for the Treatment of Drug Use Disorders. Vienna: United "
            "Nations Office on Drugs and Crime; 2017.\nstandards-kg: a knowledge graph of the International "
            f"Standards for the Treatment of Drug Use Disorders, ontology version {m['ontology_version']}. "
            "https://w3id.org/standards-kg/", language=None)


# -- frame -------------------------------------------------------------------------

def main() -> None:
    st.markdown(BASE_CSS, unsafe_allow_html=True)
    current = st.query_params.get("page", "ask")
    if current not in PAGES:
        current = "ask"
    with st.sidebar:
        st.markdown("### standards-kg")
        choice = st.radio("Page", list(PAGES), index=list(PAGES).index(current), format_func=PAGES.get,
                          key="page_choice")
        large = st.toggle("Large text (projector)", value=st.query_params.get("large") == "1", key="large_text")
    if choice != current:
        st.query_params.clear()
        current = choice
    st.query_params["page"] = current
    if large:
        st.query_params["large"] = "1"
        st.markdown(LARGE_TEXT_CSS, unsafe_allow_html=True)
    elif "large" in st.query_params:
        del st.query_params["large"]
    eng = engine()
    {"ask": page_ask, "browse": page_browse, "sparql": page_sparql, "about": page_about,
     "workshop": workshop_page.page}[current](eng)


main()
