package cartan.plot;

/**
 * The inline style sheet and script of {@link ProfileReport}: plain CSS, and a few lines of JavaScript that sort
 * a table by the clicked column (numbers numerically from each cell's {@code data-v}, missing values last; a second
 * click reverses; the header's {@code aria-sort} says the order).
 */
final class ReportAssets {

    private ReportAssets() {
    }

    static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}
            header{padding:16px 24px;background:#f3f5f8;border-bottom:1px solid #d8dde5}
            h1{font-size:22px;margin:0 0 6px}h2{font-size:18px;margin:28px 0 10px;border-bottom:1px solid #e3e6ea}
            main{padding:0 24px 24px}nav a{margin-right:14px}code{font-size:12px;background:#eef1f5;padding:1px 4px}
            table{border-collapse:collapse;font-size:12.5px}th,td{padding:3px 8px;border-bottom:1px solid #e6e8eb;
            text-align:left;white-space:nowrap}td.num{text-align:right;font-variant-numeric:tabular-nums}
            table.sortable th{cursor:pointer;background:#f7f8fa;position:sticky;top:0}
            th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
            tr.trap td{background:#fff1e6}tr.trap td:first-child{box-shadow:inset 4px 0 #d55e00}
            .scroll{max-height:70vh;overflow:auto;border:1px solid #e3e6ea}
            .grid{display:flex;flex-wrap:wrap;gap:12px}.grid img{width:480px;max-width:100%}
            figure.esd{margin:12px 0;padding:6px;border:1px solid #e3e6ea}figure.esd.trap{border-color:#d55e00}
            figure.esd .pair{display:flex;flex-wrap:wrap;gap:8px}figure.esd img{width:440px;max-width:100%}
            figcaption{font-weight:600;font-size:13px;margin-bottom:4px}
            .muted{color:#5b6470}.warnings li{color:#8a3b00}
            footer{padding:12px 24px;color:#5b6470;border-top:1px solid #e3e6ea}
            """;

    static final String SCRIPT = """
            (function(){
              function key(td){var v=td.getAttribute('data-v');if(v===null||v==='')return null;
                var n=Number(v);return isNaN(n)?v.toLowerCase():n;}
              function sortBy(table,col,th){
                var body=table.tBodies[0];var rows=Array.prototype.slice.call(body.rows);
                var asc=th.getAttribute('aria-sort')!=='ascending';
                rows.sort(function(a,b){var x=key(a.cells[col]),y=key(b.cells[col]);
                  if(x===null&&y===null)return 0;if(x===null)return 1;if(y===null)return -1;
                  if(typeof x!==typeof y){x=String(x);y=String(y);}
                  return (x<y?-1:x>y?1:0)*(asc?1:-1);});
                rows.forEach(function(r){body.appendChild(r);});
                Array.prototype.forEach.call(th.parentNode.cells,function(h){h.removeAttribute('aria-sort');});
                th.setAttribute('aria-sort',asc?'ascending':'descending');}
              document.querySelectorAll('table.sortable').forEach(function(table){
                Array.prototype.forEach.call(table.tHead.rows[0].cells,function(th,i){
                  th.addEventListener('click',function(){sortBy(table,i,th);});});});
            })();
            """;
}
