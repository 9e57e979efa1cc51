#!/usr/bin/env python3
"""A real SMTP server for Focus Squad's tests (aiosmtpd, from PyPI): it accepts every
letter on 127.0.0.1:<port> and writes each one, decoded, as <dir>/NNNN.json
({"from", "to", "subject", "body"}), so a test can read what was sent and follow its link.
Prints "ready" once it listens; runs until killed.

    python3 tools/mailbox.py --port 2525 --dir /tmp/letters
"""
import argparse
import itertools
import json
import os
import signal
from email import message_from_bytes, policy

from aiosmtpd.controller import Controller


class Keep:
    def __init__(self, directory):
        self.directory = directory
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        message = message_from_bytes(envelope.content, policy=policy.default)
        part = message.get_body(preferencelist=("plain",))
        record = {
            "from": envelope.mail_from,
            "to": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "body": part.get_content() if part is not None else "",
        }
        number = next(self.numbers)
        temporary = os.path.join(self.directory, f".{number:04}.tmp")
        with open(temporary, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False)
        # Whole files only: a reader never sees half a letter.
        os.replace(temporary, os.path.join(self.directory, f"{number:04}.json"))
        return "250 OK"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Keep(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (controller.stop(), os._exit(0)))
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
