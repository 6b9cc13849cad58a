"""The citizen portal's article page (issue #16) at a province's scale: 100,000 published articles over the four demo
communes and 1,000,000 readers' opinions under them (× BENCH_SCALE).

The seed writes in bulk what the news services leave behind: articles published (status "published", `publish_at`
in the last three years, so every one is on the portal), each in a section of its commune, and readers' opinions
after their article's time — most approved, some waiting for a moderator, some rejected — with `comment_count`
equal to each article's approved opinions, as the services keep it. Most articles have a few opinions; one article
of xã Sông Lô, the popular one, has `POPULAR_APPROVED` approved opinions (and some waiting or rejected, which the
page must not show) whatever the scale.

The measure is the throughput of a citizen's GET of that popular article's page (`/tin-tuc/<pk>-<slug>/`, no
login): the article with its first page of approved opinions (20 a page), the page whose fragment is cached."""

import datetime as dt
import random
import re

from bench.framework import (
    Context,
    Measurement,
    Progress,
    Scenario,
    ScenarioError,
    demo_communes,
    ratio_at_least,
    scaled,
    throughput,
)
from bench.loadgen import LoadSpec

FULL_ARTICLES = 100_000
FULL_COMMENTS = 1_000_000
POPULAR_APPROVED = (
    200  # the popular article's approved opinions (not scaled: it is one page's worth of reading)
)
POPULAR_PENDING = 15
POPULAR_REJECTED = 10
APPROVED_SHARE = 0.85  # of the other opinions; the rest waiting (10 %) or rejected (5 %)
PENDING_SHARE = 0.10
YEARS = 3
BATCH = 5_000
SEED = 2026
HOME = "08848"  # xã Sông Lô: the popular article's commune
AUTHOR = "chutich.{}"  # the article's author: the commune's chairman (any officer of the commune otherwise)
ARTICLE_PATH = "/tin-tuc/{pk}-{slug}/"
REJECTED_REASON = "Nội dung không liên quan đến bài viết."

SECTIONS = [
    ("tin-hoat-dong", "Tin hoạt động"),
    ("thong-bao", "Thông báo"),
    ("guong-nguoi-tot", "Gương người tốt"),
]
SUBJECTS = [
    "Khánh thành nhà văn hóa",
    "Ra quân làm đường giao thông nông thôn",
    "Tiêm chủng mở rộng cho trẻ em",
    "Hội nghị đối thoại với Nhân dân",
    "Thông báo lịch tiếp công dân",
    "Tuyên dương hộ gia đình hiến đất làm đường",
    "Ngày hội Đại đoàn kết toàn dân tộc",
    "Hướng dẫn nộp hồ sơ trực tuyến",
    "Phòng chống dịch bệnh trên đàn gia súc",
    "Trao nhà Đại đoàn kết cho hộ nghèo",
]
VILLAGES = [
    "thôn Đồng Thịnh",
    "thôn Cao Phong",
    "thôn Bảo Sơn",
    "thôn Tứ Yên",
    "thôn Lãng Sơn",
    "thôn Đồng Mỏ",
]
PARAGRAPHS = [
    "Sáng nay, đông đảo bà con Nhân dân cùng cán bộ xã đã tham gia, không khí phấn khởi.",
    "Công trình do Nhân dân đóng góp công sức, tiền của cùng với nguồn hỗ trợ của Nhà nước.",
    "UBND xã đề nghị các thôn tiếp tục vận động bà con thực hiện tốt, đúng tiến độ đề ra.",
    "Mọi ý kiến xin gửi về bộ phận một cửa của xã hoặc trưởng thôn để được giải đáp.",
]
NAMES = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em", "Đỗ Thị Hoa"]
OPINIONS = [
    "Cảm ơn bà con đã đóng góp, mong xã tiếp tục làm tốt.",
    "Đề nghị xã sớm sửa đoạn đường qua thôn tôi, mùa mưa rất lầy lội.",
    "Tin rất hữu ích, gia đình tôi sẽ đi tiêm đúng lịch.",
    "Xin hỏi thủ tục này có làm trực tuyến được không ạ?",
    "Hoan nghênh gương người tốt việc tốt, cần nhân rộng.",
]

_seeded: set[str] = set()
_popular: dict[str, str] = {}  # database name -> the popular article's path


def _slug(title: str) -> str:
    from gandan.core.vntext import fold

    return re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")[:120]


def _author_of(commune):
    from gandan.accounts.models import User

    slug = {"08848": "songlo", "08824": "tamson", "08782": "hailuu", "08773": "yenlang"}.get(commune.code, "")
    author = User.objects.filter(username=AUTHOR.format(slug)).first()
    author = author or User.objects.filter(unit=commune).order_by("pk").first()
    author = author or User.objects.filter(is_staff=True).order_by("pk").first()
    if author is None:
        raise ScenarioError(f"no officer of {commune.name} to sign its articles")
    return author


def _sections(commune) -> list:
    from gandan.news.models import Category

    return [
        Category.objects.get_or_create(
            unit=commune, slug=slug, defaults={"unit_path": commune.path, "name": name, "position": n}
        )[0]
        for n, (slug, name) in enumerate(SECTIONS)
    ]


def _comment_counts(articles: int, comments: int, rng: random.Random) -> list[int]:
    """How many opinions each article gets: article 0 (the popular one) its fixed share, the rest drawn with a long
    tail (a few articles many, most a handful), adding up to `comments`."""
    popular = POPULAR_APPROVED + POPULAR_PENDING + POPULAR_REJECTED
    counts = [0] * articles
    counts[0] = min(popular, comments)
    if articles > 1:
        weights = [rng.paretovariate(1.5) for _ in range(articles - 1)]
        total_weight = sum(weights)
        rest = comments - counts[0]
        for i, weight in enumerate(weights, start=1):
            counts[i] = int(rest * weight / total_weight)
        for i in rng.choices(range(1, articles), k=rest - sum(counts[1:])):  # what rounding down left
            counts[i] += 1
    return counts


def seed_articles(*, articles: int, comments: int, progress: Progress, seed: int = SEED) -> str:
    """Write `articles` published articles over the demo communes and `comments` opinions under them; returns the
    popular article's path (the first article, of xã Sông Lô)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from gandan.news.models import Article, Comment

    rng = random.Random(seed)
    communes = demo_communes()
    communes.sort(key=lambda c: c.code != HOME)  # Sông Lô first: the popular article is its
    authors = {c.pk: _author_of(c) for c in communes}
    sections = {c.pk: _sections(c) for c in communes}
    now = timezone.now()
    span = dt.timedelta(days=365 * YEARS).total_seconds()
    counts = _comment_counts(articles, comments, rng)
    statuses = [Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.REJECTED]
    status_weights = [APPROVED_SHARE, PENDING_SHARE, 1 - APPROVED_SHARE - PENDING_SHARE]

    def opinion_statuses(n: int, index: int) -> list[str]:
        if index == 0:  # the popular article: exactly its approved, waiting and rejected
            made = [Comment.Status.APPROVED] * POPULAR_APPROVED
            made += [Comment.Status.PENDING] * POPULAR_PENDING + [Comment.Status.REJECTED] * POPULAR_REJECTED
            rng.shuffle(made)
            return made[:n]
        return rng.choices(statuses, weights=status_weights, k=n)

    adapt = connection.ops.adapt_datetimefield_value
    popular_path = ""
    with progress(total=articles + comments, desc="Articles and opinions", unit="row") as bar:
        for start in range(0, articles, BATCH):
            indexes = range(start, min(articles, start + BATCH))
            batch, opinions = [], []
            for index in indexes:
                commune = communes[index % len(communes)]
                subject, village = rng.choice(SUBJECTS), rng.choice(VILLAGES)
                title = f"{subject} tại {village} ({index + 1})"
                # The popular article is recent (this week); the others anywhere in the last YEARS years.
                age = rng.uniform(3600, 7 * 86400) if index == 0 else rng.uniform(3600, span)
                published = now - dt.timedelta(seconds=age)
                body = rng.sample(PARAGRAPHS, 3)
                kinds = opinion_statuses(counts[index], index)
                batch.append(
                    Article(
                        unit=commune,
                        unit_path=commune.path,
                        title=title,
                        slug=_slug(title),
                        summary=body[0],
                        body="".join(f"<p>{p}</p>" for p in body),
                        body_text="\n".join(body),
                        category=sections[commune.pk][index % len(SECTIONS)],
                        status=Article.Status.PUBLISHED,
                        publish_at=published,
                        author=authors[commune.pk],
                        comment_count=kinds.count(Comment.Status.APPROVED),
                    )
                )
                opinions.append((published, kinds))
            with transaction.atomic():
                Article.objects.bulk_create(batch, batch_size=BATCH)
                if start == 0:
                    popular_path = ARTICLE_PATH.format(pk=batch[0].pk, slug=batch[0].slug)
                bar.update(len(batch))
                rows: list[tuple] = []
                for article, (published, kinds) in zip(batch, opinions, strict=True):
                    window = max(60.0, (now - published).total_seconds() - 60)
                    for kind in kinds:
                        at = published + dt.timedelta(seconds=rng.uniform(30, window))
                        moderated = kind != Comment.Status.PENDING
                        rows.append(
                            (
                                article.pk,
                                article.unit_path,
                                rng.choice(NAMES),
                                f"ban-doc{rng.randrange(10**6)}@example.vn" if rng.random() < 0.5 else "",
                                rng.choice(OPINIONS),
                                kind,
                                REJECTED_REASON if kind == Comment.Status.REJECTED else "",
                                article.author_id if moderated else None,
                                adapt(min(now, at + dt.timedelta(hours=2))) if moderated else None,
                                "",
                                None,
                                None,
                                adapt(at),
                            )
                        )
                    if len(rows) >= BATCH:
                        bar.update(_insert_comments(rows))
                        rows = []
                if rows:
                    bar.update(_insert_comments(rows))
    return popular_path


COMMENT_COLUMNS = (
    "article_id", "unit_path", "name", "email", "text", "status", "reason", "moderated_by_id", "moderated_at",
    "reply", "replied_by_id", "replied_at", "created_at",
)  # fmt: skip


def _insert_comments(rows: list[tuple]) -> int:
    """Opinions straight into their table (a million Comment objects cost more than the rows they write)."""
    from django.db import connection

    from gandan.news.models import Comment

    quote = connection.ops.quote_name
    columns = ", ".join(quote(c) for c in COMMENT_COLUMNS)
    marks = ", ".join(["%s"] * len(COMMENT_COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {quote(Comment._meta.db_table)} ({columns}) VALUES ({marks})", rows)  # noqa: S608
    return len(rows)


def _seed(scale: float, progress: Progress) -> None:
    from django.db import connection

    database = str(connection.settings_dict["NAME"])
    if database in _seeded:
        return
    _seeded.add(database)
    _popular[database] = seed_articles(
        articles=scaled(FULL_ARTICLES, scale),
        comments=max(scaled(FULL_COMMENTS, scale), POPULAR_APPROVED + POPULAR_PENDING + POPULAR_REJECTED),
        progress=progress,
    )


def _popular_path() -> str:
    from django.db import connection
    from django.db.models import Count, Q

    from gandan.news.models import Article, Comment

    found = _popular.get(str(connection.settings_dict["NAME"]))
    if found:
        return found
    article = (
        Article.objects.filter(status=Article.Status.PUBLISHED)
        .annotate(approved=Count("comments", filter=Q(comments__status=Comment.Status.APPROVED)))
        .order_by("-approved", "pk")
        .first()
    )
    if article is None:
        raise ScenarioError("no published article was seeded")
    return ARTICLE_PATH.format(pk=article.pk, slug=article.slug)


def _article_page(ctx: Context) -> Measurement:
    from gandan.news.models import Article, Comment

    path = _popular_path()
    status, headers, body = ctx.fetch(path)
    if status in (301, 302) and headers.get("Location", "").startswith(
        "/"
    ):  # the page's own form of its address
        path = headers["Location"]
        status, headers, body = ctx.fetch(path)
    pk = int(path.split("/")[2].split("-")[0])
    article = Article.objects.get(pk=pk)
    approved = Comment.objects.filter(article=article, status=Comment.Status.APPROVED)
    first_shown = approved.order_by("created_at", "id").values_list("text", flat=True).first() or ""
    if status != 200 or article.title.encode() not in body:
        raise ScenarioError(f"GET {path} answered {status} without the article's title")
    if first_shown and first_shown.encode() not in body:
        raise ScenarioError(f"GET {path} shows none of the article's approved opinions")
    print(
        f"    {Article.objects.count():,} articles, {Comment.objects.count():,} opinions; the popular article has "
        f"{approved.count():,} approved (comment_count {article.comment_count:,})",
        flush=True,
    )
    return throughput(
        ctx, LoadSpec.get(path), label="portal.article", size=Comment.objects.count(), size_unit="opinions"
    )


SCENARIOS = [
    Scenario(
        name="portal.article",
        description="GET /tin-tuc/<pk>-<slug>/: a popular article with its approved opinions, 100,000 articles and "
        "1,000,000 opinions stored",
        measure=_article_page,
        target=ratio_at_least(0.5),
        seed=_seed,
    )
]
