# Set-up and chores. `make run` and `make test` work from a fresh clone on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Debian packages Qt needs: offscreen rendering (tests, screenshots) and a real X11 window.
QT_DEBS := libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libglib2.0-0 libdbus-1-3 \
           fonts-dejavu-core
X11_DEBS := libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 \
            libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libx11-xcb1
# Desktop integration tests: the validators, the MIME database tools and xdg-mime (which reads
# the MIME database through `mimetype` from libfile-mimeinfo-perl outside GNOME and KDE).
DESKTOP_DEBS := desktop-file-utils appstream shared-mime-info xdg-utils libfile-mimeinfo-perl
BUNDLE := dist/pathway-viewer

.PHONY: run test lint bench bundle bundle-check system-deps system-deps-x11 \
        system-deps-desktop clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bundle: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	touch $@ $(VENV)/.installed

run: system-deps system-deps-x11 $(VENV)/.installed
	$(BIN)/pathway-viewer

test: system-deps system-deps-desktop $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

bench: $(VENV)/.installed
	$(BIN)/python bench/parse.py
	$(BIN)/python bench/startup.py
	$(BIN)/python bench/mechanism.py
	$(BIN)/python bench/canvas.py
	$(BIN)/python bench/collection.py --n 20000
	$(BIN)/python bench/collection_gui.py --n 5000
	$(BIN)/python bench/enrich.py --n 20000

# A one-folder bundle that runs without Python: $(BUNDLE)/pathway-viewer.
bundle: system-deps $(VENV)/.installed-bundle
	@start=$$(date +%s); \
	$(BIN)/pyinstaller --noconfirm --clean --log-level WARN --distpath dist \
	    --workpath build/pyinstaller packaging/pyinstaller/pathway-viewer.spec && \
	echo "built $(BUNDLE) in $$(( $$(date +%s) - start )) s"

# The bundle finds its seed, draws its window and reads the test corpus; then its size.
bundle-check: system-deps
	@test -x $(BUNDLE)/pathway-viewer || { echo "no bundle: run 'make bundle' first" >&2; exit 1; }
	@rm -f /tmp/pathway-viewer-bundle.png
	QT_QPA_PLATFORM=offscreen $(BUNDLE)/pathway-viewer --offline --screenshot /tmp/pathway-viewer-bundle.png
	@test -s /tmp/pathway-viewer-bundle.png && echo "screenshot: /tmp/pathway-viewer-bundle.png"
	$(BUNDLE)/pathway-viewer check --summary tests/data/pfocr-database tests/data/revisions >/dev/null
	$(BUNDLE)/pathway-viewer export seeds/PMC1584297__neo0809_0733_fig009.md --format sif
	@du -sh $(BUNDLE)

# Install missing Debian packages when this is Debian and we may (root, or sudo without a
# password); otherwise say what is missing and go on.
system-deps:
	@sh packaging/system-deps.sh $(QT_DEBS)

system-deps-x11:
	@sh packaging/system-deps.sh $(X11_DEBS)

system-deps-desktop:
	@sh packaging/system-deps.sh $(DESKTOP_DEBS)

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache .hypothesis
