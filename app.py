"""Streamlit app: widgets and layout only; every answer comes from search/."""
from __future__ import annotations

import json

import streamlit as st

import search
from kg_builder.config import Settings
from search.errors import ArtifactsMissingError, StaleArtifactsError

st.set_page_config(page_title="standards-kg", layout="wide")

EXAMPLES = ["can treatment be forced on someone in prison?",
            "Should family members get naloxone?",
            "what should services for pregnant women provide?",
            "evidence for long-term residential treatment"]


@st.cache_resource(show_spinner="Loading the knowledge graph and models…")
def engine() -> search.Engine:
    settings = Settings.from_env()
    try:
        return search.load(settings)
    except (ArtifactsMissingError, StaleArtifactsError):
        from kg_builder.pipeline import build
        bar = st.progress(0.0, text="Building the knowledge graph (first start)…")
        build(settings, progress=lambda stage, i, n: bar.progress(i / n, text=f"Building: {stage}"))
        bar.empty()
        return search.load(settings)


def page_ask(eng: search.Engine) -> None:
    st.title("Ask the treatment standards")
    question = st.text_input("Question", value=st.query_params.get("q", ""), key="question",
                             placeholder="e.g. can treatment be forced on someone in prison?")
    cols = st.columns(len(EXAMPLES))
    for col, example in zip(cols, EXAMPLES):
        if col.button(example, key=f"ex-{example}"):
            question = example
    if not question.strip():
        return
    st.query_params["q"] = question
    result = eng.ask(question)
    answer = result["answer"]
    (st.success if answer["found"] else st.warning)(answer["text"])
    left, right = st.columns([3, 2])
    with left:
        st.subheader("Passages")
        for p in result["passages"]:
            section = " ".join(x for x in (p["section"], p["section_title"]) if x)
            st.markdown(f"**[{p['rank']}] {section}** — *{p['doc_title']}*")
            for h in p["highlights"]:
                st.markdown(f"> {h}")
            with st.expander("Full passage"):
                st.write(p["text"])
                st.caption(p["iri"])
    with right:
        st.subheader("Cross-references")
        for x in result["cross_references"]:
            badge = f" `{x['strength']}`" if x.get("strength") else ""
            st.markdown(f"**{x['kind']}** · {x['label']}{badge}  \n<small>{x['why']}</small>",
                        unsafe_allow_html=True)
    markdown = f"**Q:** {result['question']}\n\n{answer['text']}\n\n" + "\n".join(
        f"[{p['rank']}] {p['doc_title']}, {p['section']} {p['section_title']}: {p['text']}"
        for p in result["passages"])
    st.download_button("Download as Markdown", markdown, file_name="answer.md")


def page_sparql(eng: search.Engine) -> None:
    st.title("SPARQL")
    st.caption("Prefixes skg:, id:, rdfs:, skos:, dcterms:, prov: are predeclared. Read-only; "
               f"time limit {eng.sparql.timeout_s:g} s, at most {eng.sparql.max_rows} rows.")
    query = st.text_area("Query", height=200, key="sparql_query",
                         value="SELECT ?number ?text WHERE {\n  ?s a skg:Standard ; skg:number ?number ;"
                               " skg:text ?text .\n} ORDER BY ?number LIMIT 20")
    if st.button("Run query"):
        try:
            result = eng.sparql.query(query)
        except search.QueryError as exc:
            st.error(str(exc))
            return
        if result.kind == "select":
            rows = [dict(zip(result.variables, r)) for r in result.plain_rows()]
            st.dataframe(rows, use_container_width=True)
            st.download_button("Download CSV", result.to_delimited(","), file_name="results.csv")
            st.download_button("Download JSON", json.dumps(result.to_json()), file_name="results.json")
        elif result.kind == "ask":
            st.write(result.boolean)
        else:
            st.code("".join(f"{s} {p} {o} .\n" for s, p, o in result.triples))


def page_browse(eng: search.Engine) -> None:
    st.title("Principles and standards")
    rows = eng.sparql.query("""
        SELECT ?pn ?ptitle ?sn ?text WHERE {
          ?p a skg:Principle ; skg:number ?pn ; dcterms:title ?ptitle .
          ?s skg:principle ?p ; skg:number ?sn ; skg:text ?text .
        }""", trusted=True).plain_rows()
    rows.sort(key=lambda r: [int(x) for x in r[2].split(".")])
    current = None
    for pn, ptitle, sn, text in rows:
        if pn != current:
            st.subheader(f"Principle {pn}: {ptitle}")
            current = pn
        st.markdown(f"**{sn}** {text}")


def page_about(eng: search.Engine) -> None:
    st.title("About")
    m = eng.manifest
    st.write(f"{m['passages']} passages, {m['triples']} triples, ontology {m['ontology_version']}.")
    st.table([{"document": d["title"], "passages": d["passages"]} for d in m["documents"]])
    st.table([{"class": f"skg:{k}", "count": v} for k, v in m["classes"].items()])


PAGES = {"Ask": page_ask, "Browse": page_browse, "SPARQL": page_sparql, "About": page_about}
choice = st.sidebar.radio("Page", list(PAGES), key="page")
PAGES[choice](engine())
