"""`sovai serve --port` takes a real TCP port (audit 3 B16: 70000 announced :70000 and served
on 4464, its remainder modulo 65536)."""

from __future__ import annotations

import pytest

from dashboard.cli import main


@pytest.mark.parametrize("port", ["0", "65536", "70000", "-1", "http"])
def test_a_port_outside_1_to_65535_is_a_usage_error(port: str, capsys) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["serve", "--port", port])
    assert stop.value.code == 2
    assert f"expected a TCP port from 1 to 65535, got '{port}'" in capsys.readouterr().err


def test_the_edges_are_ports() -> None:
    from dashboard.cli import _port

    assert _port("1") == 1 and _port("65535") == 65535
