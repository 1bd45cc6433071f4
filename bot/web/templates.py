"""The web server's HTML: Jinja2 templates in bot/web/templates/, every value escaped unless marked safe.

All pages extend `base.html`; public pages go through `page.html`, console pages through `console.html`.
Autoescaping is on for every template, so nothing a user, a browser or a ticket supplied can become markup.
Only HTML the project's own renderers produced (the markdown renderer, Graphviz's SVG) is passed in as
`trusted(...)`; those renderers escape what they take in.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup
from sanic import response
from sanic.response import HTTPResponse

ENVIRONMENT = Environment(
    loader=PackageLoader("bot.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,  # a misspelt name fails the page's test instead of rendering empty
    trim_blocks=True,
    lstrip_blocks=True,
)


def trusted(html: str) -> Markup:
    """HTML from one of the project's own renderers, which escape their input: put into a page as it is."""
    return Markup(html)  # noqa: S704 - only for renderer output, never for text from outside


def render(template: str, **context: Any) -> str:
    return ENVIRONMENT.get_template(template).render(**context)


def html_page(template: str, status: int = 200, headers: dict[str, str] | None = None, **context: Any) -> HTTPResponse:
    return response.html(render(template, **context), status=status, headers=headers)
