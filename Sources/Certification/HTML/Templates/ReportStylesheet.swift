/// The page's inline stylesheet: system fonts only (nothing to download), print rules, and
/// the classes the SVG charts use. It contains no `<` or `&`, so the page stays well-formed XML.
public enum ReportStylesheet {
    public static let css = """
    :root {
      --ink: #1f2328; --muted: #59636e; --faint: #8c959f; --rule: #d1d9e0; --soft: #f6f8fa;
      --accent: #3d6ea8; --accent-dark: #1c4a80; --accent-light: #a9c2e0;
      --pass: #1a7f37; --pass-bg: #dafbe1; --fail: #cf222e; --fail-bg: #ffebe9;
      --suspect: #9a6700; --suspect-bg: #fff8c5; --na: #6e7781; --na-bg: #eff2f5;
      --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "DejaVu Sans", Arial, sans-serif;
      --mono: ui-monospace, "SFMono-Regular", "Cascadia Mono", "DejaVu Sans Mono", Menlo, Consolas, monospace;
    }
    * { box-sizing: border-box; }
    html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    body { margin: 0; background: #ffffff; color: var(--ink); font: 15px/1.5 var(--sans); }
    main { max-width: 1120px; margin: 0 auto; padding: 32px 40px 56px; }
    h1, h2, h3, h4 { line-height: 1.25; margin: 0; font-weight: 650; }
    h2 { font-size: 22px; margin: 44px 0 6px; padding-bottom: 8px; border-bottom: 2px solid var(--ink); display: flex; align-items: baseline; gap: 14px; }
    h2 .badge { font-size: 13px; }
    h3 { font-size: 16.5px; margin: 28px 0 10px; }
    h4 { font-size: 14px; margin: 20px 0 8px; color: var(--muted); text-transform: uppercase; letter-spacing: 0.05em; }
    p { margin: 8px 0; }
    a { color: var(--accent-dark); }
    code, pre, .mono { font-family: var(--mono); font-size: 0.88em; }
    .lede { color: var(--muted); max-width: 78ch; }
    .small { font-size: 13px; color: var(--muted); }
    .masthead { display: grid; grid-template-columns: 1fr auto; gap: 28px; align-items: center; padding-bottom: 22px; border-bottom: 1px solid var(--rule); }
    .eyebrow { font-size: 12px; font-weight: 650; letter-spacing: 0.12em; text-transform: uppercase; color: var(--muted); margin-bottom: 6px; }
    .masthead h1 { font-size: 30px; word-break: break-all; }
    .masthead .subtitle { color: var(--muted); margin-top: 6px; }
    .verdict { min-width: 220px; text-align: center; padding: 16px 28px 14px; border-radius: 10px; color: #ffffff; }
    .verdict .word { display: block; font-size: 46px; font-weight: 800; letter-spacing: 0.06em; line-height: 1.05; }
    .verdict .caption { display: block; font-size: 12.5px; letter-spacing: 0.08em; text-transform: uppercase; opacity: 0.92; margin-top: 4px; }
    .verdict.verdict-pass { background: var(--pass); }
    .verdict.verdict-fail { background: var(--fail); }
    .verdict.verdict-suspect { background: var(--suspect); }
    .verdict.verdict-na { background: var(--na); }
    .verdict-summary { margin: 16px 0 0; font-size: 16px; }
    .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: 12px; font-weight: 700; letter-spacing: 0.04em; white-space: nowrap; border: 1px solid transparent; }
    .badge.verdict-pass { color: var(--pass); background: var(--pass-bg); border-color: #aceebb; }
    .badge.verdict-fail { color: var(--fail); background: var(--fail-bg); border-color: #ffcecb; }
    .badge.verdict-suspect { color: var(--suspect); background: var(--suspect-bg); border-color: #f5e0a0; }
    .badge.verdict-na { color: var(--na); background: var(--na-bg); border-color: #d1d9e0; }
    .cards { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 18px; margin-top: 24px; }
    .card { border: 1px solid var(--rule); border-radius: 8px; padding: 14px 18px 12px; background: #ffffff; }
    .card h3 { margin: 0 0 10px; font-size: 13px; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
    .card.wide { grid-column: 1 / -1; }
    dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 5px 16px; margin: 0; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; overflow-wrap: anywhere; }
    dl.facts .note { display: block; font-size: 12.5px; color: var(--muted); }
    table { border-collapse: collapse; width: 100%; margin: 8px 0 4px; font-variant-numeric: tabular-nums; }
    th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
    thead th { font-size: 12px; font-weight: 650; letter-spacing: 0.04em; text-transform: uppercase; color: var(--muted); border-bottom: 1.5px solid var(--ink); white-space: nowrap; }
    tbody.group { border-top: 1px solid var(--rule); }
    td.num, th.num { text-align: right; white-space: nowrap; }
    td.counts { font-family: var(--mono); font-size: 11.5px; color: var(--muted); min-width: 290px; }
    td.counts svg.chart { margin-right: 6px; }
    td.counts .c { vertical-align: middle; }
    td.test { white-space: nowrap; font-weight: 550; }
    td.note, span.note { color: var(--muted); font-size: 13px; }
    tr.sub td { padding-top: 0; border-bottom-style: dashed; }
    .flag { color: var(--fail); font-weight: 650; }
    .lowest { font-weight: 700; color: var(--accent-dark); }
    .suites td:first-child { font-weight: 600; white-space: nowrap; }
    figure { margin: 16px 0 8px; break-inside: avoid; }
    figcaption { font-size: 13px; color: var(--muted); margin-top: 4px; max-width: 90ch; }
    .charts { display: grid; grid-template-columns: minmax(0, 1fr); gap: 8px; }
    .split { display: grid; grid-template-columns: minmax(0, 540px) minmax(0, 1fr); gap: 28px; align-items: start; }
    .keyfigures { margin-top: 22px; padding: 14px 18px; background: var(--soft); border-radius: 8px; }
    figure.wide svg.chart { width: 100%; }
    svg.chart { display: block; max-width: 100%; height: auto; font-family: var(--sans); }
    td svg.chart { display: inline-block; vertical-align: middle; }
    .chart text { fill: var(--muted); font-size: 11px; }
    .chart text.axis-label { font-size: 11.5px; }
    .chart text.group-label { fill: var(--ink); font-weight: 650; font-size: 12px; }
    .chart text.value { fill: var(--ink); font-size: 10.5px; }
    .chart .grid { stroke: #e6eaef; stroke-width: 1; }
    .chart .axis { stroke: var(--faint); stroke-width: 1; }
    .chart .band { fill: #f3f5f8; }
    .chart .bar { fill: var(--accent); }
    .chart .bar.muted { fill: var(--accent-light); }
    .chart .bar.lowest { fill: var(--accent-dark); }
    .chart .bar.fail { fill: var(--fail); }
    .chart .spark { fill: #7d9cc4; }
    .chart .expected { stroke: #bf8700; stroke-width: 1.5; stroke-dasharray: 6 4; }
    .chart .threshold { stroke: var(--fail); stroke-width: 1.5; stroke-dasharray: 4 3; }
    .chart .interval { stroke: var(--accent-light); stroke-width: 2.2; }
    .chart .dot { fill: var(--accent-dark); }
    .chart .dot.fail { fill: var(--fail); }
    .headline { display: flex; align-items: baseline; gap: 14px; flex-wrap: wrap; margin: 16px 0 6px; padding: 14px 18px; background: var(--soft); border-radius: 8px; }
    .headline .figure { font-size: 34px; font-weight: 750; font-variant-numeric: tabular-nums; }
    .headline .label { font-size: 13px; font-weight: 650; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); }
    .notice { border-left: 4px solid var(--suspect); background: var(--suspect-bg); padding: 8px 14px; margin: 10px 0; border-radius: 0 6px 6px 0; }
    .notice.fail { border-color: var(--fail); background: var(--fail-bg); }
    .notice.info { border-color: var(--accent); background: #eef4fb; }
    ul.reasons { margin: 4px 0; padding-left: 20px; }
    details { margin: 10px 0; border: 1px solid var(--rule); border-radius: 8px; padding: 0 14px; }
    details summary { cursor: pointer; padding: 9px 0; font-weight: 600; }
    details[open] summary { border-bottom: 1px solid var(--rule); margin-bottom: 8px; }
    pre.commands { background: var(--soft); border: 1px solid var(--rule); border-radius: 6px; padding: 10px 14px; overflow-x: auto; white-space: pre; line-height: 1.45; }
    pre.json { max-height: 560px; overflow: auto; background: var(--soft); border: 1px solid var(--rule); border-radius: 6px; padding: 12px 14px; margin: 8px 0 14px; font-size: 12px; line-height: 1.4; white-space: pre; }
    ol.steps { padding-left: 22px; }
    ol.steps li { margin: 10px 0; }
    footer { margin-top: 48px; padding-top: 14px; border-top: 1px solid var(--rule); color: var(--muted); font-size: 12.5px; }
    @media screen and (max-width: 760px) { main { padding: 20px; } .masthead, .cards, .split { grid-template-columns: 1fr; } }
    @media print {
      @page { size: A4; margin: 14mm 12mm; }
      body { font-size: 10pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; }
      tr, figure, .card, .headline { break-inside: avoid; }
      pre.json { max-height: none; overflow: visible; white-space: pre-wrap; word-break: break-all; }
      details { border: none; padding: 0; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
