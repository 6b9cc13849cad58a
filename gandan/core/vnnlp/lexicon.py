"""The words of the pipeline, folded (no diacritics, lowercase): abbreviations and chat spellings citizens type,
phrases that name one thing several ways, and the stop words of administrative Vietnamese.

Everything here is data; :mod:`gandan.core.vnnlp.pipeline` compiles it once at import.
"""


def words_of(text: str) -> list[str]:
    return text.split()


# --- One token → its full folded form ------------------------------------------------------------------------------
#: Abbreviations, teen code and dialect spellings (a token always means this). Context-dependent ones ("k", "kg",
#: "hong", "bit") are in :data:`CONTEXT`.
ABBREVIATIONS: dict[str, str] = {
    # không
    "ko": "khong", "k0": "khong", "kh": "khong", "khg": "khong", "kg": "khong", "hok": "khong", "hem": "khong",
    "hk": "khong", "hg": "khong", "khum": "khong", "hun": "khong", "khog": "khong",
    "khon": "khong", "hum": "khong",
    # được, người, nước, gì, với, rồi …
    "dg": "duong", "dng": "duong", "dc": "duoc", "dk": "duoc", "dduoc": "duoc",
    "ng": "nguoi", "ngta": "nguoi ta", "nc": "nuoc", "bt": "binh thuong", "j": "gi", "ji": "gi",
    "vs": "voi", "r": "roi", "ntn": "nhu the nao", "z": "vay", "dzay": "vay", "zay": "vay", "dzi": "vay",
    "v": "vay", "wa": "qua", "qa": "qua", "bik": "biet", "bjk": "biet", "bj": "biet", "thui": "thoi",
    "mun": "muon", "ik": "di", "lm": "lam", "ms": "moi", "cx": "cung", "cg": "cung", "nhg": "nhung",
    "nhug": "nhung", "bh": "bao gio", "bjo": "bao gio", "bgio": "bao gio", "bn": "bao nhieu", "mk": "minh",
    "mn": "moi nguoi", "mng": "moi nguoi", "trc": "truoc", "ns": "noi", "vc": "viec",
    "wen": "quen", "iu": "yeu", "thik": "thich", "ok": "duoc", "oke": "duoc", "uk": "u", "uh": "u",
    "kq": "ket qua", "tg": "thoi gian", "sdt": "so dien thoai", "dt": "dien thoai", "dthoai": "dien thoai",
    "dky": "dang ky", "dki": "dang ky", "dkien": "dieu kien", "tt": "thu tuc", "ttuc": "thu tuc",
    # institutions and administration
    "ubnd": "uy ban nhan dan", "ubndx": "uy ban nhan dan xa", "ubx": "uy ban xa", "mttq": "mat tran to quoc",
    "hdnd": "hoi dong nhan dan", "qsdd": "quyen su dung dat", "qsd": "quyen su dung", "gcn": "giay chung nhan",
    "gcnqsdd": "giay chung nhan quyen su dung dat", "tdp": "to dan pho", "bql": "ban quan ly",
    "htx": "hop tac xa", "gpmb": "giai phong mat bang", "tdc": "tai dinh cu", "cb": "can bo",
    "cbcc": "can bo cong chuc", "ccvc": "cong chuc vien chuc", "csgt": "canh sat giao thong",
    "cty": "cong ty", "tp": "thanh pho", "bhyt": "bao hiem y te", "bhxh": "bao hiem xa hoi",
    "cccd": "can cuoc cong dan", "cmnd": "chung minh nhan dan", "cmt": "chung minh thu",
    "tthc": "thu tuc hanh chinh", "vp": "van phong", "ql": "quoc lo", "tl": "tinh lo", "pccc": "phong chay chua chay",
    "attp": "an toan thuc pham", "vsmt": "ve sinh moi truong", "tnmt": "tai nguyen moi truong",
    "ct": "chu tich", "pct": "pho chu tich", "ctx": "chu tich xa", "bch": "ban chi huy", "qd": "quyet dinh",
    "nd": "nghi dinh", "xlvp": "xu ly vi pham", "ttr": "thanh tra", "thcs": "trung hoc co so", "thpt":
    "trung hoc pho thong", "ytx": "y te xa", "tyt": "tram y te", "bvdk": "benh vien da khoa",
    "gd": "gia dinh", "hgd": "ho gia dinh", "ntm": "nong thon moi", "klh": "khu dan cu", "kdc": "khu dan cu",
    "cnh": "cong nghiep", "kcn": "khu cong nghiep", "ccn": "cum cong nghiep", "hn": "ha noi",
    "tphcm": "thanh pho ho chi minh", "hcm": "ho chi minh",
}  # fmt: skip

#: Tokens whose meaning depends on their neighbour: token → (expansion, when the PREVIOUS token is one of …,
#: otherwise; or when the NEXT token is one of …). See pipeline._expand.
AFTER_NUMBER_IS_UNIT = frozenset(
    {"k", "kg", "m", "km", "ha", "tr", "t", "d", "dong", "ty", "m2", "m3", "cm", "mm"}
)
#: "k" and "kg" mean "không" unless a number stands before them ("5k" is 5,000 đồng, "10 kg" ten kilograms).
NOT_AFTER_NUMBER = {"k": "khong", "kg": "khong"}
#: "hông"/"hổng" (southern "không") folds to "hong", which is also "hỏng" (broken): "không" only before these.
KHONG_BEFORE = frozenset(
    words_of(
        "co duoc biet ai thay chiu phai cho lam muon sua giai he them nghe tra den toi len ve "
        "di ra hieu nho dam the can nen xu quan de"
    )
)
HONG_AS_KHONG = frozenset({"hong"})
#: "bít" is teen code for "biết" after a negation; otherwise "bít"/"bịt" (to block) stays.
BIET_AFTER = frozenset({"khong", "chua", "deu", "cung", "ai", "ko", "hok"})

# --- Phrases (sequences of folded tokens after the expansions above) ----------------------------------------------
#: Phrases naming one thing several ways → one canonical term (joined by "_").
CANONICAL: dict[str, str] = {
    "so do": "so_do",
    "so hong": "so_do",
    "bia do": "so_do",
    "quyen su dung dat": "so_do",
    "quyen su dung": "so_do",
    "giay chung nhan quyen su dung dat": "so_do",
    "giay chung nhan so_do": "so_do",
    "giay so_do": "so_do",
    "cap so": "cap so_do",
    "cap so do": "cap so_do",
    "cap so hong": "cap so_do",
    "ca thon": "thon",
    "ca xom": "xom",
    "ca lang": "lang",
    "ca xa": "xa",
    "ca khu": "khu",
    "ca nha": "nha",
    "ca hai": "",
    "nguoi co cong": "nguoi_co_cong",
    "nguoi cao tuoi": "nguoi_cao_tuoi",
    "nguoi khuyet tat": "khuyet tat",
    "nguoi dao": "nguoi_dao",
    "o ga": "o_ga",
    "o nhiem": "o_nhiem",
    "den bu": "boi_thuong",
    "tai dinh cu": "tai_dinh_cu",
    "giai phong mat bang": "giai_phong_mat_bang",
    "mat tran to quoc": "mat_tran",
    "hoi dong nhan dan": "hdnd",
    "ban quan ly": "ban_quan_ly",
    "hop tac xa": "hop_tac_xa",
    "to dan pho": "to_dan_pho",
    "cong an": "cong_an",
    "dien thoai": "dien_thoai",
    "mot cua": "mot_cua",
    "co quan": "",
    # compounds with a syllable that is a stop word on its own ("bồi" is "bởi", "độ" is "do", "nhũng" is "những")
    "boi thuong": "boi_thuong",
    "can cuoc": "can_cuoc",
    "can bo": "can_bo",
    "can ho": "can_ho",
    "can nha": "can_nha",
    "qua tai": "qua_tai",
    "che do": "che_do",
    "thai do": "thai_do",
    "de doa": "de_doa",
    "tham nhung": "tham_nhung",
    "nhung nhieu": "nhung_nhieu",
    "voi vinh": "voi_vinh",
    "phong bi": "phong_bi",
    "cua quyen": "cua_quyen",
    "cua quyen su dung dat": "so_do",
    "cua quyen su dung": "so_do",
    "lam quyen": "lam_quyen",
    "trat tu": "trat_tu",
    "tu tap": "tu_tap",
    "gay roi": "gay_roi",
    "tre em": "tre_em",
    "vac xin": "vac_xin",
    "ket qua": "ket_qua",
    "y te": "y_te",
    "vi pham": "vi_pham",
    "do thi": "do_thi",
    "tai san": "tai_san",
    "tai nguyen": "tai_nguyen",
    "tu vong": "tu_vong",
    "hon nhan": "hon_nhan",
    "ket hon": "ket_hon",
    "no luong": "no_luong",
    "khi doc": "khi_doc",
    "tru sau": "tru_sau",
    "day hoc": "day_hoc",
    "buoi toi": "buoi_toi",
    "ban dem": "ban_dem",
    "de dieu": "de_dieu",
    "bo de": "de_dieu",
    "mat de": "de_dieu",
    "chan de": "de_dieu",
    "than de": "de_dieu",
    "vo de": "de_dieu",
    "moi truong": "moi_truong",
    "ve sinh": "ve_sinh",
    "nha van hoa": "nha_van_hoa",
    "van hoa": "van_hoa",
    "cu tru": "cu_tru",
    "do dac": "do_dac",
    "ban do": "ban_do",
    "den duong": "den_duong",
    "den chieu sang": "den_duong",
    "thi cong": "thi_cong",
    "thi tran": "thi_tran",
    "xe tai": "xe_tai",
    "tai nan": "tai_nan",
    "ma tuy": "ma_tuy",
    "khi thai": "khi_thai",
    "co bac": "co_bac",
    "dau tu": "dau_tu",
    "chu dau tu": "chu_dau_tu",
    "sau benh": "sau_benh",
    "day dien": "day_dien",
    "ong nuoc": "ong_nuoc",
    "ong cong": "ong_cong",
    "mo da": "mo_da",
    "dang ky": "dang_ky",
    "ho ngheo": "ho_ngheo",
    "can ngheo": "can_ngheo",
    "ho tro": "ho_tro",
    "ho so": "ho_so",
    "ho tich": "ho_tich",
    "ho khau": "ho_khau",
    "cho nen": "",
    "tat ca": "",
    "trinh bay": "",
    "dong chi": "",
}

#: Stop phrases of administrative Vietnamese: letter formulae, boilerplate addressees, filler.
STOP_PHRASES = (
    "uy ban nhan dan xa", "uy ban nhan dan phuong", "uy ban nhan dan huyen", "uy ban nhan dan tinh",
    "uy ban nhan dan thi tran", "uy ban nhan dan", "uy ban xa", "uy ban",
    "kinh gui", "kinh thua", "kinh de nghi", "kinh mong", "de nghi", "kien nghi", "phan anh",
    "tran trong", "tran trong cam on", "xin cam on", "cam on", "toi la", "toi ten la", "ten toi la", "em la",
    "chung toi", "chung em", "chung ta", "chung chau", "hien nay", "hien tai", "tinh trang", "ve viec",
    "noi dung", "xem xet", "giai quyet", "som giai quyet", "cac cap", "chinh quyen", "chuc nang",
    "lanh dao", "quy co quan", "co quan chuc nang", "nguoi dan", "nhan dan", "ba con", "gia dinh toi", "gia dinh",
    "dia chi", "so dien thoai", "lien he", "thuong tru", "cu tru tai", "sinh song", "tam tru", "cu the",
    "nhu sau", "duoi day", "tren day", "sau day", "mong muon", "mong", "xin phep", "vui long", "thua ong", "thua ba", "thua cac",
    "truong hop", "van de", "thong tin", "kinh", "xin", "mong cac", "de nghi cac", "yeu cau",
    "nhu the nao", "bao gio", "bao nhieu", "moi nguoi", "binh thuong",
)  # fmt: skip

#: Stop words: function words, pronouns, particles, and words every petition holds.
STOP_WORDS = frozenset(
    words_of(
        """
    va voi la cua cho cac nhung mot co khong da dang se bi duoc thi ma nay do o tai ve theo tu den nhu de vi
    nen neu khi luc con cung rat qua lam nhieu it moi cai chiec nao gi ai dau sao vay the roi van lai cu hay
    hoac deu chi nua thoi a nhe oi ha ah u vang day kia ay no minh toi ta em anh ong ba chau
    tren duoi ngoai sau truoc giua ra vao len di phai hon nhat them vua luon tuy boi hien viec nguoi
    bang gium giup dum muon can nghe thiet that su ngay xin kinh gui nghi khac rang dieu roi nhi ne
    """
    )
)
