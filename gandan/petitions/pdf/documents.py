"""The notices and decisions on a petition case: `document_pdf_bytes` prints the notice or decision a `Document`
row records: notices of acceptance and non-acceptance, forwarding letter, guidance letter, decisions to extend,
suspend, resume or terminate, the decision (complaint), conclusion (denunciation) or answer (recommendation,
reflection), and the dialogue minutes. Each notice carries the case code, the day the petition was received, its
subject and, where a statutory clock governs it, the time limit with the legal basis of the clock version the case
runs on (`Clock.rule`). The papers of a protected denunciation are addressed to "Người tố cáo" only and never name
who denounced.
"""

import datetime as dt
from collections.abc import Callable

from django.db.models import Q

from gandan.core.petition_clocks import complaint_second_window_key
from gandan.pdfdoc import (
    OfficialDocument,
    Run,
    Signature,
    committee,
    fmt_date,
    local,
    time_and_date,
)
from gandan.petitions.models import (
    Clock,
    ClockRule,
    Document,
    Kind,
    Petition,
    Status,
)
from gandan.petitions.pdf.common import (
    CHAIRMAN,
    CONCLUSION,
    DECISION,
    KIND_WORDS,
    LETTER,
    MINUTES,
    NOTICE,
    PROTECTED_ADDRESSEE,
    capitalized,
    chairman_signature,
    number_line,
    paper,
)

Form = Document.Form

FILED = "- Lưu: VT, hồ sơ."
BLANK_BODY = "................................"

AUTHORS = {  # who wrote it, by kind
    Kind.COMPLAINT: "người khiếu nại",
    Kind.DENUNCIATION: "người tố cáo",
    Kind.RECOMMENDATION: "người kiến nghị",
    Kind.REFLECTION: "người phản ánh",
    Kind.ANONYMOUS: "người gửi không rõ danh tính",
}
ANSWERED_KINDS = {Kind.RECOMMENDATION, Kind.REFLECTION}
DAY_UNITS: dict[str, str] = {ClockRule.Unit.WORKING: "ngày làm việc", ClockRule.Unit.CALENDAR: "ngày"}
NUMBER_CODES: dict[str, str] = {
    Form.ACCEPTANCE: NOTICE,
    Form.NON_ACCEPTANCE: NOTICE,
    Form.FORWARDING: "PC-UBND",
    Form.GUIDANCE: "HD-UBND",
    Form.EXTENSION: DECISION,
    Form.SUSPENSION: DECISION,
    Form.RESUMPTION: DECISION,
    Form.DIALOGUE: MINUTES,
}
# Forms that move the resolution deadline: a document printed after a later one cannot know its own deadline.
DEADLINE_CHANGES = (Form.EXTENSION, Form.SUSPENSION, Form.RESUMPTION)

DENUNCIATION_SECRECY = "Điều 47 và Điều 56 Luật Tố cáo 25/2018/QH14"


# --- The case --------------------------------------------------------------------------------------------------
def _span(rule: ClockRule) -> str:
    return f"{rule.days} {DAY_UNITS.get(rule.unit, 'ngày')}"


def _clock(petition: Petition, role: str, on: dt.date) -> Clock | None:
    """The case's clock of `role` that had started by `on` (the latest one), with its rule version."""
    clocks = petition.clocks.filter(role=role, started_on__lte=on, rule__isnull=False).select_related("rule")
    return clocks.order_by("-started_on", "-id").first()


def _rule_version(key: str, on: dt.date) -> ClockRule | None:
    """The version of a rule in force on `on` for a case received that day (the newest correction first)."""
    live = Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    return ClockRule.objects.filter(live, key=key, valid_from__lte=on).order_by("-created_at", "-id").first()


class _Case:
    """What every paper of one petition says about it, in the words of its kind. For a protected denunciation the
    petitioners are never looked up: the author is only "người tố cáo"."""

    def __init__(self, petition: Petition) -> None:
        self.petition = petition
        self.kind = Kind(petition.kind)
        self.word = KIND_WORDS[self.kind]
        self.role = AUTHORS[self.kind]
        self.body = committee(petition.unit)
        self.names = self._names()

    def _names(self) -> str:
        """ "Nguyễn Văn A", "Nguyễn Văn A, Trần Thị B và 12 người khác", or "" when the names may not be printed."""
        p = self.petition
        if p.protected or self.kind is Kind.ANONYMOUS:
            return ""
        people = list(p.petitioners.all())
        shown = [x for x in people if x.representative] or people[:1]
        if not shown:
            return ""
        names = ", ".join(x.name for x in shown)
        others = max(p.signers, len(people)) - len(shown)
        return f"{names} và {others} người khác" if others > 0 else names

    @property
    def who(self) -> str:
        """The author in running text: "ông/bà Nguyễn Văn A", or the role ("người tố cáo")."""
        return f"ông/bà {self.names}" if self.names else self.role

    @property
    def addressee(self) -> str:
        if self.petition.protected:
            return PROTECTED_ADDRESSEE
        return f"Ông/bà {self.names}" if self.names else capitalized(self.role)

    def facts(self, doc: OfficialDocument) -> None:
        """The case: code, day received, subject."""
        p = self.petition
        doc.line("Mã đơn: ", (p.code, "B"), indent=10)
        doc.line(f"Ngày nhận đơn: {fmt_date(p.received_on)}", indent=10)
        doc.line("Nội dung đơn: ", p.subject, indent=10)

    def received(self) -> str:
        forwarded = f" do {self.petition.forwarded_by} chuyển đến" if self.petition.forwarded_by else ""
        return f"Ngày {fmt_date(self.petition.received_on)}, {self.body} nhận được đơn {self.word} của {self.who}{forwarded}:"

    def considering(self) -> str:
        """The "Xét đơn …" recital of a decision."""
        p = self.petition
        accepted = f", thụ lý ngày {fmt_date(p.accepted_on)}" if p.accepted_on else ""
        return (
            f"Xét đơn {self.word} của {self.who} (mã đơn {p.code}) nhận ngày {fmt_date(p.received_on)}{accepted}, "
            f"nội dung: {p.subject};"
        )

    def copies(self) -> list[str]:
        """ "Nơi nhận" of a notice sent to the author: the author, the body that forwarded the petition, the file."""
        extra = [f"- {self.petition.forwarded_by};"] if self.petition.forwarded_by else []
        return ["- Như trên;", *extra, FILED]


# --- Notices and decisions on a case ----------------------------------------------------------------------------
def _titles(document: Document, case: _Case) -> tuple[str, str, str]:
    """(title, "Về việc …" line, number code) of a document."""
    word, form = case.word, document.form
    if form == Form.ACCEPTANCE:
        if case.kind in ANSWERED_KINDS:
            return "THÔNG BÁO", "Về việc tiếp nhận kiến nghị, phản ánh", NOTICE
        return "THÔNG BÁO", f"Về việc thụ lý giải quyết {word}", NOTICE
    simple: dict[str, tuple[str, str]] = {
        Form.NON_ACCEPTANCE: ("THÔNG BÁO", f"Về việc không thụ lý giải quyết {word}"),
        Form.FORWARDING: ("PHIẾU CHUYỂN ĐƠN", ""),
        Form.GUIDANCE: ("PHIẾU HƯỚNG DẪN", ""),
        Form.EXTENSION: ("QUYẾT ĐỊNH", f"Về việc gia hạn giải quyết {word}"),
        Form.SUSPENSION: ("QUYẾT ĐỊNH", f"Về việc tạm đình chỉ giải quyết {word}"),
        Form.RESUMPTION: ("QUYẾT ĐỊNH", f"Về việc tiếp tục giải quyết {word}"),
        Form.DIALOGUE: ("BIÊN BẢN ĐỐI THOẠI", f"Về việc giải quyết {word}"),
    }
    if form in simple:
        return (*simple[form], NUMBER_CODES[form])
    # The resolution: a decision, a conclusion or an answer by kind; or the decision terminating it.
    if case.petition.status == Status.TERMINATED:
        return "QUYẾT ĐỊNH", f"Về việc đình chỉ giải quyết {word}", DECISION
    if case.kind is Kind.COMPLAINT:
        instance = "lần đầu" if case.petition.instance == 1 else "lần hai"
        return "QUYẾT ĐỊNH", f"Về việc giải quyết khiếu nại ({instance})", DECISION
    if case.kind is Kind.DENUNCIATION:
        return "KẾT LUẬN NỘI DUNG TỐ CÁO", "", CONCLUSION
    if case.kind in ANSWERED_KINDS:
        return "VĂN BẢN TRẢ LỜI KIẾN NGHỊ, PHẢN ÁNH", "", LETTER
    return "KẾT LUẬN", "Về việc xử lý thông tin có nội dung tố cáo", CONCLUSION


def document_pdf_bytes(document: Document) -> bytes:
    """The notice or decision `document` records, as an A4 PDF (Decree 30/2020 layout)."""
    petition = Petition.objects.select_related("unit").get(pk=document.petition_id)
    case = _Case(petition)
    title, about, code = _titles(document, case)
    doc = paper(
        petition.unit,
        number_line(document.number, code),
        title=" ".join(filter(None, (title, about))).capitalize(),
        code=petition.code,
        subject=f"{document.get_form_display()} - {petition.code}",
    )
    doc.heading(document.issued_on)
    doc.title(title, about)
    _BODIES[document.form](doc, document, case)
    return doc.output()


def _deadline_known(document: Document) -> bool:
    """True when no later decision moved the deadline since `document`: its clock still shows that deadline."""
    later = document.petition.documents.filter(form__in=DEADLINE_CHANGES, pk__gt=document.pk)
    return not later.exists()


def _acceptance(doc: OfficialDocument, document: Document, case: _Case) -> None:
    p = case.petition
    doc.addressee(case.addressee)
    doc.para(case.received())
    case.facts(doc)
    clock = _clock(p, Clock.Role.RESOLVE, document.issued_on)
    since = fmt_date(p.accepted_on or document.issued_on)
    if case.kind in ANSWERED_KINDS:
        act, limit = f"đã tiếp nhận {case.word} nêu trên để xem xét, giải quyết kể từ ngày {since}", "trả lời"
    else:
        act, limit = f"đã thụ lý giải quyết {case.word} nêu trên kể từ ngày {since}", "giải quyết"
    if clock is None or clock.rule is None:
        doc.para(f"{case.body} thông báo {act}.")
    else:
        due = fmt_date(clock.original_due or clock.due)
        doc.para(
            f"Căn cứ {clock.rule.legal_basis}, {case.body} thông báo {act}; ",
            (f"thời hạn {limit} {_span(clock.rule)}, đến ngày {due}", "B"),
            ".",
        )
    doc.para(f"{case.body} thông báo để {case.who} biết./.")
    doc.signatures(None, chairman_signature(), recipients=case.copies())


def _non_acceptance(doc: OfficialDocument, document: Document, case: _Case) -> None:
    doc.addressee(case.addressee)
    doc.para(case.received())
    case.facts(doc)
    clock = _clock(case.petition, Clock.Role.INTAKE, document.issued_on)
    basis = f"Căn cứ {clock.rule.legal_basis}, " if clock and clock.rule else ""
    doc.para(f"{basis}{case.body} thông báo không thụ lý giải quyết {case.word} nêu trên, với lý do sau:")
    doc.free_text(document.body or case.petition.handling_reason, indent=10)
    doc.para(f"{case.body} thông báo để {case.who} biết./.")
    doc.signatures(None, chairman_signature(), recipients=case.copies())


def _forwarding(doc: OfficialDocument, document: Document, case: _Case) -> None:
    p = case.petition
    # The letter's recipient is the competent body, never the petitioner's label.
    named = [x for x in (document.recipient, p.handled_to) if x and x != p.petitioner_display]
    to_body = named[0] if named else BLANK_BODY
    doc.addressee(to_body)
    doc.para(case.received())
    case.facts(doc)
    clock = _clock(p, Clock.Role.FORWARD, document.issued_on) or _clock(
        p, Clock.Role.INTAKE, document.issued_on
    )
    basis = f"Căn cứ {clock.rule.legal_basis}, " if clock and clock.rule else ""
    doc.para(
        f"{basis}{case.body} chuyển đơn nêu trên đến ",
        (to_body, "B"),
        " để xem xét, giải quyết theo thẩm quyền.",
    )
    if p.handling_reason:
        doc.para(("Lý do: ", "B"), p.handling_reason)
    if p.protected:
        doc.para(f"Đề nghị giữ bí mật thông tin về người tố cáo theo quy định tại {DENUNCIATION_SECRECY}.")
    doc.para(f"Đề nghị {to_body} thông báo kết quả xử lý cho {case.who} và {case.body} biết./.")
    author = [] if case.kind is Kind.ANONYMOUS else [f"- {capitalized(case.who)} (để biết);"]
    doc.signatures(None, chairman_signature(), recipients=["- Như trên;", *author, FILED])


def _guidance(doc: OfficialDocument, document: Document, case: _Case) -> None:
    p = case.petition
    doc.addressee(case.addressee)
    doc.para(case.received())
    case.facts(doc)
    clock = _clock(p, Clock.Role.INTAKE, document.issued_on)
    basis = f"Căn cứ {clock.rule.legal_basis}, n" if clock and clock.rule else "N"
    doc.para(f"{basis}ội dung đơn không thuộc thẩm quyền giải quyết của {case.body}.")
    doc.para(
        f"{case.body} hướng dẫn {case.who} gửi đơn đến ",
        (p.handled_to or BLANK_BODY, "B"),
        " để được xem xét, giải quyết theo quy định.",
    )
    if p.handling_reason:
        doc.para(("Lý do: ", "B"), p.handling_reason)
    doc.signatures(None, chairman_signature(), recipients=case.copies())


def _decision(doc: OfficialDocument, case: _Case, basis: list[str], articles: list[list[Run]]) -> None:
    """A decision of the chairman: the authority, the "Căn cứ"/"Xét" recitals, "QUYẾT ĐỊNH:" and the articles;
    the last article names who carries it out."""
    doc.centred(f"{CHAIRMAN} {case.body.upper()}")
    for line in basis:
        doc.para((line, "I"))
    doc.centred("QUYẾT ĐỊNH:", after=1)
    articles = [
        *articles,
        ["Quyết định này có hiệu lực kể từ ngày ký."],
        [
            f"{capitalized(case.role)}"
            + (", người bị tố cáo" if case.kind is Kind.DENUNCIATION else "")
            + " và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này./."
        ],
    ]
    for number, runs in enumerate(articles, start=1):
        doc.para((f"Điều {number}. ", "B"), *runs)
    doc.signatures(None, chairman_signature(), recipients=[f"- Như Điều {len(articles)};", FILED])


def _recitals(case: _Case, clock: Clock | None, *extra: str) -> list[str]:
    """The "Căn cứ …" lines (the clock's legal basis first), then "Xét đơn …", then the other "Xét …" lines."""
    basis = [f"Căn cứ {clock.rule.legal_basis};"] if clock and clock.rule else []
    grounds = [line for line in extra if line.startswith("Căn cứ")]
    return [*basis, *grounds, case.considering(), *(line for line in extra if line not in grounds)]


def _due_words(document: Document, clock: Clock | None) -> str:
    if clock is None or clock.due is None or not _deadline_known(document):
        return ""
    return f" đến ngày {fmt_date(clock.due)}"


def _extension(doc: OfficialDocument, document: Document, case: _Case) -> None:
    clock = _clock(case.petition, Clock.Role.RESOLVE, document.issued_on)
    _decision(
        doc,
        case,
        _recitals(case, clock, "Xét tính chất phức tạp của vụ việc;"),
        [
            [
                f"Gia hạn thời hạn giải quyết {case.word} mã đơn {case.petition.code}",
                (_due_words(document, clock), "B"),
                ". ",
                ("Lý do gia hạn: ", "B"),
                document.body,
            ],
        ],
    )


def _suspension(doc: OfficialDocument, document: Document, case: _Case) -> None:
    clock = _clock(case.petition, Clock.Role.RESOLVE, document.issued_on)
    if clock is not None and clock.rule is not None and clock.rule.suspension == ClockRule.Suspension.RESTART:
        effect = (
            "Khi lý do tạm đình chỉ không còn, việc giải quyết được tiếp tục theo quyết định tiếp tục giải quyết; "
            "thời hạn giải quyết được tính lại từ ngày ra quyết định đó."
        )
    else:
        effect = (
            "Thời gian tạm đình chỉ không tính vào thời hạn giải quyết; khi lý do tạm đình chỉ không còn, việc "
            "giải quyết được tiếp tục."
        )
    _decision(
        doc,
        case,
        _recitals(case, clock),
        [
            [
                f"Tạm đình chỉ việc giải quyết {case.word} mã đơn {case.petition.code} kể từ ngày "
                f"{fmt_date(document.issued_on)}. ",
                ("Lý do: ", "B"),
                document.body,
            ],
            [effect],
        ],
    )


def _resumption(doc: OfficialDocument, document: Document, case: _Case) -> None:
    p = case.petition
    clock = _clock(p, Clock.Role.RESOLVE, document.issued_on)
    suspension = p.suspensions.filter(start__lte=document.issued_on).order_by("-start", "-id").first()
    extra = []
    if suspension is not None:
        number = f"số {suspension.decision_no} " if suspension.decision_no else ""
        extra.append(
            f"Căn cứ Quyết định {number}ngày {fmt_date(suspension.start)} về việc tạm đình chỉ giải quyết {case.word};"
        )
    extra.append("Xét lý do tạm đình chỉ không còn;")
    due = _due_words(document, clock)
    deadline: list[Run] = [" Thời hạn giải quyết", (due, "B"), "."] if due else []
    _decision(
        doc,
        case,
        _recitals(case, clock, *extra),
        [
            [
                f"Tiếp tục giải quyết {case.word} mã đơn {p.code} kể từ ngày {fmt_date(document.issued_on)}.",
                *deadline,
            ]
        ],
    )


def _resolution(doc: OfficialDocument, document: Document, case: _Case) -> None:
    p = case.petition
    clock = _clock(p, Clock.Role.RESOLVE, document.issued_on)
    text = document.body or p.resolution
    if p.status == Status.TERMINATED:
        _decision(
            doc,
            case,
            _recitals(case, clock),
            [[f"Đình chỉ việc giải quyết {case.word} mã đơn {p.code}. ", ("Lý do: ", "B"), text]],
        )
    elif case.kind is Kind.COMPLAINT:
        _complaint_decision(doc, document, case, clock, text)
    elif case.kind in ANSWERED_KINDS:
        doc.addressee(case.addressee)
        doc.para(case.received())
        case.facts(doc)
        basis = f"Căn cứ {clock.rule.legal_basis}; s" if clock and clock.rule else "S"
        doc.para(f"{basis}au khi xem xét, {case.body} trả lời như sau:")
        doc.free_text(text, indent=10)
        doc.para(f"{case.body} trả lời để {case.who} biết./.")
        doc.signatures(None, chairman_signature(), recipients=case.copies())
    else:
        _conclusion(doc, case, clock, text)


def _complaint_decision(doc, document: Document, case: _Case, clock: Clock | None, text: str) -> None:
    p = case.petition
    extra = ["Xét kết quả xác minh, kết quả đối thoại và các tài liệu có trong hồ sơ;"]
    if p.first_instance is not None:
        extra.insert(0, f"Xét quyết định giải quyết khiếu nại lần đầu (mã đơn {p.first_instance.code});")
    if p.instance == 1:
        window = _rule_version(complaint_second_window_key(remote=p.remote_area), p.received_on)
        within = f"Trong thời hạn {_span(window)} kể từ ngày nhận được Quyết định này, n" if window else "N"
        rights = (
            f"{within}ếu không đồng ý với việc giải quyết khiếu nại thì người khiếu nại có quyền khiếu nại lần hai "
            "hoặc khởi kiện vụ án hành chính tại Tòa án theo quy định của pháp luật"
            + (f" ({window.legal_basis})." if window else ".")
        )
    else:
        rights = (
            "Đây là quyết định giải quyết khiếu nại lần hai. Nếu không đồng ý, người khiếu nại có quyền khởi kiện vụ "
            "án hành chính tại Tòa án theo quy định của Luật Tố tụng hành chính."
        )
    _decision(doc, case, _recitals(case, clock, *extra), [[("Kết quả giải quyết: ", "B"), text], [rights]])


def _conclusion(doc: OfficialDocument, case: _Case, clock: Clock | None, text: str) -> None:
    """Denunciation conclusion, or the handling of anonymous information (Art. 25): no addressee."""
    p = case.petition
    accepted = f", thụ lý ngày {fmt_date(p.accepted_on)}" if p.accepted_on else ""
    doc.para(
        f"Ngày {fmt_date(p.received_on)}, {case.body} nhận được {'đơn ' if case.kind is Kind.DENUNCIATION else ''}"
        f"{case.word} của {case.who} (mã đơn {p.code}){accepted}, nội dung: {p.subject}."
    )
    basis = f"Căn cứ {clock.rule.legal_basis}; c" if clock and clock.rule else "C"
    doc.para(f"{basis}ăn cứ kết quả xác minh, Chủ tịch {case.body} kết luận như sau:")
    doc.free_text(text, indent=10)
    if p.protected:
        doc.para(f"Thông tin về người tố cáo được giữ bí mật theo quy định tại {DENUNCIATION_SECRECY}./.")
    recipients = (
        ["- Người tố cáo;", "- Người bị tố cáo;", FILED] if case.kind is Kind.DENUNCIATION else [FILED]
    )
    doc.signatures(None, chairman_signature(), recipients=recipients)


def _dialogue(doc: OfficialDocument, document: Document, case: _Case) -> None:
    p = case.petition
    held = p.dialogues.filter(held=True).order_by("-scheduled_at", "-id")
    dialogue = (
        next((d for d in held if local(d.scheduled_at).date() == document.issued_on), None) or held.first()
    )
    where = (
        f"Vào hồi {time_and_date(dialogue.scheduled_at)}, tại {dialogue.place}"
        if dialogue
        else f"Ngày {fmt_date(document.issued_on)}"
    )
    doc.para(
        f"{where}, {case.body} tổ chức đối thoại với {case.who} về {case.word} mã đơn {p.code} "
        f"(nhận ngày {fmt_date(p.received_on)}), nội dung: {p.subject}."
    )
    chair = p.resolver
    doc.line(("I. THÀNH PHẦN THAM GIA ĐỐI THOẠI", "B"))
    doc.line(
        "1. Người chủ trì đối thoại: ",
        (_official(chair) if chair else "Đại diện " + case.body, "B"),
        indent=6,
    )
    doc.line(f"2. {capitalized(case.role)}: ", (case.names or capitalized(case.role), "B"), indent=6)
    doc.line(("II. NỘI DUNG ĐỐI THOẠI", "B"))
    if dialogue is not None and dialogue.petitioner_absent:
        doc.para(f"{capitalized(case.role)} vắng mặt không có lý do chính đáng.")
    if document.body:
        doc.free_text(document.body, indent=10)
    doc.para(
        "Biên bản được lập thành 03 bản, đã đọc lại cho những người tham gia đối thoại cùng nghe và thống nhất ký "
        "tên dưới đây./."
    )
    doc.signatures(
        Signature(case.role.upper(), name=case.names),
        Signature("NGƯỜI CHỦ TRÌ ĐỐI THOẠI", name=chair.full_name if chair else ""),
    )


def _official(user) -> str:
    return f"{user.full_name}, {user.position}" if user.position else user.full_name


_BODIES: dict[str, Callable[[OfficialDocument, Document, _Case], None]] = {
    Form.ACCEPTANCE: _acceptance,
    Form.NON_ACCEPTANCE: _non_acceptance,
    Form.FORWARDING: _forwarding,
    Form.GUIDANCE: _guidance,
    Form.EXTENSION: _extension,
    Form.SUSPENSION: _suspension,
    Form.RESUMPTION: _resumption,
    Form.RESOLUTION: _resolution,
    Form.DIALOGUE: _dialogue,
}
