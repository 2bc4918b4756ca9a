"""A small Language Server Protocol client for the tests: JSON-RPC over a server's stdin and stdout.

It does what an editor does and no more: starts the server, sends requests and notifications,
answers the requests the server sends back (its settings, capability registrations, progress), and
keeps the diagnostics the server publishes. Every wait has a timeout, so a server that hangs or
dies fails the test with what it wrote to stderr instead of blocking the run.
"""

from __future__ import annotations

import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

TIMEOUT = 30.0
"""Seconds to wait for any one answer; the YAML server answers in well under a second."""


class ServerError(AssertionError):
    """The server answered with an error, died, or did not answer in time."""


class Client:
    """One running language server, spoken to over stdio."""

    def __init__(self, command: Sequence[str], *, cwd: Path,
                 settings: Callable[[str | None], Any] = lambda section: None) -> None:
        self.settings = settings
        """What to answer for each section the server asks for in workspace/configuration."""
        self.process = subprocess.Popen(
            list(command), cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )
        self._next_id = 0
        self._write_lock = threading.Lock()
        self._answers: dict[int, queue.Queue[dict[str, Any]]] = {}
        self._changed = threading.Condition()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        """The latest diagnostics published for each document uri."""
        self._last_published: dict[str, float] = {}
        self.server_requests: list[str] = []
        """The methods of the requests the server sent, in order."""
        self._stderr: list[bytes] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

    # -- sending ---------------------------------------------------------------------------------

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        with self._write_lock:
            assert self.process.stdin is not None
            try:
                self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
                self.process.stdin.flush()
            except (BrokenPipeError, OSError) as error:
                raise ServerError(f"the language server is gone ({error}); {self.stderr()}") from None

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def request(self, method: str, params: Any, timeout: float = TIMEOUT) -> Any:
        self._next_id += 1
        ident = self._next_id
        answer: queue.Queue[dict[str, Any]] = queue.Queue()
        self._answers[ident] = answer
        self._send({"id": ident, "method": method, "params": params})
        try:
            message = answer.get(timeout=timeout)
        except queue.Empty:
            raise ServerError(f"no answer to {method} within {timeout:g} s; {self.stderr()}") from None
        finally:
            del self._answers[ident]
        if "error" in message:
            raise ServerError(f"{method} failed: {message['error']}")
        return message.get("result")

    # -- receiving -------------------------------------------------------------------------------

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b"\n"):
                if not line:  # the server closed its output
                    with self._changed:
                        self._changed.notify_all()
                    return
                name, _, value = line.decode("ascii").partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value)
            if length is None:
                continue
            self._handle(json.loads(stream.read(length)))

    def _handle(self, message: dict[str, Any]) -> None:
        if "method" not in message:  # the answer to one of our requests
            if (waiting := self._answers.get(message.get("id"))) is not None:
                waiting.put(message)
            return
        method, params = message["method"], message.get("params")
        if "id" in message:  # a request from the server: every one needs an answer, or it waits
            self.server_requests.append(method)
            result: Any = None
            if method == "workspace/configuration":
                result = [self.settings(item.get("section")) for item in params["items"]]
            elif method == "workspace/workspaceFolders":
                result = []
            self._send({"id": message["id"], "result": result})
        elif method == "textDocument/publishDiagnostics":
            with self._changed:
                self.diagnostics[params["uri"]] = params["diagnostics"]
                self._last_published[params["uri"]] = time.monotonic()
                self._changed.notify_all()

    def _drain_stderr(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self._stderr.append(line)

    def stderr(self) -> str:
        text = b"".join(self._stderr).decode("utf-8", "replace").strip()
        return f"server stderr: {text[-2000:]}" if text else "the server wrote nothing to stderr"

    # -- what the tests use ----------------------------------------------------------------------

    def wait_for_diagnostics(self, uri: str, *, settle: float = 0.5,
                             timeout: float = TIMEOUT) -> list[dict[str, Any]]:
        """The diagnostics for ``uri`` once the server has published them and then nothing more for
        it for ``settle`` seconds (a server may publish a document again, say once its schema has
        loaded)."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                now = time.monotonic()
                if uri in self._last_published and now - self._last_published[uri] >= settle:
                    return self.diagnostics[uri]
                if self.process.poll() is not None:
                    raise ServerError(f"the language server exited ({self.process.returncode}); "
                                      f"{self.stderr()}")
                if now >= deadline:
                    raise ServerError(f"no diagnostics for {uri} within {timeout:g} s; {self.stderr()}")
                self._changed.wait(timeout=min(deadline - now, settle / 2))

    def open(self, uri: str, text: str) -> None:
        """Open a YAML document in the server (the text need not be saved anywhere)."""
        with self._changed:
            self.diagnostics.pop(uri, None)
            self._last_published.pop(uri, None)
        self.notify("textDocument/didOpen",
                    {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}})

    def close(self) -> None:
        """Shut the server down politely, then for sure."""
        try:
            if self.process.poll() is None:
                self.request("shutdown", None, timeout=5)
                self.notify("exit", None)
                self.process.wait(timeout=5)
        except (ServerError, subprocess.TimeoutExpired):
            pass
        finally:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=5)
            for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
                if stream is not None:
                    stream.close()
