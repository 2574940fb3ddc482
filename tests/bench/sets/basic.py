"""CLI start-up: `version` and `info` (info forks a user-namespace probe) against podman."""


def cases(ctx):
    u = ctx.as_user
    return [
        {"name": "version", "baseline": "skiff", "commands": {
            "skiff": u(f"{ctx.skiff} version"),
            "podman": u("podman version") if ctx.has_podman else None}},
        {"name": "info", "baseline": "skiff", "commands": {
            "skiff": u(f"{ctx.skiff} info"),
            "podman": u("podman info") if ctx.has_podman else None}},
    ]
