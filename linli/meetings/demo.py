def load(ctx):  # type: ignore[no-untyped-def]
    pass
