"""Records of consultations and covenants for the staff-page table (gandan/tests/test_staff_pages.py) and the page
walk (gandan/tests/walk_records.py), made through the services in xã Sông Lô and found again on a second call: a
consultation open for comments with an opinion, one whose summary is published, a draft covenant and a covenant in
force."""

import datetime as dt

TAG = "(kiểm tra giao diện)"


def democracy_records(commune) -> dict:
    from django.utils import timezone

    from gandan.accounts.models import User
    from gandan.democracy.models import Consultation, Covenant
    from gandan.democracy.services import consultations as consult
    from gandan.democracy.services import covenants as cov
    from gandan.kit.history import clock_at
    from gandan.units.models import Unit

    officer = User.objects.select_related("unit").get(username="danvan.songlo")
    chairman = User.objects.select_related("unit").get(username="chutich.songlo")
    today = timezone.localdate()
    sections = [consult.SectionText("Nội dung chính", "Đầu tư nâng cấp đường liên thôn, kè bờ sông Lô.")]

    def consultation(title: str, *, days_back: int) -> Consultation:
        found = Consultation.objects.filter(unit=commune, title=title).first()
        if found is not None:
            return found
        opens = today - dt.timedelta(days=days_back)
        moment = timezone.make_aware(dt.datetime.combine(opens, dt.time(9)))
        with clock_at(moment):
            made = consult.consultation_create(
                commune=commune, subject="policy", title=title, opens=opens, closes=opens + dt.timedelta(days=20),
                sections=sections, by=officer,
            )  # fmt: skip
            consult.consultation_open(consultation=made, by=officer)
            comment = consult.comment_enter(
                consultation=made, channel="meeting", text="Đề nghị làm kè trước mùa lũ.", by=officer
            )
        if days_back > 20:
            consult.comment_consider(comment=comment, disposition="accepted", by=officer)
            consult.consultation_summarise(
                consultation=made, summary="Nhân dân đồng tình với dự thảo.", by=officer
            )
            consult.consultation_publish(consultation=made, by=officer)
        return made

    running = consultation(f"Dự thảo phương án kè bờ sông {TAG}", days_back=2)
    published = consultation(f"Dự thảo phương án đường liên thôn {TAG}", days_back=40)
    villages = list(
        Unit.objects.filter(parent=commune, kind="village", valid_to__isnull=True).order_by("name_search")
    )

    def covenant(village, title: str, *, force: bool) -> Covenant:
        found = Covenant.objects.filter(unit_path=village.path, title=title).first()
        if found is not None:
            return found
        made = cov.covenant_create(
            village=village, title=title, text="Điều 1. Giữ gìn đường làng sạch đẹp.", by=officer
        )
        if force:
            cov.covenant_to_vote(covenant=made, by=officer)
            cov.covenant_adoption_record(
                covenant=made, households=80, present=60, yes=55, voted_on=today, by=officer
            )
            cov.covenant_submit(covenant=made, submitted_on=today, by=officer)
            cov.covenant_recognise(covenant=made, decision_ref="9/QĐ-UBND", recognised_on=today, by=chairman)
        return made

    drafted = covenant(villages[-1], f"Quy ước {TAG}", force=False)
    standing = covenant(villages[-2], f"Hương ước {TAG}", force=True)
    return {
        "consultation": running.pk,
        "consultation_comment": running.comments.order_by("pk")[0].pk,
        "covenant": drafted.pk,
        "public_consultation": published.pk,
        "public_covenant": standing.pk,
    }
