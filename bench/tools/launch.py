#!/usr/bin/env python3
"""Starts the server binary detached, waits until GET /readyz answers 200, and prints one JSON line:
{"pid": ..., "ready_ms": ...}. The clock starts immediately before the process is created and the
poll is a plain TLS request every 2 ms from this (already warm) process, so the number is the
server's own start-up, not the cost of spawning a poller. The server keeps running after this
script exits; the caller stops it by PID."""
import argparse
import http.client
import json
import os
import ssl
import subprocess
import sys
import time
from urllib.parse import urlsplit


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True, help="https://127.0.0.1:PORT/readyz")
    parser.add_argument("--log", required=True, help="file for the server's stdout and stderr")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no server command given")

    url = urlsplit(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        parser.error("only loopback addresses are polled")
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the benchmark's own throwaway certificate

    log = open(args.log, "wb")
    started = time.monotonic_ns()
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = started + int(args.timeout * 1e9)
    while time.monotonic_ns() < deadline:
        if process.poll() is not None:
            print(json.dumps({"pid": process.pid, "error": f"server exited with code {process.returncode}"}))
            return 1
        try:
            connection = http.client.HTTPSConnection(url.hostname, url.port, context=context, timeout=2)
            connection.request("GET", url.path or "/readyz")
            status = connection.getresponse().status
            connection.close()
            if status == 200:
                ready_ms = (time.monotonic_ns() - started) / 1e6
                print(json.dumps({"pid": process.pid, "ready_ms": round(ready_ms, 1)}))
                return 0
        except OSError:
            pass
        time.sleep(0.002)

    print(json.dumps({"pid": process.pid, "error": f"not ready within {args.timeout} s"}))
    return 1


if __name__ == "__main__":
    sys.exit(main())
