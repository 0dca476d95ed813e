"""JSON Schemas (draft 2020-12) of an activity's front matter, portfolio.yaml and requirements.yaml.

For editors: a YAML language server that reads them autocompletes the fields and marks mistakes while you
type. `portfolio check` stays the authority — it also checks what a schema cannot say (that a certificate
file exists, the NPI check digit, an end date after the start date); on everything a schema can say, the two
agree (tests/test_schema.py runs every bad-input case through both). The field lists come from the loader's
own, so a field the loader learns is a field the schema knows.

The same schemas ship as files in the package (``portfolio/schemas/*.schema.json``), and ``portfolio init``
copies them into the record's ``.schema/`` folder, where the ``# yaml-language-server: $schema=`` line of each
file it and ``portfolio new`` write points.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from portfolio import model

DRAFT = "https://json-schema.org/draft/2020-12/schema"
NAMES = ("activity", "portfolio", "requirements")
SHIPPED = Path(__file__).parent / "schemas"
RECORD_FOLDER = ".schema"  # in the record's root, beside content/

DATE = {
    "type": "string",
    "format": "date",
    "pattern": r"^\d{4}-\d{2}-\d{2}$",
    "description": "YYYY-MM-DD",
}
TEXT = {"type": ["string", "number"], "minLength": 1, "pattern": r"\S"}
AMOUNT = {
    "type": "number",
    "exclusiveMinimum": 0,
    "maximum": 1000,
    "multipleOf": 0.01,
    "description": "a number > 0 with at most two decimals, like 1.0 or 0.25",
}
TEXT_LIST = {
    "oneOf": [TEXT, {"type": "array", "items": TEXT, "uniqueItems": True}],
}
CERTIFICATE_PATH = {
    "type": "string",
    "description": "a PDF, PNG or JPEG file, relative to content/ (certificates/2026/…pdf)",
    # relative (no '/', '\\' or 'C:' in front), never '..', and one of the certificate suffixes
    "pattern": r"^(?![/\\])(?![A-Za-z]:)(?!(.*[/\\])?\.\.([/\\]|$)).*\.([Pp][Dd][Ff]|[Pp][Nn][Gg]|[Jj][Pp][Ee]?[Gg])\s*$",
}


def _described(schema: dict[str, Any], text: str) -> dict[str, Any]:
    return {**schema, "description": text}


def activity() -> dict[str, Any]:
    credit_entry = {
        "type": "object",
        "properties": {"type": TEXT, "amount": AMOUNT},
        "required": ["type", "amount"],
        "additionalProperties": False,
    }
    topic = {
        "oneOf": [
            TEXT,
            {
                "type": "object",
                "properties": {"topic": TEXT, "credits": AMOUNT},
                "required": ["topic", "credits"],
                "additionalProperties": False,
            },
        ]
    }
    properties = {
        "title": _described(TEXT, "the activity's title as on the certificate"),
        "date": _described(DATE, "YYYY-MM-DD: the day attended (first day if several)"),
        "end_date": _described(DATE, "YYYY-MM-DD: last day of a multi-day activity"),
        "provider": _described(TEXT, "the organization that certified the credit"),
        "accreditor": _described(TEXT, "ACCME, AOA, a state society …"),
        "format": {"enum": list(model.FORMATS)},
        "credit_type": _described(TEXT, "AMA PRA Category 1, AOA Category 1-A, ABIM MOC points …"),
        "credits": {
            "description": "a number, or a list of {type, amount} for several credit types",
            "oneOf": [AMOUNT, {"type": "array", "items": credit_entry, "minItems": 1}],
        },
        "topics": {"oneOf": [TEXT, {"type": "array", "items": topic}]},
        "certificate": {
            "oneOf": [
                CERTIFICATE_PATH,
                {"type": "array", "items": CERTIFICATE_PATH, "uniqueItems": True},
            ]
        },
        "status": {"enum": list(model.STATUSES)},
        "claim_by": _described(DATE, "with status pending: the last day to complete the claim"),
        "location": TEXT,
        "url": {"type": "string", "pattern": r"^\s*[Hh][Tt][Tt][Pp][Ss]?://\S+\s*$"},
        "notes_private": {"type": "boolean"},
    }
    return {
        "$schema": DRAFT,
        "$id": "https://portfolio.invalid/schemas/activity.schema.json",
        "title": "portfolio: an activity's front matter",
        "type": "object",
        "properties": properties,
        "required": ["title", "date", "provider"],
        "additionalProperties": False,
        "allOf": [
            {  # credits are required unless the activity is educational
                "if": {"properties": {"status": {"const": "educational"}}, "required": ["status"]},
                "else": {"required": ["credits"]},
            },
            {
                "if": {"properties": {"status": {"const": "pending"}}, "required": ["status"]},
                "then": {"required": ["claim_by"]},
            },
            {  # a list of credits names each type itself
                "if": {"properties": {"credits": {"type": "array"}}, "required": ["credits"]},
                "then": {"not": {"required": ["credit_type"]}},
            },
        ],
    }


def portfolio() -> dict[str, Any]:
    license_ = {
        "type": "object",
        "properties": {
            "state": TEXT,
            "number": TEXT,
            "expires": DATE,
            "issued": DATE,
            "cycle_months": {"type": "integer", "minimum": 1, "maximum": 1200},
        },
        "required": ["state", "number"],
        "additionalProperties": False,
    }
    board = {
        "type": "object",
        "properties": {"board": TEXT, "specialty": TEXT, "expires": DATE},
        "required": ["board"],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "$id": "https://portfolio.invalid/schemas/portfolio.schema.json",
        "title": "portfolio: portfolio.yaml (who you are, site settings)",
        "type": "object",
        "properties": {
            "name": TEXT,
            "credentials": TEXT_LIST,
            "specialty": TEXT,
            "npi": {
                "type": ["string", "integer"],
                "pattern": r"^\s*\d{10}\s*$",
                "description": 'the 10-digit NPI in quotes, like "1234567893"',
            },
            "licenses": {"type": ["array", "null"], "items": license_},
            "board_certifications": {"type": ["array", "null"], "items": board},
            "default_credit_type": TEXT,
            "site": {
                "type": "object",
                "properties": {
                    "title": TEXT,
                    "theme": TEXT,
                    "base_url": {"type": "string"},
                    "date_format": {
                        "enum": ["medium", "iso"],
                        "description": "medium: Sep 10, 2025 (default); iso: 2025-09-10",
                    },
                    "show_contact": {
                        "type": "boolean",
                        "description": "contact details on the site too (always on the PDF)",
                    },
                },
                "additionalProperties": False,
            },
            "dea": {
                "type": "object",
                "properties": {"number": TEXT, "expires": DATE},
                "required": ["number"],
                "additionalProperties": False,
            },
            "practice": TEXT_LIST,
            # Contact for a committee (records/profile.py checks the same shapes; a phone's digit count
            # is left to `portfolio check`).
            "email": {
                "type": "string",
                "pattern": r"^\s*[^@\s,;<>]+@[^@\s,;<>]+\.[A-Za-z]{2,}\s*$",
                "description": "an e-mail address like name@example.org",
            },
            "phone": {
                "type": ["string", "integer"],
                "pattern": r"^\s*\+?[0-9 ()./-]+( *([xX]|[eE][xX][tT]\.?) *[0-9]+)?\s*$",
                "description": "a telephone number, like +1 555 010 0199",
            },
            "address": TEXT,
            "institution": TEXT,
        },
        "required": ["name"],
        "additionalProperties": False,
    }


def requirements() -> dict[str, Any]:
    types = {
        "description": "a list of credit types, or any",
        "anyOf": [{"const": "any"}, TEXT_LIST],
    }
    applies_if = TEXT_LIST
    effective = _described(DATE, "the day the rule took effect, YYYY-MM-DD")
    window = {
        "description": "{start, end}, {months: N}, lifetime, or {license: XX[, cycles: N | first_months: M]}",
        "oneOf": [
            {"const": "lifetime"},
            {
                "type": "object",
                "properties": {"start": DATE, "end": DATE},
                "required": ["start", "end"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {"months": {"type": "integer", "minimum": 1, "maximum": 1200}},
                "required": ["months"],
                "additionalProperties": False,
            },
            {
                "type": "object",
                "properties": {
                    "license": {"type": "string", "pattern": r"^\s*[A-Za-z]{2}\s*$"},
                    "cycles": {"type": "integer", "minimum": 1, "maximum": 20},
                    "first_months": {"type": "integer", "minimum": 1, "maximum": 1200},
                },
                "required": ["license"],
                "not": {"required": ["cycles", "first_months"]},
                "additionalProperties": False,
            },
        ],
    }
    minimum = {
        "type": "object",
        "properties": {
            "topic": TEXT,
            "topics": TEXT_LIST,
            "credit_types": TEXT_LIST,
            "credits": AMOUNT,
            "activities": {"type": "integer", "minimum": 1, "maximum": 1000},
            "exclude_topics": TEXT_LIST,
            "applies_if": applies_if,
            "effective": effective,
        },
        "anyOf": [{"required": ["credits"]}, {"required": ["activities"]}],
        "additionalProperties": False,
    }
    cap = {
        "type": "object",
        "properties": {
            "topic": TEXT,
            "max_share": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
            "max_credits": AMOUNT,
        },
        "required": ["topic"],
        "anyOf": [{"required": ["max_share"]}, {"required": ["max_credits"]}],
        "additionalProperties": False,
    }
    requirement = {
        "type": "object",
        "properties": {
            "name": TEXT,
            "authority": TEXT,
            "credits": AMOUNT,
            "credit_types": types,
            "window": window,
            "minimums": {"type": "array", "items": minimum},
            "caps": {"type": "array", "items": cap},
            "notes": TEXT,
            "source": TEXT,
            "topics": TEXT_LIST,
            "activities": {"type": "integer", "minimum": 1, "maximum": 1000},
            "applies_if": applies_if,
            "effective": effective,
            "carry_over": {
                "type": "object",
                "properties": {"max_credits": AMOUNT},
                "required": ["max_credits"],
                "additionalProperties": False,
            },
        },
        "required": ["name", "window", "credit_types"],  # SPEC §1.4: credit_types is required
        "anyOf": [{"required": ["credits"]}, {"required": ["activities"]}],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "$id": "https://portfolio.invalid/schemas/requirements.schema.json",
        "title": "portfolio: requirements.yaml (what you owe)",
        "type": ["object", "null"],
        "properties": {"requirements": {"type": ["array", "null"], "items": requirement}},
        "required": ["requirements"],
        "additionalProperties": False,
    }


def schemas() -> dict[str, dict[str, Any]]:
    """Each schema by name: ``activity``, ``portfolio``, ``requirements``."""
    return {"activity": activity(), "portfolio": portfolio(), "requirements": requirements()}


def to_text(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def modeline(name: str, depth: int) -> str:
    """The ``# yaml-language-server`` line for a file ``depth`` folders below the record's root."""
    return f"# yaml-language-server: $schema={'../' * depth}{RECORD_FOLDER}/{name}.schema.json"


def bundle() -> dict[str, Any]:
    """All three schemas in one document (what `portfolio schema` prints without a name)."""
    return {
        "$schema": DRAFT,
        "$id": "https://portfolio.invalid/schemas/portfolio-record.schema.json",
        "title": "portfolio: the files of a CME record",
        "$defs": schemas(),
    }


def write_shipped() -> None:
    """Regenerate portfolio/schemas/*.schema.json (run after changing this module)."""
    SHIPPED.mkdir(exist_ok=True)
    for name, schema in schemas().items():
        (SHIPPED / f"{name}.schema.json").write_text(
            to_text(schema), encoding="utf-8", newline="\n"
        )


if __name__ == "__main__":
    write_shipped()
