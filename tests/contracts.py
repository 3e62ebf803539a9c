"""Contract tests every registered thing inherits (python-holidays' ``tests/common.py`` style).

A bundled ruleset (a ``rules/data/*.toml`` file) or a programme kind (an entry of
``rules.kinds.KINDS``) is picked up by discovery; the test modules subclass these
contracts once per discovered item, so a new one is tested without a line of test code.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, get_args

import pytest

from welfare_rules.rules.load import BUNDLED, load_ruleset
from welfare_rules.rules.model import Ruleset

if TYPE_CHECKING:
    from welfare_rules.rules.kinds import Kind

ROOT = Path(__file__).resolve().parent.parent
DOCS_TABLE_ROW = re.compile(r"^\| `([a-z0-9][a-z0-9._-]*)` \|", re.M)


class RulesetContract:
    """What every bundled ruleset must satisfy; ``ruleset_id`` names the one under test."""

    ruleset_id: ClassVar[str]

    @classmethod
    def ruleset(cls) -> Ruleset:
        return load_ruleset(cls.ruleset_id)

    def test_id_is_the_file_stem(self) -> None:
        assert BUNDLED[self.ruleset_id] == f"{self.ruleset_id}.toml"
        assert self.ruleset().id == self.ruleset_id

    def test_json_round_trip(self) -> None:
        ruleset = self.ruleset()
        assert Ruleset.model_validate_json(ruleset.model_dump_json()) == ruleset

    def test_every_programme_has_a_registered_kind_and_a_version(self) -> None:
        from welfare_rules.rules.kinds import KINDS

        for programme in self.ruleset().all_programmes():
            assert programme.kind in KINDS
            assert programme.versions

    def test_something_is_in_force_in_its_period(self) -> None:
        ruleset = self.ruleset()
        start, end = ruleset.period
        day = start or end or dt.date(2024, 2, 1)
        dated = [p for p in ruleset.all_programmes() if p.version_on(day) is not None]
        assert ruleset.in_force(on=day) or not dated

    def test_shows_in_every_view(self) -> None:
        from welfare_rules.views.json import ruleset_document

        ruleset = self.ruleset()
        assert ruleset_document(ruleset)["id"] == self.ruleset_id
        json.dumps(ruleset_document(ruleset), ensure_ascii=False)
        assert ruleset.title.vi in ruleset._repr_html_()

    def test_docs_table_lists_it(self) -> None:
        assert self.ruleset_id in docs_table_ids()

    def test_has_golden_files(self) -> None:
        golden = ROOT / "tests" / "golden"
        assert (golden / f"rulesets-show-{self.ruleset_id}.json").is_file()
        assert (golden / f"ruleset-{self.ruleset_id}.html").is_file()


def docs_table_ids() -> list[str]:
    """The ids in the table of docs/rulesets.md's section "The bundled rulesets", in order."""
    text = (ROOT / "docs" / "rulesets.md").read_text(encoding="utf-8")
    section = text.split("## The bundled rulesets", 1)[1].split("\n## ", 1)[0]
    return DOCS_TABLE_ROW.findall(section)


# ---------------------------------------------------------------- programme kinds

# One sample value per version field, enough for any kind's shape.
SAMPLE_FIELDS: dict[str, object] = {
    "levels": [{"amount": 600_000, "rule": [{"category": "war_invalid"}]}],
    "brackets": [{"age": 70, "amount": 700_000}],
    "amount": 500_000,
    "quota": 20,
}
BASIS = {
    "number": "1/KH-UBND",
    "kind": "plan",
    "issuer": {"vi": "UBND", "en": "PC"},
    "date": dt.date(2024, 1, 2),
    "confirmed": True,
}


def sample_ruleset(kind: str, fields: tuple[str, ...]) -> dict[str, object]:
    """A one-programme ruleset of ``kind`` whose only version holds ``fields``."""
    from welfare_rules.rules.kinds import SHAPE_KEYS

    version: dict[str, object] = {"basis": BASIS}
    for field in fields:
        version[SHAPE_KEYS[field]] = SAMPLE_FIELDS[field]  # type: ignore[index]
    return {
        "id": "r",
        "title": {"vi": "R", "en": "R"},
        "jurisdiction": {"vi": "J", "en": "J"},
        "occasion": "tet",
        "programme": [
            {
                "id": "p",
                "title": {"vi": "P", "en": "P"},
                "kind": kind,
                "source": "district",
                "version": [version],
            }
        ],
    }


class KindContract:
    """What every registered programme kind must satisfy; ``kind_name`` names it."""

    kind_name: ClassVar[str]

    @classmethod
    def kind(cls) -> Kind:
        from welfare_rules.rules.kinds import KINDS

        return KINDS[cls.kind_name]

    def test_is_registered_under_its_name(self) -> None:
        from welfare_rules.rules.kinds import ProgrammeKind

        assert self.kind().name == self.kind_name
        assert self.kind_name in get_args(ProgrammeKind)

    def test_label_is_bilingual(self) -> None:
        label = self.kind().label
        assert label.vi.strip()
        assert label.en.strip()

    def test_shape_and_changes_are_known_fields(self) -> None:
        from welfare_rules.rules.kinds import SHAPE_FIELDS, Change, Reads

        kind = self.kind()
        assert set(kind.allowed) <= set(SHAPE_FIELDS)
        assert not set(kind.shape) & set(kind.optional)
        assert set(kind.changes) <= set(get_args(Change))
        assert kind.reads in get_args(Reads)

    def test_the_engine_evaluates_what_it_reads(self) -> None:
        from welfare_rules.entitle.engine import EVALUATIONS

        assert self.kind().reads in EVALUATIONS

    def test_a_version_of_its_shape_loads_and_is_priced(self) -> None:
        from welfare_rules.rules.load import parse_ruleset

        kind = self.kind()
        ruleset = parse_ruleset(sample_ruleset(self.kind_name, kind.allowed))
        programme = ruleset.programme("p")
        assert programme.kind_spec is kind
        priced = kind.priced(programme.versions[0])
        assert bool(priced) == kind.computed
        for item in priced:
            assert item.amount in {600_000, 700_000, 500_000}
            assert kind.find(programme.versions[0], item.ident) == item.ident
            label = kind.item_label(item.item, item.amount)
            assert label.vi.strip()
            assert label.en.strip()

    def test_a_version_missing_a_needed_field_is_refused(self) -> None:
        from welfare_rules.errors import RuleDataError
        from welfare_rules.rules.load import parse_ruleset

        kind = self.kind()
        for missing in kind.shape:
            fields = tuple(f for f in kind.allowed if f != missing)
            with pytest.raises(RuleDataError, match="needs"):
                parse_ruleset(sample_ruleset(self.kind_name, fields))

    def test_a_section_of_its_own_has_a_bilingual_title(self) -> None:
        kind = self.kind()
        assert (kind.section is None) == (kind.section_title is None)
        if kind.section_title is not None:
            assert kind.section_title.vi.strip()
            assert kind.section_title.en.strip()

    def test_docs_kinds_table_lists_it(self) -> None:
        text = (ROOT / "docs" / "rulesets.md").read_text(encoding="utf-8")
        assert f"| `{self.kind_name}` |" in text

    def test_a_version_with_a_foreign_field_is_refused(self) -> None:
        from welfare_rules.errors import RuleDataError
        from welfare_rules.rules.kinds import SHAPE_FIELDS
        from welfare_rules.rules.load import parse_ruleset

        kind = self.kind()
        for extra in (f for f in SHAPE_FIELDS if f not in kind.allowed):
            with pytest.raises(RuleDataError, match="takes no"):
                parse_ruleset(sample_ruleset(self.kind_name, (*kind.shape, extra)))
