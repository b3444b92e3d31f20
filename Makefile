# The dossier's commands. Each one first sets up what it needs: .venv with the pinned Python
# packages, and the Debian packages (a font that draws Chinese for the preview images, and
# Chromium for the browser tests).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
CJK_FONT := /usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build preview check test test-fast screenshots benchmark clean setup

# make serve ADDR=127.0.0.1:8001 serves on another port.
ADDR ?= 127.0.0.1:8000
serve: $(INSTALLED) $(CJK_FONT)
	$(PY) build_site.py serve --dev-addr $(ADDR)

# The site to publish needs its address: SITE_URL=https://your.host/path/ make build.
build: $(INSTALLED) $(CJK_FONT)
	$(PY) build_site.py build

# A look at the site on this machine, with relative addresses (not for publishing).
preview: $(INSTALLED) $(CJK_FONT)
	$(PY) build_site.py build --local

check: $(INSTALLED)
	$(PY) build_site.py check

# What another dossier's Makefile asks of the engine (see `build_site.py init`).
setup: $(INSTALLED) $(CJK_FONT)

test: $(INSTALLED) $(CJK_FONT) $(CHROMIUM)
	$(PY) -m pytest

# Everything but the browser and serve tests.
test-fast: $(INSTALLED) $(CJK_FONT)
	$(PY) -m pytest -m "not browser and not serve and not publishing"

screenshots: preview $(CHROMIUM)
	$(PY) -m tests.content.browser.screenshots site

benchmark: $(INSTALLED) $(CJK_FONT)
	$(PY) benchmarks/build_speed.py

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

$(CJK_FONT):
	$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq fonts-noto-cjk

$(CHROMIUM):
	$(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium

clean:
	rm -rf site site.previous .site-building-* test-screenshots
