"""Readers' opinions for the demo: under each published article a few opinions sent from the portal in the days
after it, most approved by the commune's mass-mobilisation officer, some answered, one rejected with its reason,
one held as spam, the latest still waiting — all through the services, each at its own moment."""

import datetime as dt

from django.utils import timezone

from gandan.accounts.models import User
from gandan.kit.history import clock_at
from gandan.kit.throttle import throttle_clear
from gandan.news.models import Article
from gandan.news.services.comments import (
    comment_approve,
    comment_reject,
    comment_reply,
    comment_submit,
    throttle_key,
)

READERS = [
    ("Nguyễn Văn Bình", "binh.nguyen@example.vn"),
    ("Trần Thị Hoa", ""),
    ("Hà Văn Thắng", "thang.ha@example.vn"),
    ("Lê Thị Mai", "mai.le@example.vn"),
    ("Đỗ Văn Long", ""),
]
OPINIONS = [
    "Bà con thôn tôi rất phấn khởi, mong xã tiếp tục tổ chức những hoạt động như thế này.",
    "Đề nghị xã sớm thông báo lịch cụ thể để các hộ sắp xếp công việc tham gia.",
    "Đường vào thôn còn nhiều ổ gà, mong xã quan tâm sửa chữa trước mùa mưa.",
    "Cảm ơn cán bộ xã đã xuống tận thôn hướng dẫn bà con.",
    "Xin hỏi hộ gia đình tôi cần chuẩn bị những giấy tờ gì để được hỗ trợ?",
]
REPLIES = [
    "UBND xã cảm ơn ý kiến của ông/bà. Lịch cụ thể sẽ được niêm yết tại nhà văn hóa thôn và đăng trên cổng thông tin.",
    "UBND xã đã giao bộ phận chuyên môn kiểm tra, sẽ thông tin lại trong tuần tới.",
]


def seed_comments(articles: list[Article], *, moderator: User) -> int:
    """Opinions under each published article of `articles`; returns how many were sent."""
    sent = 0
    addresses: set[str] = set()
    for index, article in enumerate(articles):
        article.refresh_from_db()
        if article.status != Article.Status.PUBLISHED or article.publish_at is None:
            continue
        for number in range(index % 4 + 1):
            moment = article.publish_at + dt.timedelta(days=1 + number, hours=number * 3)
            if moment > timezone.now():
                break
            name, email = READERS[(index + number) % len(READERS)]
            with clock_at(moment):
                comment = comment_submit(
                    article=article,
                    name=name,
                    email=email,
                    text=OPINIONS[(index * 3 + number) % len(OPINIONS)],
                    address=(address := f"203.0.113.{(index * 7 + number) % 250 + 1}"),
                )
            addresses.add(address)
            if comment is None:
                continue
            sent += 1
            later = moment + dt.timedelta(hours=5)
            if later > timezone.now() or (index + number) % 9 == 8:
                continue  # still waiting for the moderator
            with clock_at(later):
                if (index + number) % 11 == 10:
                    comment_reject(
                        comment=comment, reason="Nội dung không liên quan đến bài viết.", by=moderator
                    )
                elif number % 2 == 1:
                    comment_reply(comment=comment, reply=REPLIES[index % len(REPLIES)], by=moderator)
                else:
                    comment_approve(comment=comment, by=moderator)
    for address in addresses:  # those readers came weeks ago: their flood counters are not kept
        throttle_clear(throttle_key(address))
    return sent
