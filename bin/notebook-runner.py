"""Runs Cartan's notebooks headless and collects their theorem checks.

Called by `bin/cartan notebooks` with Debian's /usr/bin/python3 (nbclient + nbconvert). For each
notebook it starts a fresh kernel, sets CARTAN_CHECKS_FILE so that `cartan.notebook.Check` appends
its rows there, executes every cell (per-cell timeout; one retry only when the kernel fails to
start), writes the executed notebook and an HTML page, and finally the gallery index and
target/checks/summary.csv. Exit status: 0 when every notebook ran without error and every check
passed, 1 otherwise, 2 for bad usage.
"""

import argparse
import csv
import datetime
import io
import os
import sys
import time
import traceback
import warnings

import nbformat
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gallery  # noqa: E402  (bin/gallery.py: the site)
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async, run_hook

# the columns of cartan.notebook.CheckResult.CSV_COLUMNS, after the notebook's name
SUMMARY_HEADER = ["notebook", "id", "kind", "description", "measured", "expected", "tolerance", "status",
                  "rival", "rival_value", "rival_margin"]
COL = {name: i for i, name in enumerate(SUMMARY_HEADER)}


def failed(check):
    """A check that stops the run: FAIL (NOT_REPRODUCED is a result, not a failure)."""
    return check[COL["status"]] == "FAIL"


def counts(checks):
    """Per-kind counts: theorem checks passed, identities, hypotheses reproduced, statements not reproduced."""
    c = {"theorem": 0, "identity": 0, "hypothesis": 0, "not_reproduced": 0, "failed": 0}
    for row in checks:
        kind, status = row[COL["kind"]], row[COL["status"]]
        if status == "FAIL":
            c["failed"] += 1
        elif status == "NOT_REPRODUCED":
            c["not_reproduced"] += 1
        elif kind in c:
            c[kind] += 1
    return c


class KernelStartError(Exception):
    pass


# A kernel that has not answered kernel_info within READY_TIMEOUT seconds is restarted on fresh ports,
# up to START_ATTEMPTS - 1 times, before the notebook is reported as failing to start. This is a last
# resort: Cartan's own kernel answered 200 of 200 starts (bench/kernel_starts.py), so every restart is
# logged as a WARNING and counted in the run's last lines. (The previous default kernel,
# rapaio-jupyter-kernel 3.0.1, hung on about one start in six and made this a routine.)
READY_TIMEOUT = 60
START_ATTEMPTS = 3
KERNEL_RESTARTS = []  # one entry per restart: "notebook: reason"


class RestartingClient(NotebookClient):
    """A NotebookClient that restarts a kernel which never answers, instead of waiting it out."""

    async def async_start_new_kernel_client(self):
        for attempt in range(1, START_ATTEMPTS + 1):
            self.kc = self.km.client()
            await ensure_async(self.kc.start_channels())
            try:
                await ensure_async(self.kc.wait_for_ready(timeout=min(READY_TIMEOUT, self.startup_timeout)))
                break
            except RuntimeError:
                self.kc.stop_channels()
                if attempt == START_ATTEMPTS:
                    await self._async_cleanup_kernel()
                    raise
                reason = "kernel '%s' did not answer kernel_info within %d s" % (self.kernel_name, READY_TIMEOUT)
                KERNEL_RESTARTS.append("%s: %s" % (os.environ.get("CARTAN_NOTEBOOK", "?"), reason))
                sys.stdout.write("WARNING: %s; restarting it on fresh ports (%d/%d). This should not happen: "
                                 "please report it with the kernel log.\n" % (reason, attempt, START_ATTEMPTS - 1))
                sys.stdout.flush()
                await ensure_async(self.km.restart_kernel(now=True, newports=True))
        self.kc.allow_stdin = False
        await run_hook(self.on_notebook_start, notebook=self.nb)
        return self.kc


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("names", nargs="*", help="run only notebooks whose file name starts with one of these")
    p.add_argument("--root", required=True, help="project root")
    p.add_argument("--notebooks-dir", help="folder of notebooks (default ROOT/notebooks)")
    p.add_argument("--out", help="output folder (default ROOT/target)")
    p.add_argument("--kernel", default="cartan")
    p.add_argument("--cell-timeout", type=int, default=600)
    p.add_argument("--startup-timeout", type=int, default=180)
    p.add_argument("--require-theorem", action="store_true",
                   help="fail a notebook that records no theorem or hypothesis check (default: warn)")
    return p.parse_args()


def select(notebooks_dir, names):
    all_nbs = sorted(f for f in os.listdir(notebooks_dir) if f.endswith(".ipynb"))
    if not names:
        return all_nbs
    chosen = []
    for n in names:
        n = os.path.basename(n)
        hits = [f for f in all_nbs if f == n or f.startswith(n)]
        if not hits:
            sys.stderr.write("cartan: no notebook matches '%s' in %s\n" % (n, notebooks_dir))
            sys.exit(2)
        chosen.extend(h for h in hits if h not in chosen)
    return chosen


# index of the cell being executed (timeout and dead-kernel reports), and (cell, rows in the check file
# when it started) for every cell, so that the gallery shows each check beside the cell that made it
progress = {"cell": None, "marks": []}


def check_rows_so_far():
    path = os.environ.get("CARTAN_CHECKS_FILE")
    if not path or not os.path.exists(path):
        return 0
    with open(path, newline="", encoding="utf-8") as f:
        return sum(1 for row in csv.reader(f) if row)


def cells_of_checks(marks, n):
    """The cell index of each of the n check rows: the last cell that started before the row was written."""
    cells = []
    for r in range(n):
        owner = None
        for cell, before in marks:
            if before <= r:
                owner = cell
        cells.append(owner)
    return cells


def execute(nb, notebooks_dir, kernel, cell_timeout, startup_timeout, log):
    """Executes nb in place; the kernel's stdout/stderr go to the open file log.
    Raises KernelStartError if the kernel never started."""
    started = {"ok": False}

    def on_start(**_):
        started["ok"] = True

    def on_cell_start(cell, cell_index, **_):
        progress["cell"] = cell_index
        progress["marks"].append((cell_index, check_rows_so_far()))

    client = RestartingClient(nb, timeout=cell_timeout, startup_timeout=startup_timeout, kernel_name=kernel,
                            resources={"metadata": {"path": notebooks_dir}}, allow_errors=False,
                            on_notebook_start=on_start, on_cell_start=on_cell_start, record_timing=True)
    progress["cell"] = None
    progress["marks"] = []
    try:
        client.execute(stdout=log, stderr=log)
    except (CellExecutionError, CellTimeoutError, DeadKernelError):
        raise
    except Exception as e:  # kernel start problems surface as RuntimeError/TimeoutError here
        if not started["ok"]:
            raise KernelStartError("%s: %s" % (type(e).__name__, e)) from e
        raise


def failing_cell(nb):
    """Index and first line of the first code cell with an error output, if any."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                msg = "%s: %s" % (out.get("ename", "error"), out.get("evalue", ""))
                return i, msg.strip()
    return None, None


def read_checks(path, notebook):
    rows = []
    if os.path.exists(path):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.reader(f):
                if row:
                    row = [notebook] + row
                    if len(row) != len(SUMMARY_HEADER):
                        raise ValueError("%s: check row with %d columns, expected %d: %s"
                                         % (path, len(row), len(SUMMARY_HEADER), row))
                    rows.append(row)
    return rows


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def print_table(checks, results):
    out = io.StringIO()
    shown = ["notebook", "id", "kind", "description", "measured", "expected", "tolerance", "status", "rival_margin"]
    idx = [COL[h] for h in shown]
    widths = [max(len(h), *(len(c[i]) for c in checks)) if checks else len(h) for h, i in zip(shown, idx)]
    widths[3] = min(widths[3], 60)
    fmt = "  ".join("%%-%ds" % w for w in widths)
    out.write(fmt % tuple(shown) + "\n")
    for c in checks:
        cells = [c[i] for i in idx]
        if len(cells[3]) > 60:
            cells[3] = cells[3][:57] + "..."
        out.write(fmt % tuple(cells) + "\n")
    out.write("\nper notebook (theorem checks passed / identities / hypotheses reproduced / not reproduced), wall time:\n")
    for r in results:
        c = counts([x for x in checks if x[0] == r["name"]])
        out.write("  %-40s %3d / %3d / %2d / %2d  %7.1f s  %s\n" % (
            r["name"], c["theorem"], c["identity"], c["hypothesis"], c["not_reproduced"], r["seconds"],
            "ok" if r["ok"] else "FAILED: " + (r["error"] or "")))
    sys.stdout.write(out.getvalue())
    sys.stdout.flush()


def main():
    a = parse_args()
    root = os.path.abspath(a.root)
    nb_dir = os.path.abspath(a.notebooks_dir or os.path.join(root, "notebooks"))
    out = os.path.abspath(a.out or os.path.join(root, "target"))
    for sub in ("notebooks", "site", "checks"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    names = select(nb_dir, a.names)
    if not names:
        sys.stderr.write("cartan: no notebooks in %s\n" % nb_dir)
        return 2

    results, checks = [], []
    executed, check_cells = {}, {}  # for the gallery
    t_all = time.time()
    for fname in names:
        name = fname[:-len(".ipynb")]
        check_file = os.path.join(out, "checks", name + ".csv")
        result = {"name": name, "ok": False, "seconds": 0.0, "error": None}
        nb = None
        t0 = time.time()
        for attempt in (1, 2):
            if os.path.exists(check_file):
                os.remove(check_file)
            os.environ["CARTAN_CHECKS_FILE"] = check_file
            os.environ["CARTAN_NOTEBOOK"] = name
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # cell ids missing in hand-made notebooks are added on write
                nb = nbformat.read(os.path.join(nb_dir, fname), as_version=4)
            sys.stdout.write("running %s%s\n" % (fname, " (retry: kernel did not start)" if attempt == 2 else ""))
            sys.stdout.flush()
            t0 = time.time()
            log_path = os.path.join(out, "notebooks", name + ".kernel.log")
            try:
                with open(log_path, "w" if attempt == 1 else "a") as log:
                    execute(nb, nb_dir, a.kernel, a.cell_timeout, a.startup_timeout, log)
                result["ok"] = True
                break
            except KernelStartError as e:
                result["error"] = "kernel '%s' did not start: %s" % (a.kernel, e)
                if attempt == 2:
                    break
            except CellTimeoutError:
                result["error"] = "cell %s did not finish within the %d s cell timeout and was stopped" % (
                    progress["cell"], a.cell_timeout)
                break
            except DeadKernelError:
                result["error"] = "the kernel died while running cell %s" % progress["cell"]
                break
            except CellExecutionError:
                idx, msg = failing_cell(nb)
                result["error"] = "cell %s failed: %s" % (idx, msg)
                break
            except Exception as e:  # report, keep going with the other notebooks
                result["error"] = "%s: %s" % (type(e).__name__, e)
                traceback.print_exc()
                break
        result["seconds"] = time.time() - t0
        results.append(result)
        if result["error"] and "kernel" in result["error"]:
            sys.stdout.write("  last lines of the kernel's output (%s):\n" % log_path)
            with open(log_path, errors="replace") as f:
                # the kernel logs every message at INFO; its warnings, errors and stack traces matter here
                lines = [l for l in f.readlines() if "[INFO" not in l and not l.startswith(("  \"", "}"))]
            for line in lines[-20:]:
                sys.stdout.write("    " + line)
        try:
            nb_checks = read_checks(check_file, name)
        except ValueError as e:
            nb_checks = []
            result["ok"] = False
            result["error"] = str(e)
        checks.extend(nb_checks)
        check_cells[name] = cells_of_checks(progress["marks"], len(nb_checks))
        if result["ok"] and not nb_checks:
            result["ok"] = False
            result["error"] = "the notebook ran no check"
        if result["ok"] and any(failed(c) for c in nb_checks):
            result["ok"] = False
            result["error"] = "a check failed"
        # a falsifiable check: a theorem check, or a hypothesis (an empirical claim tested against a rival)
        if result["ok"] and not any(c[COL["kind"]] in ("theorem", "hypothesis") for c in nb_checks):
            if a.require_theorem:
                result["ok"] = False
                result["error"] = "the notebook records no theorem check"
            else:
                sys.stdout.write("  WARNING: %s records no theorem check (only identities)\n" % name)
        if nb is not None:
            nbformat.write(nb, os.path.join(out, "notebooks", fname))
            executed[name] = nb
        sys.stdout.write("  %s in %.1f s%s\n" % ("ok" if result["ok"] else "FAILED", result["seconds"],
                                                  "" if result["ok"] else ": " + result["error"]))
        sys.stdout.flush()

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(SUMMARY_HEADER)
    w.writerows(checks)
    write_atomic(os.path.join(out, "checks", "summary.csv"), buf.getvalue())
    try:
        gallery.build(os.path.join(out, "site"), results, checks, executed, check_cells,
                      datetime.datetime.now().strftime("%Y-%m-%d %H:%M"))
    except Exception:  # the gallery is a view: report, never lose the run's verdict over it
        sys.stderr.write("cartan: could not build the gallery (target/site):\n")
        traceback.print_exc()

    print()
    print_table(checks, results)
    failed_checks = [c for c in checks if failed(c)]
    not_reproduced = [c for c in checks if c[COL["status"]] == "NOT_REPRODUCED"]
    failed_nbs = [r for r in results if not r["ok"]]
    print("\n%d notebooks in %.1f s, %d of them failed" % (len(results), time.time() - t_all, len(failed_nbs)))
    for c in not_reproduced:
        print("NOT REPRODUCED %s %s: %s" % (c[0], c[1], c[COL["description"]]))
    for c in failed_checks:
        print("FAILED CHECK %s %s: %s" % (c[0], c[1], c[COL["description"]]))
    for r in failed_nbs:
        print("FAILED NOTEBOOK %s: %s" % (r["name"], r["error"]))
    for r in KERNEL_RESTARTS:
        print("WARNING: kernel restarted (last resort): %s" % r)
    print("gallery: %s" % os.path.join(out, "site", "index.html"))
    total = counts(checks)
    print("checks: %d passed, %d failed (%d theorem checks, %d identities, %d hypotheses reproduced, %d not reproduced)"
          % (len(checks) - len(failed_checks) - len(not_reproduced), len(failed_checks), total["theorem"],
             total["identity"], total["hypothesis"], total["not_reproduced"]))
    return 1 if failed_checks or failed_nbs else 0


if __name__ == "__main__":
    sys.exit(main())
