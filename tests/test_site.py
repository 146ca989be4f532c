"""The course's website (``make site``), read in headless Chromium from disk, offline.

The site is built once for this module, into a temporary folder, by the same script as
``make site`` (``site/build_site.py``). Every page is then opened from ``file://`` with
every request that is not for a file of the site aborted and recorded. On every page:

- it loads with no console error, no uncaught exception, no failed file and no request
  to the network;
- every math element is typeset by MathJax (no TeX error, no undefined macro), and no raw
  ``\\(``, ``\\[``, ``$$``, ``&#36;`` or ``<span>`` is left in the visible text;
- on a notebook's page: the images shown for the outputs are as many as the figures
  stored in the notebook, and each has alt text and has loaded; every folded solution
  (``<details>``) is there and folded; every sum of money written ``<span>&#36;</span>N``
  in the notebook's prose reads "$N"; each slider cell shows one line instead of a widget
  (no widget box, no widget state); the links to the previous and the next page follow
  the reading order.

The landing page lists every notebook in reading order, and the search page finds
"median". A check without a browser reads every HTML file for assets from outside.

Without Chromium (or without npm for the first build) the tests skip and say why; under
CI (``CI`` set) they fail.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import browser_helpers as bh

REPO = Path(__file__).resolve().parent.parent
SITE_SOURCES = REPO / "site"
NOTEBOOKS = sorted((REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
FIGURE_TYPES = ("image/png", "image/svg+xml")
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PAGES = ["index"] + [f"notebooks/{path.stem}" for path in NOTEBOOKS]


def _unavailable(message):
    """Skip on a student's machine; fail under CI, where the browser must be there."""
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)


# --------------------------------------------------------------------------------------
# What the stored notebooks hold: the expected values, read from the .ipynb files
# --------------------------------------------------------------------------------------

def stored(page):
    """What the notebook behind ``page`` stores: figures, widget views, folds, money."""
    notebook = json.loads((REPO / f"{page}.ipynb").read_text(encoding="utf-8"))
    outputs = [output for cell in notebook["cells"] if cell["cell_type"] == "code"
               for output in cell.get("outputs", [])]
    prose = "\n".join("".join(cell["source"]) for cell in notebook["cells"]
                      if cell["cell_type"] == "markdown")
    return {
        "figures": sum(any(kind in out.get("data", {}) for kind in FIGURE_TYPES)
                       for out in outputs),
        "sliders": sum(WIDGET_VIEW in out.get("data", {}) for out in outputs),
        "folds": len(re.findall(r"<details\b", prose)),
        "money": sorted(set(re.findall(r"<span>&#36;</span>(\d[\d,]*(?:\.\d+)?)", prose))),
    }


# --------------------------------------------------------------------------------------
# Fixtures: the site built once, one Chromium, a context that lets no request out
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def site():
    """The folder of a site built by ``site/build_site.py`` from the stored notebooks."""
    installed = (SITE_SOURCES / "node_modules" / "mathjax" / "package.json").is_file()
    if not installed and shutil.which("npm") is None:
        _unavailable("building the site needs npm once, to install MathJax "
                     "(on Debian/Ubuntu: `sudo apt-get install npm`)")
    before = {path: path.read_bytes() for path in NOTEBOOKS}
    top = Path(tempfile.mkdtemp(prefix="erm-site-test-"))
    try:
        done = subprocess.run([sys.executable, str(SITE_SOURCES / "build_site.py"),
                               "--out", str(top / "site")],
                              capture_output=True, text=True, timeout=300, cwd=REPO)
        assert done.returncode == 0, f"make site failed:\n{done.stdout}\n{done.stderr}"
        assert {path: path.read_bytes() for path in NOTEBOOKS} == before, (
            "building the site changed a notebook")
        yield top / "site"
    finally:
        shutil.rmtree(top, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    path = bh.find_chromium()
    if path is None:
        _unavailable(bh.CHROMIUM_HINT)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("the site test needs the Python package playwright "
                     "(it is in requirements.lock: run `make test` to install it)")
    with bh.launched_chromium(path) as chromium:
        yield chromium


class OfflinePage:
    """One page of the site in a fresh browser context where only file:// loads.

    Records what would make a reader's page fail: console errors, uncaught exceptions,
    files that did not load, and requests for anything outside the disk (aborted).
    """

    def __init__(self, browser):
        self.context = browser.new_context(viewport={"width": 1300, "height": 900})
        self.context.set_default_timeout(30_000)
        self.problems = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"exception: {error}"))
        self.page.on("requestfailed", lambda request: self.problems.append(
            f"failed: {request.url} ({request.failure})"))

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.problems.append(f"network request: {route.request.url}")
            route.abort()

    def _console(self, message):
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def open(self, url, typeset=True):
        """Load ``url`` (with its images); if it has math, wait until MathJax is done."""
        self.page.goto(url, wait_until="load")
        if typeset and self.page.locator(".math").count():
            from playwright.sync_api import TimeoutError as PlaywrightTimeout

            try:
                self.page.wait_for_function(
                    "() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            except PlaywrightTimeout:
                pytest.fail("MathJax never started on " + url + "\n" + "\n".join(self.problems))
            self.page.evaluate("() => MathJax.startup.promise.then(() => true)")
        return self.page

    def close(self):
        self.context.close()


@pytest.fixture
def offline(browser):
    pages = []

    def opener():
        page = OfflinePage(browser)
        pages.append(page)
        return page

    yield opener
    for page in pages:
        page.close()


# --------------------------------------------------------------------------------------
# What a page shows, read in the browser
# --------------------------------------------------------------------------------------

JS_MATH = """() => {
  const texts = (selector) => [...document.querySelectorAll(selector)]
    .map(e => e.textContent.slice(0, 80));
  const maths = [...document.querySelectorAll('.math')];
  return {
    count: maths.length,
    untypeset: maths.filter(m => !m.querySelector('mjx-container'))
      .map(m => m.textContent.slice(0, 80)),
    errors: texts('[data-mml-node="merror"], mjx-merror'),
    undefined: texts('mjx-container [fill="red"], mjx-container [mathcolor="red"]'),
  };
}"""

# The visible text of the article with every solution opened, without code (code may
# rightly hold a "$$") and without the MathJax output (which holds no source text).
JS_VISIBLE_TEXT = """() => {
  document.querySelectorAll('details').forEach(d => d.open = true);
  const style = document.createElement('style');
  style.textContent = 'pre, code, .highlight { display: none !important; }';
  document.head.appendChild(style);
  const text = document.querySelector('article, main, body').innerText;
  style.remove();
  return text;
}"""

JS_OUTPUT_IMAGES = """() => [...document.querySelectorAll('.cell_output img:not(.erm-background)')].map(img => ({
  src: img.getAttribute('src'), alt: (img.getAttribute('alt') || '').trim(),
  loaded: img.complete && img.naturalWidth > 0}))"""


def page_url(site, page):
    return (site / f"{page}.html").as_uri()


@pytest.mark.parametrize("page", PAGES)
def test_page_reads_offline(site, offline, page):
    reader = offline()
    tab = reader.open(page_url(site, page))

    math = tab.evaluate(JS_MATH)
    assert not math["untypeset"], f"math left as TeX: {math['untypeset'][:5]}"
    assert not math["errors"], f"TeX errors: {math['errors'][:5]}"
    assert not math["undefined"], f"undefined macros: {math['undefined'][:5]}"
    if page.startswith("notebooks/"):
        assert math["count"] > 0, "no math on the page: is dollarmath on?"

    # Without alt text an image's alt would be empty or, from Sphinx, its file name.
    alts = tab.evaluate("() => [...document.images].map(i => (i.alt || '').trim())")
    no_alt = [alt for alt in alts if len(alt.split()) < 2 or re.search(r"\.(png|svg)$", alt)]
    assert not no_alt, f"images without alt text: {no_alt}"

    if page.startswith("notebooks/"):
        expected = stored(page)
        images = tab.evaluate(JS_OUTPUT_IMAGES)
        assert len(images) == expected["figures"], (
            f"{len(images)} images on the page, {expected['figures']} figures stored")
        assert all(image["loaded"] for image in images), [i["src"] for i in images
                                                           if not i["loaded"]]
        folds = tab.evaluate("() => [...document.querySelectorAll('details')].map(d => d.open)")
        assert len(folds) == expected["folds"], "a folded solution went missing"
        assert not any(folds), "a solution is open when the page loads"
        # every slider cell is a live explorer on the site (none falls back to a note)
        assert tab.locator(".erm-explorer").count() == expected["sliders"]
        assert tab.locator(".erm-slider-note").count() == 0
        assert tab.locator(".jupyter-widgets, .widget-area, "
                           "script[type^='application/vnd.jupyter.widget']").count() == 0

    text = tab.evaluate(JS_VISIBLE_TEXT)
    for raw in ("\\(", "\\[", "$$", "&#36;", "<span>"):
        assert raw not in text, f"raw {raw!r} in the text: ...{_around(text, raw)}..."
    if page.startswith("notebooks/"):
        missing = [amount for amount in stored(page)["money"] if f"${amount}" not in text]
        assert not missing, f"sums of money that do not read as $N: {missing}"

    assert not reader.problems, "\n".join(reader.problems)


# An explorer on the site: its background shown, its canvas inked, its readout written.
JS_EXPLORER_READY = """(root) => {
  const image = root.querySelector('img.erm-background');
  const canvas = root.querySelector('canvas.erm-canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let ink = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]) ink++;
  return image.complete && image.naturalWidth > 0 && ink > 0
    && root.querySelector('.erm-readout').textContent.length > 0;
}"""

SLIDER_PAGES = [page for page in PAGES if page.startswith("notebooks/")
                and stored(page)["sliders"]]


@pytest.mark.parametrize("page", SLIDER_PAGES)
def test_the_sites_sliders_move_with_no_kernel_and_no_network(site, offline, page):
    """Every explorer on the page draws, and its first slider moves by keys and by a drag,
    redrawing the readout, with every request outside the site blocked."""
    reader = offline()
    tab = reader.open(page_url(site, page))
    explorers = tab.locator(".erm-explorer")
    assert explorers.count() == stored(page)["sliders"]
    for i in range(explorers.count()):
        explorer = explorers.nth(i)
        explorer.scroll_into_view_if_needed()
        tab.wait_for_function(JS_EXPLORER_READY, arg=explorer.element_handle(), timeout=10_000)
        slider = explorer.locator(".erm-row.erm-slider:not([hidden]) input").first
        text, start = explorer.locator(".erm-readout").inner_text(), int(slider.input_value())
        slider.focus()
        for key in ["Home", "ArrowRight", "ArrowRight", "PageUp"]:
            tab.keyboard.press(key)
        assert int(slider.input_value()) > 2, page
        assert explorer.locator(".erm-readout").inner_text() != text or start > 2, page
        box = slider.bounding_box()
        tab.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
        tab.mouse.down()
        tab.mouse.move(box["x"] + box["width"] * 0.7, box["y"] + box["height"] / 2, steps=8)
        tab.mouse.up()
        assert int(slider.input_value()) > int(slider.get_attribute("max")) // 2, page
    assert not reader.problems, "\n".join(reader.problems)


def _around(text, needle, width=60):
    at = text.find(needle)
    return text[max(0, at - width):at + width].replace("\n", " ")


@pytest.mark.parametrize("page", PAGES)
def test_previous_and_next_follow_the_reading_order(site, offline, page):
    tab = offline().open(page_url(site, page), typeset=False)
    at = PAGES.index(page)

    def target(selector):
        link = tab.locator(selector)
        if not link.count():
            return None
        return Path(os.path.normpath((site / page).parent / link.first.get_attribute("href")))

    assert target("a.left-prev") == (site / f"{PAGES[at - 1]}.html" if at > 0 else None)
    assert target("a.right-next") == (site / f"{PAGES[at + 1]}.html"
                                      if at + 1 < len(PAGES) else None)


def test_landing_page_lists_every_notebook_in_reading_order(site, offline):
    tab = offline().open(page_url(site, "index"))
    hrefs = tab.eval_on_selector_all(
        "article .toctree-wrapper a", "links => links.map(a => a.getAttribute('href'))")
    assert hrefs == [f"{page}.html" for page in PAGES[1:]]
    for heading in ("Who it is for", "How to run the course"):
        assert tab.get_by_role("heading", name=heading).count() == 1


def test_search_finds_median(site, offline):
    reader = offline()
    tab = reader.open((site / "search.html").as_uri() + "?q=median")
    tab.wait_for_function("""() => {
        const summary = document.querySelector('#search-results .search-summary');
        return summary && /finished/i.test(summary.textContent); }""")
    results = tab.eval_on_selector_all("#search-results ul.search li a",
                                       "links => links.map(a => a.getAttribute('href'))")
    assert results, "the search for 'median' found nothing"
    for href in results:
        assert (site / href.split("#")[0]).is_file(), href
    assert any(href.startswith("notebooks/") for href in results), results
    assert not reader.problems, "\n".join(reader.problems)


# --------------------------------------------------------------------------------------
# Without a browser: nothing in the HTML points outside the site
# --------------------------------------------------------------------------------------

class _Assets(HTMLParser):
    """The URLs a page loads by itself: scripts, stylesheets, images, frames, fonts."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "audio", "video") and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href") and set((attrs.get("rel") or "").split()) & {
                "stylesheet", "preload", "modulepreload", "icon", "prefetch"}:
            self.urls.append(attrs["href"])


def test_no_page_loads_anything_from_outside(site):
    outside = {}
    for html_file in site.rglob("*.html"):
        parser = _Assets()
        parser.feed(html_file.read_text(encoding="utf-8"))
        remote = [url for url in parser.urls if re.match(r"^([a-z]+:)?//", url, re.I)]
        if remote:
            outside[str(html_file.relative_to(site))] = remote
    assert not outside, outside


def test_the_site_has_a_page_per_notebook_and_its_own_mathjax(site):
    assert NOTEBOOKS, "no notebooks to build the site from"
    missing = [page for page in PAGES if not (site / f"{page}.html").is_file()]
    assert not missing
    assert (site / "_static" / "mathjax" / "tex-svg.js").is_file()
