"""The app's Assess page: widgets only; reading, judging, checklists and reports come
from compare/. Upload a national document (or start an empty checklist, or continue a
saved one), see coverage per principle, open any standard beside the document's
matching passages, correct its judgement with a note, and download the checklist
(JSON, to upload again later) and the gap report (Markdown, CSV, PDF)."""
from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from compare.checklist import carry_over, checklist_bytes, empty_report, load_checklist
from compare.read import SUPPORTED, format_of, read_bytes
from compare.report import ALL_STATUSES, STATUS_LABELS, Report, to_csv, to_markdown, to_pdf
from compare.settings import CompareSettings
from compare.standards import Reference, load_reference
from kg_builder.config import Settings
from kg_builder.errors import StandardsKGError

KEY = "assess_report"
GEN = "assess_generation"      # bumped when another report is loaded, so widgets start afresh
SEEN = "assess_seen_uploads"
COLORS = {"addressed": "#2e7d32", "partly": "#f9a825", "not_found": "#c62828", "not_applicable": "#9e9e9e"}
MIME = {"json": "application/json", "md": "text/markdown", "csv": "text/csv", "pdf": "application/pdf"}


@st.cache_resource(show_spinner="Reading the standards from the graph…")
def reference() -> Reference:
    return load_reference(Settings.from_env().build_dir)


def _set_report(report: Report) -> None:
    st.session_state[KEY] = report
    st.session_state[GEN] = st.session_state.get(GEN, 0) + 1


def _compare_upload(name: str, data: bytes) -> Report:
    from compare.pipeline import compare_document
    bar = st.progress(0.0, text=f"Reading {name}…")

    def progress(stage, done, total):
        bar.progress(min(done / max(total, 1), 1.0), text=f"{name}: {stage} {done}/{total}")
    cs = CompareSettings()
    document = read_bytes(data, name, format_of(name), cs, progress=progress)
    report = compare_document(document, reference(), cs, progress=progress)
    bar.empty()
    return report


def _inputs() -> None:
    left, right = st.columns([3, 2])
    doc = left.file_uploader(f"A national policy, strategy, law or service protocol ({SUPPORTED})",
                             type=["pdf", "docx", "html", "htm", "md", "markdown", "txt"], key="assess_document")
    saved = right.file_uploader("…or continue a saved checklist (JSON)", type=["json"], key="assess_checklist")
    if right.button("Start an empty checklist", key="assess_empty"):
        _set_report(empty_report(reference()))
    seen = st.session_state.setdefault(SEEN, set())
    try:
        if doc is not None:
            data = doc.getvalue()
            key = ("doc", hashlib.sha256(data).hexdigest())
            if key not in seen:
                seen.add(key)
                _set_report(_compare_upload(doc.name, data))
        if saved is not None:
            data = saved.getvalue()
            key = ("checklist", hashlib.sha256(data).hexdigest())
            if key not in seen:
                seen.add(key)
                loaded = load_checklist(data, saved.name, reference())
                current = st.session_state.get(KEY)
                same = current is not None and current.document.sha256 and \
                    current.document.sha256 == loaded.document.sha256
                _set_report(carry_over(current, loaded) if same else loaded)
    except StandardsKGError as exc:
        st.error(str(exc))


def _chart(report: Report) -> None:
    """Coverage per principle at a glance: one stacked bar per principle, statuses in
    their order and in traffic-light colours."""
    import altair as alt
    summary = report.summary()
    rows = []
    for number, p in summary["by_principle"].items():
        for i, status in enumerate(ALL_STATUSES):
            rows.append({"principle": f"{number}. {p['title'][:48]}{'…' if len(p['title']) > 48 else ''}",
                         "status": STATUS_LABELS[status], "order": i, "standards": p[status]})
    chart = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        x=alt.X("sum(standards):Q", title="standards", axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("principle:N", title=None, sort=None, axis=alt.Axis(labelLimit=360)),
        color=alt.Color("status:N", title="status", sort=[STATUS_LABELS[s] for s in ALL_STATUSES],
                        scale=alt.Scale(domain=[STATUS_LABELS[s] for s in ALL_STATUSES],
                                        range=[COLORS[s] for s in ALL_STATUSES])),
        order=alt.Order("order:Q"),
        tooltip=["principle", "status", "standards"]).properties(height=240)
    st.altair_chart(chart)


def _overview(report: Report) -> None:
    table = pd.DataFrame([{"standard": r.judgement.standard.number,
                           "principle": r.judgement.standard.principle,
                           "status": STATUS_LABELS[r.status] + (" ✎" if r.by_hand else ""),
                           "score": round(r.judgement.score, 3),
                           "where in the document": (r.judgement.evidence[0].location if r.judgement.evidence else ""),
                           "may go against it": ", ".join(dict.fromkeys(a.location for a in r.judgement.against)),
                           "note": r.note} for r in report.rows])
    st.dataframe(table, hide_index=True, height=300)


def _review(report: Report) -> None:
    gen = st.session_state.get(GEN, 0)
    numbers = [r.judgement.standard.number for r in report.rows]
    # The choices show the standard, not its status: a label that changed with each
    # correction would not be redrawn by the browser's select box.
    labels = {r.judgement.standard.number: f"{r.judgement.standard.number} · {_short(r.judgement.standard.text)}"
              for r in report.rows}
    first_gap = next((i for i, r in enumerate(report.rows) if r.status != "addressed"), 0)
    number = st.selectbox("Open a standard", numbers, index=first_gap, format_func=labels.get,
                          key=f"assess-{gen}-pick")
    row = next(r for r in report.rows if r.judgement.standard.number == number)
    j = row.judgement
    st.markdown(f"Status: **{STATUS_LABELS[row.status]}{' (by hand)' if row.by_hand else ''}**"
                + (f" — {row.note}" if row.note else ""))
    left, right = st.columns(2)
    with left:
        st.markdown(f"**Standard {number}** · Principle {j.standard.principle}: {report.principles[j.standard.principle]}")
        st.info(j.standard.text)
        st.caption(f"Tool: {STATUS_LABELS[j.status]}, score {j.score:.3f}"
                   + (f", {j.clauses_met}/{j.clauses} clauses met" if j.clauses else ""))
        if row.recommendations:
            st.markdown("Recommendations that would help close a gap:")
            for x in row.recommendations:
                st.markdown(f"- {x.text}  \n  <small>{x.citation}</small>", unsafe_allow_html=True)
    with right:
        for a in j.against:   # a passage that speaks of the standard because it goes against it
            st.warning(f"{a.location} may go against this standard ({a.practice}: “{a.words}”): {a.text}")
        st.markdown("**Matching passages of the document**")
        if not j.evidence:
            st.caption("No passage of the document comes close to this standard.")
        for e in j.evidence:
            st.markdown(f"<div class='skg-card'><small>{e.location} · score {e.similarity:.3f}</small><br>"
                        f"{_escape(e.text)}</div>", unsafe_allow_html=True)
    with st.form(key=f"assess-{gen}-form-{number}"):
        status = st.radio("Your judgement", ALL_STATUSES, index=ALL_STATUSES.index(row.status),
                          format_func=STATUS_LABELS.get, horizontal=True, key=f"assess-{gen}-status-{number}")
        note = st.text_input("Note", value=row.note, key=f"assess-{gen}-note-{number}",
                             placeholder="why, and where in the document")
        if st.form_submit_button("Save judgement"):
            st.session_state[KEY] = report.with_status(number, status, note)
            st.rerun()


def _short(text: str, n: int = 90) -> str:
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _escape(text: str) -> str:
    import html
    return html.escape(text).replace("\n", "<br>")


def _downloads(report: Report) -> None:
    stem = (report.document.file.rsplit(".", 1)[0] or "checklist")
    c = st.columns(4)
    c[0].download_button("Checklist (JSON)", lambda: checklist_bytes(report), file_name=f"{stem}-checklist.json",
                         mime=MIME["json"], key="assess-dl-json", on_click="ignore")
    c[1].download_button("Gap report (Markdown)", lambda: to_markdown(report).encode("utf-8"),
                         file_name=f"{stem}-gap-report.md", mime=MIME["md"], key="assess-dl-md", on_click="ignore")
    c[2].download_button("Gap report (CSV)", lambda: to_csv(report).encode("utf-8"),
                         file_name=f"{stem}-gap-report.csv", mime=MIME["csv"], key="assess-dl-csv", on_click="ignore")
    c[3].download_button("Gap report (PDF)", lambda: to_pdf(report), file_name=f"{stem}-gap-report.pdf",
                         mime=MIME["pdf"], key="assess-dl-pdf", on_click="ignore")


def page(eng=None) -> None:
    st.title("Assess a document against the Standards")
    st.caption("Bring a national policy, strategy, law or service protocol: see which of the 59 standards it "
               "addresses, check each judgement against the document's own passages, and leave with a "
               "self-assessment checklist and a gap report. Nothing leaves this machine.")
    try:
        reference()
    except StandardsKGError as exc:
        st.error(str(exc))
        return
    _inputs()
    report: Report | None = st.session_state.get(KEY)
    if report is None:
        return
    s = report.summary()
    st.subheader(report.document.title)
    m = st.columns(4)
    for col, status in zip(m, ALL_STATUSES):
        col.metric(STATUS_LABELS[status], s.get(status, 0))
    _chart(report)
    _downloads(report)
    _review(report)
    with st.expander("All 59 standards"):
        _overview(report)
