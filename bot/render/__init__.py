"""The decision tree for people: a Graphviz diagram (DOT, SVG) and a printable runbook (Markdown, HTML).

`words.py` words conditions and steps, `dot.py` builds the graph, `svg.py` runs Graphviz, `runbook.py` writes
the Markdown runbook and `page.py` the standalone HTML page. `bot flows render` and the staff console's
diagram page use them.
"""
