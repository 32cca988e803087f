"""Editor support: VS Code maps each content file to its schema, and the pre-commit hooks (which run
yamllint on the content; tests/test_workflows.py runs it on the configuration) point at tools that exist."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def test_vscode_maps_every_content_file_to_an_existing_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    mapped_files = {target for target in mapping.values()}
    for content_file in sorted((ROOT / "content").glob("*.yaml")):
        assert f"content/{content_file.name}" in mapped_files, f"{content_file.name} has no schema in .vscode"
    for schema, target in mapping.items():
        assert (ROOT / schema).is_file(), f"{schema} (for {target}) does not exist"
        assert Path(schema).name == Path(target).stem + ".schema.json"


def test_content_files_declare_the_same_schema_for_other_editors():
    for content_file in sorted((ROOT / "content").glob("*.yaml")):
        first_line = content_file.read_text(encoding="utf-8").splitlines()[0]
        expected = f"# yaml-language-server: $schema=../schemas/{content_file.stem}.schema.json"
        assert first_line == expected, content_file.name


def test_vscode_recommends_the_yaml_extension():
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def test_pre_commit_hooks_run_the_validator_and_the_linters_from_the_virtualenv():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["content-check"]["entry"].endswith("-m macros check")
    assert {"yamllint", "workflow-schema", "actionlint", "ruff", "mypy"} <= set(hooks)
    for hook in hooks.values():
        executable = Path(hook["entry"].split()[0])
        assert executable.parent == Path(".venv/bin"), hook["id"]  # what `make` installs, pinned
        assert (BIN / executable.name).exists(), f"{hook['id']}: {executable.name} is not installed"
