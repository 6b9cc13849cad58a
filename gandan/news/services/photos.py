"""An article's photos: added from a phone or a camera, their caption and credit corrected, put in order, removed.

Every photo goes through `gandan.kit.uploads` (a real parser opens the whole file; only JPEG and PNG; at most
40 megapixels and 10 MB), then is re-encoded from its pixels as a JPEG of at most 1600 px on its longest side, with a
copy of about 480 px for lists: EXIF (the GPS position where it was taken, the camera, the owner) never reaches the
disk. A refused file is reported with what to do, and nothing is saved. Each change touches the article's
`updated_at` (the portal's cache) and is audited; who may change the photos is who may edit the article."""

import io
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

from gandan.accounts.models import User
from gandan.audit.services import event_record
from gandan.core.vntext import normalize
from gandan.errors import DomainError, too_long
from gandan.kit.uploads import JPEG, PNG, upload_checked
from gandan.news.models import Article, Photo
from gandan.news.rules import ArticleAction
from gandan.news.services.articles import article_touch, check_move

MAX_SIDE = 1600
THUMB_SIDE = 480
MAX_PHOTOS = 30
QUALITY = 85
CAPTION_LENGTH = 300
CREDIT_LENGTH = 120


def _jpeg(image: Image.Image, side: int) -> tuple[bytes, int, int]:
    copy = image.copy()
    copy.thumbnail((side, side), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    copy.save(out, format="JPEG", quality=QUALITY, optimize=True, progressive=True)
    return out.getvalue(), copy.width, copy.height


def _pixels(upload: Any) -> Image.Image:
    checked = upload_checked(upload, field="upload")
    if checked.content_type not in (JPEG, PNG):
        raise DomainError(
            "photo_not_image",
            _("This file is not a photo: send a JPG or PNG picture."),
            field="upload",
        )
    image: Image.Image = Image.open(io.BytesIO(checked.content))
    image.load()
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "P"):
        image = image.convert("RGBA")
        flat = Image.new("RGB", image.size, (255, 255, 255))
        flat.paste(image, mask=image.getchannel("A"))
        return flat
    return image.convert("RGB")


def _texts(caption: str, credit: str) -> tuple[str, str]:
    caption, credit = normalize(caption or ""), normalize(credit or "")
    errors = {}
    if message := too_long(caption, max_length=CAPTION_LENGTH):
        errors["caption"] = message
    if message := too_long(credit, max_length=CREDIT_LENGTH):
        errors["credit"] = message
    if errors:
        raise DomainError("photo_invalid", errors=errors)
    return caption, credit


def _editable(article: Article, by: User) -> Article:
    article = Article.objects.select_for_update(of=("self",)).get(pk=article.pk)
    check_move(by, article, ArticleAction.EDIT)
    return article


@transaction.atomic
def photo_add(*, article: Article, upload: Any, caption: str = "", credit: str = "", by: User) -> Photo:
    """Add a photo at the end of the article's photos (the first one is the cover)."""
    article = _editable(article, by)
    caption, credit = _texts(caption, credit)
    if article.photos.count() >= MAX_PHOTOS:
        raise DomainError(
            "too_many_photos",
            _("An article holds at most %(n)s photos: remove one before adding another.") % {"n": MAX_PHOTOS},
            field="upload",
        )
    image = _pixels(upload)
    big, width, height = _jpeg(image, MAX_SIDE)
    small, _w, _h = _jpeg(image, THUMB_SIDE)
    last = article.photos.aggregate(last=Max("position"))["last"]
    photo = Photo(
        article=article,
        width=width,
        height=height,
        caption=caption,
        credit=credit,
        position=0 if last is None else last + 1,
    )
    photo.content_type = JPEG  # type: ignore[attr-defined]  # read by RandomName for the extension
    photo.image.save("photo.jpg", ContentFile(big), save=False)
    photo.thumbnail.save("thumb.jpg", ContentFile(small), save=False)
    photo.save()
    article_touch(article)
    event_record(
        actor=by,
        action="news.photo_add",
        obj=article,
        details={"photo": photo.pk, "caption": caption, "size": f"{width}×{height}"},
    )
    return photo


@transaction.atomic
def photo_update(*, photo: Photo, caption: str, credit: str, by: User) -> Photo:
    """Correct a photo's caption and credit."""
    _editable(photo.article, by)
    caption, credit = _texts(caption, credit)
    photo.caption, photo.credit = caption, credit
    photo.save(update_fields=["caption", "credit"])
    article_touch(photo.article)
    event_record(
        actor=by,
        action="news.photo_update",
        obj=photo.article,
        details={"photo": photo.pk, "caption": caption, "credit": credit},
    )
    return photo


@transaction.atomic
def photo_move(*, photo: Photo, up: bool, by: User) -> None:
    """Move a photo one place up (towards the cover) or down."""
    article = _editable(photo.article, by)
    photos = list(article.photos.order_by("position", "id"))
    index = next(i for i, p in enumerate(photos) if p.pk == photo.pk)
    other = index - 1 if up else index + 1
    if not 0 <= other < len(photos):
        return
    photos[index], photos[other] = photos[other], photos[index]
    for position, row in enumerate(photos):
        if row.position != position:
            row.position = position
            row.save(update_fields=["position"])
    article_touch(article)
    event_record(
        actor=by,
        action="news.photo_move",
        obj=article,
        details={"photo": photo.pk, "position": other + 1},
    )


@transaction.atomic
def photo_delete(*, photo: Photo, by: User) -> None:
    """Remove a photo from the article (its files are deleted once the removal is committed)."""
    article = _editable(photo.article, by)
    names = [f.name for f in (photo.image, photo.thumbnail) if f]
    storage = photo.image.storage
    pk, caption = photo.pk, photo.caption
    photo.delete()
    transaction.on_commit(lambda: [storage.delete(name) for name in names])
    article_touch(article)
    event_record(actor=by, action="news.photo_delete", obj=article, details={"photo": pk, "caption": caption})
