"""The flow language and its engine: source files, the facts vocabulary, conditions, the flow model and its checks,
the state machine, the cause model, the evidence read from messages. Imports no other layer of the bot."""
