// The dashboard's console: xterm.js (vendored from npm by scripts/update-xterm.sh, no CDN) on paasd's
// run/enter WebSocket (docs/API-RUN.md). The page (ConsolePage.razor) imports this module and calls
// open(id, element, path, dotnet) and close(id, disposeTerminal): sessions are found by the page's id, not by
// the element, which Blazor has already removed when the page is disposed; the login cookie authenticates the
// upgrade, which paasd accepts only from the dashboard's own origin.
import { Terminal } from "../lib/xterm/xterm.mjs";
import { FitAddon } from "../lib/xterm/addon-fit.mjs";

const sessions = new Map();
const encoder = new TextEncoder();

function ensureStylesheet() {
  const href = new URL("../lib/xterm/xterm.css", import.meta.url).href;
  if ([...document.querySelectorAll("link[rel=stylesheet]")].some((l) => l.href === href)) return;
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = href;
  document.head.appendChild(link);
}

function socketUrl(path, cols, rows) {
  const url = new URL(path, document.baseURI);
  url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
  url.searchParams.set("cols", String(cols));
  url.searchParams.set("rows", String(rows));
  return url;
}

export function open(id, element, path, dotnet) {
  close(id, true);
  ensureStylesheet();
  element.replaceChildren();

  const term = new Terminal({
    cursorBlink: true,
    scrollback: 5000,
    fontSize: 14,
    fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace',
    theme: { background: "#1e1e1e" },
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(element);
  try { fit.fit(); } catch { /* not laid out yet: the observer fits it */ }

  const ws = new WebSocket(socketUrl(path, term.cols, term.rows));
  ws.binaryType = "arraybuffer";
  // A frame may end inside a UTF-8 character: decode as a stream.
  const decoder = new TextDecoder("utf-8");
  let opened = false;
  let ended = false;

  const send = (data) => { if (ws.readyState === WebSocket.OPEN) ws.send(data); };
  const onData = term.onData((d) => send(encoder.encode(d)));
  const onBinary = term.onBinary((d) => send(Uint8Array.from(d, (c) => c.charCodeAt(0))));
  const onResize = term.onResize(({ cols, rows }) => send(JSON.stringify({ type: "resize", cols, rows })));
  const refit = () => { try { fit.fit(); } catch { /* hidden */ } };
  const observer = new ResizeObserver(refit);
  observer.observe(element);
  window.addEventListener("resize", refit);

  const stopInput = () => {
    onData.dispose();
    onBinary.dispose();
    onResize.dispose();
  };
  const finish = (code, message) => {
    if (ended) return;
    ended = true;
    stopInput();
    dotnet.invokeMethodAsync("SessionEnded", code, message).catch(() => { /* the page is gone */ });
  };

  ws.onopen = () => {
    opened = true;
    term.focus();
  };
  ws.onmessage = (e) => {
    if (typeof e.data === "string") {
      let m;
      try { m = JSON.parse(e.data); } catch { return; }
      if (m.type === "exit") {
        term.write(`\r\n\x1b[2m[exited with ${m.code}]\x1b[0m\r\n`);
        finish(m.code, null);
      } else if (m.type === "error") {
        term.write(`\r\n\x1b[31m${m.title}: ${m.detail ?? ""}\x1b[0m\r\n`);
        finish(null, `${m.title}${m.detail ? ": " + m.detail : ""}`);
      }
      return;
    }
    const bytes = new Uint8Array(e.data);
    if (bytes.length > 1) term.write(decoder.decode(bytes.subarray(1), { stream: true })); // bytes[0]: the channel
  };
  ws.onclose = (e) => {
    if (ended) return;
    // Browsers hide the status of a refused upgrade: say what paasd refuses for.
    const message = opened
      ? `The connection closed (${e.code}) before the command ended.`
      : "paasd refused the session: the app needs a deployed release (run), the instance must be running (enter), and you must be signed in.";
    term.write(`\r\n\x1b[31m${message}\x1b[0m\r\n`);
    finish(null, message);
  };

  sessions.set(id, {
    close(disposeTerminal) {
      ended = true;
      stopInput();
      observer.disconnect();
      window.removeEventListener("resize", refit);
      // Closing before the exit message kills the command on paasd's side.
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.OPEN) ws.close(1000);
      if (disposeTerminal) term.dispose();
    },
  });
}

export function close(id, disposeTerminal) {
  const session = sessions.get(id);
  if (!session) return;
  sessions.delete(id);
  session.close(disposeTerminal);
}
