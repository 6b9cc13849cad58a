"""Keys for the tests, made through the service."""

from gandan.apikeys.services import NewKey, apikey_create


def key_for(unit, *, scopes=("read",), name="Hệ thống thử", by=None) -> NewKey:
    return apikey_create(name=name, unit=unit, scopes=list(scopes), by=by)
