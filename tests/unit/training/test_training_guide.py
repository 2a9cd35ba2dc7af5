"""docs/training/guide.md states which seeded programme teaches each quality criterion; this
fails when the guide, the seeded catalogue and the default scorecard drift apart."""

import re
from collections import defaultdict
from importlib import resources
from pathlib import Path

import yaml

from floorlead.quality.default_scorecard import default_scorecard_input

GUIDE = Path(__file__).parents[3] / "docs" / "training" / "guide.md"


def _guide_table() -> dict[str, set[str]]:
    text = GUIDE.read_text()
    table = text.split("| criterion | programmes |\n|---|---|\n")[1].split("\n\n")[0]
    taught: dict[str, set[str]] = {}
    for row in table.splitlines():
        keys, programmes = (cell.strip() for cell in row.strip("|").split("|"))
        for key in re.findall(r"`(\w+)`", keys):
            taught[key] = {p.strip() for p in programmes.split(";")}
    return taught


def test_the_guide_names_the_programmes_teaching_each_criterion_of_the_default_scorecard() -> None:
    catalogue = yaml.safe_load(
        resources.files("floorlead.training").joinpath("catalogue.yaml").read_text()
    )
    taught: dict[str, set[str]] = defaultdict(set)
    for program in catalogue["programs"]:
        for key in program.get("criteria", []):
            taught[key].add(program["title"])
    scorecard_keys = {c.key for s in default_scorecard_input().sections for c in s.criteria}

    assert _guide_table() == dict(taught)
    assert set(taught) == scorecard_keys
