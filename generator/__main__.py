"""``python -m generator`` and the ``curriculum`` command (pyproject's entry point is ``run``)."""

from __future__ import annotations

import sys


def run() -> None:
    try:
        from generator.cli import main
    except KeyboardInterrupt:  # Ctrl-C while the tool was still starting: nothing was done yet
        print("Interrupted; nothing was changed.", file=sys.stderr)
        sys.exit(130)
    sys.exit(main())


if __name__ == "__main__":
    run()
