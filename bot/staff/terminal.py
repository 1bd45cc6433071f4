"""`bot script`: the staff script mode in a terminal, one command per line on standard input.

Works the same typed by hand, through tmux, or fed through a pipe (each prompt line is printed before
the next line is read; running out of input stops cleanly).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from bot.chat.handoff import EMAIL
from bot.flows.engine import Engine
from bot.flows.model import ESCALATED, RESOLVED
from bot.staff.script import ScriptError, ScriptSession, View, parse_facts, script_flows
from bot.tickets.store import TicketError, TicketStore

HELP = """Commands:
  1, 2, ...   pick that choice
  s           the customer doesn't know (questions only)
  b           back: undo the last answer
  k           what we know so far
  t           open an escalation ticket now
  ?           this help
  q           quit (nothing is saved unless you opened a ticket)"""
MARKUP = re.compile(r"\*\*|`")


@dataclass
class Terminal:
    """Reads commands from `source`, writes to `out`."""

    engine: Engine
    source: TextIO
    out: TextIO
    store: Callable[[], TicketStore]
    """Opens the ticket store (only when a ticket is opened)."""

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def ask(self, prompt: str) -> str | None:
        """One line of input, or None at the end of the input."""
        print(prompt, end="", file=self.out, flush=True)
        line = self.source.readline()
        if not line:
            self.say()
            return None
        if not self.source.isatty():
            self.say(line.rstrip("\n"))  # echo piped input, so the output reads like a session
        return line.strip()

    # --- the session ------------------------------------------------------------------
    def pick_flow(self) -> str | None:
        flows = script_flows(self.engine)
        self.say("Which script?")
        for number, flow in enumerate(flows, 1):
            self.say(f"  {number}. {flow.name}: {flow.description}")
        while True:
            answer = self.ask("script> ")
            if answer is None or answer.lower() in ("q", "quit"):
                return None
            if answer.isdigit() and 1 <= int(answer) <= len(flows):
                return flows[int(answer) - 1].id
            if answer in {f.id for f in flows}:
                return answer
            self.say(f"Type a number from 1 to {len(flows)}, or q to quit.")

    def run(self, session: ScriptSession) -> int:
        self.say(f"Script: {session.view().flow_name}. Type ? for the commands.")
        self.show(session.view())
        while True:
            view = session.view()
            command = self.ask("> ")
            if command is None:
                if view.ended:
                    return 0
                self.say(f"No more input: stopped at {view.flow}/{view.step} before an ending (nothing saved).")
                return 1
            word = command.lower()
            try:
                if word in ("q", "quit", "exit"):
                    return 0
                if word in ("?", "h", "help"):
                    self.say(HELP)
                elif word in ("k", "known"):
                    self.say("What we know so far:")
                    for line in session.known().lines():
                        self.say(f"  {line}")
                elif word in ("b", "back"):
                    self.show(session.back())
                elif word in ("s", "skip"):
                    self.show(session.skip())
                elif word in ("t", "ticket") or (word in ("y", "yes") and view.kind == ESCALATED):
                    if not self.open_ticket(session):
                        return 1
                elif word in ("n", "no") and view.ended:
                    return 0
                elif word.isdigit():
                    self.show(session.choose(int(word)))
                elif word:
                    self.say(f"Unknown command {command!r}. Type ? for the commands.")
            except ScriptError as problem:
                self.say(f"! {problem}")

    def show(self, view: View) -> None:
        self.say()
        label = {"question": "Ask", "instruction": "Fix step", "resolved": "Resolved", "escalated": "Escalate"}[view.kind]
        self.say(f"── {label} · {view.flow}/{view.step} " + "─" * 20)
        self.say(MARKUP.sub("", view.staff))
        if view.article:
            self.say(f"(Article: /kb/{view.article})")
        if view.choices:
            self.say()
            for choice in view.choices:
                self.say(f"  {choice.number}. {choice.title}")
            if view.can_skip:
                self.say("  s. The customer doesn't know")
        if view.ended:
            self.say()
            self.say("Case summary:")
            self.say(f"  {view.summary}")
            if view.kind == ESCALATED and not view.ticket:
                self.say("Open an escalation ticket now? y = yes, n = no (finish), b = go back")
            else:
                self.say("b = go back, q = finish")

    def open_ticket(self, session: ScriptSession) -> bool:
        """Ask for the customer's email, an optional name (and a note before an ending); False at the end of input."""
        view = session.view()
        if view.ticket:
            self.say(f"! ticket {view.ticket} is already open for this case")
            return True
        if view.kind == RESOLVED:
            self.say("! the case is resolved: there is nothing to escalate")
            return True
        while True:
            email = self.ask("Customer's email address (empty to cancel): ")
            if email is None:
                return False
            if not email:
                self.say("No ticket opened.")
                return True
            if not EMAIL.fullmatch(email):
                self.say(f"! {email!r} is not an email address")
                continue
            name = self.ask("Customer's name (optional, Enter to skip): ")
            if name is None:
                return False
            note = None
            if not view.ended:
                note = self.ask("Why escalate now? (a short note): ")
                if note is None:
                    return False
            try:
                ticket = session.open_ticket(self.store(), email, name or None, note)
            except ScriptError as problem:
                self.say(f"! {problem}")
                continue
            except (TicketError, sqlite3.Error) as problem:
                self.say(f"! the ticket could not be stored: {problem}")
                return True
            self.say(f"Ticket {ticket.reference} opened for {ticket.contact_email}. Give the customer this reference.")
            return True


def run_script(
    engine: Engine,
    source: TextIO,
    out: TextIO,
    tickets: Path,
    flow: str | None = None,
    facts: str = "",
    error_text: str | None = None,
) -> int:
    """The whole `bot script` command; returns its exit code. ScriptError for a bad flow or facts."""
    terminal = Terminal(engine, source, out, lambda: TicketStore(tickets))
    seeded = parse_facts(engine, facts)
    if flow is not None:
        ScriptSession.start(engine, flow)  # an unknown flow fails here, before anything is asked
    flow = flow or terminal.pick_flow()
    if flow is None:
        return 0
    return terminal.run(ScriptSession.start(engine, flow, seeded, error_text))
