# The dossier's commands. Each one sets up .venv with the pinned dependencies first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed-$(shell cat requirements.txt requirements-test.txt 2>/dev/null | cksum | cut -d' ' -f1)

.PHONY: serve build check test clean

serve: $(INSTALLED)
	$(PY) build_site.py serve

build: $(INSTALLED)
	$(PY) build_site.py build

check: $(INSTALLED)
	$(PY) build_site.py check

test: $(INSTALLED)
	$(PY) -m pytest

$(INSTALLED): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-*
	touch $@

clean:
	rm -rf site site.previous .site-building-*
