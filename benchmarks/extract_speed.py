"""Speed of ``extract_report``: report text read per second, and the worst-case lines.

Two texts of about 2 MB each, both the project's own:

* a whole report: the bundled example (gift table and figure sections, a quarter of the
  text) followed by the narrative sections a quarterly report carries (work done, plans,
  with citations, dates, percentages and a few counts); in the real report the example is
  modelled on, the gift table is about a tenth of the text. Target: at least 2 MB/s
  (median of several runs, CPU time of this process);
* the gift table alone, repeated: every line a figure line (reported, no target).

Then two 1 MB lines that would make a backtracking pattern explode: digits and dots, and
"Mức Mức Mức …"; target: each under 1 s.

Run: ``.venv/bin/python benchmarks/extract_speed.py``
"""

from __future__ import annotations

import statistics
import sys
import time

from welfare_rules.audit.extract import example_text, extract_report

TARGET_MB_PER_S = 2.0
_NARRATIVE = """
## **III. CÔNG TÁC KHÁC TRONG QUÝ**

- Tham mưu Kế hoạch số 15/KH-UBND ngày 08/01/2024 về kiểm tra việc thực hiện pháp luật lao động \
tại các doanh nghiệp năm 2024; Công văn số 102/UBND-LĐTBXH ngày 12/01/2024 về rà soát lao động \
nghỉ việc sau Tết; Quyết định số 88/QĐ-UBND ngày 15/01/2024 thành lập đoàn kiểm tra liên ngành.

- Phối hợp với các phường, xã rà soát đối tượng hưởng chính sách, cập nhật dữ liệu vào phần mềm \
quản lý; đến nay đã cập nhật trên 95% hồ sơ, dự kiến hoàn thành trong tháng 4 năm 2024.

- Tổ chức hội nghị tập huấn nghiệp vụ cho cán bộ làm công tác xã hội cấp xã (đợt 1/2024) vào \
ngày 22/02/2024, kết hợp tuyên truyền chính sách mới theo Nghị định số 76/2024/NĐ-CP.

- Tiếp nhận 54 hồ sơ đề nghị hưởng trợ cấp, trong đó 41 hồ sơ đã giải quyết, 13 hồ sơ đang \
thẩm định; không có hồ sơ quá hạn.

### **Phương hướng quý II**

- Tiếp tục triển khai Kế hoạch số 15/KH-UBND ngày 08/01/2024; phối hợp tổ chức Tháng hành động \
về an toàn, vệ sinh lao động; chuẩn bị các hoạt động nhân ngày Quốc tế thiếu nhi 1/6 và ngày \
Thương binh - Liệt sĩ 27/7.

- Rà soát nhu cầu học nghề của lao động nông thôn năm 2024; phối hợp các cơ sở đào tạo mở lớp \
sơ cấp dưới 3 tháng theo Quyết định số 46/QĐ-TTg ngày 28/9/2015 của Thủ tướng Chính phủ.

- Đôn đốc chi trả trợ cấp hằng tháng qua tài khoản cho các đối tượng bảo trợ xã hội trên địa \
bàn; phấn đấu đạt tỷ lệ 90% chi trả không dùng tiền mặt trong năm 2024.
""".replace("\\\n", "")

TARGET_WORST_S = 1.0
RUNS = 7


def _seconds(text: str) -> float:
    """CPU seconds of one extraction: the clock stops before the result is freed (freeing
    a 2 MB report's tree is no part of reading it)."""
    started = time.process_time()
    extracted = extract_report(text)
    seconds = time.process_time() - started
    del extracted
    return seconds


def main() -> int:
    """Print the medians and whether they meet the targets; 1 when one is missed."""
    missed = False
    gifts = example_text() + "\n"
    for name, unit in (("a whole report", gifts + _NARRATIVE * 9), ("gift table only", gifts)):
        text = unit * (2_000_000 // len(unit.encode()) + 1)
        size = len(text.encode()) / 1e6
        extract_report(text)  # warm up: imports, regex compilation
        rates = [size / _seconds(text) for _ in range(RUNS)]
        median = statistics.median(rates)
        print(f"extract_report, {name}: {size:.2f} MB, {RUNS} runs")
        print(f"  median {median:.2f} MB/s (min {min(rates):.2f}, max {max(rates):.2f})")
        if name == "a whole report":
            verdict = "ok" if median >= TARGET_MB_PER_S else "BELOW TARGET"
            missed = missed or median < TARGET_MB_PER_S
            print(f"  target >= {TARGET_MB_PER_S} MB/s: {verdict}")
    for name, line in (
        ("1 MB of digits and dots", "1." * 500_000),
        ("1 MB of 'Mức '", "Mức " * 250_000),
    ):
        seconds = statistics.median(_seconds(line) for _ in range(3))
        verdict = "ok" if seconds < TARGET_WORST_S else "ABOVE TARGET"
        missed = missed or seconds >= TARGET_WORST_S
        print(f"  {name}: median {seconds:.3f} s (target < {TARGET_WORST_S} s): {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
