"""A comparison as a named graph: the document, its passages with provenance, and one
skg:Assessment per standard (status, score, supporting passages, passages that may go
against it), plus a direct skg:addresses link to each standard the document at least
partly addresses. Each
document is its own graph in its own N-Quads file, so several countries' documents
sit side by side and one can be replaced without touching the others (or build/).

    SELECT ?doc ?number ?status WHERE {
      GRAPH ?g { ?d a skg:AssessedDocument ; dcterms:title ?doc ; skg:assessment ?a .
                 ?a skg:assessedStandard/skg:number ?number ; skg:status ?status } }
"""
from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

from kg_builder.config import ID_NS, ONTOLOGY_NS

from .errors import CompareError
from .report import Report

GRAPH_NS = "https://w3id.org/standards-kg/assessment/"


def document_key(report: Report) -> str:
    """A stable short key: the same file always lands in the same graph."""
    return report.document.sha256[:16]


def graph_iri(report: Report) -> str:
    return GRAPH_NS + document_key(report)


def assessment_graph(report: Report):
    """The rdflib Graph of a report (identifier: its named-graph IRI)."""
    from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, PROV
    if not report.document.sha256:
        raise CompareError("a checklist without a document cannot go into the graph: compare the document "
                           "itself with --into-graph")
    skg = Namespace(ONTOLOGY_NS)
    key = document_key(report)
    base = f"{ID_NS}assessed/{key}"
    doc = URIRef(base)
    g = Graph(identifier=URIRef(graph_iri(report)))
    d = report.document
    g.add((doc, RDF.type, skg.AssessedDocument))
    g.add((doc, RDFS.label, Literal(d.title)))
    g.add((doc, DCTERMS.title, Literal(d.title)))
    g.add((doc, DCTERMS.identifier, Literal(key)))
    g.add((doc, skg.fileName, Literal(d.file)))
    g.add((doc, skg.sha256, Literal(d.sha256)))
    g.add((doc, DCTERMS.created, Literal(report.created, datatype=XSD.dateTime)))
    for p in d.passages:
        pi = URIRef(f"{base}/passage/{p.order}")
        g.add((pi, RDF.type, skg.DocumentPassage))
        g.add((pi, RDFS.label, Literal(f"{d.file} ¶{p.order}")))
        g.add((pi, skg.text, Literal(p.text)))
        g.add((pi, skg.order, Literal(p.order, datatype=XSD.integer)))
        g.add((pi, skg.document, doc))
        g.add((pi, PROV.wasDerivedFrom, doc))
        if p.heading:
            g.add((pi, skg.heading, Literal(p.heading)))
        if p.page is not None:
            g.add((pi, skg.page, Literal(p.page, datatype=XSD.integer)))
    for r in report.rows:
        s = r.judgement.standard
        si = URIRef(s.iri)
        ai = URIRef(f"{base}/assessment/{s.number}")
        g.add((doc, skg.assessment, ai))
        g.add((ai, RDF.type, skg.Assessment))
        g.add((ai, RDFS.label, Literal(f"Standard {s.number} in {d.title}")))
        g.add((ai, skg.assessedStandard, si))
        g.add((ai, skg.status, Literal(r.status)))
        g.add((ai, skg.score, Literal(Decimal(f"{r.judgement.score:.4f}"))))
        g.add((ai, skg.byHand, Literal(r.by_hand)))
        if r.note:
            g.add((ai, RDFS.comment, Literal(r.note)))
        for e in r.judgement.evidence:
            g.add((ai, skg.supportingPassage, URIRef(f"{base}/passage/{e.order}")))
        for a in r.judgement.against:
            g.add((ai, skg.goesAgainstIn, URIRef(f"{base}/passage/{a.order}")))
        if r.status in ("addressed", "partly"):
            g.add((doc, skg.addresses, si))
    return g


def write_graph(report: Report, graph_dir: Path) -> Path:
    """Write the report's named graph to graph_dir/<key>.nq, atomically (temp file,
    then rename); returns the path."""
    g = assessment_graph(report)
    graph_dir = Path(graph_dir)
    try:
        graph_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CompareError(f"{graph_dir}: cannot create the folder for named graphs ({exc.strerror}); "
                           "choose another with --graph-dir") from None
    target = graph_dir / f"{document_key(report)}.nq"
    ctx = f"<{g.identifier}>"
    lines = []
    for line in g.serialize(format="nt").splitlines():
        line = line.strip()
        if line.endswith(" ."):
            lines.append(f"{line[:-2]} {ctx} .")
    fd, tmp = tempfile.mkstemp(dir=graph_dir, prefix=".tmp-", suffix=".nq")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(sorted(lines)) + "\n")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
