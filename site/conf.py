"""Sphinx settings for the course's website. Build it with `make site` (site/build_site.py),
which puts this file, index.md, _static/, the notebooks and MathJax in one folder first."""

project = "Learning via optimization"
html_title = "Learning via optimization"
# No "By ..." line in the footer (Sphinx would print "Author name not set").
author = ""

extensions = ["myst_nb"]
root_doc = "index"

# The notebooks are shown with the outputs stored in them; no kernel is started.
nb_execution_mode = "off"
# No widget libraries from a CDN: build_site.py draws the explorers with the course's own
# drawing layer and replaces any other widget view by one line.
nb_ipywidgets_js = {}

# $...$ and $$...$$ in markdown cells are math, as in JupyterLab; \begin{align} too.
myst_enable_extensions = ["dollarmath", "amsmath"]

# MathJax 3 from site/node_modules, copied into _static/mathjax/ by build_site.py: SVG
# output, so that no font files are loaded. Only \( \) and \[ \], the delimiters Sphinx
# writes, are math in the browser: a stray "$$" in prose stays text (and a test sees it).
mathjax_path = "mathjax/tex-svg.js"
mathjax3_config = {
    "tex": {"inlineMath": [["\\(", "\\)"]], "displayMath": [["\\[", "\\]"]]},
}

html_theme = "sphinx_book_theme"
html_theme_options = {
    "home_page_in_toc": True,
    "use_download_button": False,   # it offers the page's source, which is not copied
    "show_toc_level": 2,
}
# The figures are drawn on white, so pages start light (a reader can switch). Without a
# default the theme logs an error on a reader's first visit.
html_context = {"default_mode": "light"}
html_static_path = ["_static"]
html_css_files = ["course.css", "erm_drawing.css"]
# The explorers' drawing layer, written into _static by build_site.py.
html_js_files = ["search_from_disk.js", "erm_drawing.js"]
html_copy_source = False
html_show_sourcelink = False
html_show_sphinx = False
