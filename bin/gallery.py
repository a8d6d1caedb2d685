"""The gallery of executed notebooks: target/site/index.html and one page per notebook.

Called by bin/notebook-runner.py after the notebooks ran. The site is self-contained and works offline:
pages are static HTML, images are PNG files or data URIs inside the pages, and the only scripts are
KaTeX's (copied from Debian's libjs-katex into site/assets/katex, when installed; without it formulas stay
as TeX source). No CDN, no network.

Index: one card per notebook with its lead figure as a thumbnail, the statement it reproduces in one
sentence, its theorem checks, identities and hypotheses counted apart, and what did not reproduce.
Notebook page: a table of contents (the Markdown headings), every cell, and beside each cell the checks
it recorded (on a phone: below it).

Where the card's sentence and figure come from:
- statement: notebook metadata ``cartan.statement``; else the first sentence of the first Markdown
  paragraph that is not the title or an italic source line;
- lead figure: the first PNG output of a cell tagged ``lead-figure``; else the notebook's first PNG output.
"""

import base64
import html
import os
import re
import shutil

from nbconvert.filters.ansi import ansi2html
from nbconvert.filters.markdown_mistune import markdown2html_mistune
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import JavaLexer

KATEX_DIR = "/usr/share/javascript/katex"
COLUMNS = ["notebook", "id", "kind", "description", "measured", "expected", "tolerance", "status",
           "rival", "rival_value", "rival_margin"]
C = {name: i for i, name in enumerate(COLUMNS)}

CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--accent:#0969da}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:#fff}
a{color:var(--accent)}
header.top{padding:1.2rem 1rem;border-bottom:1px solid var(--line);background:var(--bg)}
header.top h1{margin:.2rem 0;font-size:1.6rem}
.wrap{max-width:1400px;margin:0 auto;padding:0 1rem}
.muted{color:var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:1rem;margin:1.2rem 0}
.card{border:1px solid var(--line);border-radius:8px;overflow:hidden;display:flex;flex-direction:column;background:#fff}
.card .thumb{display:block;aspect-ratio:3/2;background:var(--bg);border-bottom:1px solid var(--line)}
.card .thumb img{width:100%;height:100%;object-fit:contain;display:block}
.card .thumb .none{display:flex;height:100%;align-items:center;justify-content:center;color:var(--muted)}
.card .body{padding:.8rem 1rem;flex:1}
.card h2{font-size:1.05rem;margin:0 0 .4rem}
.card h2 a{text-decoration:none;color:var(--fg)}
.card p.statement{margin:.3rem 0 .6rem}
.badges{display:flex;flex-wrap:wrap;gap:.35rem;margin:.4rem 0}
.badge{font-size:.8rem;padding:.1rem .5rem;border-radius:999px;border:1px solid var(--line);background:var(--bg);white-space:nowrap}
.badge.theorem{border-color:#8fc5ff;background:#ddf4ff}
.badge.identity{background:#f6f8fa}
.badge.hypothesis{border-color:#d8b9ff;background:#fbefff}
.badge.bad{border-color:var(--bad);color:var(--bad);background:#ffebe9}
.badge.warn{border-color:#d4a72c;color:var(--warn);background:#fff8c5}
.badge.ok{border-color:#4ac26b;color:var(--ok);background:#dafbe1}
.notrep{margin:.5rem 0 0;padding:.5rem .7rem;border-left:3px solid #d4a72c;background:#fff8c5;font-size:.9rem}
.notrep ul{margin:.2rem 0 0;padding-left:1.1rem}
.layout{display:grid;grid-template-columns:230px minmax(0,1fr);gap:1.5rem;align-items:start}
nav.toc{position:sticky;top:0;max-height:100vh;overflow:auto;padding:1rem 0;font-size:.9rem}
nav.toc ol{list-style:none;padding-left:0;margin:0}
nav.toc li.h2{padding-left:.8rem}
nav.toc li.h3{padding-left:1.6rem;font-size:.85rem}
nav.toc a{text-decoration:none;display:block;padding:.15rem 0}
.cell{display:grid;grid-template-columns:minmax(0,1fr) 320px;gap:1rem;margin:.8rem 0}
.cell.nochecks{grid-template-columns:minmax(0,1fr)}
.cell .content{min-width:0}
.md{overflow-x:auto;overflow-y:hidden;overflow-wrap:anywhere}
.katex-display{overflow-x:auto;overflow-y:hidden;padding:.2rem 0}
.md img{max-width:100%}
header.top,.card .body,aside.checks{overflow-wrap:anywhere}
.code{border:1px solid var(--line);border-radius:6px;background:var(--bg);overflow:auto}
.code pre{margin:0;padding:.6rem .8rem;font:13px/1.45 "DejaVu Sans Mono",Menlo,Consolas,monospace}
.out{margin:.3rem 0 0 .4rem;overflow:auto}
.out pre{margin:.2rem 0;font:13px/1.45 "DejaVu Sans Mono",Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word}
.out pre.err{color:var(--bad)}
.out img{max-width:100%;height:auto}
.out table{border-collapse:collapse;font-size:.85rem}
.out td,.out th{padding:2px 8px;border-bottom:1px solid var(--line)}
aside.checks{font-size:.85rem;display:flex;flex-direction:column;gap:.5rem}
.check{border:1px solid var(--line);border-left:4px solid var(--line);border-radius:6px;padding:.4rem .6rem;background:#fff}
.check.PASS{border-left-color:var(--ok)}
.check.FAIL{border-left-color:var(--bad)}
.check.NOT_REPRODUCED{border-left-color:#d4a72c;background:#fffdf0}
.check .head{display:flex;gap:.4rem;align-items:baseline;flex-wrap:wrap}
.check .id{font-weight:600}
.check .status{margin-left:auto;font-weight:600}
.check.PASS .status{color:var(--ok)}.check.FAIL .status{color:var(--bad)}.check.NOT_REPRODUCED .status{color:var(--warn)}
.check .nums{color:var(--muted);word-break:break-word}
table.all{border-collapse:collapse;width:100%;font-size:.8rem}
table.all td,table.all th{padding:3px 6px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
details.allchecks{margin:2rem 0}
@media (max-width:1000px){
 .layout{grid-template-columns:minmax(0,1fr)}
 nav.toc{position:static;max-height:none;border:1px solid var(--line);border-radius:6px;padding:.5rem .8rem}
 .cell{grid-template-columns:minmax(0,1fr)}
}
@media (max-width:600px){
 body{font-size:15px}
 .cards{grid-template-columns:minmax(0,1fr)}
 header.top h1{font-size:1.3rem}
}
"""

KATEX_HEAD = """<link rel="stylesheet" href="assets/katex/katex.min.css">
<script defer src="assets/katex/katex.min.js"></script>
<script defer src="assets/katex/contrib/auto-render.js"
 onload="renderMathInElement(document.body,{delimiters:[{left:'$$',right:'$$',display:true},{left:'$',right:'$',display:false},{left:'\\\\(',right:'\\\\)',display:false},{left:'\\\\[',right:'\\\\]',display:true}],ignoredTags:['script','noscript','style','textarea','pre','code'],throwOnError:false})"></script>"""


def esc(s):
    return html.escape(str(s), quote=True)


def page(title, body, katex):
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            "<title>%s</title><style>%s%s</style>%s</head><body>%s</body></html>\n"
            % (esc(title), CSS, HtmlFormatter(style="default").get_style_defs(".code .highlight"),
               KATEX_HEAD if katex else "", body))


def copy_katex(site):
    """Copies KaTeX (Debian's libjs-katex) into site/assets/katex; False when it is not installed."""
    if not os.path.isfile(os.path.join(KATEX_DIR, "katex.min.js")):
        return False
    dest = os.path.join(site, "assets", "katex")
    os.makedirs(os.path.join(dest, "contrib"), exist_ok=True)
    os.makedirs(os.path.join(dest, "fonts"), exist_ok=True)
    for f in ("katex.min.js", "katex.min.css"):
        shutil.copyfile(os.path.join(KATEX_DIR, f), os.path.join(dest, f))
    shutil.copyfile(os.path.join(KATEX_DIR, "contrib", "auto-render.js"), os.path.join(dest, "contrib", "auto-render.js"))
    for f in os.listdir(os.path.join(KATEX_DIR, "fonts")):
        if f.endswith(".woff2") or f.endswith(".woff"):
            shutil.copyfile(os.path.join(KATEX_DIR, "fonts", f), os.path.join(dest, "fonts", f))
    return True


def source(cell):
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def pngs(nb):
    """(cell index, base64 PNG) of every image output, in order."""
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if "image/png" in data:
                yield i, data["image/png"]


def lead_figure(nb):
    tagged = {i for i, c in enumerate(nb.cells) if "lead-figure" in c.get("metadata", {}).get("tags", [])}
    first = None
    for i, png in pngs(nb):
        if i in tagged:
            return png
        if first is None:
            first = png
    return first


def title(nb, name):
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", source(cell), re.M)
            if m:
                return m.group(1).strip()
    return name


SENTENCE = re.compile(r"^(.+?[.!?])(\s|$)", re.S)


def statement(nb):
    meta = nb.metadata.get("cartan", {}).get("statement")
    if meta:
        return meta
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for para in re.split(r"\n\s*\n", source(cell)):
            p = para.strip()
            if not p or p.startswith("#") or (p.startswith("*") and p.endswith("*")) or p.startswith("$$"):
                continue
            p = re.sub(r"\s+", " ", p)
            p = re.sub(r"(\*\*|__|`)", "", p)  # Markdown emphasis and code marks, not shown as such here
            m = SENTENCE.match(p)
            return m.group(1) if m else p
    return ""


def counts(rows):
    c = {"theorem": 0, "identity": 0, "hypothesis": 0, "finding": 0, "not_reproduced": 0, "failed": 0, "other": 0}
    for r in rows:
        if r[C["status"]] == "FAIL":
            c["failed"] += 1
        elif r[C["status"]] == "NOT_REPRODUCED":
            c["not_reproduced"] += 1
        elif r[C["kind"]] in c:
            c[r[C["kind"]]] += 1
        else:
            c["other"] += 1
    return c


def badges(c, ok):
    b = []
    if c["theorem"]:
        b.append('<span class="badge theorem">%d theorem check%s passed</span>' % (c["theorem"], "" if c["theorem"] == 1 else "s"))
    if c["identity"]:
        b.append('<span class="badge identity">%d identit%s</span>' % (c["identity"], "y" if c["identity"] == 1 else "ies"))
    if c["hypothesis"]:
        b.append('<span class="badge hypothesis">%d hypothes%s reproduced</span>' % (c["hypothesis"], "is" if c["hypothesis"] == 1 else "es"))
    if c["finding"] or c["other"]:
        b.append('<span class="badge">%d other</span>' % (c["finding"] + c["other"]))
    if c["not_reproduced"]:
        b.append('<span class="badge warn">%d not reproduced</span>' % c["not_reproduced"])
    if c["failed"]:
        b.append('<span class="badge bad">%d failed</span>' % c["failed"])
    if not ok:
        b.append('<span class="badge bad">run failed</span>')
    return '<div class="badges">%s</div>' % "".join(b)


def check_box(r):
    nums = "measured %s, expected %s" % (esc(r[C["measured"]]), esc(r[C["expected"]]))
    if r[C["tolerance"]]:
        nums += " (%s)" % esc(r[C["tolerance"]])
    if r[C["rival"]]:
        nums += "<br>rival: %s" % esc(r[C["rival"]])
        if r[C["rival_value"]]:
            nums += " = %s" % esc(r[C["rival_value"]])
        if r[C["rival_margin"]]:
            nums += ", rejected by %s" % esc(r[C["rival_margin"]])
    status = r[C["status"]]
    return ('<div class="check %s"><div class="head"><span class="id">%s</span><span class="badge %s">%s</span>'
            '<span class="status">%s</span></div><div>%s</div><div class="nums">%s</div></div>'
            % (esc(status), esc(r[C["id"]]), esc(r[C["kind"]]), esc(r[C["kind"]]),
               esc(status.replace("_", " ").lower() if status != "PASS" else "pass"), esc(r[C["description"]]), nums))


def slug(text, used):
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"
    base, n = s, 2
    while s in used:
        s, n = "%s-%d" % (base, n), n + 1
    used.add(s)
    return s


def render_output(out):
    t = out.get("output_type")
    if t == "stream":
        return '<pre class="%s">%s</pre>' % ("err" if out.get("name") == "stderr" else "", esc(out.get("text", "")))
    if t == "error":
        return '<pre class="err">%s</pre>' % ansi2html("\n".join(out.get("traceback", [])))
    data = out.get("data", {})
    if "image/png" in data:
        return '<img alt="figure" src="data:image/png;base64,%s">' % data["image/png"].replace("\n", "")
    if "text/html" in data:
        h = data["text/html"]
        return "<div>%s</div>" % ("".join(h) if isinstance(h, list) else h)
    if "text/plain" in data:
        p = data["text/plain"]
        return "<pre>%s</pre>" % esc("".join(p) if isinstance(p, list) else p)
    return ""


def notebook_page(name, nb, rows, row_cells, result, katex):
    """One notebook as a page: contents, cells, and each cell's checks beside it."""
    by_cell = {}
    for r, ci in zip(rows, row_cells):
        by_cell.setdefault(ci, []).append(r)
    unplaced = [r for r, ci in zip(rows, row_cells) if ci is None]
    toc, used, cells_html = [], set(), []
    lexer, fmt = JavaLexer(), HtmlFormatter(cssclass="highlight")
    for i, cell in enumerate(nb.cells):
        src = source(cell)
        if cell.cell_type == "markdown":
            body = re.sub(r'<a class="anchor-link"[^>]*>.*?</a>', "", markdown2html_mistune(src), flags=re.S)

            def anchor(m):
                level = int(m.group(1))
                text = html.unescape(re.sub(r"<[^>]+>", "", m.group(3))).replace("\u00b6", "").strip()
                ident = slug(text, used)
                if level <= 3:
                    toc.append((level, ident, text))
                return '<h%d id="%s"%s>' % (level, ident, m.group(2))
            body = re.sub(r"<h([1-6])(?: id=\"[^\"]*\")?([^>]*)>(.*?)(?=</h\1>)",
                          lambda m: anchor(m) + m.group(3), body, flags=re.S)
            content = '<div class="md">%s</div>' % body
        elif cell.cell_type == "code":
            content = '<div class="code">%s</div>' % highlight(src, lexer, fmt)
            outs = "".join(render_output(o) for o in cell.get("outputs", []))
            if outs:
                content += '<div class="out">%s</div>' % outs
        else:
            content = "<pre>%s</pre>" % esc(src)
        checks = by_cell.get(i, [])
        aside = '<aside class="checks">%s</aside>' % "".join(check_box(r) for r in checks) if checks else ""
        cells_html.append('<section class="cell%s" id="cell-%d"><div class="content">%s</div>%s</section>'
                          % ("" if checks else " nochecks", i, content, aside))
    if unplaced:
        cells_html.append('<section class="cell"><div class="content"><p class="muted">Checks not tied to a cell:</p></div>'
                          '<aside class="checks">%s</aside></section>' % "".join(check_box(r) for r in unplaced))
    toc_html = "".join('<li class="h%d"><a href="#%s">%s</a></li>' % (lvl, ident, esc(text)) for lvl, ident, text in toc)
    c = counts(rows)
    error = "" if result["ok"] else '<p class="badge bad">%s</p>' % esc(result.get("error") or "failed")
    body = ('<header class="top"><div class="wrap"><a href="index.html">← all notebooks</a>'
            '<h1>%s</h1><p>%s</p>%s%s</div></header>'
            '<div class="wrap layout"><nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>%s</ol></nav>'
            '<main>%s</main></div>'
            % (esc(title(nb, name)), esc(statement(nb)), badges(c, result["ok"]), error, toc_html, "".join(cells_html)))
    return page(title(nb, name), body, katex)


def index_page(entries, checks, stamp, katex):
    cards = []
    for e in entries:
        c = counts(e["rows"])
        thumb = ('<img alt="lead figure of %s" loading="lazy" src="thumbs/%s.png">' % (esc(e["name"]), esc(e["name"]))
                 if e["thumb"] else '<span class="none">no figure</span>')
        notrep = [r for r in e["rows"] if r[C["status"]] == "NOT_REPRODUCED"]
        notrep_html = ""
        if notrep:
            notrep_html = ('<div class="notrep"><strong>Did not reproduce:</strong><ul>%s</ul></div>'
                           % "".join("<li>%s %s</li>" % (esc(r[C["id"]]), esc(r[C["description"]])) for r in notrep))
        cards.append('<article class="card"><a class="thumb" href="%s.html">%s</a><div class="body">'
                     '<h2><a href="%s.html">%s</a></h2><p class="statement">%s</p>%s%s</div></article>'
                     % (esc(e["name"]), thumb, esc(e["name"]), esc(e["title"]), esc(e["statement"]),
                        badges(c, e["ok"]), notrep_html))
    total = counts(checks)
    head = "".join("<th>%s</th>" % esc(h) for h in COLUMNS)
    rows = "".join("<tr>%s</tr>" % "".join("<td>%s</td>" % esc(x) for x in r) for r in checks)
    body = ('<header class="top"><div class="wrap"><h1>Cartan: theorems of deep-network spectra, checked</h1>'
            '<p>Each notebook states a result from the papers, computes it, plots it and checks it against an '
            'independent value. A <em>theorem check</em> passes only if the measurement agrees with the statement '
            'and rejects a named rival; <em>identities</em> (algebra, same-code-path comparisons) are counted apart; '
            'what did not reproduce is listed on each card.</p>%s<p class="muted">Executed %s.</p></div></header>'
            '<div class="wrap"><div class="cards">%s</div>'
            '<details class="allchecks"><summary>All %d checks (also in checks/summary.csv)</summary>'
            '<div style="overflow:auto"><table class="all"><tr>%s</tr>%s</table></div></details></div>'
            % (badges(total, all(e["ok"] for e in entries)), esc(stamp), "".join(cards), len(checks), head, rows))
    return page("Cartan notebooks", body, katex)


def build(site, results, checks, notebooks, check_cells, stamp):
    """Writes site/index.html, site/NAME.html and site/thumbs/NAME.png.

    results: [{"name", "ok", "error", "seconds"}]; checks: summary rows (COLUMNS);
    notebooks: {name: executed nbformat notebook}; check_cells: {name: [cell index or None per check row]}.
    """
    os.makedirs(os.path.join(site, "thumbs"), exist_ok=True)
    katex = copy_katex(site)
    entries = []
    for r in results:
        name = r["name"]
        nb = notebooks.get(name)
        rows = [c for c in checks if c[0] == name]
        cells = check_cells.get(name) or [None] * len(rows)
        thumb = lead_figure(nb) if nb is not None else None
        if thumb:
            with open(os.path.join(site, "thumbs", name + ".png"), "wb") as f:
                f.write(base64.b64decode(thumb))
        entries.append({"name": name, "ok": r["ok"], "rows": rows, "thumb": bool(thumb),
                        "title": title(nb, name) if nb is not None else name,
                        "statement": statement(nb) if nb is not None else ""})
        if nb is not None:
            write(os.path.join(site, name + ".html"), notebook_page(name, nb, rows, cells, r, katex))
    write(os.path.join(site, "index.html"), index_page(entries, checks, stamp, katex))


def write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)
