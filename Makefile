# Two commands do all the set-up on a fresh machine (Python 3.11+):
#   make lab    creates .venv if needed, installs the pinned packages, opens JupyterLab
#   make test   the same set-up, then every test (doctests, unit tests, nbval, browser tests)
#   make site   the course as a static website in _site/ (needs npm once, for MathJax)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# The stamp is rebuilt whenever the dependency list or the pins change.
STAMP  := $(VENV)/.installed

.PHONY: lab test site bench bench-browser lock notebooks assignments clean help
help:
	@echo "make lab    open the course in JupyterLab (sets up .venv on first use)"
	@echo "make test   run every test (sets up .venv on first use)"
	@echo "make site   build the course as a static website in _site/ (open _site/index.html)"
	@echo "make bench  run the speed benchmarks and rewrite benchmarks/README.md"
	@echo "make bench-browser  time every slider in JupyterLab in Chromium (benchmarks/README.md)"
	@echo "make lock   refresh the pinned versions in requirements.lock"
	@echo "make notebooks  re-run every notebook from a clean kernel and store its outputs"
	@echo "make assignments  copies of the notebooks without their solutions, in assignments/"

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed, found " + sys.version.split()[0]'
	@# A venv without pip (Debian/Ubuntu without python3-venv) is removed, not reused.
	$(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV); \
	  $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); echo "could not create .venv: on Debian/Ubuntu install python3-venv"; exit 1; }; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

# Loopback only, token kept (JupyterLab prints the URL with it). Jupyter refuses to run
# as root unless told, which matters only in containers; it is passed only there.
ROOT_FLAG := $(if $(filter 0,$(shell id -u)),--allow-root)
lab: $(STAMP)
	$(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --ServerApp.root_dir=notebooks $(ROOT_FLAG)

test: $(STAMP)
	$(BIN)/python -m pytest

# The course as a website: one page per notebook, from the outputs stored in the notebooks
# (no kernel), into _site/, which git ignores. MathJax comes from npm (site/package-lock.json)
# and is copied in, so the site needs no network. site/build_site.py says what it changes.
site: $(STAMP)
	$(BIN)/python site/build_site.py

bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py

# Key press to frame and frames per drag for every slider, in a real JupyterLab in headless
# Chromium (a few minutes; needs Debian's chromium). Measurements, never part of make test.
bench-browser: $(STAMP)
	$(BIN)/python benchmarks/browser_rates.py

# A clean Restart & Run All of every notebook, in reading order, outputs stored in place
# (without per-cell timestamps, which would only add noise to every diff).
notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False notebooks/[0-9][0-9]_*.ipynb

# For instructors: every notebook without its folded solutions and model answers, in a
# folder git ignores. check() works in the copies as in the originals.
assignments: $(STAMP)
	$(BIN)/python -m erm_course.exercises.assignments notebooks assignments

# The lock names no index or wheel folder of the machine it was made on.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check pip-tools
	$(BIN)/pip-compile --all-extras --strip-extras --no-header --quiet \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) .hypothesis _site site/node_modules
