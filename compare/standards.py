"""The 59 standards, their principles, and the WHO and service recommendations, read from
the built graph through SPARQL (never by parsing the corpus again)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.errors import ArtifactsMissingError

STANDARDS_QUERY = """
SELECT ?s ?number ?text ?p ?pnumber ?ptitle WHERE {
  ?s a skg:Standard ; skg:number ?number ; skg:text ?text ; skg:principle ?p .
  ?p skg:number ?pnumber ; dcterms:title ?ptitle .
}"""

# WHO recommendations (strength, source) and the chapter 3-5 service recommendations,
# with where they are, so a gap report can cite them.
RECOMMENDATIONS_QUERY = """
SELECT ?r ?kind ?text ?number ?secnumber ?sectitle ?doctitle ?strength ?source ?audience WHERE {
  VALUES ?kind { skg:WHORecommendation skg:ServiceRecommendation }
  ?r a ?kind ; skg:text ?text ; skg:document ?d .
  ?d dcterms:title ?doctitle .
  OPTIONAL { ?r skg:number ?number }
  OPTIONAL { ?r skg:section ?sec . ?sec skg:number ?secnumber . OPTIONAL { ?sec dcterms:title ?sectitle } }
  OPTIONAL { ?r skg:strength/rdfs:label ?strength }
  OPTIONAL { ?r skg:source ?source }
  OPTIONAL { ?r skg:audience ?audience }
}"""


@dataclass(frozen=True)
class Standard:
    iri: str
    number: str             # "1.6"
    principle: str          # "1"
    principle_title: str
    text: str

    @property
    def sort_key(self) -> tuple[int, int]:
        a, b = self.number.split(".")
        return int(a), int(b)


@dataclass(frozen=True)
class Recommendation:
    iri: str
    kind: str               # "WHO recommendation" | "Service recommendation"
    text: str
    number: str
    section: str            # "3.4.8.1 Pharmacological Treatment of Opioid Use Disorders"
    document: str
    strength: str = ""
    source: str = ""
    audience: str = ""

    @property
    def citation(self) -> str:
        bits = [self.document, f"§ {self.section}" if self.section else "",
                f"{self.source}" if self.source else "", f"{self.strength} recommendation" if self.strength else ""]
        return ", ".join(b for b in bits if b)


@dataclass(frozen=True)
class Reference:
    standards: tuple[Standard, ...]
    recommendations: tuple[Recommendation, ...]
    principles: dict              # number -> title


def _value(term) -> str:
    return "" if term is None else term.value


def load_reference(build_dir: Path) -> Reference:
    """The standards and recommendations of the graph in build_dir/kg.nt."""
    return _load(Path(build_dir).resolve())


@lru_cache(maxsize=2)
def _load(build_dir: Path) -> Reference:
    from search.sparql import SparqlExecutor
    kg = build_dir / "kg.nt"
    if not kg.is_file():
        raise ArtifactsMissingError(f"{kg} is missing: run `standards-kg build` first "
                                    "(compare reads the standards from the graph)")
    ex = SparqlExecutor.from_ntriples(kg)
    standards = [Standard(_value(r[0]), _value(r[1]), _value(r[4]), _value(r[5]), _value(r[2]))
                 for r in ex.query(STANDARDS_QUERY, trusted=True).rows]
    standards.sort(key=lambda s: s.sort_key)
    recs = []
    for r in ex.query(RECOMMENDATIONS_QUERY, trusted=True).rows:
        kind = "WHO recommendation" if _value(r[1]).endswith("WHORecommendation") else "Service recommendation"
        section = " ".join(x for x in (_value(r[4]), _value(r[5])) if x)
        recs.append(Recommendation(_value(r[0]), kind, _value(r[2]), _value(r[3]), section, _value(r[6]),
                                   _value(r[7]), _value(r[8]), _value(r[9])))
    recs.sort(key=lambda x: x.iri)
    principles = {s.principle: s.principle_title for s in standards}
    if len(standards) < 50:
        raise ArtifactsMissingError(f"{kg} holds {len(standards)} standards, not the 59 of the Standards: "
                                    "run `standards-kg build` again")
    return Reference(tuple(standards), tuple(recs), dict(sorted(principles.items(), key=lambda kv: int(kv[0]))))
