"""Storing a report's photos with the rows that name them. A file is written to storage before its row is inserted,
and storage is no part of the database's transaction: when the transaction then fails (the code counter, the
inbox, the audit event, the commit itself), the rows roll back and the files would stay on disk with no row to
reach them — photos of people's streets, kept for no one. So each file written is noted, and removed when the
block around the transaction ends with an exception.

(Writing the files after the commit instead would leave, for a moment or after a failed write, a row whose photo
is missing; the officers and the Open311 answers read the photo as soon as the report is there.)"""

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.storage import Storage

from gandan.fieldreports.models import Photo
from gandan.kit.uploads import CheckedUpload

logger = logging.getLogger(__name__)

Written = list[tuple[Storage, str]]


@contextmanager
def photos_removed_on_failure() -> Iterator[Written]:
    """Around a write transaction (outside it, so a failed commit counts too): the photos stored through
    `photo_store(..., written=...)` inside are deleted from storage if the block raises."""
    written: Written = []
    try:
        yield written
    except BaseException:
        for storage, name in written:
            try:
                storage.delete(name)
            except OSError:  # the original error matters more; the file is named for whoever cleans up
                logger.warning("fieldreports: could not remove the photo %s of a failed transaction", name)
        raise


def photo_store(photo: Photo, checked: CheckedUpload, *, written: Written) -> Photo:
    """Write the checked image (the field's random name), note it in `written`, then insert `photo`'s row."""
    photo.content_type, photo.size = checked.content_type, checked.size
    content = checked.as_file()
    photo.file.save(content.name or "upload", content, save=False)
    written.append((photo.file.storage, photo.file.name))
    photo.save()
    return photo
