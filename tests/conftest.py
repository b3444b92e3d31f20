"""What every test may know: where the engine (and the real dossier beside it) is."""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
