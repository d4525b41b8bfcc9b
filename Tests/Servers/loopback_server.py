#!/usr/bin/env python3
"""Loopback servers for the capture tests: real TCP and HTTP endpoints on 127.0.0.1 that
serve the bytes of a file, with the failures a capture must survive.

Usage: loopback_server.py MODE --file PATH [options]
Prints "PORT <n>" on a line of its own once listening, then serves until killed.
Each served byte comes from PATH in order, across connections and requests, so a capture
that survives the failures must end up with exactly the file's first N bytes.

TCP modes
  tcp          each connection gets the next --per-connection bytes (default: all the rest),
               then the server closes it; after --connections connections (default: no
               limit) the listening socket is closed (connections are refused).
  tcp-stall    sends --stall-after bytes on the first connection, then keeps every
               connection open, silent.
  tcp-reset    sends --per-connection bytes, then resets the connection (RST);
               --connections as for tcp.

HTTP mode (GET any path)
  http         each request gets the next --chunk bytes, as --format raw | json-base64 |
               json-hex | json-array (JSON: {"data": ...} or --field a.b for nesting);
               --fail-first N: the first N requests get --fail-status (default 503);
               --fail-always: every request gets --fail-status;
               --stall-first N: the first N requests hang for --stall-seconds before
               answering (nothing is consumed);
               --require-header 'Name: value': other requests get 401;
               --redirect-to URL: requests for any path but URL's own answer 302 with
               Location: URL (URL may name this server with "{port}");
               --log-header NAME: each request also prints "HEADER <n> NAME: value"
               (or "HEADER <n> NAME absent").
               Bodies that misbehave (raw only):
               --endless: no Content-Length, the file's bytes over and over (from where
               the last request stopped) until the client goes away;
               --declared-length N: announces N bytes, sends --chunk, then closes;
               --stall-body: sends --chunk bytes of a longer body, then hangs for
               --stall-seconds.
Standard output also gets one line per HTTP request: "REQUEST <n> <status>", and for the
bodies that misbehave "SENT <n> <bytes>" once the body ends or the client goes away.
"""
import argparse, base64, http.server, json, socket, struct, sys, threading, time


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode")
    p.add_argument("--file", required=True)
    p.add_argument("--per-connection", type=int, default=0)
    p.add_argument("--connections", type=int, default=0)
    p.add_argument("--stall-after", type=int, default=0)
    p.add_argument("--chunk", type=int, default=4096)
    p.add_argument("--format", default="raw")
    p.add_argument("--field", default="data")
    p.add_argument("--fail-first", type=int, default=0)
    p.add_argument("--fail-always", action="store_true")
    p.add_argument("--fail-status", type=int, default=503)
    p.add_argument("--stall-first", type=int, default=0)
    p.add_argument("--stall-seconds", type=float, default=30)
    p.add_argument("--require-header", default="")
    p.add_argument("--endless", action="store_true")
    p.add_argument("--declared-length", type=int, default=0)
    p.add_argument("--stall-body", action="store_true")
    p.add_argument("--redirect-to", default="")
    p.add_argument("--log-header", action="append", default=[])
    a = p.parse_args()
    with open(a.file, "rb") as f:
        data = f.read()
    if a.mode == "http":
        serve_http(a, data)
    else:
        serve_tcp(a, data)


def announce(port):
    sys.stdout.write("PORT %d\n" % port)
    sys.stdout.flush()


def serve_tcp(a, data):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    announce(listener.getsockname()[1])
    offset = 0
    served = 0
    held = []
    while True:
        conn, _ = listener.accept()
        served += 1
        if a.mode == "tcp-stall":
            if served == 1:
                conn.sendall(data[:a.stall_after])
            held.append(conn)  # silent from now on, never closed
            continue
        n = a.per_connection or len(data) - offset
        part = data[offset:offset + n]
        offset += len(part)
        try:
            conn.sendall(part)
        except OSError:
            pass
        if a.mode == "tcp-reset":
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        else:
            conn.shutdown(socket.SHUT_WR)
            # Wait for the client to close so that every byte is delivered before the FIN.
            conn.settimeout(5)
            try:
                while conn.recv(65536):
                    pass
            except OSError:
                pass
        conn.close()
        if a.connections and served >= a.connections:
            listener.close()
            while True:
                time.sleep(3600)


def serve_http(a, data):
    state = {"offset": 0, "requests": 0}
    lock = threading.Lock()
    required = None
    if a.require_header:
        name, _, value = a.require_header.partition(":")
        required = (name.strip(), value.strip())

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def reply(self, status, body, content_type="application/octet-stream"):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            sys.stdout.write("REQUEST %d %d\n" % (self.number, status))
            sys.stdout.flush()

        def do_GET(self):
            with lock:
                state["requests"] += 1
                number = state["requests"]
            self.number = number
            for name in a.log_header:
                value = self.headers.get(name)
                sys.stdout.write("HEADER %d %s\n" % (number, "%s: %s" % (name, value) if value is not None else name + " absent"))
                sys.stdout.flush()
            if a.redirect_to:
                target = a.redirect_to.replace("{port}", str(self.server.server_address[1]))
                if not target.endswith(self.path):
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    sys.stdout.write("REQUEST %d 302\n" % number)
                    sys.stdout.flush()
                    return
            if number <= a.stall_first:
                time.sleep(a.stall_seconds)
                return
            if required and self.headers.get(required[0]) != required[1]:
                return self.reply(401, b'{"error":"missing or wrong key"}', "application/json")
            if a.fail_always or number <= a.stall_first + a.fail_first:
                return self.reply(a.fail_status, b'{"error":"try again later"}', "application/json")
            if a.endless or a.declared_length or a.stall_body:
                return self.misbehave()
            with lock:
                part = data[state["offset"]:state["offset"] + a.chunk]
                state["offset"] += len(part)
            if a.format == "raw":
                return self.reply(200, part)
            if a.format == "json-base64":
                value = base64.b64encode(part).decode()
            elif a.format == "json-hex":
                value = part.hex()
            else:
                value = list(part)
            doc = value
            for key in reversed(a.field.split(".")):
                doc = {key: doc}
            if isinstance(doc, dict):
                doc["success"] = True
            self.reply(200, json.dumps(doc).encode(), "application/json")

        def misbehave(self):
            self.close_connection = True
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")
            if a.declared_length:
                self.send_header("Content-Length", str(a.declared_length))
            elif a.stall_body:
                self.send_header("Content-Length", str(a.chunk * 1000))
            else:
                self.send_header("Connection", "close")
            self.end_headers()
            sys.stdout.write("REQUEST %d 200\n" % self.number)
            sys.stdout.flush()
            sent = 0
            try:
                if a.endless:
                    while True:
                        with lock:
                            start = state["offset"] % len(data)
                            part = data[start:start + 65536]
                            state["offset"] += len(part)
                        self.wfile.write(part)
                        sent += len(part)
                else:
                    with lock:
                        part = data[state["offset"]:state["offset"] + a.chunk]
                        state["offset"] += len(part)
                    self.wfile.write(part)
                    self.wfile.flush()
                    sent = len(part)
                    if a.stall_body:
                        time.sleep(a.stall_seconds)
            except OSError:
                pass
            sys.stdout.write("SENT %d %d\n" % (self.number, sent))
            sys.stdout.flush()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    announce(server.server_address[1])
    server.serve_forever()


if __name__ == "__main__":
    main()
