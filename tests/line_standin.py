"""A stand-in of the LINE Messaging API on 127.0.0.1: records each push, answers with the
status codes it is told to (200 once they run out)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class LineStandIn:
    def __init__(self):
        self.pushes: list[dict] = []
        self.answers: list[int] = []
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                status = standin.answers.pop(0) if standin.answers else 200
                standin.pushes.append(
                    {
                        "path": self.path,
                        "authorization": self.headers.get("Authorization"),
                        "retry_key": self.headers.get("X-Line-Retry-Key"),
                        "body": json.loads(body),
                        "status": status,
                    }
                )
                # What LINE answers: the SDK reads sentMessages from a success.
                sent = {"sentMessages": [{"id": str(len(standin.pushes)), "quoteToken": "q"}]}
                failure = {"message": "stand-in failure"}
                reply = json.dumps(sent if status == 200 else failure).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def texts(self) -> list[str]:
        return [m["text"] for p in self.pushes if p["status"] == 200 for m in p["body"]["messages"]]
