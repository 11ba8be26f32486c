import pytest


@pytest.fixture
def issued(monkeypatch):
    """Replace the certificates call with a recorder (certificates lands separately)."""
    calls: list[dict] = []

    def fake(**kwargs):
        calls.append(kwargs)
        return None

    monkeypatch.setattr("training.integrations.issue_certificate", fake)
    return calls
