"""The browser tests on any desk: a missing Chromium is one line that says how to get one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, no_chromium


def test_without_a_chromium_a_browser_test_fails_with_the_command_that_installs_one(tmp_path: Path) -> None:
    probe = tmp_path / "test_probe.py"
    probe.write_text("def test_probe(browser):\n    pass\n", encoding="utf-8")
    missing = tmp_path / "no-chromium"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "conftest", "-p", "no:cacheprovider", str(probe)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "CHROMIUM": str(missing),
             "PYTHONPATH": os.pathsep.join([str(REPO / "tests"), str(REPO), os.environ.get("PYTHONPATH", "")])},
    )
    assert done.returncode == 1, done.stdout + done.stderr
    assert no_chromium(missing) in done.stdout.splitlines()
    assert "python -m playwright install chromium" in no_chromium(missing)
    assert "Traceback" not in done.stdout and "assert" not in done.stdout
