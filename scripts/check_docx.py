#!/usr/bin/env python3
"""Checks a .docx exported by sucai against the GB/T 9704 layout, reading it with python-docx
(a real Word-file parser, not sucai's own code). Exit status 0 when every check holds; each
failed check is printed. Usage: check_docx.py FILE.docx "title" "a body sentence"."""

import sys

from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm, Pt


def east_asia_font(run):
    fonts = run._element.rPr.find(qn("w:rFonts")) if run._element.rPr is not None else None
    return fonts.get(qn("w:eastAsia")) if fonts is not None else None


def main(path, title, sentence):
    doc = Document(path)
    failures = []

    def check(ok, what):
        if not ok:
            failures.append(what)

    section = doc.sections[0]
    check(abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1), "A4 page")
    for name, want in [("top", 37), ("bottom", 35), ("left", 28), ("right", 26)]:
        got = getattr(section, f"{name}_margin")
        check(abs(got - Mm(want)) < Mm(0.5), f"{name} margin {want} mm (got {got.mm:.1f} mm)")

    paragraphs = [p for p in doc.paragraphs if p.text.strip()]
    head = paragraphs[0]
    check(head.text == title, f"title {title!r} (got {head.text!r})")
    check(head.alignment == 1, "title centred")
    check(all(r.font.size == Pt(22) for r in head.runs), "title 22 pt")
    check(all(east_asia_font(r) == "方正小标宋简体" for r in head.runs), "title in 方正小标宋简体")

    body = paragraphs[1:]
    check(any(sentence in p.text for p in body), f"body holds {sentence!r}")
    for p in body:
        fmt = p.paragraph_format
        check(fmt.line_spacing == Pt(28.95), f"fixed 28.95 pt line pitch: {p.text[:12]!r} (got {fmt.line_spacing})")
        check(fmt.first_line_indent == Pt(32), f"2-character first-line indent: {p.text[:12]!r}")
        for r in p.runs:
            check(r.font.size == Pt(16), f"16 pt body: {p.text[:12]!r}")
            font = east_asia_font(r)
            if p.text.startswith(("一、", "二、", "三、", "四、", "五、")):
                check(font == "黑体", f"一、 heading in 黑体: {p.text[:12]!r} (got {font})")
            elif p.text.startswith(("（一）", "（二）", "（三）")):
                check(font == "楷体_GB2312", f"（一） heading in 楷体: {p.text[:12]!r} (got {font})")
            else:
                check(font == "仿宋_GB2312", f"body in 仿宋_GB2312: {p.text[:12]!r} (got {font})")

    footer = "".join(p.text for p in section.footer.paragraphs)
    check("—" in footer, f"page number — N — in the footer (got {footer!r})")

    for f in dict.fromkeys(failures):
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
