"""The share card (docs/assets/images/og-card.png) is what scripts/make-og-image draws: a change to the script or
to the map's outlines without drawing the card again fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_committed_card_is_the_scripts_output():
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make-og-image"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
