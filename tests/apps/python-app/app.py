"""Sample app of the python buildpack: the standard library's HTTP server on $PORT."""

import http.server
import json
import os
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/":
            self.reply(200, "text/plain; charset=utf-8", "Hello from the python sample\n")
        elif self.path == "/env":
            body = {"prefix": sys.prefix, "virtualEnv": os.environ.get("VIRTUAL_ENV")}
            self.reply(200, "application/json", json.dumps(body))
        else:
            self.reply(404, "text/plain; charset=utf-8", "not found\n")

    def reply(self, status, content_type, body):
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "5000"))
    server = http.server.ThreadingHTTPServer(("", port), Handler)
    print(f"python sample listening on {port}", flush=True)
    server.serve_forever()
