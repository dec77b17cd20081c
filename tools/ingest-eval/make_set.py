#!/usr/bin/env python3
"""Write a labelled ingest-quality set: realistic, damaged files and `labels.jsonl`.

    python3 tools/ingest-eval/make_set.py OUT_DIR [--seed 20241201] [--shared ../shared]

Standard library only, deterministic for a given seed. The text comes from the shared corpus
(People's Daily 1998, web news) and the sample compilation; the damage (web line breaks,
one-line speeches, site boilerplate, split titles, dating lines, compilations, other formats
and encodings, near copies, stubs) is applied by random choices from the seed. See README.md
for the label schema; `score.py` reads it.
"""
from __future__ import annotations

import argparse
import difflib
import gzip
import html
import json
import os
import random
import re
import shutil
import sys
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SENT_END = "。！？；"
CN_DIGITS = "〇一二三四五六七八九"

# ----------------------------------------------------------------------------------------
# source text


def load_jsonl(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                yield json.loads(line)


def clean_title(t: str) -> str:
    t = re.sub(r"（附[^）]*）", "", t).strip()
    return t


BYLINE = re.compile(r"^[\u4e00-\u9fff　 ]{2,6}$")
DATING = re.compile(r"^（[^）]{0,40}[年月日][^）]{0,40}）$")


def pd_article(doc):
    """A People's Daily document as (title, paragraphs) without byline or dating lines."""
    lines = [l.strip().replace("\u3000", "") for l in doc["text"].split("\n")]
    lines = [l for l in lines if l]
    out = []
    for i, l in enumerate(lines):
        if i < 2 and (BYLINE.match(l) or DATING.match(l)):
            continue
        if DATING.match(l) and len(l) < 40:
            continue
        out.append(l)
    return clean_title(doc["title"]), out


def news_article(doc):
    text = doc["text"].replace("\r", "")
    parts = re.split(r"\n+|\u3000\u3000+| {2,}", text)
    paras = [p.strip() for p in parts if len(p.strip()) >= 2]
    return doc["title"].strip(), paras


def sample_articles(path: Path):
    """The sample's ten articles: title and paragraphs, the broken sentence joined."""
    text = path.read_text(encoding="utf-8")
    text = text.replace("##paidbegin##", "").replace("##paidend##", "")
    lines = text.split("\n")
    arts = []
    cur = None
    for i, raw in enumerate(lines):
        l = raw.strip()
        if not l or "汇编（" in l or l.startswith("【") or l.startswith("欢迎加入"):
            continue
        prev_blank = i > 0 and not lines[i - 1].strip()
        next_blank = i + 1 < len(lines) and not lines[i + 1].strip()
        if prev_blank and next_blank and len(l) <= 50 and l[-1] not in SENT_END + "”":
            cur = {"title": l, "paras": []}
            arts.append(cur)
        elif cur is not None:
            if cur["paras"] and cur["paras"][-1][-1] not in SENT_END + "”":
                cur["paras"][-1] += l
            else:
                cur["paras"].append(l)
    return [(a["title"], a["paras"]) for a in arts]


# ----------------------------------------------------------------------------------------
# vocabularies for the damage

MEETINGS = [
    "全市经济工作会议", "全省水利工作会议", "全县党风廉政建设工作会议", "市委理论学习中心组集体学习",
    "全区优化营商环境大会", "全市安全生产工作会议", "全省政法工作会议", "县委全会",
    "全市组织工作会议", "全市乡村振兴工作推进会", "全省教育工作会议", "全市民营经济发展大会",
    "第十四届全国人民代表大会第二次会议", "市第十七届人民代表大会第三次会议", "全区作风建设大会",
]
SPEECH_KINDS = ["讲话", "讲话提纲", "致辞", "工作报告", "研讨发言", "心得体会", "交流发言", "党课讲稿"]
COMP_TOPICS = [
    "主题教育", "学习贯彻二十大精神", "作风建设", "乡村振兴", "基层治理", "安全生产", "优化营商环境",
    "党风廉政建设", "意识形态工作", "机关党建",
]
COMP_KINDS = ["研讨发言材料", "心得体会", "讲话稿", "交流发言", "经验材料", "典型发言"]
SALUTATIONS = ["各位代表：", "同志们：", "各位领导、同志们：", "尊敬的各位来宾，女士们、先生们：", "同志们，朋友们："]
EPIGRAPHS = [
    "——学习贯彻党的二十大精神系列评论之一",
    "编者按：现将有关发言材料刊发如下，供学习参考。",
    "不忘初心，方得始终。",
    "【理论学习】",
    "★ 精选范文 ★",
]
DISTRACT = [
    "到2035年，要基本实现社会主义现代化，人民生活更加幸福美好。",
    "回顾1950年建章立制以来的历程，这项事业走过了不平凡的道路。",
    "1978年以来，改革开放为各项工作注入了强大动力。",
    "要对标2035年远景目标，一年接着一年干，一任接着一任干。",
    "今年是该单位成立75周年，1950年至今，几代人接续奋斗。",
]
DISTRACT_NEWS = [
    "有研究机构预测，到2078年当地老年人口占比将超过三成。",
    "据介绍，该工程设计使用年限至2078年。",
]
CLOSINGS_KEEP = [
    "欢迎广大群众扫码关注“{city}发布”，或登录www.{py}.gov.cn反映意见建议，我们将在3个工作日内答复。",
    "请各单位组织干部职工扫码参加网上测试，并于本月底前将结果报送至电子邮箱。",
    "有关政策全文可登录http://www.{py}.gov.cn查阅，群众也可通过扫码进入“一网通办”平台直接办理。",
    "下一步，我们将推广“扫码亮证”“扫码评价”等做法，让数据多跑路、群众少跑腿。",
]
CITIES = [("江城", "jiangcheng"), ("云岭", "yunling"), ("青山", "qingshan"), ("临河", "linhe"), ("东湖", "donghu")]

# a site's template: the same lines on every page of that site
SITES = {
    "wikisource": {
        "head": [],
        "tail": [
            "本作品在全世界都属于公有领域，因为作者逝世已经超过100年，并且于1929年1月1日之前出版。",
            "注意：",
            "本作品可能在部分国家或地区仍受著作权保护。",
            "Public domain",
            "false",
            "false",
        ],
        "wrap_tail": True,
    },
    "news-portal": {
        "head": ["首页 > 新闻中心 > 时政要闻", "当前位置：首页 > 要闻 > 正文"],
        "tail": [
            "来源：江城日报",
            "责任编辑：{editor}",
            "扫码关注江城发布微信公众号",
            "分享到：微信 微博 QQ空间",
            "【打印本页】【关闭窗口】",
            "Copyright © 2003-2024 江城网 All Rights Reserved 版权所有",
            "京ICP备05070218号-1",
        ],
    },
    "gov-portal": {
        "head": ["网站首页 | 政务公开 | 办事服务 | 互动交流", "字号：大 中 小"],
        "tail": [
            "主办单位：云岭市人民政府办公室 承办单位：云岭市大数据中心",
            "网站标识码：5301000001",
            "扫一扫在手机打开当前页",
            "版权所有：云岭市人民政府 未经授权禁止复制或建立镜像",
        ],
    },
    "wechat": {
        "head": ["点击上方蓝字关注我们"],
        "tail": [
            "END",
            "来源：青山组工",
            "编辑：{editor}",
            "扫码关注我们",
            "喜欢就点个“在看”吧",
        ],
    },
}
EDITORS = ["王晓东", "李娜", "张伟", "刘洋", "陈静", "杨帆"]

# ----------------------------------------------------------------------------------------
# helpers


def cn_num(n: int) -> str:
    """Year digits (1998 -> 一九九八) are written digit by digit; months/days as words."""
    return "".join(CN_DIGITS[int(c)] for c in str(n))


def cn_md(n: int) -> str:
    units = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
    if n < 10:
        return units[n]
    if n == 10:
        return "十"
    if n < 20:
        return "十" + units[n - 10]
    return units[n // 10] + "十" + units[n % 10]


def norm(s: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def edge(paras, first=True, n=12):
    s = norm(paras[0] if first else paras[-1])
    return s[:n] if first else s[-n:]


class Article:
    def __init__(self, title, paras, date=None, date_scored=False, category=None):
        self.title = title
        self.paras = list(paras)
        self.date = date
        self.date_scored = date_scored
        self.category = category
        self.title_alts = []
        self.preamble = []  # lines that may stay as leading paragraphs (dating, subtitles)

    def label(self):
        d = {
            "title": self.title,
            "date": self.date,
            "date_scored": self.date_scored,
            "first_chars": edge(self.paras, True),
            "last_chars": edge(self.paras, False),
            "paragraphs": len(self.paras),
        }
        if self.title_alts:
            d["title_alts"] = self.title_alts
        if self.preamble:
            d["preamble"] = self.preamble
        return d


def wrap_paragraph(p: str, rng: random.Random, allow_after_end: bool):
    """Break one paragraph into web-scrape lines; returns (lines, joins)."""
    lines, joins = [], []
    pos = 0
    n = len(p)
    while n - pos > 20:
        width = rng.randint(30, 80) if rng.random() > 0.12 else rng.randint(6, 18)
        cut = pos + width
        if cut >= n - 4:
            break
        mode = rng.random()
        window = p[cut - 12 : cut + 12]
        cand = None
        if mode < 0.22:  # right before closing punctuation
            cand = [cut - 12 + i for i, c in enumerate(window) if c in "。》、”）』，："]
        elif mode < 0.34:  # right before a digit
            cand = [cut - 12 + i for i, c in enumerate(window) if c.isdigit() and i > 0 and not window[i - 1].isdigit()]
        elif mode < 0.46:  # inside brackets or quotes
            stack = []
            cand = []
            for i in range(max(0, cut - 30), min(n, cut + 30)):
                c = p[i]
                if c in "“（《「":
                    stack.append(i)
                elif c in "”）》」" and stack:
                    j = stack.pop()
                    if i - j > 3:
                        cand.append(rng.randint(j + 2, i - 1))
        if cand:
            cand = [c for c in cand if pos + 4 < c < n - 3]
            if cand:
                cut = rng.choice(cand)
        if not allow_after_end:
            while cut < n - 3 and p[cut - 1] in SENT_END + "”":
                cut += 1
        if cut >= n - 3 or cut <= pos + 2:
            break
        left, right = p[pos:cut], p[cut:]
        lines.append(left)
        joins.append([norm(left)[-8:], norm(right)[:8]])
        pos = cut
    lines.append(p[pos:])
    return lines, joins


def body_lines(art: Article, rng, style):
    """Lines of an article body in one of the styles; returns (lines, joins)."""
    out, joins = [], []
    if style == "clean":
        for p in art.paras:
            out.append(p)
            if rng.random() < 0.5:
                out.append("")
        return out, joins
    if style == "indent":
        return ["　　" + p for p in art.paras], joins
    if style in ("wrap-blank", "wrap-tight"):
        blank = style == "wrap-blank"
        for k, p in enumerate(art.paras):
            ls, js = wrap_paragraph(p, rng, allow_after_end=blank)
            out.extend(ls)
            joins.extend(js)
            if blank and k < len(art.paras) - 1:
                out.append("")
        return out, joins
    if style == "oneline":
        return ["".join("　　" + p for p in art.paras)], joins
    raise ValueError(style)


def pick_style(rng):
    return rng.choice(["clean", "clean", "indent", "wrap-blank", "wrap-tight"])


# ----------------------------------------------------------------------------------------
# writers


def write_text(path: Path, text: str, encoding="utf-8", crlf=False):
    path.parent.mkdir(parents=True, exist_ok=True)
    if crlf:
        text = text.replace("\n", "\r\n")
    if encoding == "utf-16":
        data = text.encode("utf-16")  # with BOM
    elif encoding == "utf-8-sig":
        data = text.encode("utf-8-sig")
    else:
        data = text.encode(encoding)
    path.write_bytes(data)


def write_docx(path: Path, paragraphs):
    """A minimal valid .docx: content types, package rels, document.xml."""
    path.parent.mkdir(parents=True, exist_ok=True)
    ct = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    body = []
    for i, (style, text) in enumerate(paragraphs):
        ppr = ""
        if style == "title":
            ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>'
        # split a paragraph into a few runs, as Word does after edits
        runs = []
        t = text
        while t:
            k = min(len(t), 40 + (i * 7) % 30)
            runs.append(t[:k])
            t = t[k:]
        rx = "".join(
            '<w:r><w:t xml:space="preserve">' + html.escape(r, quote=False) + "</w:t></w:r>" for r in runs
        )
        body.append("<w:p>" + ppr + rx + "</w:p>")
    doc = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        "<w:body>" + "".join(body) + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", ct)
        z.writestr("_rels/.rels", rels)
        z.writestr("word/document.xml", doc)


HTML_NAV = "首页 | 要闻动态 | 政务公开 | 理论学习 | 专题专栏"
HTML_FOOT = "Copyright © 2010-2024 理论学习网 版权所有 地址：幸福路1号 邮编：100000"


def html_page(art: Article, extra_info: str | None):
    ps = "\n".join(f"<p>{html.escape(p)}</p>" for p in art.paras)
    info = html.escape(extra_info or "来源：理论学习网")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{html.escape(art.title)}_理论学习网</title>
<style>body{{font-family:serif}}</style>
<script>var _hmt = _hmt || [];</script>
</head>
<body>
<div class="nav"><a href="/">首页</a> | <a href="/news/">要闻动态</a> | <a href="/gk/">政务公开</a> | <a href="/llxx/">理论学习</a> | <a href="/zt/">专题专栏</a></div>
<div class="article">
<h1>{html.escape(art.title)}</h1>
<div class="info">{info}</div>
<div class="content">
{ps}
</div>
</div>
<div class="footer"><p>Copyright © 2010-2024 理论学习网 版权所有 地址：幸福路1号 邮编：100000</p></div>
</body>
</html>
"""


# ----------------------------------------------------------------------------------------
# the set


class SetWriter:
    def __init__(self, out: Path, rng: random.Random):
        self.out = out
        self.rng = rng
        self.labels = []
        self.names = set()

    def name(self, base: str, ext: str, sub: str = "") -> str:
        base = re.sub(r'[\\/:*?"<>|\r\n\t]', "", base).strip()[:60] or "无题"
        rel = (sub + "/" if sub else "") + base + ext
        k = 1
        while rel in self.names:
            k += 1
            rel = (sub + "/" if sub else "") + f"{base}({k}){ext}"
        self.names.add(rel)
        return rel

    def add(self, rel, kind, articles, *, joins=(), boilerplate=(), keep=(), dup=None, dup_kind=None,
            category=None, declared=None, compilation=False, notes=None):
        lab = {
            "file": rel,
            "kind": kind,
            "articles": [a.label() for a in articles],
            "article_count": len(articles),
            "compilation": compilation,
            "declared_count": declared,
            "duplicate_of": dup,
            "duplicate_kind": dup_kind,
            "boilerplate": list(dict.fromkeys(boilerplate)),
            "keep": list(dict.fromkeys(keep)),
            "joins": list(joins),
            "category_hint": category,
        }
        if notes:
            lab["notes"] = notes
        self.labels.append(lab)
        return lab


def site_block(site, part, rng, wrap=False):
    lines = [l.format(editor=rng.choice(EDITORS)) for l in SITES[site][part]]
    out = []
    for l in lines:
        if wrap and len(l) > 30:  # the notice arrives broken over several lines
            cut = rng.randint(14, len(l) - 8)
            out.extend([l[:cut], l[cut:]])
        else:
            out.append(l)
    return lines, out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--seed", type=int, default=20241201)
    ap.add_argument("--shared", type=Path, default=None, help="the shared folder (default: ../shared beside the repository)")
    ap.add_argument("--force", action="store_true", help="empty OUT_DIR first if it exists")
    args = ap.parse_args()

    shared = args.shared
    if shared is None:
        for cand in [HERE.parents[1].parent / "shared", Path("/work/shared"), Path.cwd().parent / "shared"]:
            if (cand / "corpus").is_dir():
                shared = cand
                break
    if shared is None or not (shared / "corpus").is_dir():
        sys.exit("make_set: can't find the shared folder; pass --shared PATH")
    out: Path = args.out
    if out.exists() and any(out.iterdir()):
        if not args.force:
            sys.exit(f"make_set: {out} is not empty; pass --force to replace it")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)

    rng = random.Random(args.seed)
    W = SetWriter(out, rng)

    # ---- pools (each source document is used by one family of files only)
    pd_docs = [d for d in load_jsonl(shared / "corpus" / "peoples-daily-1998-01.jsonl.gz")]
    pool = []
    seen_titles = set()
    for d in pd_docs:
        if not (800 <= len(d["text"]) <= 7000):
            continue
        t, paras = pd_article(d)
        if len(paras) < 3 or not (6 <= len(t) <= 40) or t in seen_titles:
            continue
        if any(len(p) < 8 or p[-1] not in "。！？”）…—" for p in paras):
            continue  # a headline inside: the source document holds several articles
        if re.match(r"^([一二三四五六七八九十]+、|第.{1,3}[章节条]|原因之|本报|（)", t) or re.search(r"图片|图\）|预报|记者", t) or t[-1] in "。！？…”":
            continue
        seen_titles.add(t)
        pool.append(Article(t, paras))
    rng.shuffle(pool)

    news_docs = []
    govish = re.compile(r"(镇|县|区委|市委|政府|局|开展|举办|召开|座谈)")
    for d in load_jsonl(shared / "corpus" / "news-inews.jsonl.gz"):
        t = d["title"].strip()
        if not (300 <= len(d["text"]) <= 2500) or not (6 <= len(t) <= 36):
            continue
        if re.search(r"[?？!！]|股|医院|彩票|\.\.", t) or not govish.search(d["text"]):
            continue
        t, paras = news_article(d)
        if len(paras) < 1:
            continue
        news_docs.append((d, Article(t, paras, category="新闻")))
    rng.shuffle(news_docs)
    news_seminar = [a for d, a in news_docs if "研讨会" in d["text"]]
    news_plain = [a for d, a in news_docs if "研讨会" not in d["text"] and not re.search(r"(19|20)\d\d", d["text"])]

    samples = [Article(t, p, category="研讨发言") for t, p in sample_articles(shared / "samples" / "compilation-10.txt")]

    def take():
        return pool.pop()

    def with_distractor(art, rng, news=False):
        src = DISTRACT_NEWS if news else DISTRACT
        s = rng.choice(src)
        i = rng.randrange(1, max(2, len(art.paras)))
        art.paras[i - 1] = art.paras[i - 1] + s
        return s

    def speechy(a):
        return not re.match(r"^(新华社|本报|据|【|（|[^，。]{0,12}电)", a.paras[0])

    def speech_title():
        return f"在{rng.choice(MEETINGS)}上的{rng.choice(['讲话', '讲话', '讲话', '发言', '工作报告'])}"

    def emit_single(art, kind, *, style=None, head=(), tail=(), boiler=(), keep=(), fname=None, sub="",
                    title_lines=None, pre_title=(), after_title=(), encoding="utf-8", crlf=False,
                    dup=None, dup_kind=None, extra_joins=(), notes=None):
        style = style or pick_style(rng)
        lines, joins = body_lines(art, rng, style)
        tl = title_lines if title_lines is not None else [art.title]
        doc = list(head) + list(pre_title) + tl + [""] * rng.choice([0, 1, 1, 2]) + list(after_title) + lines
        if tail:
            doc += [""] * rng.choice([0, 1, 2]) + list(tail)
        text = "\n".join(doc).strip("\n") + ("\n" if rng.random() < 0.8 else "")
        rel = fname or W.name(art.title, ".txt", sub)
        write_text(out / rel, text, encoding=encoding, crlf=crlf)
        return W.add(rel, kind, [art], joins=list(joins) + list(extra_joins), boilerplate=boiler, keep=keep,
                     dup=dup, dup_kind=dup_kind, category=art.category, notes=notes)

    counts = {}

    def count(kind):
        counts[kind] = counts.get(kind, 0) + 1

    # ---- 1. web-scrape line breaks
    for i in range(30):
        a = take()
        style = rng.choice(["wrap-blank", "wrap-tight", "wrap-tight"])
        if rng.random() < 0.3 and speechy(a):
            a.title = speech_title() if rng.random() < 0.5 else a.title
            a.category = "讲话" if "讲话" in a.title else None
        emit_single(a, "webwrap", style=style, sub=rng.choice(["", "web", "抓取"]), crlf=rng.random() < 0.2)
        count("webwrap")

    # ---- 2. one-line speeches
    for i in range(15):
        a = take()
        if rng.random() < 0.6 and speechy(a):
            a.title = speech_title()
            a.category = "讲话" if "讲话" in a.title else None
        tl = [a.title] if rng.random() < 0.7 else ["　　" + a.title]
        emit_single(a, "oneline", style="oneline", title_lines=tl)
        count("oneline")

    # ---- 3. site boilerplate (templates repeated across the set)
    site_names = list(SITES)
    for i in range(28):
        a = take()
        site = site_names[i % len(site_names)]
        tail_lines, tail_out = site_block(site, "tail", rng, wrap=SITES[site].get("wrap_tail", False))
        head_lines, head_out = site_block(site, "head", rng)
        where = rng.choice(["tail", "tail", "both", "head"]) if head_lines else "tail"
        head = head_out if where in ("head", "both") else []
        tail = tail_out if where in ("tail", "both") else []
        boiler = (head_lines if head else []) + (tail_lines if tail else [])
        keep = []
        if rng.random() < 0.3:  # a genuine closing paragraph mentioning 扫码 / a web address
            city, py = rng.choice(CITIES)
            c = rng.choice(CLOSINGS_KEEP).format(city=city, py=py)
            a.paras.append(c)
            keep.append(c)
        emit_single(a, "boilerplate", head=head, tail=tail, boiler=boiler, keep=keep,
                    style=rng.choice(["clean", "wrap-blank", "wrap-tight", "indent"]), sub="site-" + site)
        count("boilerplate")

    # ---- 4. genuine closing paragraphs that look like promotion (no boilerplate)
    for i in range(8):
        a = take()
        city, py = rng.choice(CITIES)
        c = CLOSINGS_KEEP[i % len(CLOSINGS_KEEP)].format(city=city, py=py)
        a.paras.append(c)
        emit_single(a, "closing-kept", keep=[c])
        count("closing-kept")

    # ---- 5. title shapes
    for i in range(8):  # title split over two lines
        a = take()
        t = a.title
        cut = rng.randint(max(2, len(t) - 4), len(t) - 1) if rng.random() < 0.6 else rng.randint(3, len(t) - 2)
        emit_single(a, "title-split", title_lines=[t[:cut], t[cut:]],
                    style=rng.choice(["clean", "indent", "wrap-tight"]), notes="title broken over two lines")
        count("title-split")
    for i in range(8):  # salutation as first line: the file name is the title
        a = take()
        a.title = speech_title() if i % 2 == 0 and speechy(a) else a.title
        a.category = "讲话" if "讲话" in a.title else None
        sal = rng.choice(SALUTATIONS)
        a.preamble = [sal]
        emit_single(a, "title-salutation", title_lines=[sal], fname=W.name(a.title, ".txt"),
                    notes="first line is a salutation; the file name is the title")
        count("title-salutation")
    for i in range(6):  # an epigraph / column line before the title
        a = take()
        ep = rng.choice(EPIGRAPHS)
        emit_single(a, "title-epigraph", pre_title=[ep, ""], notes="a line before the title",
                    boiler=[ep] if ep.startswith(("【", "★")) else [])
        a.preamble = [ep]
        W.labels[-1]["articles"][0]["preamble"] = [ep]
        count("title-epigraph")
    for i in range(8):  # first line is a sentence fragment (cut from a page): file name is the title
        a = take()
        frag_at = rng.randint(10, 30)
        p0 = a.paras[0]
        a.paras[0] = p0[frag_at:]
        if len(a.paras[0]) < 10:
            a.paras[0] = p0
        emit_single(a, "title-fragment", title_lines=[], fname=W.name(a.title, ".txt"),
                    style=rng.choice(["wrap-tight", "clean"]), notes="no title line; first line starts mid-sentence")
        count("title-fragment")

    # ---- 6. dating lines and distracting years
    for i in range(24):
        a = take()
        y = rng.randint(2016, 2024)
        m = rng.randint(1, 12)
        dd = rng.randint(1, 28)
        form = ["paren", "dash", "field", "filename", "signature", "paren-cn"][i % 6]
        a.date = f"{y:04d}-{m:02d}-{dd:02d}"
        a.date_scored = True
        meeting = rng.choice(MEETINGS)
        pre, after, tail, fname, tl = [], [], [], None, None
        if form in ("paren", "dash", "paren-cn"):
            if rng.random() < 0.5:
                a.title = rng.choice(['坚定信心 实干担当', '凝心聚力 奋勇争先', '守正创新 笃行不怠', '锚定目标 真抓实干',
                                      '奋力谱写高质量发展新篇章', '以钉钉子精神抓好工作落实'])
            if form == "dash":
                line = f"——在{meeting}上的讲话（{y}年{m}月{dd}日）"
                a.category = "讲话"
            elif form == "paren":
                line = f"（{y}年{m}月{dd}日在{meeting}上）"
            else:
                line = f"（{cn_num(y)}年{cn_md(m)}月{cn_md(dd)}日）"
            after = [line, ""] if rng.random() < 0.7 else [rng.choice(["市长 ", "书记 ", ""]) + "xx", line, ""]
            a.preamble = after[:-1]
            a.title_alts = [a.title + line] if form == "dash" else []
        elif form == "field":
            label = rng.choice(["日期：", "发布日期：", "发布时间：", "时间："])
            line = f"{label}{y}-{m:02d}-{dd:02d}" + (rng.choice([" 10:32", " 来源：本网", ""]))
            if rng.random() < 0.5:
                after = [line, ""]
                a.preamble = [line]
            else:
                tail = [line]
        elif form == "filename":
            fname = W.name(f"{y}-{m:02d}-{dd:02d} " + a.title if rng.random() < 0.5 else f"{y}{m:02d}{dd:02d}_{a.title}", ".txt")
            if rng.random() < 0.5:
                a.title_alts = []
        elif form == "signature":
            tail = [rng.choice(["中共xx市委办公室", "xx县人民政府", "xx局党组"]), f"{y}年{m}月{dd}日"]
        s = with_distractor(a, rng)
        keep = [s]
        lab = emit_single(a, "dating-" + form, after_title=after, tail=tail, fname=fname, keep=keep)
        if form == "signature":
            lab["articles"][0]["preamble"] = []
            lab["articles"][0]["postamble"] = tail
        count("dating-" + form)
    # undated articles with distracting years only: the date must stay empty
    for i in range(6):
        a = samples.pop() if samples and i < 3 else take()
        a.date = None
        a.date_scored = True
        s = with_distractor(a, rng)
        emit_single(a, "undated-distractor", keep=[s])
        count("undated-distractor")

    # ---- 7. compilations
    def with_headings(a: Article, rng):
        """Turn some paragraphs' first clauses into 一、二、 headings (not split points)."""
        n = min(len(a.paras), rng.randint(2, 4))
        idx = sorted(rng.sample(range(len(a.paras)), n))
        heads = []
        new = []
        k = 0
        for i, p in enumerate(a.paras):
            if i in idx:
                m = re.match(r"^(.{4,18}?)[，。；：]", p)
                h = m.group(1) if m else p[:12]
                hl = "一二三四五六七八九"[k] + "、" + h
                heads.append(hl)
                new.append(hl)
                k += 1
            new.append(p)
        a.paras = new
        return heads

    comp_files = []
    comp_specs = []
    for i in range(16):
        n = rng.randint(3, 7)
        declared = ["count", "count", "wrong", "none", "count", "wrong", "count", "none"][i % 8]
        comp_specs.append((n, declared))
    for ci, (n, decl) in enumerate(comp_specs):
        arts = []
        if ci == 0:
            arts = samples[:n]
            samples = samples[n:]
        while len(arts) < n:
            a = take()
            if rng.random() < 0.5 and speechy(a):
                a.title = speech_title() if rng.random() < 0.4 else a.title
            arts.append(a)
        keep = []
        for a in arts:
            if rng.random() < 0.75:
                keep += with_headings(a, rng)
        topic = rng.choice(COMP_TOPICS)
        kindw = rng.choice(COMP_KINDS)
        if decl == "count":
            shown = n
        elif decl == "wrong":
            shown = n + rng.choice([-2, -1, 1, 2, 3])
            shown = max(2, shown) if shown != n else n + 1
        else:
            shown = None
        if shown is not None:
            ctitle = f"{topic}{kindw}汇编" + rng.choice([f"（{shown}篇）", f"({shown}篇)", f"{shown}篇", f"（共{shown}篇）"])
        else:
            ctitle = f"{topic}{kindw}汇编"
        lines = [ctitle, ""]
        if rng.random() < 0.3:  # a table of contents
            lines += ["目  录"] + [f"{k + 1}. {a.title}" for k, a in enumerate(arts)] + [""]
        joins = []
        style = rng.choice(["clean", "clean", "indent", "wrap-tight"])
        for a in arts:
            body, js = body_lines(a, rng, style)
            joins += js
            lines += [a.title] + [""] * rng.choice([1, 1, 2]) + body + [""] * rng.choice([1, 2, 2])
        if rng.random() < 0.5:
            lines += ["【哒哒素材库】——每天更新材料1000多篇内部高质量素材，有意加入请联系客服"]
        rel = W.name(ctitle, ".txt", "汇编")
        write_text(out / rel, "\n".join(lines).rstrip("\n") + "\n", encoding=rng.choice(["utf-8", "utf-8", "gb18030"]))
        lab = W.add(rel, "compilation-" + decl, arts, joins=joins, keep=keep, compilation=True, declared=shown,
                    boilerplate=["【哒哒素材库】——每天更新材料1000多篇内部高质量素材，有意加入请联系客服"] if "【哒哒" in lines[-1] else [],
                    category=None)
        comp_files.append((rel, arts))
        count("compilation-" + decl)

    # ---- 8. a compilation's article also as its own file ("contained")
    for k in range(4):
        rel, arts = comp_files[k + 1]
        a0 = arts[rng.randrange(len(arts))]
        a = Article(a0.title, list(a0.paras), a0.date, a0.date_scored, a0.category)
        emit_single(a, "contained", style="clean", dup=rel, dup_kind="contained", sub="单篇")
        count("contained")

    # ---- 9. the same text in other formats and encodings
    for k in range(8):
        a = take()
        if k % 3 == 0:
            y, m, dd = rng.randint(2018, 2024), rng.randint(1, 12), rng.randint(1, 28)
            a.date, a.date_scored = f"{y:04d}-{m:02d}-{dd:02d}", True
            dl = f"日期：{y}-{m:02d}-{dd:02d}"
            a.preamble = [dl]
        else:
            dl = None
        base = a.title
        orig_rel = W.name(base, ".txt", "formats")
        text = "\n".join([base, ""] + ([dl, ""] if dl else []) + [p for q in a.paras for p in (q, "")]).rstrip() + "\n"
        write_text(out / orig_rel, text)
        W.add(orig_rel, "format-original", [a], category=a.category)
        count("format-original")
        # GB18030
        rel = W.name(base + rng.choice(["", "_gbk", "（GBK）"]), ".txt", "formats/gbk")
        write_text(out / rel, text, encoding="gb18030", crlf=True)
        W.add(rel, "format-gb18030", [a], dup=orig_rel, dup_kind="exact", category=a.category)
        # UTF-16 with BOM
        rel = W.name(base + rng.choice(["", "_unicode"]), ".txt", "formats/utf16")
        write_text(out / rel, text, encoding="utf-16", crlf=rng.random() < 0.5)
        W.add(rel, "format-utf16", [a], dup=orig_rel, dup_kind="exact", category=a.category)
        # HTML page with nav and footer
        rel = W.name(base, ".html", "formats/web")
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(html_page(a, dl), encoding="utf-8")
        W.add(rel, "format-html", [a], dup=orig_rel, dup_kind="exact", category=a.category,
              boilerplate=[HTML_NAV, HTML_FOOT, "来源：理论学习网"] if not dl else [HTML_NAV, HTML_FOOT])
        # Markdown
        rel = W.name(base, ".md", "formats/md")
        md = f"# {base}\n\n" + (f"*{dl}*\n\n" if dl else "") + "\n\n".join(a.paras) + "\n"
        write_text(out / rel, md)
        W.add(rel, "format-md", [a], dup=orig_rel, dup_kind="exact", category=a.category)
        # .docx
        rel = W.name(base, ".docx", "formats/word")
        write_docx(out / rel, [("title", base)] + ([("p", dl)] if dl else []) + [("p", p) for p in a.paras])
        W.add(rel, "format-docx", [a], dup=orig_rel, dup_kind="exact", category=a.category)
        for kk in ("format-gb18030", "format-utf16", "format-html", "format-md", "format-docx"):
            count(kk)

    # ---- 10. near copies (95-99 % the same text)
    def near_copy(a: Article, rng):
        paras = list(a.paras)
        total = sum(len(p) for p in paras)
        for _ in range(40):
            b = [list(p) for p in paras]
            edits = rng.randint(1, 4)
            for _ in range(edits):
                i = rng.randrange(len(b))
                p = "".join(b[i])
                sents = re.findall(r"[^。！？]+[。！？]?", p)
                op = rng.random()
                if op < 0.4 and len(sents) > 1:  # drop a sentence
                    j = rng.randrange(len(sents))
                    sents.pop(j)
                elif op < 0.8:  # replace some words
                    j = rng.randrange(len(sents))
                    s = sents[j]
                    for old, new in [("我们", "我们要"), ("发展", "高质量发展"), ("进一步", "持续"), ("工作", "各项工作"), ("要", "必须"), ("坚持", "始终坚持")]:
                        if old in s:
                            s = s.replace(old, new, 1)
                            break
                    else:
                        s = s[:-1] + "，切实抓好落实。" if len(s) > 4 else s
                    sents[j] = s
                else:  # add a sentence
                    sents.insert(rng.randrange(len(sents) + 1), rng.choice(["对此，大家普遍表示认同。", "这一点必须引起高度重视。", "实践证明，这一做法行之有效。"]))
                b[i] = list("".join(sents))
            newp = ["".join(x) for x in b if x]
            r = difflib.SequenceMatcher(None, "".join(paras), "".join(newp), autojunk=False).ratio()
            if 0.95 <= r <= 0.99:
                return newp, r
        return None, None

    made = 0
    while made < 8:
        a = take()
        if sum(len(p) for p in a.paras) > 3000:
            continue
        newp, r = near_copy(a, rng)
        if newp is None:
            continue
        rel0 = emit_single(a, "near-original", style="clean")["file"]
        b = Article(a.title if rng.random() < 0.6 else a.title + rng.choice(["（修改稿）", "（定稿）", "_最终版"]), newp)
        b.title_alts = [a.title]
        emit_single(b, "near-copy", style=rng.choice(["clean", "indent"]), dup=rel0, dup_kind="near",
                    notes=f"similarity {r:.3f}")
        count("near-original")
        count("near-copy")
        made += 1

    # ---- 11. one-sentence stubs sharing the standard opening sentence
    opening = "为深入贯彻落实党中央、国务院决策部署，进一步做好相关工作，现将有关事项通知如下。"
    stubs = [
        ("关于开展安全生产大检查的通知", opening),
        ("关于做好2024年春节期间有关工作的通知", opening),
        ("关于开展防汛检查的通知", "为深入贯彻落实党中央、国务院决策部署，现就开展防汛检查有关事项通知如下。"),
        ("关于组织参加业务培训的通知", "为深入贯彻落实党中央、国务院决策部署，现就组织参加业务培训有关事项通知如下。"),
    ]
    prev = None
    for t, s in stubs:
        a = Article(t, [s])
        lab = emit_single(a, "stub", style="clean", sub="通知", notes="must not be linked to the other stub of its pair")
        lab["not_duplicate_of"] = [prev] if prev and stubs.index((t, s)) % 2 == 1 else []
        prev = lab["file"]
        count("stub")

    # ---- 12. news items (not 研讨发言 because 研讨会 appears)
    news = news_seminar[:8] + news_plain[:8]
    for i, a in enumerate(news):
        kept = []
        after = []
        if a in news_plain:
            y, m, dd = rng.randint(2016, 2023), rng.randint(1, 12), rng.randint(1, 28)
            a.date, a.date_scored = f"{y:04d}-{m:02d}-{dd:02d}", True
            line = f"发布时间：{y}-{m:02d}-{dd:02d}"
            after = [line, ""]
            a.preamble = [line]
            kept.append(with_distractor(a, rng, news=True))
        emit_single(a, "news" + ("-seminar" if a in news_seminar else ""), after_title=after, keep=kept,
                    style=rng.choice(["clean", "indent", "wrap-tight"]), sub="news")
        count("news-seminar" if a in news_seminar else "news")

    # ---- labels
    with open(out / "labels.jsonl", "w", encoding="utf-8") as f:
        for lab in W.labels:
            f.write(json.dumps(lab, ensure_ascii=False) + "\n")
    total = len(W.labels)
    print(f"make_set: {total} files in {out} (seed {args.seed})")
    for k in sorted(counts):
        print(f"  {k:24s} {counts[k]}")


if __name__ == "__main__":
    main()
