"""The process: the command line, starting the servers, paths, tokens, abuse limits, loading the flows once,
retention."""
