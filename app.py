"""Streamlit app: widgets and layout only; every answer, list and query comes from
search/. The page and its state live in the URL (?page=…&q=…&item=…) so a trainer can
share or bookmark what is on screen."""
from __future__ import annotations

import html
import json
import re
import urllib.parse

import streamlit as st

import search
from kg_builder.config import Settings
from search import browse
from search.answer import after_statements, answer_markdown, section_label
from search.errors import ArtifactsMissingError, BadQuestionError, QueryError, StaleArtifactsError
from search.examples import readme_examples
from search.sparql import PREFIX_HEADER
from app_pages import workshop as workshop_page
from linked_data.mappings import mappings_of
from app_pages import assess as assess_page

st.set_page_config(page_title="standards-kg: treatment standards", page_icon="📘", layout="wide")

PAGES = {"ask": "Ask", "browse": "Browse", "sparql": "SPARQL", "about": "About", "workshop": "Workshop",
         "assess": "Assess"}
EXAMPLE_QUESTIONS = ["can treatment be forced on someone in prison?",
                     "Should family members get naloxone?",
                     "what should services for pregnant women provide?",
                     "evidence for long-term residential treatment",
                     "what does resolution 59/4 ask of member states?"]
KIND_ORDER = ["Principle", "Standard", "Recommendation", "ResolutionParagraph", "EvidenceRating", "Population",
              "Intervention", "Substance", "TreatmentModality"]
KIND_TITLES = {"Principle": "Principles", "Standard": "Standards", "Recommendation": "Recommendations",
               "ResolutionParagraph": "Resolution paragraphs",
               "EvidenceRating": "Evidence ratings", "Population": "Populations",
               "Intervention": "Interventions", "Substance": "Substances", "TreatmentModality": "Modalities"}
# Large text scales what is read (answers, passages, lists, headings), not the widgets,
# whose fixed boxes would cut their labels ("Interventi…").
LARGE_TEXT_CSS = """<style>
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li,
[data-testid="stCaptionContainer"], [data-testid="stText"] { font-size: 1.35rem !important; line-height: 1.5 !important; }
.skg-read, .skg-statement, .skg-ref { font-size: 1.35rem !important; line-height: 1.5 !important; }
h1 { font-size: 2.6rem !important; } h2, h3 { font-size: 2rem !important; }
button p, label p, [role="radiogroup"] p { font-size: 1.15rem !important; }
</style>"""
BASE_CSS = """<style>
.skg-badge { display: inline-block; padding: 0 .45em; border-radius: .6em; font-size: .8em;
  background: #e8f0fe; color: #1a4a9e; margin-left: .3em; }
.skg-badge.Strong { background: #d7f5dd; color: #135d24; }
.skg-cite { font-weight: 600; text-decoration: none; }
.skg-card { border: 1px solid #ddd; border-radius: .5em; padding: .6em .9em; margin-bottom: .6em; }
.skg-ref small, .skg-meta { color: #555; }
.skg-statement { border-left: 4px solid #1f5fa8; padding: 0.3em 0.7em; margin: 0.4em 0; background: #f4f7fb; }
.skg-title { white-space: nowrap; font-weight: 700; font-size: 1.4rem; }
mark { background: #fff2a8; padding: 0 .1em; }
/* A button shows its whole label, over two lines if it must, never "can treatment be f…". */
button p, [data-testid="stMarkdownContainer"] button p { white-space: normal !important; overflow: visible !important;
  text-overflow: clip !important; word-break: normal !important; }
/* Printing an answer or an item prints it, its statements and citations: no sidebar,
   toolbar, buttons, inputs or collapsed panels. */
@media print {
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stButton"], [data-testid="stDownloadButton"],
  [data-testid="stTextInput"], [data-testid="stTextArea"], [data-testid="stExpander"], [data-testid="stCaptionContainer"],
  [data-testid="stGraphVizChart"], [data-testid="stIFrame"], iframe, .skg-noprint { display: none !important; }
  [data-testid="stMain"], [data-testid="stAppViewContainer"], .main, .block-container { margin: 0 !important;
    padding: 0 !important; max-width: 100% !important; }
  a { color: inherit; text-decoration: none; }
  mark { background: none; font-weight: 600; }
}
</style>"""
PRINT_BUTTON = ('<button onclick="window.parent.print()" style="font: inherit; padding: .35em .8em; '
                'border: 1px solid #ccc; border-radius: .5em; background: white; cursor: pointer">'
                'Print / save as PDF</button>')


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


def build_id(eng: search.Engine) -> str:
    """What cached Browse data depends on: the build (a new build is a new key)."""
    return eng.manifest.get("inputs", {}).get("kg_builder", "") + str(eng.manifest.get("triples", ""))


@st.cache_data(show_spinner=False, max_entries=512)
def cached(name: str, build: str, *args, **kwargs):
    """A search.browse query, kept per build: Browse reads the same lists on every rerun."""
    return getattr(browse, name)(engine().sparql, *args, **kwargs)


@st.cache_data(show_spinner=False, max_entries=4)
def passage_headings(build_dir: str, build: str) -> dict[str, str]:
    return browse.passage_headings(build_dir)


def print_button() -> None:
    st.iframe(PRINT_BUTTON, height=44, width=220)  # a script may call print() only from a frame


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
    row = st.container(horizontal=True, gap="small")  # wraps; each button as wide as its label
    for i, example in enumerate(EXAMPLE_QUESTIONS):
        row.button(example, key=f"example-{i}", on_click=set_question, args=(example,), width="content")
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
    show_answer(eng, result)


def show_answer(eng: search.Engine, result: dict) -> None:
    answer = result["answer"]
    box = st.container(border=True)
    box.markdown(f"**Answer** {'' if answer['found'] else '(not covered)'}", unsafe_allow_html=False)
    # The statements that govern the question lead, as cards (kind, number, strength);
    # the explanatory sentences follow.
    for s in answer.get("statements", []):
        box.markdown(f'<div class="skg-statement"><b>{link(s["iri"], s["label"])}</b>{badge(s.get("strength"))}'
                     f'<br>“{html.escape(s["text"])}” <a class="skg-cite" href="#passage-{s["passage_rank"]}" '
                     f'target="_self">[{s["passage_rank"]}]</a></div>', unsafe_allow_html=True)
    text = re.sub(r"\[(\d+)\]", r'<a class="skg-cite" href="#passage-\1" target="_self">[\1]</a>',
                  html.escape(after_statements(answer)))
    box.markdown(text, unsafe_allow_html=True)
    if answer.get("note"):
        box.caption(answer["note"])
    docs = cached("document_sources", build_id(eng))
    markdown = answer_markdown(result) + browse.sources_markdown(result, docs)
    c1, c2 = box.columns([2, 3])
    c1.download_button("Download as Markdown", markdown, file_name="answer.md", mime="text/markdown",
                       on_click="ignore")
    with c1:
        print_button()
    c1.markdown(workshop_page.handout_link(result["question"]), unsafe_allow_html=True)
    with c2.expander("Copy as Markdown"):
        st.code(markdown, language="markdown")

    left, right = st.columns([3, 2])
    with left:
        st.subheader("Passages")
        for p in result["passages"]:
            section = section_label(p["section"], p["section_title"]) or "(untitled section)"
            # The sub-heading or box title too: the cannabis paragraph and the naltrexone box
            # sit in the psychostimulant section and must not read as its guidance.
            heading = passage_headings(str(eng.settings.build_dir), build_id(eng)).get(p["iri"], "")
            if heading and heading not in section:
                section = f"{section} › {heading}"
            doc = docs.get(p.get("doc_id", ""))
            title = html.escape(p["doc_title"])
            if doc and doc.url:
                title = f'<a href="{html.escape(doc.url)}" target="_blank" rel="noopener">{title}</a>'
            card = st.container(border=True)
            # The whole passage, its answering sentences marked in place: with none marked
            # (a refusal, "what does principle 4 say") the card still shows what it holds.
            card.markdown(f'<div id="passage-{p["rank"]}" class="skg-passage"></div><div class="skg-read">'
                          f"<b>[{p['rank']}]</b> {html.escape(section)} · <i>{title}</i>"
                          + (f" · {html.escape(doc.publisher)}" if doc else "")
                          + f"<br>{browse.mark_highlights(p['text'], p['highlights'])}</div>",
                          unsafe_allow_html=True)
            card.caption(p["iri"])
    with right:
        st.subheader("Cross-references")
        groups: dict[str, list[dict]] = {}
        for x in result["cross_references"]:
            groups.setdefault(x["kind"], []).append(x)
        if not groups:
            st.caption("None: the documents do not address this question." if not result["answer"]["found"]
                       else "None found.")
        for kind in sorted(groups, key=lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 99):
            # The query behind the group, values bound, one click away and editable: users
            # learn the graph by example.
            queries = result.get("cross_reference_queries", {}).get(kind, [])
            sparql_links = " ".join(
                f'<a class="skg-sparql" href="?page=sparql&query={urllib.parse.quote(q)}" target="_self">'
                f'SPARQL{"" if len(queries) == 1 else f" {i}"}</a>' for i, q in enumerate(queries, start=1))
            st.markdown(f"**{html.escape(KIND_TITLES.get(kind, kind))}** <small>{sparql_links}</small>",
                        unsafe_allow_html=True)
            for x in groups[kind]:
                # A statement reads as the start of its text ("Recommendation 4.1.3/2" says
                # nothing); its label follows, small.
                has_text = x.get("text") and kind != "EvidenceRating"
                label = browse.shorten(x["text"], 110) if has_text else x["label"]
                small = f"{html.escape(x['label'])} · {html.escape(x['why'])}" if has_text else html.escape(x["why"])
                if x.get("text") and kind == "EvidenceRating":   # the statement it rates, else it seems to rate the answer
                    small = f"rates “{html.escape(browse.shorten(x['text'], 110))}” · {small}"
                st.markdown(f'<div class="skg-ref">• {link(x["iri"], label)}{badge(x.get("strength"))}'
                            f"<br><small>{small}</small></div>", unsafe_allow_html=True)
        if result["cross_references"]:
            st.subheader("In the graph")
            st.graphviz_chart(browse.answer_graph_dot(result), width="stretch")


# -- Browse ------------------------------------------------------------------------

BROWSE_SECTIONS = {"principles": "Principles & standards", "modalities": "Modalities",
                   "populations": "Populations", "interventions": "Interventions & substances",
                   "evidence": "Evidence", "resolution": "Resolution & coercion paper",
                   "filter": "Filter statements"}
FILTER_KINDS = ("population", "intervention", "substance", "modality", "document")


def set_param(key: str, name: str, empty=None) -> None:
    """Copy a widget's value into the URL (or drop it when it is the default), so what
    is on screen can be shared."""
    value = st.session_state.get(key)
    if value in (None, empty):
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = value


def page_browse(eng: search.Engine) -> None:
    iri = st.query_params.get("item")
    if iri:
        show_item(eng, iri)
        return
    st.title("Browse the standards")
    b = build_id(eng)
    if "browse_tab" not in st.session_state:
        wanted = st.query_params.get("tab", "principles")
        st.session_state["browse_tab"] = wanted if wanted in BROWSE_SECTIONS else "principles"
    # Only the chosen section is drawn (drawing all seven took seconds), and it is in the URL.
    section = st.radio("Section", list(BROWSE_SECTIONS), format_func=BROWSE_SECTIONS.get, horizontal=True,
                       key="browse_tab", label_visibility="collapsed")
    set_param("browse_tab", "tab", "principles")
    if section == "principles":
        for p in cached("principles", b):
            with st.expander(f"Principle {p.number}: {p.title}", expanded=False):
                if p.description:
                    st.caption(p.description)
                st.markdown("\n\n".join(f"{link(s.iri, 'Standard ' + s.number)} {html.escape(s.text)}"
                                         for s in p.standards), unsafe_allow_html=True)
    elif section == "modalities":
        for m in cached("modalities", b):
            st.markdown(f"#### {m.number} {link(m.iri, m.label)}", unsafe_allow_html=True)
            st.markdown("Evidence: " + (", ".join(badge(r) for r in m.ratings) or "not rated")
                        + f" · {m.recommendations} recommendations", unsafe_allow_html=True)
            if m.goals:
                st.markdown("\n".join(f"> {g}\n>" for g in m.goals[:3]))
            if m.recommendations:
                with st.expander(f"Recommendations of {m.number} ({m.recommendations})"):
                    st.markdown("\n".join(
                        f"- {'*' + html.escape(r.audience) + '* · ' if r.audience else ''}{link(r.iri, r.label)}"
                        f"{badge(r.strength)} {html.escape(browse.shorten(r.text, 300))}"
                        for r in cached("modality_recommendations", b, m.iri)), unsafe_allow_html=True)
    elif section == "populations":
        concept_table(cached("concepts", b, "population"))
    elif section == "interventions":
        st.markdown("**Interventions**")
        concept_table(cached("concepts", b, "intervention"))
        st.markdown("**Substances**")
        concept_table(cached("concepts", b, "substance"))
    elif section == "evidence":
        rows = cached("evidence", b)
        columns = st.radio("Columns", ["substances", "populations"], horizontal=True, key="evidence_columns")
        matrix = browse.evidence_matrix(rows, columns)
        table = [{"intervention": i, **{c: (matrix["cells"][(i, c)].rating if (i, c) in matrix["cells"] else "")
                                        for c in matrix["columns"]}} for i in matrix["rows"]]
        st.dataframe(table, width="stretch", hide_index=True)
        st.markdown("**The statements behind each cell**")
        st.markdown("\n".join(f"- {link(r.iri, 'Evidence ' + r.number)} {badge(r.rating)} "
                               f"{html.escape(browse.shorten(r.text, 220))}" for r in rows), unsafe_allow_html=True)
    elif section == "resolution":
        for title, doc in (("Resolution 59/4", "resolution_59_4"), ("Coercion paper", "coercion")):
            st.markdown(f"#### {title}")
            statement_list(cached("statements", b, document=doc))
    else:
        filter_statements(eng)


def statement_list(rows: list[browse.StatementRow]) -> None:
    """Statements as one Markdown list (one element, not one per row: hundreds of
    elements are what made Browse slow)."""
    st.markdown("\n".join(f"- {link(s.iri, s.label)}{badge(s.strength)} {html.escape(browse.shorten(s.text, 300))}"
                           for s in rows), unsafe_allow_html=True)


def concept_table(rows: list[browse.ConceptRow]) -> None:
    st.markdown("\n".join(
        f"- {link(c.iri, c.label)}{' (a kind of ' + html.escape(c.broader) + ')' if c.broader else ''}"
        f" · {c.mentions} statements<br><small>{html.escape(c.definition)}</small>" for c in rows),
        unsafe_allow_html=True)


def filter_statements(eng: search.Engine) -> None:
    b = build_id(eng)
    options = {kind: {None: "(any)", **{c.iri: c.label for c in cached("concepts", b, kind)}}
               for kind in FILTER_KINDS[:4]}
    options["document"] = {None: "(any)", **dict(cached("documents", b))}
    cols = st.columns(5)
    chosen = {}
    for col, kind in zip(cols, FILTER_KINDS):
        key = f"filter-{kind}"
        if key not in st.session_state:  # from the URL: a filtered list can be shared
            wanted = st.query_params.get(kind)
            st.session_state[key] = wanted if wanted in options[kind] else None
        chosen[kind] = col.selectbox(kind.capitalize(), list(options[kind]), format_func=options[kind].get,
                                     key=key)
        set_param(key, kind)
    rows = cached("statements", b, **chosen)
    st.caption(f"{len(rows)} statements")
    statement_list(rows)


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
        docs = {d.title: d for d in cached("document_sources", build_id(eng)).values()}
        for s in item.sources:
            section = section_label(s.section, s.section_title)
            with st.container(border=True):
                st.markdown(browse.citation_line(section, docs.get(s.doc_title), s.doc_title))
                st.write(s.text)
    mappings = mappings_of(eng.sparql, iri)
    if mappings:  # the vocabularies researchers join on (ATC, ICD-11, MeSH, Wikidata), each with its source
        st.subheader("In other vocabularies")
        for m in mappings:
            st.markdown(f'- {html.escape(m.vocabulary)} <a href="{html.escape(m.target)}" target="_blank" '
                        f'rel="noopener">{html.escape(m.code)}</a> {html.escape(m.label)} '
                        f'<small>(skos:{html.escape(m.relation)}; source: <a href="{html.escape(m.source)}" '
                        f'target="_blank" rel="noopener">{html.escape(m.source)}</a>)</small>',
                        unsafe_allow_html=True)
    print_button()
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
    st.session_state.pop("sparql_result", None)


def run_query(eng: search.Engine, query: str) -> None:
    """Run and keep the result in the session: a download button reruns nothing, but
    any other widget does, and the table and both downloads must still be there."""
    st.query_params["query"] = query  # the permalink, as the Wikidata Query Service does
    try:
        result = eng.sparql.query(query)
    except QueryError as exc:
        st.session_state["sparql_result"] = {"query": query, "error": str(exc)}
        return
    kept = {"query": query, "kind": result.kind, "elapsed_ms": result.elapsed_ms, "truncated": result.truncated}
    if result.kind == "select":
        kept["rows"] = [dict(zip(result.variables, r)) for r in result.plain_rows()]
        kept["csv"] = result.to_delimited(",")
        kept["json"] = json.dumps(result.to_json(), indent=1)
    elif result.kind == "ask":
        kept["boolean"] = result.boolean
    else:
        kept["triples"] = "".join(f"{s} {p} {o} .\n" for s, p, o in result.triples)
    st.session_state["sparql_result"] = kept


def show_query_result(kept: dict) -> None:
    if "error" in kept:
        st.error("The query cannot run.")
        st.code(kept["error"], language=None)
        return
    st.caption(f"{kept['elapsed_ms']:.1f} ms" + (" · results cut at the row cap" if kept["truncated"] else ""))
    if kept["kind"] == "select":
        st.dataframe(kept["rows"], width="stretch", hide_index=True)
        st.caption(f"{len(kept['rows'])} rows")
        row = st.container(horizontal=True)
        row.download_button("Download CSV", kept["csv"], file_name="results.csv", mime="text/csv",
                            on_click="ignore", key="download-csv")
        row.download_button("Download JSON", kept["json"], file_name="results.json",
                            mime="application/sparql-results+json", on_click="ignore", key="download-json")
    elif kept["kind"] == "ask":
        st.success(f"ASK: {str(kept['boolean']).lower()}")
    else:
        st.code(kept["triples"], language=None)


def page_sparql(eng: search.Engine) -> None:
    st.title("SPARQL")
    st.caption(f"Read-only. Time limit {eng.sparql.timeout_s:g} s, at most {eng.sparql.max_rows:,} rows. "
               "The prefixes below are predeclared; SPARQL Update is refused. The address of this page "
               "holds the query last run: bookmark or share it.")
    examples = readme_examples()
    with st.expander(f"Example queries ({len(examples)})", expanded=True):
        cols = st.columns(2)
        for i, ex in enumerate(examples):
            cols[i % 2].button(ex.title, key=f"sparql-example-{i}", help=ex.comment, on_click=load_example,
                               args=(ex.query,), width="stretch")
    if "sparql_query" not in st.session_state:
        shared = st.query_params.get("query")
        if shared:  # a permalink: show the query and its result
            st.session_state["sparql_query"] = shared
            run_query(eng, shared)
        else:
            load_example(examples[0].query if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    query = st.text_area("Query", key="sparql_query", height=260)
    with st.expander("The query, highlighted"):
        st.code(query, language="sparql", line_numbers=True)
    if st.button("Run query", type="primary", key="run-query"):
        run_query(eng, query)
    kept = st.session_state.get("sparql_result")
    if kept:
        show_query_result(kept)
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
    sources = cached("document_sources", build_id(eng))
    st.dataframe([{"document": d["title"], "id": d["id"], "publisher": getattr(sources.get(d["id"]), "publisher", ""),
                   "web page": getattr(sources.get(d["id"]), "url", ""), "passages": d["passages"],
                   "sections": d["sections"]} for d in m["documents"]], width="stretch", hide_index=True,
                 column_config={"web page": st.column_config.LinkColumn("web page")})
    st.subheader("This build")
    info = eng.build_info
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
        st.markdown('<div class="skg-title">standards&#8209;kg</div>', unsafe_allow_html=True)
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
     "workshop": workshop_page.page, "assess": assess_page.page}[current](eng)


main()
