"""Local server processes for the tests and benchmarks: a free loopback port, start a
command and wait until a URL answers, stop it for sure."""
from __future__ import annotations

import socket
import subprocess
import tempfile
import time

import requests


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd: list[str], ready_url: str, *, env: dict | None = None, cwd=None, timeout_s: float = 120,
          params: dict | None = None) -> subprocess.Popen:
    """Start `cmd` and return once `ready_url` answers 200; raise with its output if it
    exits or does not come up in time."""
    # Output to a file, not a pipe nobody reads: a chatty server would block on a full pipe.
    log = tempfile.TemporaryFile(mode="w+")
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if requests.get(ready_url, params=params, timeout=2).ok:
                return proc
        except requests.RequestException:
            pass
        if proc.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"{cmd[0]} exited ({proc.returncode}): {log.read()[-3000:]}")
        time.sleep(0.2)
    stop(proc)
    raise RuntimeError(f"{' '.join(cmd)} did not answer at {ready_url} within {timeout_s:g} s")


def stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
