# Set-up and chores. `make run` and `make test` work from a fresh clone on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages Qt needs: offscreen rendering (tests, screenshots) and a real X11 window.
QT_DEBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 \
           fonts-dejavu-core
X11_DEBS := libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
            libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libx11-xcb1

.PHONY: run test lint bench system-deps system-deps-x11 clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

run: system-deps system-deps-x11 $(VENV)/.installed
	$(BIN)/pathway-viewer

test: system-deps $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

bench: $(VENV)/.installed
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/mechanism.py

# Install missing Debian packages when this is Debian and we may (root, or sudo without a
# password); otherwise say what is missing and go on.
system-deps:
	@sh packaging/system-deps.sh $(QT_DEBS)

system-deps-x11:
	@sh packaging/system-deps.sh $(X11_DEBS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
