"""Serve the dashboard: Flask's server for one process, gunicorn for several workers."""

from __future__ import annotations

import sys


def serve(host: str = "127.0.0.1", port: int = 8050, workers: int = 0,
          base_path: str = "/") -> int:
    """Run the dashboard until interrupted; return the exit status."""
    from dashboard.app import create_app

    if workers <= 0:
        app = create_app(base_path)
        print(f"Serving the dashboard on http://{host}:{port}{base_path} (Ctrl+C to stop)",
              file=sys.stderr)
        app.run(host=host, port=port, debug=False)
        return 0
    import os

    os.environ["SOVAI_BASE_PATH"] = base_path
    args = ["gunicorn", "-w", str(workers), "--threads", "2", "-b", f"{host}:{port}",
            "dashboard.wsgi:server"]
    os.execvp(sys.executable, [sys.executable, "-m", *args])
    return 0  # pragma: no cover - execvp does not return
