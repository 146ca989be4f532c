"""Build the course's website from the outputs stored in the notebooks (``make site``).

Sphinx, with myst-nb and sphinx-book-theme, turns every ``notebooks/NN_*.ipynb`` into one
page, in sorted order, behind the landing page ``site/index.md``. Nothing is executed: the
pages show the outputs saved in the notebooks. The site is a folder of static files that
needs no network, so it can be opened from disk or copied to any static host.

Before Sphinx reads them, the notebooks are copied into a temporary folder (notebooks/ is
never written) and changed in three ways:

- An explorer's stored output is a widget view of the course's drawing layer
  (``erm_course/drawing.py``): the page draws its figure itself from the scene stored in the
  notebook's widget state, so it moves on the site too, with no kernel. Each such view
  becomes a ``<div>`` with its scene and state as JSON beside it, and the site loads the
  drawing layer's script (``erm_course.drawing.classic_script``, a plain script, because a
  page opened from disk may not import modules). Any other widget view would need a kernel
  and the widget libraries from a CDN: it becomes one line saying where it runs. The rest of
  the saved widget state is dropped.
- Every cell that shows a figure gets alt text for screen readers: the first paragraph of
  the docstring of the ``erm_course.figures`` function that the cell calls, or, for a
  figure drawn another way, the title of the section it is in.
- Nothing else: prose, folded solutions and outputs are read as they are.

The math is typeset in the reader's browser by MathJax 3, which npm installs from
``site/package-lock.json`` into ``site/node_modules`` and this script copies into the site.
No page loads anything from outside the site.

Usage::

    python site/build_site.py [--out _site]
"""

import argparse
import html
import inspect
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SITE = Path(__file__).resolve().parent
ROOT = SITE.parent
NOTEBOOKS = ROOT / "notebooks"
DEFAULT_OUT = ROOT / "_site"
# What the site copies from the mathjax package: the TeX-to-SVG component (no web fonts to
# load) and the TeX extensions it loads on demand for rarer macros.
MATHJAX_FILES = ["es5/tex-svg.js", "es5/input/tex/extensions"]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
IMAGE_TYPES = ("image/png", "image/svg+xml", "image/jpeg", "image/gif")
# A slider's text fallback, e.g. "UcsdExplorer: a σ slider over ... (run the notebook to use it)"
SLIDER_TEXT = re.compile(r"^\w+: (?P<what>.+?)\s*\(run the notebook to use it\)$", re.DOTALL)
HEADING = re.compile(r"^#{1,6}\s+(?P<title>.+?)\s*#*\s*$", re.MULTILINE)


def course_notebooks(folder=NOTEBOOKS):
    """The course's notebooks in reading order: ``NN_*.ipynb``, sorted by name."""
    return sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))


# --------------------------------------------------------------------------------------
# What the notebooks show on the site
# --------------------------------------------------------------------------------------

def slider_line(output):
    """The HTML line that stands for a slider's widget view on the site.

    Parameters
    ----------
    output : dict
        A notebook output whose data holds a widget view, and possibly the explorer's text
        fallback, such as "UcsdExplorer: a σ slider over the UCSD risk of 5 values (run
        the notebook to use it)".

    Returns
    -------
    str
        One paragraph, e.g. "In JupyterLab this cell shows a σ slider over the UCSD risk
        of 5 values. The figure below shows it at several settings."

    Examples
    --------
    >>> slider_line({"data": {"text/plain": "Lp: a p slider (run the notebook to use it)"}})
    '<p class="erm-slider-note">In JupyterLab this cell shows a p slider. The figure below
    shows it at several settings.</p>'
    """
    plain = output.get("data", {}).get("text/plain", "")
    plain = "".join(plain) if isinstance(plain, list) else plain
    match = SLIDER_TEXT.match(plain.strip())
    what = match.group("what") if match else "a slider"
    return ('<p class="erm-slider-note">In JupyterLab this cell shows '
            f"{html.escape(what)}. The figure below shows it at several settings.</p>")


def live_explorer(output, states, number):
    """The HTML of an explorer's view for the site, or None if the output shows no explorer.

    ``states`` is the notebook's saved widget state (model id -> model). A view of the
    drawing layer becomes a ``<div class="erm-live">`` and a JSON script with the model's
    scene and state; the binary buffers (the background PNG, the float32 families) travel
    as base64 strings where the page expects them.

    >>> view = {"data": {WIDGET_VIEW: {"model_id": "m"}}}
    >>> states = {"m": {"model_name": "AnyModel", "state": {"scene": {"width": 10},
    ...                 "state": {"k": 0}}, "buffers": [{"path": ["scene", "png"],
    ...                 "encoding": "base64", "data": "iVBO"}]}}
    >>> print(live_explorer(view, states, 3))
    <div class="erm-live" data-explorer="erm-explorer-3"></div>
    <script type="application/json" id="erm-explorer-3">{"scene": {"width": 10, "png": {"__base64__": "iVBO"}}, "state": {"k": 0}}</script>
    """
    model = states.get(output.get("data", {}).get(WIDGET_VIEW, {}).get("model_id", ""))
    if not model or "scene" not in model.get("state", {}):
        return None
    saved = {"scene": model["state"]["scene"], "state": model["state"].get("state", {})}
    for buffer in model.get("buffers", []):
        place = saved
        for key in buffer["path"][:-1]:
            place = place[key]
        place[buffer["path"][-1]] = {"__base64__": buffer["data"]}
    text = json.dumps(saved, ensure_ascii=False).replace("</", "<\\/")
    name = f"erm-explorer-{number}"
    return (f'<div class="erm-live" data-explorer="{name}"></div>\n'
            f'<script type="application/json" id="{name}">{text}</script>')


def docstring_summary(doc):
    """A docstring's first paragraph as plain text for alt text.

    Inline math and code markup are dropped (a screen reader would spell out the LaTeX),
    and a leading "Draw" is left out, so that the text describes the picture.

    >>> docstring_summary("Draw the UCSD loss :math:`1 - e^{-u}` of one ``y``.\\n\\nMore.")
    'The UCSD loss of one y.'
    >>> docstring_summary("One term, :math:`|y_i - h|`, as a function of\\n``h``.")
    'One term, as a function of h.'
    """
    first = re.split(r"\n\s*\n", inspect.cleandoc(doc), maxsplit=1)[0]
    text = re.sub(r",?\s*:math:`[^`]*`", "", first)
    text = re.sub(r"``([^`]*)``", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^Draws? (\w)", lambda m: m.group(1).upper(), text)
    return text if text.endswith(".") else text + "."


def figure_alt(source, section):
    """Alt text for the figures a code cell draws.

    The first function of ``erm_course.figures`` called in ``source`` that has a docstring
    gives it (every figure of the course comes from one). Otherwise the title of the
    section the figure is in, ``section``, does.

    >>> figure_alt("plt.plot(y)", "The error table of the prediction $150,000")
    'A figure in the section “The error table of the prediction 150,000”.'
    """
    from erm_course import figures

    for name in re.findall(r"\b([A-Za-z_]\w*)\s*\(", source):
        function = getattr(figures, name, None)
        if callable(function) and function.__doc__:
            return docstring_summary(function.__doc__)
    title = re.sub(r"[$`*_]", "", section).strip()
    return f"A figure in the section “{title}”." if title else "A figure of the notebook."


def shows_a_figure(cell):
    """Whether a code cell has an image among its outputs."""
    return any(kind in output.get("data", {}) for output in cell.get("outputs", [])
               for kind in IMAGE_TYPES)


def prepare(notebook):
    """Change a notebook (as a dict, in place) for the site; returns it.

    Widget views become one line each, the saved widget state goes, and every cell that
    shows a figure gets ``mystnb.image.alt`` metadata, which myst-nb writes as the images'
    alt text.
    """
    widgets = notebook.get("metadata", {}).pop("widgets", {})
    states = widgets.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    explorers = 0
    section = ""
    for cell in notebook.get("cells", []):
        source = "".join(cell.get("source", ""))
        if cell.get("cell_type") == "markdown":
            titles = HEADING.findall(re.sub(r"```.*?```", "", source, flags=re.DOTALL))
            section = titles[-1] if titles else section
            continue
        if cell.get("cell_type") != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            if WIDGET_VIEW in output.get("data", {}):
                live = live_explorer(output, states, explorers)
                explorers += live is not None
                output = {"output_type": "display_data", "metadata": {},
                          "data": {"text/html": live or slider_line(output)}}
            outputs.append(output)
        cell["outputs"] = outputs
        if shows_a_figure(cell):
            settings = cell.setdefault("metadata", {}).setdefault("mystnb", {})
            settings.setdefault("image", {})["alt"] = figure_alt(source, section)
    return notebook


# --------------------------------------------------------------------------------------
# The math renderer, from npm
# --------------------------------------------------------------------------------------

def mathjax_folder(site=SITE):
    """``site/node_modules/mathjax``, installed with ``npm ci`` when missing or stale.

    Stale means its version differs from the one in ``site/package-lock.json``.
    """
    wanted = json.loads((site / "package-lock.json").read_text())[
        "packages"]["node_modules/mathjax"]["version"]
    folder = site / "node_modules" / "mathjax"
    manifest = folder / "package.json"
    if manifest.is_file() and json.loads(manifest.read_text()).get("version") == wanted:
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("make site needs npm (Node.js) once, to install the math renderer "
                         f"MathJax {wanted} from site/package-lock.json")
    print(f"installing MathJax {wanted} with npm ci (site/package-lock.json)", flush=True)
    subprocess.run([npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund",
                    "--loglevel=error"], cwd=site, check=True)
    return folder


# --------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------

def stage(source, notebooks, mathjax):
    """Fill ``source`` with what Sphinx reads: site/'s pages, the notebooks, MathJax."""
    shutil.copytree(SITE, source, ignore=shutil.ignore_patterns(
        "node_modules", "package*.json", "*.py", "__pycache__"))
    shutil.copy2(SITE / "conf.py", source / "conf.py")
    (source / "notebooks").mkdir()
    for path in notebooks:
        notebook = prepare(json.loads(path.read_text(encoding="utf-8")))
        (source / "notebooks" / path.name).write_text(
            json.dumps(notebook, ensure_ascii=False, indent=1), encoding="utf-8")
    from erm_course.drawing import STYLE, classic_script
    (source / "_static" / "erm_drawing.js").write_text(classic_script() + BOOT,
                                                       encoding="utf-8")
    (source / "_static" / "erm_drawing.css").write_text(STYLE, encoding="utf-8")
    for part in MATHJAX_FILES:
        origin = mathjax / part
        target = source / "_static" / "mathjax" / Path(part).relative_to("es5")
        target.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_dir():
            shutil.copytree(origin, target)
        else:
            shutil.copy2(origin, target)


# Renders every explorer of a page from its JSON, with a model that holds the saved state
# (what anywidget's model is in JupyterLab, minus the kernel).
BOOT = r"""
(function () {
  function revive(value) {
    if (value && typeof value === "object" && "__base64__" in value) {
      const text = atob(value.__base64__);
      const bytes = new Uint8Array(text.length);
      for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
      return new DataView(bytes.buffer);
    }
    if (Array.isArray(value)) return value.map(revive);
    if (value && typeof value === "object") {
      const out = {};
      for (const key of Object.keys(value)) out[key] = revive(value[key]);
      return out;
    }
    return value;
  }
  function start() {
    for (const el of document.querySelectorAll(".erm-live[data-explorer]")) {
      const saved = JSON.parse(document.getElementById(el.dataset.explorer).textContent);
      const values = { scene: revive(saved.scene), state: saved.state };
      const model = { get: (k) => values[k], set: (k, v) => { values[k] = v; },
                      on() {}, off() {}, save_changes() {} };
      window.ermDrawing.render({ model, el });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
"""


def clear_output(out):
    """Empty ``out`` for a new build, refusing a folder that is not an earlier site."""
    if not out.exists():
        return
    if any(out.iterdir()) and not (out / ".buildinfo").is_file():
        raise SystemExit(f"{out} exists and holds something other than a built site: "
                         "choose another --out or remove it")
    shutil.rmtree(out)


def build(out=DEFAULT_OUT, notebooks=None):
    """Build the site into ``out``; returns the number of notebook pages.

    Sphinx writes into a temporary folder (myst-nb keeps its image files beside the output
    folder, in ``jupyter_execute/``), and only a complete site replaces ``out``.
    """
    from sphinx.cmd.build import build_main

    out = Path(out).resolve()
    notebooks = course_notebooks() if notebooks is None else list(notebooks)
    if not notebooks:
        raise SystemExit(f"no notebooks NN_*.ipynb in {NOTEBOOKS}")
    mathjax = mathjax_folder()
    with tempfile.TemporaryDirectory(prefix="erm-site-") as tmp:
        source, html_out = Path(tmp) / "source", Path(tmp) / "html"
        stage(source, notebooks, mathjax)
        # -W: a warning (a broken link, an unreadable output) fails the build.
        status = build_main(["-b", "html", "-q", "-W", "--keep-going",
                             "-d", str(Path(tmp) / "doctrees"), str(source), str(html_out)])
        if status:
            raise SystemExit(f"sphinx-build failed (exit status {status})")
        # The theme's source maps (a third of the site) serve only a browser's developer
        # tools.
        for source_map in (html_out / "_static").rglob("*.map"):
            source_map.unlink()
        clear_output(out)
        shutil.copytree(html_out, out)
    return len(notebooks)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder to write the site into (default: _site)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    pages = build(args.out)
    print(f"site: {pages} notebooks -> {args.out}/index.html "
          f"({time.perf_counter() - start:.1f} s)")


if __name__ == "__main__":
    sys.exit(main())
