"""The demo's news: in a commune, a dozen articles of what a commune office really writes about (a cultural house
opened, a road built by the people's contributions, the health insurance drive, a flood warning…), each written by the
commune's officer, sent for review and published by its chairman through the services, at the moment it happened
(`gandan.kit.history.clock_at`), so the list, the histories and the audit trail read as a real year. The newest one is
left waiting for review, so the chairman has work on the staff side.

With `photos`, each article gets one or two photos drawn with Pillow: a sky, hills, rice fields and a road, in colours
that vary from article to article (a plausible scene of the countryside, never a real person), with a caption and a
credit. They go through `photo_add` like any upload, so they are re-encoded and resized the same way.

Idempotent: an article whose title is already in the commune is left alone."""

import datetime as dt
import io
import random
import zlib
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from gandan.accounts.models import User
from gandan.kit.history import clock_at
from gandan.news.models import Article, Category
from gandan.news.services.articles import article_create, article_publish, article_submit
from gandan.news.services.categories import category_create
from gandan.news.services.photos import photo_add
from gandan.units.models import Unit

CATEGORIES = ("Tin hoạt động", "Thông báo", "Gương người tốt việc tốt")


@dataclass(frozen=True)
class Story:
    title: str
    summary: str
    body: str
    category: int  # index in CATEGORIES
    tags: str
    caption: str


STORIES: tuple[Story, ...] = (
    Story(
        "Khánh thành nhà văn hóa thôn Đồng Thịnh",
        "Nhà văn hóa mới rộng 250 m² do Nhân dân và Nhà nước cùng đầu tư, là nơi sinh hoạt cộng đồng của hơn 400 hộ.",
        "Sáng nay, thôn Đồng Thịnh long trọng tổ chức lễ khánh thành nhà văn hóa thôn.\n\n"
        "Công trình có tổng kinh phí 1,8 tỷ đồng, trong đó Nhân dân đóng góp 620 triệu đồng và hơn 900 ngày công.\n\n"
        "Phát biểu tại buổi lễ, đồng chí Chủ tịch UBND xã ghi nhận tinh thần đoàn kết của bà con.",
        0,
        "nông thôn mới, văn hóa",
        "Bà con thôn Đồng Thịnh dự lễ khánh thành nhà văn hóa",
    ),
    Story(
        "Ra quân làm đường giao thông nông thôn thôn Cao Phong",
        "Hơn 200 người dân thôn Cao Phong góp ngày công làm 1,2 km đường bê tông liên thôn.",
        "Sáng Chủ nhật, thôn Cao Phong ra quân làm đường giao thông nông thôn.\n\n"
        "Tuyến đường dài 1,2 km, rộng 3,5 m, nối trung tâm thôn với cánh đồng lúa.\n\n"
        "Các hộ tự nguyện hiến hơn 300 m² đất để mở rộng đường.",
        0,
        "giao thông, nông thôn mới",
        "Người dân thôn Cao Phong làm đường bê tông",
    ),
    Story(
        "Thông báo lịch tiếp công dân của Chủ tịch UBND xã tháng này",
        "Chủ tịch UBND xã tiếp công dân định kỳ vào ngày 15 hằng tháng tại trụ sở UBND xã.",
        "Thực hiện Luật Tiếp công dân, Chủ tịch UBND xã tiếp công dân định kỳ vào ngày 15 hằng tháng.\n\n"
        "Địa điểm: phòng tiếp công dân, trụ sở UBND xã. Thời gian: từ 7 giờ 30 đến 11 giờ 30.",
        1,
        "tiếp công dân",
        "Trụ sở UBND xã",
    ),
    Story(
        "Vận động Nhân dân tham gia bảo hiểm y tế hộ gia đình",
        "Tỷ lệ người dân tham gia bảo hiểm y tế của xã đạt 93,5%; xã phấn đấu đạt 95% trong năm nay.",
        "Ban Chỉ đạo thực hiện chính sách bảo hiểm xã hội, bảo hiểm y tế xã tổ chức tuyên truyền tại các thôn.\n\n"
        "Người dân có thể đăng ký tại điểm thu của Bưu điện xã hoặc qua cán bộ thu ở thôn.",
        1,
        "bảo hiểm y tế, an sinh xã hội",
        "Cán bộ tuyên truyền về bảo hiểm y tế tại thôn",
    ),
    Story(
        "Bà Nguyễn Thị Lan hiến đất mở rộng đường liên xóm",
        "Gia đình bà Lan tự nguyện hiến 150 m² đất vườn để mở rộng đường liên xóm.",
        "Không đắn đo, bà Nguyễn Thị Lan (thôn Bến Đò) đã tự nguyện tháo dỡ tường rào, hiến 150 m² đất vườn.\n\n"
        "Việc làm của gia đình bà được bà con trong xóm noi theo.",
        2,
        "gương người tốt việc tốt, giao thông",
        "Đoạn đường liên xóm sau khi mở rộng",
    ),
    Story(
        "Chủ động phòng, chống lụt bão mùa mưa năm nay",
        "UBND xã yêu cầu các thôn kiểm tra đê bao, khơi thông cống rãnh và chuẩn bị phương án sơ tán.",
        "Trước diễn biến phức tạp của thời tiết, UBND xã đề nghị các thôn kiểm tra đê bao, kênh mương.\n\n"
        "Các hộ ở vùng trũng chuẩn bị phương án di chuyển người và tài sản khi có lệnh.",
        1,
        "phòng chống thiên tai",
        "Cánh đồng ven đê trước mùa mưa",
    ),
    Story(
        "Hội nghị đối thoại giữa Chủ tịch UBND xã với Nhân dân",
        "Hơn 150 đại biểu đại diện các thôn nêu 27 ý kiến về đất đai, môi trường và giao thông.",
        "UBND xã phối hợp với Ủy ban MTTQ xã tổ chức hội nghị đối thoại với Nhân dân.\n\n"
        "Các ý kiến đã được trả lời trực tiếp tại hội nghị; các kiến nghị còn lại được giao cho bộ phận chuyên môn.",
        0,
        "đối thoại, dân chủ cơ sở",
        "Quang cảnh hội nghị đối thoại",
    ),
    Story(
        "Ngày hội Đại đoàn kết toàn dân tộc ở thôn Bến Đò",
        "Thôn Bến Đò tổ chức Ngày hội Đại đoàn kết với các trò chơi dân gian và biểu dương 12 gia đình văn hóa.",
        "Hưởng ứng Ngày truyền thống MTTQ Việt Nam, thôn Bến Đò tổ chức Ngày hội Đại đoàn kết toàn dân tộc.\n\n"
        "Dịp này, thôn biểu dương 12 gia đình văn hóa tiêu biểu.",
        0,
        "đại đoàn kết, văn hóa",
        "Trò chơi kéo co trong ngày hội",
    ),
    Story(
        "Thông báo thu gom rác thải sinh hoạt theo lịch mới",
        "Từ tháng này, rác thải sinh hoạt được thu gom vào sáng thứ Ba và thứ Sáu hằng tuần.",
        "Để giữ gìn vệ sinh môi trường, UBND xã điều chỉnh lịch thu gom rác thải sinh hoạt.\n\n"
        "Đề nghị các hộ phân loại rác tại nguồn và để rác đúng nơi quy định.",
        1,
        "môi trường",
        "Đường làng sạch đẹp",
    ),
    Story(
        "Mô hình trồng rau an toàn mang lại thu nhập ổn định",
        "Tổ hợp tác rau an toàn thôn Đồng Thịnh với 25 hộ thành viên cho thu nhập bình quân 8 triệu đồng mỗi tháng.",
        "Từ 3 ha đất lúa kém hiệu quả, 25 hộ thôn Đồng Thịnh đã chuyển sang trồng rau theo quy trình VietGAP.\n\n"
        "Sản phẩm được bao tiêu bởi các bếp ăn trường học trong huyện.",
        2,
        "kinh tế, nông nghiệp",
        "Cánh đồng rau an toàn",
    ),
    Story(
        "Tuyển quân năm nay: 100% thanh niên lên đường đúng hẹn",
        "Xã giao quân đủ chỉ tiêu; các tân binh được tặng quà và động viên trước khi lên đường.",
        "Sáng nay, xã tổ chức lễ giao nhận quân.\n\n"
        "Các tân binh hứa sẽ rèn luyện tốt, xứng đáng với sự tin tưởng của gia đình và quê hương.",
        0,
        "quốc phòng",
        "Các tân binh trước giờ lên đường",
    ),
    Story(
        "Công khai dự toán ngân sách xã năm tới",
        "UBND xã niêm yết công khai dự toán thu, chi ngân sách tại trụ sở và nhà văn hóa các thôn.",
        "Thực hiện Luật Thực hiện dân chủ ở cơ sở, UBND xã công khai dự toán ngân sách năm tới.\n\n"
        "Người dân góp ý trực tiếp tại trụ sở UBND xã hoặc qua trưởng thôn.",
        1,
        "công khai, dân chủ cơ sở",
        "Bảng niêm yết công khai tại trụ sở xã",
    ),
)


def scene_jpeg(seed: int, *, width: int = 1200, height: int = 800) -> bytes:
    """A countryside scene: a sky fading to the horizon, a sun, hills, rice fields in bands and a road running to
    the horizon, with a few houses; the colours and the layout vary with `seed`."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * rng.uniform(0.38, 0.5))
    top = (rng.randint(40, 110), rng.randint(110, 170), rng.randint(190, 240))
    low = (rng.randint(200, 250), rng.randint(200, 235), rng.randint(170, 230))
    for y in range(horizon):
        t = y / max(horizon - 1, 1)
        draw.line(
            [(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, low, strict=True))
        )
    sun_x, sun_r = rng.randint(width // 8, width * 7 // 8), rng.randint(30, 55)
    sun_y = rng.randint(horizon // 5, horizon // 2)
    draw.ellipse([sun_x - sun_r, sun_y - sun_r, sun_x + sun_r, sun_y + sun_r], fill=(255, 236, 170))
    for layer in range(2):  # far hills, then nearer ones
        shade = (rng.randint(60, 100) + 30 * layer, rng.randint(110, 140) + 20 * layer, rng.randint(90, 120))
        points = [(0, horizon)]
        for x in range(0, width + 100, 100):
            points.append((x, horizon - rng.randint(15, 90 - 30 * layer)))
        points.append((width, horizon))
        draw.polygon(points, fill=shade)
    green = (rng.randint(70, 130), rng.randint(150, 200), rng.randint(40, 90))
    ripe = rng.random() < 0.3  # some fields are golden before the harvest
    y, band = horizon, 12
    while y < height:
        shift = rng.randint(-18, 18)
        colour = (
            (min(255, 200 + shift), min(255, 175 + shift), 60)
            if ripe
            else (green[0] + shift, min(255, green[1] + shift), green[2] + shift // 2)
        )
        draw.rectangle([0, y, width, y + band], fill=colour)
        draw.line(
            [(0, y), (width, y)], fill=(colour[0] - 25, colour[1] - 25, max(0, colour[2] - 20)), width=2
        )
        y += band
        band = int(band * 1.35) + 2
    vanish = width // 2 + rng.randint(-width // 6, width // 6)
    road = (rng.randint(150, 185),) * 3
    draw.polygon(
        [
            (vanish - 6, horizon),
            (vanish + 6, horizon),
            (width // 2 + width // 4, height),
            (width // 2 - width // 4, height),
        ],
        fill=road,
    )
    draw.line([(vanish, horizon), (width // 2, height)], fill=(235, 235, 225), width=4)
    for _ in range(rng.randint(2, 5)):  # houses by the road, on the horizon
        x = rng.randint(20, width - 80)
        w, h = rng.randint(40, 70), rng.randint(25, 40)
        wall = (rng.randint(200, 245), rng.randint(190, 230), rng.randint(160, 210))
        roof = (rng.randint(150, 200), rng.randint(50, 90), rng.randint(40, 70))
        draw.rectangle([x, horizon - h, x + w, horizon + 4], fill=wall)
        draw.polygon(
            [(x - 6, horizon - h), (x + w // 2, horizon - h - 20), (x + w + 6, horizon - h)], fill=roof
        )
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=85)
    return out.getvalue()


def _categories(commune: Unit, author: User) -> list[Category]:
    found = {c.name: c for c in Category.objects.filter(unit=commune)}
    rows = []
    for position, name in enumerate(CATEGORIES, start=1):
        rows.append(found.get(name) or category_create(unit=commune, name=name, position=position, by=author))
    return rows


def seed_articles(
    commune: Unit,
    *,
    author: User,
    publisher: User,
    count: int,
    photos: bool = True,
    now: dt.datetime | None = None,
) -> list[Article]:
    """`count` articles of `commune` over the last months (one every ~9 days, the newest last), written by `author`
    and published by `publisher` through the services; the newest waits for review. Returns the articles made."""
    now = now or timezone.now()
    categories = _categories(commune, author)
    existing = set(Article.objects.filter(unit=commune).values_list("title", flat=True))
    made: list[Article] = []
    for index in range(count):
        story = STORIES[index % len(STORIES)]
        round_ = index // len(STORIES)
        title = story.title if round_ == 0 else f"{story.title} (kỳ {round_ + 1})"
        if title in existing:
            continue
        written = now - dt.timedelta(days=9 * (count - index), hours=index % 5)
        written = written.replace(hour=8 + index % 3, minute=(index * 7) % 60, second=0, microsecond=0)
        with clock_at(written):
            article = article_create(
                unit=commune,
                title=title,
                summary=story.summary,
                body=story.body,
                category=categories[story.category],
                tags=story.tags,
                author_name="",
                by=author,
            )
            if photos:
                seed = (
                    zlib.crc32(f"{commune.code}-{index}".encode()) & 0xFFFF
                )  # the same pictures on every run
                for number in range(1 + index % 2):
                    photo_add(
                        article=article,
                        upload=SimpleUploadedFile("anh.jpg", scene_jpeg(seed + number)),
                        caption=story.caption if number == 0 else f"{story.caption} (ảnh {number + 1})",
                        credit=author.full_name or commune.name,  # the page says "Ảnh:" itself
                        by=author,
                    )
        with clock_at(written + dt.timedelta(hours=1)):
            article_submit(article=article, by=author)
        if index < count - 1:
            with clock_at(written + dt.timedelta(hours=3)):
                article = article_publish(article=article, by=publisher)
        made.append(article)
    return made
