"""Drives Cartan's kernel over the Jupyter protocol, for KernelProtocolIT.

    python3 protocol_driver.py SCENARIO JAVA KERNEL_JAR [CLASSPATH]

Starts the kernel jar with the given java through jupyter_client (a throw-away kernelspec in a temp
folder, interrupt_mode "message" as bin/cartan writes it), plays one scenario and prints one JSON
object with what the kernel sent back. The Java test makes the assertions; this script only records.
"""

import json
import os
import shutil
import signal
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager


def manager(java, jar, classpath):
    home = tempfile.mkdtemp(prefix="cartan-kernel-it-")
    spec_dir = os.path.join(home, "kernels", "cartan-it")
    os.makedirs(spec_dir)
    spec = {"argv": [java, "-Djava.awt.headless=true", "-Xmx512m", "-jar", jar, "{connection_file}"],
            "display_name": "Java (Cartan, test)", "language": "java", "interrupt_mode": "message",
            "env": {"CARTAN_KERNEL_CLASSPATH": classpath}}
    with open(os.path.join(spec_dir, "kernel.json"), "w") as f:
        json.dump(spec, f)
    os.environ["JUPYTER_PATH"] = home
    return KernelManager(kernel_name="cartan-it"), home


def summarise(msg):
    t, c = msg["msg_type"], msg["content"]
    out = {"type": t}
    if t == "stream":
        out.update(name=c["name"], text=c["text"])
    elif t in ("execute_result", "display_data", "update_display_data"):
        out.update(data=c["data"], display_id=c.get("transient", {}).get("display_id"))
    elif t == "error":
        out.update(ename=c["ename"], evalue=c["evalue"], traceback=c["traceback"])
    return out


def run(kc, code, timeout=120):
    outputs = []

    def hook(msg):
        if msg["msg_type"] in ("stream", "execute_result", "display_data", "update_display_data", "error"):
            outputs.append(summarise(msg))

    reply = kc.execute_interactive(code, output_hook=hook, timeout=timeout, allow_stdin=False)
    content = reply["content"]
    return {"code": code, "status": content["status"], "ename": content.get("ename"), "outputs": outputs}


def interrupted(km, kc, code, how):
    """Starts a cell that never ends, interrupts it after a second, returns the reply and its timing."""
    msg_id = kc.execute(code)
    time.sleep(1.5)
    t0 = time.time()
    if how == "signal":
        km.signal_kernel(signal.SIGINT)
    else:
        km.interrupt_kernel()  # interrupt_request on the control channel (interrupt_mode "message")
    reply = None
    while reply is None and time.time() - t0 < 60:
        try:
            msg = kc.get_shell_msg(timeout=5)
        except Exception:
            continue
        if msg["parent_header"].get("msg_id") == msg_id:
            reply = msg
    outputs = []
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except Exception:
            break
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "error":
            outputs.append(summarise(msg))
    return {"code": code, "how": how, "replied": reply is not None,
            "status": reply["content"]["status"] if reply else None,
            "ename": reply["content"].get("ename") if reply else None,
            "seconds_to_reply": round(time.time() - t0, 2), "outputs": outputs}


def main():
    scenario, java, jar = sys.argv[1:4]
    classpath = sys.argv[4] if len(sys.argv) > 4 else ""
    km, home = manager(java, jar, classpath)
    result = {"scenario": scenario}
    t0 = time.time()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
        result["seconds_to_ready"] = round(time.time() - t0, 2)
        cells = []
        if scenario == "cells":
            for code in json.loads(sys.stdin.read()):
                cells.append(run(kc, code))
            result["complete"] = kc.complete("String.valueO", 13, reply=True, timeout=60)["content"]
            result["inspect"] = kc.inspect("Math.max(1, 2)", 6, reply=True, timeout=60)["content"]
            kc.is_complete("for (int i = 0; i < 3; i++) {")
            result["is_complete_open"] = kc.get_shell_msg(timeout=60)["content"]
            kc.is_complete("int x = 1;")
            result["is_complete_done"] = kc.get_shell_msg(timeout=60)["content"]
        elif scenario == "interrupt":
            cells.append(interrupted(km, kc, "while (true) {}", "message"))
            cells.append(run(kc, "1 + 1"))
            cells.append(interrupted(km, kc, "Thread.sleep(100000);", "message"))
            run(kc, "var n = new java.util.concurrent.atomic.AtomicLong();")
            cells.append(interrupted(km, kc, "while (true) { n.incrementAndGet(); }", "signal"))
            cells.append(run(kc, "n.get() > 0"))
        elif scenario == "shutdown":
            cells.append(run(kc, "int kept = 41;\nkept + 1"))
            t1 = time.time()
            km.restart_kernel(now=False)
            kc.wait_for_ready(timeout=60)
            result["seconds_to_restart"] = round(time.time() - t1, 2)
            cells.append(run(kc, "1 + 1"))
            cells.append(run(kc, "kept"))  # gone with the old JVM: a compile error
            process = km.provisioner.process if km.provisioner else None
            t2 = time.time()
            km.shutdown_kernel(now=False)
            result["seconds_to_exit"] = round(time.time() - t2, 2)
            result["exit_code"] = process.returncode if process is not None else None
        result["cells"] = cells
    finally:
        kc.stop_channels()
        if km.has_kernel:
            km.shutdown_kernel(now=True)
        shutil.rmtree(home, ignore_errors=True)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
