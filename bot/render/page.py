"""The runbook as one standalone HTML file: the diagram (inline SVG) above the runbook text.

The runbook Markdown goes through the knowledge base's safe renderer (raw HTML escaped, unsafe links dropped),
so a flow text cannot add markup; the SVG comes from Graphviz and is checked by bot/render/svg.py.
"""

from __future__ import annotations

import html

from bot.kb.render import to_html
from bot.render.svg import inline_svg

STYLE = """body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2433;line-height:1.45}
blockquote{border-left:3px solid #c9d1e0;margin:.5rem 0;padding:.1rem .9rem;background:#f7f8fb}
h3{margin-top:2rem;border-top:1px solid #e3e7ef;padding-top:1rem}code{background:#eef1f6;padding:0 .2rem}
.diagram{overflow:auto;border:1px solid #d6dbe6;max-height:80vh}.diagram svg{height:auto}
@media print{.diagram{overflow:visible;max-height:none}.diagram svg{max-width:100%}h3{break-after:avoid}}"""


def runbook_html(runbook: str, svg: str, title: str = "Runbook: microphone troubleshooting") -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><style>{STYLE}</style></head><body>'
        f'<h2>Diagram</h2><div class="diagram">{inline_svg(svg)}</div>{to_html(runbook)}</body></html>\n'
    )
