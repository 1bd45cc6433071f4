"""Tools for support staff: the script mode that walks the flows in the agent's words."""
