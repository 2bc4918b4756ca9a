"""The browser-side logic on its own: node's test runner on tests/js/ (pure functions, no page)."""

from __future__ import annotations

import shutil
import subprocess

from conftest import REPO


def test_browser_logic_passes_its_node_tests() -> None:
    node = shutil.which("node")
    assert node, "install Node.js (the browser-side logic is tested with node --test)"
    done = subprocess.run([node, "--test", "tests/js/"], cwd=REPO, capture_output=True, text=True, check=False,
                          timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout, done.stdout
