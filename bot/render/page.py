"""The runbook as one standalone HTML file: the diagram (inline SVG) above the runbook text.

A Jinja2 template with autoescape (bot/render/templates/runbook.html), like every page of the web server. The runbook
Markdown goes through the knowledge base's safe renderer (raw HTML escaped, unsafe links dropped), so a flow text
cannot add markup; the SVG comes from Graphviz and is checked by bot/render/svg.py. Only those two are passed in
as markup.
"""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from bot.kb.render import to_html
from bot.render.svg import inline_svg

TEMPLATES = Environment(loader=PackageLoader("bot.render", "templates"), autoescape=True, undefined=StrictUndefined)


def runbook_html(runbook: str, svg: str, title: str = "Runbook: microphone troubleshooting") -> str:
    page = TEMPLATES.get_template("runbook.html").render(
        title=title,
        diagram=Markup(inline_svg(svg)),  # noqa: S704 - checked Graphviz output
        runbook=Markup(to_html(runbook)),  # noqa: S704 - the safe markdown renderer's output
    )
    return page + "\n"
