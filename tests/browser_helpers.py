"""Machinery for the browser test: the project's JupyterLab, headless Chromium, a notebook page.

Used by ``tests/test_browser.py``. Nothing here runs on import (pytest's doctest collection
imports this module); Playwright is imported only when a browser is started.

Three pieces:

- :class:`LabServer` starts ``python -m jupyter lab`` from this environment on 127.0.0.1, on
  a free port with a random token, with every settings, runtime and cache directory in a
  temporary folder (the lab extensions for ipywidgets and anywidget still come from the
  environment's ``share/jupyter``), and stops it again, kernels included.
- :func:`find_chromium` and :data:`CHROMIUM_ARGS` pick Debian's Chromium; the test never
  downloads a browser.
- :class:`NotebookPage` drives one open notebook the way a student does (menus, keyboard,
  mouse) and reads what the student would see (prompts, outputs, widget readouts, pixels).
"""

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

# Debian's Chromium, started by Playwright. No sandbox (CI runs as root in a container), no
# GPU, and nothing that talks to Google's servers (the test machines are often offline).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_HINT = (
    "the browser test needs Chromium: on Debian/Ubuntu run `sudo apt-get install chromium`, "
    "or point ERM_CHROMIUM at a Chrome/Chromium executable "
    "(e.g. ERM_CHROMIUM=/usr/bin/google-chrome)"
)

# The notebook panel on show (each test opens one notebook in a workspace of its own).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
# Mime type JupyterLab gives to stderr streams and to error tracebacks alike.
STDERR_MIME = "application/vnd.jupyter.stderr"


def find_chromium():
    """The Chromium executable to use (``$ERM_CHROMIUM`` or Debian's), or None if absent."""
    candidate = os.environ.get("ERM_CHROMIUM") or DEFAULT_CHROMIUM
    path = Path(candidate)
    if path.is_file() and os.access(path, os.X_OK):
        return str(path)
    return None


def browser_env(home):
    """os.environ with HOME and the XDG folders inside ``home``, so that nothing
    (Chromium's crash-report folder, caches) is written into the user's home."""
    home = Path(home)
    return dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                XDG_CACHE_HOME=str(home / "cache"), XDG_DATA_HOME=str(home / "data"))


@contextlib.contextmanager
def launched_chromium(path):
    """Chromium at ``path``, headless under Playwright, with its profile, crash-report
    folder and caches in a temporary HOME that is removed afterwards."""
    from playwright.sync_api import sync_playwright

    home = tempfile.mkdtemp(prefix="erm-chromium-")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=path, headless=True,
                                        args=CHROMIUM_ARGS, env=browser_env(home))
            try:
                yield browser
            finally:
                browser.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --------------------------------------------------------------------------------------
# JupyterLab
# --------------------------------------------------------------------------------------

# User settings written into the temporary settings folder. Each one removes a source of
# flakiness: every cell stays in the DOM (so prompts and outputs can be read without
# scrolling), no news or update pop-up covers the notebook, no network fetches.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
    "@jupyterlab/extensionmanager-extension/plugin.jupyterlab-settings": {"enabled": False},
}


def _children(pid):
    """Process ids whose parent is ``pid`` (Linux /proc; an empty list elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = entry.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.parent.name))
    return found


def _signal_group(pid, sig):
    """Send ``sig`` to the process group led by ``pid`` (a session we started)."""
    try:
        os.killpg(pid, sig)
    except (ProcessLookupError, PermissionError):
        pass


class LabServer:
    """The project's JupyterLab on 127.0.0.1, serving ``root_dir``, in its own temp folders.

    Parameters
    ----------
    root_dir : Path
        The folder the lab shows (a temporary copy of the notebooks).
    work_dir : Path
        A temporary folder for settings, runtime files, IPython and matplotlib caches and
        the server log.
    """

    def __init__(self, root_dir, work_dir, app="lab"):
        self.app = app            # "lab" (JupyterLab) or "notebook" (Notebook 7)
        self.root_dir = Path(root_dir)
        self.work_dir = Path(work_dir)
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = self.work_dir / "jupyterlab.log"
        self.proc = None
        self._kernel_pids = set()

    # ---- environment -------------------------------------------------------------------
    def environment(self):
        """os.environ with every Jupyter/IPython/matplotlib user folder moved to work_dir."""
        # HOME and the XDG folders too, so that nothing else lands in the user's home.
        env = browser_env(self.work_dir / "home")
        dirs = {
            "JUPYTER_CONFIG_DIR": "config",
            # Only the *user* data dir moves: sys.prefix/share/jupyter (lab extensions,
            # kernel spec) stays on the data path.
            "JUPYTER_DATA_DIR": "data",
            "JUPYTER_RUNTIME_DIR": "runtime",
            "JUPYTERLAB_SETTINGS_DIR": "lab-settings",
            "JUPYTERLAB_WORKSPACES_DIR": "lab-workspaces",
            "IPYTHONDIR": "ipython",
            "MPLCONFIGDIR": "matplotlib",
        }
        for name, sub in dirs.items():
            path = self.work_dir / sub
            path.mkdir(parents=True, exist_ok=True)
            env[name] = str(path)
        # Nothing from the caller's own Jupyter set-up leaks in.
        env.pop("JUPYTER_PATH", None)
        env.pop("JUPYTER_CONFIG_PATH", None)
        env["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
        settings = self.work_dir / "lab-settings"
        for name, values in LAB_SETTINGS.items():
            path = settings / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values))
        return env

    @property
    def app_class(self):
        return "LabApp" if self.app == "lab" else "JupyterNotebookApp"

    def command(self):
        cmd = [
            sys.executable, "-m", "jupyter", self.app,
            "--no-browser",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--ServerApp.terminals_enabled=False",
            # Safety net if the test process is killed before it can stop the server.
            "--ServerApp.shutdown_no_activity_timeout=600",
            # Lets the test *read* the kernel's connection state (window.jupyterapp);
            # every action still goes through menus, keyboard and mouse.
            f"--{self.app_class}.expose_app_in_browser=True",
            "--FileContentsManager.delete_to_trash=False",
        ]
        if self.app == "lab":
            cmd += ["--LabApp.news_url=None",
                    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        return cmd

    # ---- life cycle --------------------------------------------------------------------
    def start(self, timeout=90):
        """Start the server and wait until ``/api/status`` answers."""
        env = self.environment()
        self._log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            self.command(), cwd=self.root_dir, env=env, stdin=subprocess.DEVNULL,
            stdout=self._log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.proc.returncode}:\n"
                                   + self.log_tail())
            try:
                status = self.api("status")
                if "started" in status:
                    return self
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.25)
        raise TimeoutError(f"JupyterLab did not answer /api/status in {timeout} s:\n"
                           + self.log_tail())

    def stop(self):
        """Shut the server and its kernels down; kill whatever is left after 15 s."""
        if self.proc is None:
            return
        self._kernel_pids.update(_children(self.proc.pid))
        if self.proc.poll() is None:
            try:   # polite: the server stops its kernels and exits
                self.api("shutdown", method="POST", timeout=5)
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                _signal_group(self.proc.pid, signal.SIGTERM)
                try:
                    self.proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    _signal_group(self.proc.pid, signal.SIGKILL)
                    self.proc.wait(timeout=5)
        # The kernels run in sessions of their own (jupyter_client starts them so); any
        # that outlived the server are ended by their ids, once checked to be ours.
        for pid in self._kernel_pids:
            if self._is_our_kernel(pid):
                _signal_group(pid, signal.SIGKILL)
        self._log.close()
        self.proc = None

    def _is_our_kernel(self, pid):
        """True if ``pid`` still runs a kernel whose connection file is in our temp folder
        (a process id can be reused once its process has ended)."""
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
        except OSError:
            return False
        return str(self.work_dir) in cmdline

    def remember_kernels(self):
        """Note the current kernel processes, so :meth:`stop` can end them in any case."""
        if self.proc is not None:
            self._kernel_pids.update(_children(self.proc.pid))

    # ---- REST --------------------------------------------------------------------------
    def api(self, path, method="GET", timeout=5):
        """JSON answer of the server's REST API at ``/api/<path>``."""
        request = urllib.request.Request(
            f"{self.base_url}/api/{path}", method=method,
            headers={"Authorization": f"token {self.token}"},
            data=b"" if method == "POST" else None,
        )
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read()
        return json.loads(body) if body else {}

    def shutdown_sessions(self):
        """End every open session and its kernel, as File > Shut Down All Kernels would."""
        self.remember_kernels()
        for session in self.api("sessions"):
            self.api(f"sessions/{session['id']}", method="DELETE")

    def kernel_state(self, notebook_name):
        """``execution_state`` of the kernel of the session on ``notebook_name``, or None."""
        for session in self.api("sessions"):
            if Path(session.get("path", "")).name == notebook_name and session.get("kernel"):
                return session["kernel"].get("execution_state")
        return None

    def url(self, notebook_name, workspace):
        """The address a student would open: the notebook in a fresh workspace."""
        if self.app == "notebook":          # Notebook 7: one notebook per page
            return f"{self.base_url}/notebooks/{notebook_name}?token={self.token}"
        return (f"{self.base_url}/lab/workspaces/{workspace}/tree/{notebook_name}"
                f"?token={self.token}")

    def log_tail(self, lines=40):
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        # The token is random and local, but it has no business in a report.
        return "\n".join(text.splitlines()[-lines:]).replace(self.token, "<token>")


# --------------------------------------------------------------------------------------
# A notebook in the browser
# --------------------------------------------------------------------------------------

# The notebook panel's session: ready, its kernel connected over the websocket, and idle.
# The exposed app object (window.jupyterapp) is only read, here and in JS_MODEL_ERRORS.
JS_KERNEL_READY = """() => {
  const app = window.jupyterapp;
  const panel = app && app.shell && app.shell.currentWidget;
  if (!panel || !panel.sessionContext || !panel.context || !panel.context.isReady) return false;
  const sc = panel.sessionContext;
  const kernel = sc.session && sc.session.kernel;
  return Boolean(sc.isReady && kernel && kernel.connectionStatus === 'connected'
                 && kernel.status === 'idle');
}"""

# Every code cell's prompt in the notebook as shown: "[3]:", "[*]:" or "[ ]:".
JS_PROMPTS = """() => Array.from(
  document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt')
).map(p => p.textContent.trim())"""

# Error outputs in the notebook's model (what would be saved), as "ename: evalue".
JS_MODEL_ERRORS = """() => {
  const panel = window.jupyterapp.shell.currentWidget;
  const cells = panel.content.model.cells;
  const errors = [];
  for (let i = 0; i < cells.length; i++) {
    const cell = cells.get(i);
    if (cell.type !== 'code') continue;
    for (let j = 0; j < cell.outputs.length; j++) {
      const out = cell.outputs.get(j).toJSON();
      if (out.output_type === 'error') errors.push(`cell ${i + 1}: ${out.ename}: ${out.evalue}`);
    }
  }
  return errors;
}"""


class NotebookPage:
    """One notebook open in JupyterLab in a Playwright page, with screenshots per step.

    Parameters
    ----------
    page : playwright.sync_api.Page
    server : LabServer
    notebook_name : str
        File name inside the server's root folder.
    artifacts : Path
        Folder for the screenshots of each step.
    """

    def __init__(self, page, server, notebook_name, artifacts):
        self.page = page
        self.server = server
        self.name = notebook_name
        self.artifacts = Path(artifacts)
        self.step = 0
        self.console = []
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))

    # ---- evidence ----------------------------------------------------------------------
    def shot(self, label):
        """Save a screenshot of the whole window as ``NN-label.png``."""
        self.step += 1
        self.artifacts.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=self.artifacts / f"{self.step:02d}-{label}.png")

    def save_console(self):
        self.artifacts.mkdir(parents=True, exist_ok=True)
        (self.artifacts / "console.log").write_text("\n".join(self.console) + "\n")

    # ---- opening and running -----------------------------------------------------------
    def open(self, workspace, timeout=60):
        """Open the notebook and wait until its kernel is really ready.

        Ready means both sides agree: the server lists a session for this notebook whose
        kernel is idle, and in the page the notebook's session context is ready with its
        kernel connected over the websocket and idle. (The status bar says "Idle" earlier
        than that, and Run All sent then opens a "Select Kernel" dialog.)
        """
        page = self.page
        page.goto(self.server.url(self.name, workspace))
        page.locator(".jp-NotebookPanel .jp-Notebook").first.wait_for(timeout=timeout * 1000)
        page.wait_for_function(JS_KERNEL_READY, timeout=timeout * 1000, polling=100)
        deadline = time.monotonic() + timeout
        while self.server.kernel_state(self.name) != "idle":
            if time.monotonic() > deadline:
                raise TimeoutError(f"the server shows no idle kernel for {self.name}")
            time.sleep(0.1)
        self.server.remember_kernels()
        self.assert_no_dialog()

    def assert_no_dialog(self):
        dialog = self.page.locator(".jp-Dialog")
        if dialog.count():
            text = dialog.first.inner_text()
            self.shot("unexpected-dialog")
            raise AssertionError(f"JupyterLab shows a dialog: {text!r}")

    def menu(self, menu, item):
        """Click ``menu`` in the menu bar, then the item whose label is exactly ``item``."""
        page = self.page
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(f"^{re.escape(menu)}$")).click()
        entry = page.locator(".lm-Menu-item:not(.lm-mod-disabled)").filter(
            has=page.locator(".lm-Menu-itemLabel",
                             has_text=re.compile(f"^{re.escape(item)}$")))
        entry.click()

    def prompts(self):
        return self.page.evaluate(JS_PROMPTS)

    def run_all(self, timeout=120):
        """Clear the stored outputs, Run All Cells, wait until the run ends; the prompts.

        Both through the menus. The run ends when every cell has its count, or when a cell
        raised and Run All stopped there. Clearing first makes every prompt "[ ]:", so a count seen
        afterwards is from this run, not one saved in the file.
        """
        self.menu("Edit", "Clear Outputs of All Cells")
        wait_until(lambda: all(p in ("[ ]:", "") for p in self.prompts()), timeout=10,
                   message="the cleared prompts")
        self.menu("Run", "Run All Cells")
        deadline = time.monotonic() + timeout
        while True:
            self.assert_no_dialog()
            prompts = self.prompts()
            done = prompts and all(p.startswith("[") and p[1:-2].isdigit() for p in prompts)
            if done and self.page.evaluate(JS_KERNEL_READY):
                break
            # Run All stops at a cell that raises: the cells below keep "[ ]:".
            if ("[*]:" not in prompts and self.page.evaluate(JS_KERNEL_READY)
                    and self.page.evaluate(JS_MODEL_ERRORS)):
                break
            if time.monotonic() > deadline:
                self.shot("run-all-timeout")
                raise TimeoutError(f"cells still not run after {timeout} s: {prompts}")
            time.sleep(0.2)
        return prompts

    def errors(self):
        """What a student would see as errors, from the page and from the notebook model."""
        found = list(self.page.evaluate(JS_MODEL_ERRORS))
        stderr = self.page.locator(
            f'{PANEL} .jp-OutputArea-output[data-mime-type="{STDERR_MIME}"]')
        for i in range(stderr.count()):
            text = stderr.nth(i).inner_text()
            if "Traceback" in text or "Error" in text:
                found.append("stderr output: " + text.strip()[:500])
        broken = self.page.locator(".jp-OutputArea-output", has_text="Error displaying widget")
        for i in range(broken.count()):
            found.append("widget output: " + broken.nth(i).inner_text().strip()[:200])
        return found


def wait_until(predicate, timeout=20, interval=0.1, message="condition"):
    """Poll ``predicate()`` until it is truthy; return its value or raise TimeoutError."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout} s waiting for {message}")
        time.sleep(interval)


def make_temp_root(notebooks, extra=None):
    """A temporary root folder with copies of ``notebooks`` plus generated ``extra`` ones.

    ``extra`` maps file names to nbformat notebooks. Returns (root, work) folders, both
    inside one temp folder that the caller removes.
    """
    import nbformat

    top = Path(tempfile.mkdtemp(prefix="erm-browser-"))
    root, work = top / "root", top / "work"
    root.mkdir()
    work.mkdir()
    for nb in notebooks:
        shutil.copy2(nb, root / Path(nb).name)
    for name, nb in (extra or {}).items():
        nbformat.write(nb, root / name)
    return top, root, work
