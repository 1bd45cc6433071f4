"""DOT to SVG with Graphviz's `dot` (Debian package graphviz; `make graphviz` installs it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import xml.etree.ElementTree as ET

DOT_ENV = "BOT_DOT"
TIMEOUT = 120
SVG = "{http://www.w3.org/2000/svg}"
FORBIDDEN = ("script", "foreignObject", "iframe", "embed", "object")


class RenderError(RuntimeError):
    """Graphviz is missing or failed; the message says what to do."""


def find_dot() -> str:
    """The `dot` program ($BOT_DOT, else the PATH), or RenderError saying how to install it."""
    program = os.environ.get(DOT_ENV) or shutil.which("dot")
    if not program or not os.access(program, os.X_OK):
        raise RenderError("Graphviz's `dot` program is not installed: run `make graphviz` (Debian package graphviz).")
    return program


def dot_to_svg(dot_text: str) -> str:
    """Run `dot -Tsvg`; the SVG is checked to hold no script or embedded document before it is returned."""
    program = find_dot()
    try:
        result = subprocess.run(  # noqa: S603 - our own DOT text, no shell
            [program, "-Tsvg"], input=dot_text, capture_output=True, text=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        raise RenderError(f"Graphviz could not draw the flows: {error}") from error
    if result.returncode != 0:
        raise RenderError(f"Graphviz could not draw the flows: {result.stderr.strip() or f'exit {result.returncode}'}")
    check_svg(result.stdout)
    return result.stdout


def check_svg(text: str) -> ET.Element:
    """Parse the SVG and refuse anything that could run or embed code (a flow text that became markup)."""
    try:
        root = ET.fromstring(text)  # noqa: S314 - our own dot output, parsed to check it
    except ET.ParseError as error:
        raise RenderError(f"Graphviz produced SVG that does not parse: {error}") from error
    for element in root.iter():
        name = element.tag.rsplit("}", 1)[-1]
        if name in FORBIDDEN or any(attribute.lower().startswith("on") for attribute in element.attrib):
            raise RenderError(f"the diagram contains a <{name}> element or an event handler")
        for key, value in element.attrib.items():
            if key.endswith("href") and value.strip().lower().startswith(("javascript:", "data:")):
                raise RenderError("the diagram contains a script link")
    return root


def inline_svg(text: str) -> str:
    """The `<svg>` element alone (no XML prolog or doctype), to put inside an HTML page."""
    start = text.find("<svg")
    return text[start:] if start >= 0 else text
