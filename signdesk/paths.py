"""Where SignDesk's own resources live (one place for every path)."""

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parent
ASSETS_DIR = REPO_ROOT / "assets"
FONTS_DIR = ASSETS_DIR / "fonts"
TRANSLATIONS_DIR = REPO_ROOT / "translations"
EXAMPLES_DIR = REPO_ROOT / "examples"
