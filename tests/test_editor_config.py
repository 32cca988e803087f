"""Editor support: VS Code maps each content file to its schema, yamllint accepts the content style,
and the pre-commit hooks point at tools that exist."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def yamllint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "yamllint"), "--strict", "-f", "parsable", *map(str, paths)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


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


def test_content_and_workflows_pass_yamllint():
    targets = [ROOT / "content", ROOT / ".github", ROOT / ".pre-commit-config.yaml"]
    targets += [p for p in (ROOT / "mkdocs.yml",) if p.exists()]
    result = yamllint(*targets)
    assert result.returncode == 0, result.stdout


def test_yamllint_config_rejects_what_the_content_style_forbids(tmp_path):
    """The config is not a blanket pass: tabs-style 4-space indents, yes/no booleans and duplicate
    keys are reported."""
    sample = tmp_path / "bad.yaml"
    sample.write_text("- id: a\n    title: x\n- id: b\n  flag: yes\n  id: c\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "yamllint"), "-c", str(ROOT / ".yamllint"), "-f", "parsable", str(sample)],
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "syntax" in result.stdout or "indentation" in result.stdout
    sample.write_text("- id: b\n  flag: yes\n  id: c\n", encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "yamllint"), "-c", str(ROOT / ".yamllint"), "-f", "parsable", str(sample)],
        capture_output=True,
        text=True,
    )
    assert "(truthy)" in result.stdout and "(key-duplicates)" in result.stdout


def test_pre_commit_hooks_run_the_validator_and_yamllint():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert hooks["content-check"]["entry"].endswith("-m macros check")
    assert hooks["yamllint"]["entry"].split()[0].endswith("yamllint")
    for hook in hooks.values():
        executable = ROOT / hook["entry"].split()[0]
        assert executable.name in {"python", "yamllint"}
        assert (BIN / executable.name).exists()
