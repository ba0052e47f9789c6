"""The self-assessment checklist: the report's JSON plus each hand correction, saved to a
file and loaded again to carry on later. It is self-contained (evidence included), so
it can be reopened without the document."""
from __future__ import annotations

import json

from .errors import ChecklistError
from .judge import Evidence, Judgement, Thresholds
from .practices import Against
from .read import DocumentText
from .report import ALL_STATUSES, Report, Row
from .settings import CompareSettings
from .standards import Reference

FORMAT = "standards-kg self-assessment checklist"
VERSION = 1
NO_DOCUMENT = DocumentText(title="(no document: checklist filled by hand)", file="", sha256="", format="none",
                           pages=None, passages=())


def to_checklist(report: Report) -> dict:
    return {"format": FORMAT, "version": VERSION, **report.to_json()}


def checklist_bytes(report: Report) -> bytes:
    return (json.dumps(to_checklist(report), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def empty_report(reference: Reference, settings: CompareSettings = CompareSettings()) -> Report:
    """All 59 standards, none judged yet (shown as not found), no document."""
    rows = tuple(Row(Judgement(s, "not_found", 0.0, 0, 0, ()), "not_found") for s in reference.standards)
    return Report(NO_DOCUMENT, rows, reference.principles, settings)


def load_checklist(data: bytes, name: str, reference: Reference) -> Report:
    """A saved checklist back into a report; one-line errors for anything else."""
    try:
        obj = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChecklistError(f"{name}: not a checklist (not JSON: {exc}); upload a file saved by the Assess "
                             "page or `standards-kg compare --format json`") from None
    if not isinstance(obj, dict) or not isinstance(obj.get("standards"), list) or "document" not in obj:
        raise ChecklistError(f"{name}: not a checklist (no 'document' and 'standards'); upload a file saved "
                             "by the Assess page or `standards-kg compare --format json`")
    if obj.get("version", VERSION) > VERSION:
        raise ChecklistError(f"{name}: checklist version {obj['version']} is newer than this tool reads "
                             f"({VERSION}); update standards-kg")
    by_number = {s.number: s for s in reference.standards}
    saved = {}
    for i, item in enumerate(obj["standards"], start=1):
        if not isinstance(item, dict) or item.get("number") not in by_number:
            raise ChecklistError(f"{name}: item {i} names no standard of the 59 "
                                 f"({item.get('number') if isinstance(item, dict) else item!r}); "
                                 "was the file edited by hand?")
        status = item.get("status")
        if status not in ALL_STATUSES:
            raise ChecklistError(f"{name}: standard {item['number']} has status {status!r}; use one of "
                                 f"{', '.join(ALL_STATUSES)}")
        saved[item["number"]] = item
    rows = []
    for s in reference.standards:
        item = saved.get(s.number)
        if item is None:     # an older checklist that lacks a standard: it is simply not judged yet
            rows.append(Row(Judgement(s, "not_found", 0.0, 0, 0, ()), "not_found"))
            continue
        auto = item.get("auto_status") if item.get("auto_status") in ALL_STATUSES else "not_found"
        evidence = tuple(Evidence(str(e.get("text", "")), str(e.get("location", "")), float(e.get("similarity", 0)),
                                  int(e.get("passage", 0))) for e in item.get("evidence") or [] if isinstance(e, dict))
        against = tuple(Against(str(a.get("practice", "")), str(a.get("words", "")), str(a.get("text", "")),
                                str(a.get("location", "")), int(a.get("passage", 0)))
                        for a in item.get("goes_against") or [] if isinstance(a, dict))
        j = Judgement(s, auto, float(item.get("score") or 0.0), int(item.get("clauses_met") or 0),
                      int(item.get("clauses") or 0), evidence, against)
        rows.append(Row(j, item["status"], str(item.get("note") or ""), bool(item.get("by_hand")) or item["status"] != auto))
    d = obj.get("document") or {}
    document = DocumentText(title=str(d.get("title") or NO_DOCUMENT.title), file=str(d.get("file") or ""),
                            sha256=str(d.get("sha256") or ""), format=str(d.get("format") or "none"),
                            pages=d.get("pages"), passages=(), passage_count=int(d.get("passages") or 0))
    known = set(CompareSettings.__dataclass_fields__)
    method = {k: v for k, v in (obj.get("method") or {}).items() if k in known}
    try:
        cs = CompareSettings(**method)
    except TypeError:
        cs = CompareSettings()
    created = str((obj.get("method") or {}).get("created") or "")
    # the document's own thresholds, kept so that a checklist saved again still says them
    th = (obj.get("method") or {}).get("document_thresholds")
    try:
        thresholds = Thresholds(float(th["scale"]), float(th["addressed"]), float(th["partly"]))
    except (TypeError, KeyError, ValueError):
        thresholds = None
    report = Report(document, tuple(rows), reference.principles, cs, created, thresholds=thresholds) if created else \
        Report(document, tuple(rows), reference.principles, cs, thresholds=thresholds)
    return report


def carry_over(new: Report, saved: Report) -> Report:
    """Hand corrections of a saved checklist applied to a fresh comparison of the same
    document (so re-running the tool keeps a person's work)."""
    if saved.document.sha256 and new.document.sha256 and saved.document.sha256 != new.document.sha256:
        raise ChecklistError(f"the checklist is for {saved.document.file or 'another document'} "
                             f"(SHA-256 {saved.document.sha256[:12]}…), not {new.document.file}; "
                             "upload the matching document or start a new checklist")
    out = new
    for r in saved.rows:
        if r.by_hand:
            out = out.with_status(r.judgement.standard.number, r.status, r.note)
    return out
