"""The commune's news (issue #16): articles with photos, categories and tags, and readers' opinions under them.

An article belongs to one commune (`unit`, `unit_path` copied when created and never rewritten), so an officer sees
the news of his own units and the portal of a commune shows that commune's. It is written as a draft, sent for
review, and published by a leader, at once or at a time set in advance (`publish_at`): the portal shows an article
only when it is published and its time has come, so scheduled publishing needs no task. The body is rich text,
sanitised by `gandan.news.sanitize` before it is stored; `body_text` is its plain text for search and summaries.

Readers' opinions ("Ý kiến của bạn") wait for a moderator by default; the reader's e-mail is kept to tell him of a
reply and is never shown. The forbidden words are the province's one list (`ForbiddenWord`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gandan.kit.uploads import RandomName


class Category(models.Model):
    """A section of a commune's news ("Tin hoạt động", "Thông báo", "Gương người tốt việc tốt")."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("address"), max_length=120)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        constraints = [models.UniqueConstraint(fields=["unit", "slug"], name="news_category_slug")]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A tag shared by every commune (the same "nông thôn mới" everywhere), found by its folded slug."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("address"), max_length=80, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    def __str__(self) -> str:
        return self.name


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Waiting for review")
        PUBLISHED = "published", pgettext_lazy("article", "Published")  # shown once publish_at has come
        WITHDRAWN = "withdrawn", _("Withdrawn")

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune")
    )
    unit_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("address"), max_length=120)  # the folded title; the id makes the address unique
    summary = models.TextField(_("summary"), max_length=600)
    body = models.TextField(_("body"))  # sanitised HTML (gandan.news.sanitize), never raw input
    body_text = models.TextField(editable=False, default="")  # the body's plain text, for search and excerpts
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("category"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    publish_at = models.DateTimeField(
        _("publish at"), null=True, blank=True
    )  # set when published or scheduled
    comments_open = models.BooleanField(_("readers may comment"), default=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(
        _("byline"), max_length=120, blank=True
    )  # shown; empty: the commune's name
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.CharField(_("review note"), max_length=500, blank=True)  # why it went back to draft
    comment_count = models.PositiveIntegerField(
        default=0, editable=False
    )  # approved comments, kept by services
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-publish_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        indexes = [
            # the portal's "latest news" of a commune, and the staff list of a unit's subtree
            models.Index(fields=["unit_path", "status", "publish_at"], name="news_article_latest"),
            models.Index(fields=["category", "status", "publish_at"], name="news_article_category"),
        ]

    def __str__(self) -> str:
        return self.title


class Photo(models.Model):
    """A photo of an article, re-encoded from its pixels (no EXIF, no GPS), resized to at most 1600 px, with a small
    copy for lists; the first by position is the cover (and the Open Graph image)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=RandomName("news"), max_length=200)
    thumbnail = models.FileField(upload_to=RandomName("news"), max_length=200, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("photo by"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self) -> str:
        return self.caption or f"#{self.pk}"


class Comment(models.Model):
    """A reader's opinion under an article. The e-mail is private: it is used only to tell the reader of a reply."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="comments")
    unit_path = models.CharField(max_length=255, editable=False)  # the article's, for the moderators' scope
    name = models.CharField(_("name"), max_length=120)
    email = models.EmailField(_("e-mail"), blank=True)  # never shown
    text = models.TextField(_("your opinion"), max_length=3000)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(
        _("reason"), max_length=300, blank=True
    )  # why it was rejected (told to no one else)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)
    reply = models.TextField(_("official reply"), blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("reader's opinion")
        verbose_name_plural = _("readers' opinions")
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="news_comment_article"),
            models.Index(fields=["unit_path", "status", "created_at"], name="news_comment_queue"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(reply="") | Q(replied_at__isnull=False), name="news_comment_reply_dated"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name}: {self.text[:40]}"


class ForbiddenWord(models.Model):
    """A word or phrase a reader's opinion may not contain (the province's one list). Matched on folded text, so
    "đ.m" spelt without diacritics or in capitals is caught too."""

    phrase = models.CharField(_("word or phrase"), max_length=120)
    phrase_folded = models.CharField(max_length=120, editable=False, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["phrase_folded"]
        verbose_name = _("forbidden word")
        verbose_name_plural = _("forbidden words")

    def __str__(self) -> str:
        return self.phrase
