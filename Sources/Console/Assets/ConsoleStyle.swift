/// The console's style sheet, served as `/assets/console.css` (`style-src 'self'`: no inline style).
enum ConsoleStyle {
    static let text = #"""
        :root { --fg: #1d2330; --muted: #5b6475; --line: #d9dde5; --bg: #f6f7f9; --ok: #1f9d55; --bad: #c53030; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg);
               background: var(--bg); }
        header.top { display: flex; align-items: center; gap: 1.5rem; padding: .6rem 1.5rem; background: #1d2330;
                     color: #fff; }
        header.top a { color: #fff; text-decoration: none; }
        header.top a.current { text-decoration: underline; }
        header.top .who { margin-left: auto; display: flex; gap: .8rem; align-items: center; color: #c9cfdb; }
        main { padding: 1.2rem 1.5rem; max-width: 1400px; }
        h1 { font-size: 1.4rem; margin: .2rem 0 1rem; }
        h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
        section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem;
                  margin-bottom: 1rem; }
        table { border-collapse: collapse; width: 100%; background: #fff; }
        th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { font-size: .85rem; color: var(--muted); font-weight: 600; }
        tr[data-invocation] { cursor: pointer; }
        tr[data-invocation]:hover { background: #f0f4fa; }
        pre { background: #f3f4f7; padding: .6rem .8rem; border-radius: 4px; overflow-x: auto; white-space: pre-wrap;
              word-break: break-word; font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
        .dot { font-size: 1.1rem; }
        .dot[data-status="active"] { color: var(--ok); }
        .dot[data-status="inactive"] { color: #fff; text-shadow: 0 0 1px #333, 0 0 1px #333; }
        .status-Success { color: var(--ok); font-weight: 600; }
        .status-Failure { color: var(--bad); font-weight: 600; }
        .muted { color: var(--muted); }
        .badge { font-size: .75rem; padding: .05rem .4rem; border-radius: 3px; background: #fdf3d8; color: #7a5b00; }
        form.inline { display: inline; }
        .filters { display: flex; flex-wrap: wrap; gap: .6rem; align-items: end; margin-bottom: 1rem; }
        .filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
        input, select, textarea, button { font: inherit; }
        input[type=text], input[type=password], input[type=url], select, textarea { padding: .3rem .45rem;
            border: 1px solid #b9c0cc; border-radius: 4px; background: #fff; }
        textarea { width: 100%; font-family: ui-monospace, SFMono-Regular, Menlo, monospace; font-size: 13px; }
        button { padding: .3rem .8rem; border: 1px solid #8a94a6; border-radius: 4px; background: #fff;
                 cursor: pointer; }
        button.primary { background: #2456c7; border-color: #2456c7; color: #fff; }
        .note, #flash, #drift-note { background: #eef4ff; border: 1px solid #b7cdf5; padding: .6rem .8rem;
                                     border-radius: 4px; margin-bottom: 1rem; }
        #login-error, .error-box { background: #fdeeee; border: 1px solid #f1b5b5; padding: .6rem .8rem;
                                   border-radius: 4px; }
        #test-result { font-size: 1.2rem; font-weight: 700; margin: .6rem 0 0; }
        #test-result.Success { color: var(--ok); }
        #test-result.Failure { color: var(--bad); }
        #side-panel { position: fixed; top: 0; right: 0; bottom: 0; width: min(640px, 92vw); background: #fff;
                      border-left: 1px solid var(--line); box-shadow: -6px 0 18px rgba(0,0,0,.12); overflow-y: auto;
                      padding: 1rem 1.2rem; z-index: 10; }
        #side-panel[hidden] { display: none; }
        #side-panel .panel-head { display: flex; justify-content: space-between; align-items: center; }
        .field { margin-bottom: .8rem; }
        .field > label { display: block; font-weight: 600; margin-bottom: .2rem; }
        .finding { margin: .25rem 0; padding: .3rem .5rem; border-left: 3px solid var(--bad); background: #fdeeee;
                   font-size: .9rem; }
        .finding.warning { border-color: #c69300; background: #fdf6e3; }
        .draft-grid { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.2rem; }
        .login-box { max-width: 380px; margin: 4rem auto; }
        table.headers { table-layout: fixed; }
        table.headers th { width: 34%; }
        table.headers td { word-break: break-all; }
        """#
}
