#!/usr/bin/env bash
# Makes assets/fonts/NotoSansSC-Regular-charts.otf, the font the digest chart is drawn with
# (src/charts/bar-chart.ts), from Debian's fonts-noto-cjk (Noto Sans CJK is Source Han Sans under
# another name, SIL Open Font License 1.1), with the licence beside it. Kept to what the charts can
# show: ASCII, CJK and full-width punctuation, every character of GB 2312 (the 6,763 hanzi that cover
# the names of hospitals, clinics and regions), and every character of templates/. Run it when a
# template gains a character outside those: `bash scripts/subset-chart-font.sh`
# (needs: apt-get install fonts-noto-cjk fonttools).
set -euo pipefail
cd "$(dirname "$0")/.."
TTC=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
out=assets/fonts
chars=$(mktemp)
/usr/bin/python3 - "$chars" <<'PY'
import json, pathlib, sys
text = set(chr(c) for c in range(0x20, 0x7f))
text |= set(chr(c) for c in range(0x3000, 0x3040)) | set(chr(c) for c in range(0xff01, 0xff5f))
for hi in range(0xa1, 0xf8):
    for lo in range(0xa1, 0xff):
        try:
            text.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
for path in pathlib.Path("templates").rglob("*.json"):
    text |= set(path.read_text("utf-8"))
text -= {"\n", "\r", "\t"}
pathlib.Path(sys.argv[1]).write_text("".join(sorted(text)), "utf-8")
PY
# Face 2 of the collection is the Simplified Chinese one (Noto Sans CJK SC).
/usr/bin/pyftsubset "$TTC" --font-number=2 --text-file="$chars" --layout-features='*' --no-hinting \
  --output-file="$out/NotoSansSC-Regular-charts.otf"
# The licence as Debian ships it with the font (its copyright file carries the OFL's full text).
cp /usr/share/doc/fonts-noto-cjk/copyright "$out/NotoSansCJK-LICENSE.txt"
rm -f "$chars"
ls -l "$out"
