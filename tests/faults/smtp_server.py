"""A minimal SMTP server on 127.0.0.1 for fault tests (HELO/EHLO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT), with the one trick the tests need: `hold` keeps a message waiting after DATA, before the
"250" that accepts it, so that a test can kill the sender in the middle of sending.

A message counts as delivered only once the client has been told "250": a sender that dies
before that has not sent it, as with a real mail server.
"""

from __future__ import annotations

import select
import socket
import socketserver
import threading
from dataclasses import dataclass, field
from email import message_from_bytes


@dataclass
class Mailbox:
    accepted: list = field(default_factory=list)  # email.message.Message
    dropped: int = 0  # senders that went away while their message was held
    hold: threading.Event = field(default_factory=threading.Event)  # set: hold after DATA
    data_received: threading.Event = field(default_factory=threading.Event)
    delivered: threading.Condition = field(default_factory=threading.Condition)

    def wait_for(self, count: int, timeout: float) -> bool:
        with self.delivered:
            return self.delivered.wait_for(lambda: len(self.accepted) >= count, timeout)

    def wait_for_drop(self, timeout: float) -> bool:
        with self.delivered:
            return self.delivered.wait_for(lambda: self.dropped >= 1, timeout)


class _Handler(socketserver.StreamRequestHandler):
    timeout = 30

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")
        self.wfile.flush()

    def handle(self) -> None:
        assert isinstance(self.server, _Server)
        mailbox: Mailbox = self.server.mailbox
        self.reply("220 localhost test SMTP")
        while True:
            line = self.rfile.readline()
            if not line:
                return
            command = line.decode("ascii", "replace").strip().upper()
            if command.startswith(("EHLO", "HELO")):
                self.reply("250 localhost")
            elif command.startswith(("MAIL FROM", "RCPT TO", "RSET", "NOOP")):
                self.reply("250 OK")
            elif command == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = self.read_data()
                if data is None:
                    return
                mailbox.data_received.set()
                if mailbox.hold.is_set() and not self.wait_while_held(mailbox):
                    with mailbox.delivered:
                        mailbox.dropped += 1
                        mailbox.delivered.notify_all()
                    return
                self.reply("250 OK queued")
                with mailbox.delivered:
                    mailbox.accepted.append(message_from_bytes(data))
                    mailbox.delivered.notify_all()
            elif command == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("502 Command not implemented")

    def read_data(self) -> bytes | None:
        lines: list[bytes] = []
        while True:
            line = self.rfile.readline()
            if not line:
                return None
            if line in (b".\r\n", b".\n"):
                return b"".join(lines)
            lines.append(line[1:] if line.startswith(b"..") else line)

    def wait_while_held(self, mailbox: Mailbox) -> bool:
        """Wait until the hold is lifted (True) or the sender goes away (False)."""
        sock = self.connection
        while mailbox.hold.is_set():
            readable, _, _ = select.select([sock], [], [], 0.05)
            if readable and not sock.recv(1, socket.MSG_PEEK):
                return False
        return True


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    mailbox: Mailbox


class SMTPServer:
    """`with SMTPServer(port) as mailbox:` serves until the block ends."""

    def __init__(self, port: int = 0):
        self.port = port
        self.mailbox = Mailbox()
        self._server: _Server | None = None

    def __enter__(self) -> Mailbox:
        self._server = _Server(("127.0.0.1", self.port), _Handler)
        self._server.mailbox = self.mailbox
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self.mailbox

    def __exit__(self, *exc) -> None:
        self.mailbox.hold.clear()
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()
