"""The JSON Schemas agree with `portfolio check`: the demo record passes both, every bad input fails both."""

from __future__ import annotations

import json
import math
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema.protocols
import jsonschema.validators
import pytest
from builder import RecordBuilder
from test_bad_input import CASES

from portfolio import cli, schema
from portfolio.errors import RecordError
from portfolio.records.activity import ACTIVITY_KEYS
from portfolio.records.profile import LICENSE_KEYS, PROFILE_KEYS
from portfolio.records.requirements_file import MINIMUM_KEYS, REQUIREMENT_KEYS, WINDOW_KEYS
from portfolio.source import load_yaml, read_text, split_front_matter

# Mistakes a schema cannot see: they need the disk, arithmetic, or two fields compared. `check` reports them.
CHECK_ONLY = {
    "end-before-start": "compares two dates",
    "certificate-missing": "needs the disk",
    "profile-bad-npi": "the NPI check digit is arithmetic",
    "requirements-inverted-window": "compares two dates",
}


def _multiple_of(validator, multiple, instance, _schema):  # noqa: ANN001, ANN202
    """multipleOf on exact numbers (the loader's Decimals): 0.29 is a multiple of 0.01, NaN of nothing."""
    if not validator.is_type(instance, "number"):
        return
    if (
        not math.isfinite(instance)
        or (Fraction(str(instance)) / Fraction(str(multiple))).denominator != 1
    ):
        yield jsonschema.ValidationError(f"{instance} is not a multiple of {multiple}")


ExactValidator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator, {"multipleOf": _multiple_of}
)


def _validator(name: str) -> jsonschema.protocols.Validator:
    text = (schema.SHIPPED / f"{name}.schema.json").read_text("utf-8")
    return ExactValidator(
        json.loads(text, parse_float=Decimal), format_checker=jsonschema.FormatChecker()
    )


def _kind(rel: str) -> str:
    if rel.endswith(".md"):
        return "activity"
    return "portfolio" if rel.endswith("portfolio.yaml") else "requirements"


def _data(path: Path, rel: str) -> Any:
    """A file as `check` reads it (RecordError when it is not even YAML); .nan and .inf as an editor sees them."""
    text = read_text(path, rel)
    data = split_front_matter(text, rel).meta if rel.endswith(".md") else load_yaml(text, rel)
    return _plain(data)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal) and not value.is_finite():
        return float(value)
    return value


def _schema_errors(path: Path, rel: str) -> list[str]:
    return [e.message for e in _validator(_kind(rel)).iter_errors(_data(path, rel))]


def test_shipped_files_are_the_schemas_and_draft_2020_12():
    for name, built in schema.schemas().items():
        shipped = (schema.SHIPPED / f"{name}.schema.json").read_text("utf-8")
        assert shipped == schema.to_text(built), "run: python -m portfolio.schema"
        jsonschema.Draft202012Validator.check_schema(built)
        assert built["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_knows_exactly_the_fields_the_loader_accepts():
    def keys(node: dict) -> set[str]:
        return set(node["properties"])

    profile = schema.portfolio()["properties"]
    requirement = schema.requirements()["properties"]["requirements"]["items"]
    windows = requirement["properties"]["window"]["oneOf"][1:]
    assert keys(schema.activity()) == set(ACTIVITY_KEYS)
    assert keys(schema.portfolio()) == set(PROFILE_KEYS)
    assert keys(profile["licenses"]["items"]) == set(LICENSE_KEYS)
    assert keys(requirement) == set(REQUIREMENT_KEYS)
    assert keys(requirement["properties"]["minimums"]["items"]) == set(MINIMUM_KEYS)
    assert set().union(*(keys(w) for w in windows)) == set(WINDOW_KEYS)


def test_every_file_of_the_demo_record_is_valid(repo: Path):
    files = sorted((repo / "content/activities").rglob("*.md"))
    files += [repo / "content/portfolio.yaml", repo / "content/requirements.yaml"]
    assert len(files) > 20
    for path in files:
        rel = path.relative_to(repo).as_posix()
        assert _schema_errors(path, rel) == [], rel


def test_init_and_new_files_are_valid_and_point_at_the_schemas(tmp_path: Path):
    assert cli.main(["init", str(tmp_path / "r")]) == 0
    root = tmp_path / "r"
    code = cli.main(
        [
            "--root",
            str(root),
            "new",
            "Sepsis",
            "--date",
            "2026-03-14",
            "--provider",
            "H",
            "--credits",
            "1.25",
        ]
    )
    assert code == 0
    files = [*root.joinpath("content").rglob("*.md"), *root.joinpath("content").glob("*.yaml")]
    assert len(files) == 4
    for path in files:
        rel = path.relative_to(root).as_posix()
        assert _schema_errors(path, rel) == [], rel
        line = next(
            ln for ln in path.read_text("utf-8").splitlines() if "yaml-language-server" in ln
        )
        target = (path.parent / line.split("$schema=")[1]).resolve()
        assert target == (root / ".schema" / f"{_kind(rel)}.schema.json").resolve()
        assert json.loads(target.read_text("utf-8")) == schema.schemas()[_kind(rel)]


@pytest.mark.parametrize(
    ("file", "text", "path", "line", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_every_bad_input_fails_the_schema_too(
    rec: RecordBuilder, request, file, text, path, line, message
):
    case = request.node.callspec.id
    rec.certificate("c.docx", b"not a certificate")
    written = rec.write(file, text)
    assert rec.run("check").code == 1  # check refuses it (test_bad_input says where and why)
    try:
        errors = _schema_errors(written, file)
    except RecordError:
        return  # not even YAML: an editor marks the syntax before any schema applies
    if case in CHECK_ONLY:
        assert errors == [], f"the schema now sees {case}: remove it from CHECK_ONLY"
    else:
        assert errors, f"the schema accepts {case}, which check refuses"


def test_schema_command_prints_json(capsys):
    assert cli.main(["schema"]) == 0
    bundle = json.loads(capsys.readouterr().out)
    assert set(bundle["$defs"]) == {"activity", "portfolio", "requirements"}
    assert cli.main(["schema", "activity"]) == 0
    assert json.loads(capsys.readouterr().out) == schema.activity()
