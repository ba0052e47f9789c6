"""Settings: defaults that work offline, then a config file, then the environment,
then command-line options."""
from __future__ import annotations

import pytest

from kg_builder.config import GRAPH_IRI, Settings
from kg_builder.errors import StandardsKGError


def test_config_file_then_environment_then_options(tmp_path, monkeypatch):
    cfg = tmp_path / "standards-kg.toml"
    cfg.write_text('sparql_endpoint = "http://store:8890/sparql"\nbuild_dir = "elsewhere"\nmax_rows = 50\n')
    monkeypatch.setenv("STANDARDS_KG_CONFIG", str(cfg))
    monkeypatch.delenv("STANDARDS_KG_SPARQL_ENDPOINT", raising=False)
    monkeypatch.delenv("STANDARDS_KG_BUILD", raising=False)
    s = Settings.from_env()
    assert (s.sparql_endpoint, str(s.build_dir), s.max_rows, s.sparql_graph) == \
        ("http://store:8890/sparql", "elsewhere", 50, GRAPH_IRI)
    monkeypatch.setenv("STANDARDS_KG_SPARQL_ENDPOINT", "http://env:1/sparql")
    assert Settings.from_env().sparql_endpoint == "http://env:1/sparql"
    assert Settings.from_env(sparql_endpoint="http://cli:2/sparql").sparql_endpoint == "http://cli:2/sparql"


def test_config_file_errors_name_the_file(tmp_path, monkeypatch):
    cfg = tmp_path / "bad.toml"
    cfg.write_text("sparql_endpoit = 'typo'\n")
    monkeypatch.setenv("STANDARDS_KG_CONFIG", str(cfg))
    with pytest.raises(StandardsKGError, match=r"bad\.toml: unknown setting\(s\) sparql_endpoit"):
        Settings.from_env()
    cfg.write_text("this is = = not toml")
    with pytest.raises(StandardsKGError, match=r"bad\.toml: not valid TOML"):
        Settings.from_env()


def test_defaults_need_no_file_and_no_network(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for var in ("STANDARDS_KG_CONFIG", "STANDARDS_KG_SPARQL_ENDPOINT", "STANDARDS_KG_BUILD", "STANDARDS_KG_MODEL"):
        monkeypatch.delenv(var, raising=False)
    s = Settings.from_env()
    assert s.sparql_endpoint is None and s.model == "all-MiniLM-L6-v2" and s.build_dir.name == "build"
