"""The words that follow a number in a gift report, as reviewed data.

``COUNT_UNITS`` are what a gift report counts: people, households, gifts, visits (a
number followed by one of them is a count: ``312 định suất``, ``12.415 NCT``, ``27 thân
nhân``). ``MEASURES`` are quantities that are no gift count (``48 xã``, ``5 kg gạo``,
``3 tấn``): read, accounted for, never summed with the gifts. Both are lists a reviewer
reads and tests check; the scanner builds its patterns from them.
"""

from __future__ import annotations

import re

COUNT_UNITS: tuple[str, ...] = (
    # gifts and shares
    "định suất",
    "suất",
    "phần",
    "phiếu mua hàng",
    "phiếu",
    "lượt người",
    "lượt",
    "thẻ",
    # people
    "người có công",
    "người cao tuổi",
    "người",
    "ng",  # "85 ng x 300k": người, as messages abbreviate it
    "ncc",
    "nct",
    "đối tượng",
    "thân nhân",
    "thương binh",
    "bệnh binh",
    "liệt sĩ",
    "mẹ việt nam anh hùng",
    "mẹ",
    "cụ",
    "cháu",
    "em",
    "trẻ em",
    "học sinh",
    "sinh viên",
    "học viên",
    "bệnh nhân",
    "đoàn viên",
    "hội viên",
    "công nhân",
    "lao động",
    "cnvclđ",
    "cnvc",
    "cnlđ",
    "nlđ",
    "trường hợp",
    "hồ sơ",
    "gia đình",
    "hộ gia đình",
    "hộ nghèo",
    "hộ cận nghèo",
    "hộ",
    "nhân khẩu",
    "khẩu",
    "ca",
    "vụ",
    # houses built or repaired with a level per house ("06 nhà, mức 60.000.000 đồng/nhà")
    "căn nhà",
    "nhà",
)

MEASURES: tuple[str, ...] = (
    "xã",
    "phường",
    "thị trấn",
    "thôn",
    "tổ dân phố",
    "bản",
    "huyện",
    "đơn vị",
    "chi hội",
    "tổ hội",
    "câu lạc bộ",
    "khu dân cư",
    "khu phố",
    "ấp",
    "cơ quan",
    "doanh nghiệp",
    "cơ sở",
    "trường",
    "lớp học",
    "công trình",
    "con",
    "kg",
    "kwh",  # "30 kWh": power a household is paid for, a measure
    "tấn",
    "tạ",
    "lít",
    "mét",
    "m",
    "chiếc",
    "cái",
    "bộ",
    "bao",
    "thùng",
    "hộp",
    "túi",
    "gói",
    "chai",
    "lon",
    "thiếp",
    "tấm",
    "bức",
    "cuốn",
    "quyển",
    "chỉ",
    "điểm",
    "buổi",
    "cuộc",
    "chương trình",
    "đoàn",
)


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of ``words``, longest first, spaces as written."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


__all__ = ["COUNT_UNITS", "MEASURES", "alternation"]
