"""Sessions in the database, as Django keeps them, read with one hand-written query: every staff request reads
its session first, and the queryset's compilation cost more than the primary-key look-up itself."""

from django.contrib.sessions.backends import db
from django.utils import timezone

from gandan.sql import db_datetime, table


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        now = db_datetime(timezone.now())
        found = next(
            iter(
                self.model.objects.raw(
                    f"SELECT * FROM {table(self.model)} WHERE session_key = %s AND expire_date > %s",  # noqa: S608 - from the model
                    [self.session_key, now],
                )
            ),
            None,
        )
        if found is None:
            self._session_key = None  # what Django's store does for a missing or expired session
        return found
