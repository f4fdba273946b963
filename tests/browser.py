"""A real browser for the tests: Debian's chromium, headless, driven through chromedriver's WebDriver API.

No Selenium: WebDriver is JSON over HTTP, a handful of calls. The page's terminal is
drawn on a canvas, so a script added before the page's own (`SCREEN`) follows the
websocket's output with a small terminal of its own (cursor moves and text; styles
dropped), and `screen()` reads it as lines of text. A tap is a real pointer action at
the middle of the cell that holds the text. Every connection is to 127.0.0.1.
"""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")

# Follows the terminal the page's websocket draws: 'ESC [ row ; col H' moves, printable text is written.
SCREEN = r"""
(() => {
  const Real = window.WebSocket;
  const state = { rows: 24, cols: 80, grid: [], y: 0, x: 0, rest: "", decoder: new TextDecoder() };
  const blank = () => { state.grid = Array.from({length: state.rows}, () => Array(state.cols).fill(" ")); };
  blank();
  const feed = (text) => {
    text = state.rest + text; state.rest = "";
    let i = 0;
    while (i < text.length) {
      const c = text[i];
      if (c === "\x1b") {
        const m = /^\x1b\[([0-9;?<>=:]*)[ -\/]*([@-~])/.exec(text.slice(i, i + 256));
        if (!m) {
          if (text.length - i < 256 && (i + 1 >= text.length || text[i + 1] === "[")) { state.rest = text.slice(i); return; }
          i += 2; continue;
        }
        if (m[2] === "H") {
          const [r, col] = m[1].split(";").map((n) => parseInt(n || "1", 10));
          state.y = (r || 1) - 1; state.x = (col || 1) - 1;
        } else if (m[2] === "J" && m[1] === "2") { blank(); }
        i += m[0].length; continue;
      }
      if (c === "\r") { state.x = 0; i++; continue; }
      if (c === "\n") { state.y++; i++; continue; }
      if (c >= " ") {
        if (state.y < state.rows && state.x < state.cols) { state.grid[state.y][state.x] = c; }
        state.x++;
      }
      i++;
    }
  };
  window.WebSocket = function (url, protocols) {
    const socket = protocols === undefined ? new Real(url) : new Real(url, protocols);
    const send = socket.send.bind(socket);
    socket.send = (data) => {
      try {
        const message = JSON.parse(data);
        if (message[0] === "resize") {
          state.rows = message[1].height; state.cols = message[1].width; blank();
        }
      } catch (error) {}
      return send(data);
    };
    socket.addEventListener("message", (event) => {
      const text = (bytes) => feed(state.decoder.decode(bytes, {stream: true}));
      if (event.data instanceof ArrayBuffer) { text(event.data); }
      else if (event.data instanceof Blob) { event.data.arrayBuffer().then(text); }
    });
    return socket;
  };
  window.WebSocket.prototype = Real.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.__bondtui = state;
})();
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Browser:
    """One headless chromium with its chromedriver; `open(url)` loads a page, `screen()` reads its terminal."""

    def __init__(self, width: int = 1100, height: int = 800) -> None:
        assert CHROMIUM and CHROMEDRIVER
        self.port = free_port()
        self.driver = subprocess.Popen([CHROMEDRIVER, f"--port={self.port}", "--allowed-ips=127.0.0.1"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._wait_for_driver()
        options = {"binary": CHROMIUM, "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                                                "--disable-dev-shm-usage", f"--window-size={width},{height}",
                                                "--no-first-run", "--no-proxy-server"]}
        found = self._call("POST", "/session", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": options}}})
        self.session = found["sessionId"]
        self._followed: set[str] = set()  # the windows whose pages get SCREEN before their own scripts

    def _wait_for_driver(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                self._call("GET", "/status")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("chromedriver did not start")

    def _call(self, method: str, path: str, body: dict | None = None) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as answer:
            return json.loads(answer.read() or b"{}").get("value")

    def _cdp(self, command: str, params: dict) -> Any:
        return self._call("POST", f"/session/{self.session}/goog/cdp/execute", {"cmd": command, "params": params})

    def run(self, script: str, *args: Any) -> Any:
        return self._call("POST", f"/session/{self.session}/execute/sync", {"script": script, "args": list(args)})

    def open(self, url: str) -> None:
        window = self.window()
        if window not in self._followed:  # each window is a target of its own: its pages need the script too
            self._cdp("Page.addScriptToEvaluateOnNewDocument", {"source": SCREEN})
            self._followed.add(window)
        self._call("POST", f"/session/{self.session}/url", {"url": url})

    def new_window(self) -> str:
        handle = self._call("POST", f"/session/{self.session}/window/new", {"type": "window"})["handle"]
        return str(handle)

    def window(self) -> str:
        return str(self._call("GET", f"/session/{self.session}/window"))

    def switch_to(self, handle: str) -> None:
        self._call("POST", f"/session/{self.session}/window", {"handle": handle})

    def cookies(self) -> list[dict]:
        return list(self._call("GET", f"/session/{self.session}/cookie"))

    def location(self) -> str:
        return str(self._call("GET", f"/session/{self.session}/url"))

    def screen(self) -> str:
        """The terminal's lines as the page's websocket drew them."""
        return str(self.run("const s = window.__bondtui; return s ? s.grid.map((r) => r.join('')).join('\\n') : '';"))

    def wait_for(self, found, what: str, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        screen = self.screen()
        while not found(screen):
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout:.0f} s for {what}; the page showed:\n{screen}")
            time.sleep(0.2)
            screen = self.screen()
        return screen

    def tap(self, text: str) -> None:
        """A pointer down and up at the middle of the first cell that shows `text`."""
        lines = self.screen().split("\n")
        row = next(i for i, line in enumerate(lines) if text in line)
        col = lines[row].index(text) + len(text) // 2
        box = self.run("const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
                       "const s = window.__bondtui; return [r.left, r.top, r.width / s.cols, r.height / s.rows];")
        left, top, cell_w, cell_h = box
        x, y = int(left + (col + 0.5) * cell_w), int(top + (row + 0.5) * cell_h)
        self._call("POST", f"/session/{self.session}/actions", {"actions": [{
            "type": "pointer", "id": "finger", "parameters": {"pointerType": "mouse"}, "actions": [
                {"type": "pointerMove", "duration": 0, "x": x, "y": y, "origin": "viewport"},
                {"type": "pointerDown", "button": 0}, {"type": "pause", "duration": 60},
                {"type": "pointerUp", "button": 0}]}]})

    def close(self) -> None:
        try:
            self._call("DELETE", f"/session/{self.session}")
        except OSError:
            pass
        self.driver.terminate()
        try:
            self.driver.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.driver.kill()
