from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gandan.core.vntext import fold, normalize
from gandan.errors import DomainError
from gandan.opinion.models import Signal
from gandan.units.models import Unit


@transaction.atomic
def signal_record(
    *,
    text: str,
    unit: Unit | None,
    source_kind: str,
    source_id: str | int,
    at: datetime | None = None,
    new_source: bool = False,
) -> Signal:
    """Record a citizen's text as an opinion signal. Calling it again for the same source updates the text (a
    citizen may correct what they wrote) and never creates a second signal. `new_source`: the source was created
    in this very transaction, so there is nothing to look up (the intake's fast path)."""
    text = normalize(text, multiline=True)
    if not text:
        raise DomainError("signal_text_empty", _("A signal needs some text."), field="text")
    if unit is None:
        raise DomainError("signal_unit_required", _("A signal needs the unit it concerns."), field="unit")
    values = {
        "text": text,
        "text_folded": fold(text),
        "unit": unit,
        "unit_path": unit.path,
        "at": at or timezone.now(),
    }
    if new_source:
        return Signal.objects.create(source_kind=source_kind, source_id=str(source_id), **values)
    signal, _created = Signal.objects.update_or_create(
        source_kind=source_kind, source_id=str(source_id), defaults=values
    )
    return signal
