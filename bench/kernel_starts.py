"""Starts a Jupyter kernel many times and measures how long each takes to answer, and how many hang.

    /usr/bin/python3 bench/kernel_starts.py [--starts 200] [--kernel cartan] [--jupyter-path target/jupyter]
                                            [--timeout 60] [--cell-every 1] [--out bench/kernel-starts-results.txt]

Run `bin/cartan setup` first (it writes the project-local kernelspec). For each start, in sequence:
start the kernel process (jupyter_client.KernelManager, as nbclient and the notebook server do), send
kernel_info_request on the shell channel and wait for the reply ("start-to-first-reply", from the
start_kernel() call), then run `1 + 1` and wait for its result ("first cell": includes building the
JShell), then shutdown_request and wait for the process to exit ("exit"; exit code 0 means the kernel
exited by itself, jupyter_client kills it after 5 s otherwise). A start that gets no kernel_info_reply
within --timeout seconds is a hang; it is killed and counted. Prints and writes a summary with median,
90th percentile and maximum of each time.
"""

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

from jupyter_client.manager import KernelManager


def percentile(values, q):
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def one_start(kernel, timeout, run_cell):
    km = KernelManager(kernel_name=kernel)
    t0 = time.monotonic()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    result = {"hang": False, "reply": None, "first_cell": None, "exit": None, "exit_code": None}
    try:
        msg_id = kc.kernel_info()
        deadline = t0 + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                result["hang"] = True
                return result
            try:
                msg = kc.get_shell_msg(timeout=left)
            except Exception:
                continue
            if msg["parent_header"].get("msg_id") == msg_id:
                result["reply"] = time.monotonic() - t0
                break
        if run_cell:
            t1 = time.monotonic()
            reply = kc.execute_interactive("1 + 1", timeout=timeout, output_hook=lambda m: None)
            if reply["content"]["status"] == "ok":
                result["first_cell"] = time.monotonic() - t1
        process = km.provisioner.process if km.provisioner else None
        t2 = time.monotonic()
        km.shutdown_kernel(now=False)
        result["exit"] = time.monotonic() - t2
        result["exit_code"] = process.returncode if process is not None else None
        return result
    finally:
        kc.stop_channels()
        if km.has_kernel:
            km.shutdown_kernel(now=True)


def describe(name, values):
    if not values:
        return "| %s | – | – | – |" % name
    return "| %s | %.2f | %.2f | %.2f |" % (name, statistics.median(values), percentile(values, 0.9), max(values))


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    p.add_argument("--starts", type=int, default=200)
    p.add_argument("--kernel", default="cartan")
    p.add_argument("--jupyter-path", default=os.path.join(root, "target", "jupyter"))
    p.add_argument("--timeout", type=float, default=60.0)
    p.add_argument("--cell-every", type=int, default=1, help="run the first cell on every K-th start only")
    p.add_argument("--out", default=os.path.join(root, "bench", "kernel-starts-results.txt"))
    a = p.parse_args()
    os.environ["JUPYTER_PATH"] = a.jupyter_path + os.pathsep + os.environ.get("JUPYTER_PATH", "")

    results = []
    t_all = time.monotonic()
    for i in range(1, a.starts + 1):
        r = one_start(a.kernel, a.timeout, (i - 1) % a.cell_every == 0)
        results.append(r)
        sys.stdout.write("start %3d: %s\n" % (i, "HANG (no kernel_info_reply in %.0f s)" % a.timeout if r["hang"] else
                                             "reply %.2f s, first cell %s, exit %.2f s (code %s)"
                                             % (r["reply"], "%.2f s" % r["first_cell"] if r["first_cell"] else "-",
                                                r["exit"] or float("nan"),
                                                r["exit_code"])))
        sys.stdout.flush()

    replies = [r["reply"] for r in results if r["reply"] is not None]
    cells = [r["first_cell"] for r in results if r["first_cell"] is not None]
    exits = [r["exit"] for r in results if r["exit"] is not None]
    hangs = sum(1 for r in results if r["hang"])
    killed = sum(1 for r in results if r["exit_code"] not in (0, None))
    java = ""
    try:
        java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    except Exception:
        pass
    load = os.getloadavg()
    lines = [
        "kernel '%s': %d starts (first cell on every %d.), %d hangs (no kernel_info_reply within %.0f s), %d not exited by themselves"
        % (a.kernel, len(results), a.cell_every, hangs, a.timeout, killed),
        "%s, %d CPUs, %s; load average at the end %.1f %.1f %.1f; %.0f s in all"
        % (platform.platform(), os.cpu_count(), java, load[0], load[1], load[2], time.monotonic() - t_all),
        "",
        "| seconds | median | 90th percentile | maximum |",
        "|---|---:|---:|---:|",
        describe("start to kernel_info_reply", replies),
        describe("first cell (`1 + 1`, builds the JShell)", cells),
        describe("shutdown_request to process exit", exits),
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write("\n" + text)
    with open(a.out, "w") as f:
        f.write(text)
    return 1 if hangs else 0


if __name__ == "__main__":
    sys.exit(main())
