"""Every CLI module with commands is reachable from the ``floorlead`` command."""

import ast
from pathlib import Path

from typer.testing import CliRunner

from floorlead.cli import main

CLI_DIR = Path(main.__file__).parent


def _modules_with_register() -> set[str]:
    found = set()
    for path in CLI_DIR.glob("*.py"):
        tree = ast.parse(path.read_text())
        if any(isinstance(n, ast.FunctionDef) and n.name == "register" for n in tree.body):
            found.add(path.stem)
    return found


def test_every_module_that_registers_commands_is_loaded() -> None:
    assert _modules_with_register() == set(main.COMMAND_MODULES)


def test_the_top_level_help_lists_the_main_commands() -> None:
    result = CliRunner().invoke(main.app, ["--help"], env={"COLUMNS": "200"})

    for command in ["init", "serve", "demo", "ticket", "kpi", "export", "staff", "wfm"]:
        assert f" {command} " in result.output
