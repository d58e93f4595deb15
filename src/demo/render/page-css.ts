// The demo page's styles: Slack's look (fonts, spacing, buttons, modals) from system fonts only.

export const PAGE_CSS = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#f4f2ee;color:#1d1c1d;font:15px/1.46668 "Lato",-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
.top{background:#3f0e40;color:#fff;padding:18px 24px;box-shadow:0 1px 0 rgba(255,255,255,.1)}
.top-inner{max-width:860px;margin:0 auto;display:flex;gap:14px;align-items:center}
.top h1{font-size:20px;font-weight:900;margin:0}
.top .subtitle{margin:2px 0 0;color:rgba(255,255,255,.75);font-size:13px}
.logo{width:40px;height:40px;border-radius:8px;background:#e8912d;color:#fff;font-weight:900;font-size:22px;display:flex;align-items:center;justify-content:center;flex:none}
main{max-width:860px;margin:0 auto;padding:8px 24px 48px}
.step{margin:28px 0 0}
.step h2{display:flex;gap:10px;align-items:center;font-size:16px;font-weight:700;margin:0 0 10px;color:#1d1c1d}
.step-n{flex:none;width:26px;height:26px;border-radius:50%;background:#1264a3;color:#fff;font-size:13px;display:flex;align-items:center;justify-content:center}
.window{background:#fff;border:1px solid rgba(29,28,29,.13);border-radius:8px;overflow:hidden;margin:10px 0;box-shadow:0 1px 3px rgba(0,0,0,.06)}
.channel-bar{display:flex;align-items:center;gap:6px;padding:10px 20px;border-bottom:1px solid rgba(29,28,29,.13);font-weight:900;font-size:17px}
.ch-icon{color:#616061;font-weight:400}
.ch-icon.dm{color:#2bac76;font-size:12px}
.ch-kind{font-weight:400;font-size:13px;color:#616061;margin-left:6px}
.home .channel-bar .avatar{width:24px;height:24px;font-size:13px;border-radius:5px}
.tabs{display:flex;gap:16px;margin-left:18px;font-size:14px;font-weight:700;color:#616061}
.tab.on{color:#1d1c1d;box-shadow:inset 0 -2px 0 #1264a3;padding-bottom:2px}
.home .ch-kind{margin-left:auto}
.home-body{padding:14px 24px 18px;max-width:none}
.message{padding:10px 20px 12px}
.message+.message{border-top:1px solid rgba(29,28,29,.06)}
.message.ephemeral{background:#f8f8f8}
.ephemeral-note{font-size:12px;color:#616061;margin:0 0 4px 48px}
.eye{vertical-align:-1px;margin-right:2px}
.row{display:flex;gap:10px}
.avatar{flex:none;width:36px;height:36px;border-radius:6px;background:#e8912d;color:#fff;font-weight:900;font-size:19px;display:flex;align-items:center;justify-content:center}
.content{min-width:0;flex:1}
.meta{display:flex;align-items:baseline;gap:4px;line-height:1.2;margin-bottom:4px}
.app-name{font-weight:900}
.badge{font-size:10px;font-weight:700;color:rgba(29,28,29,.7);background:rgba(29,28,29,.13);border-radius:2px;padding:1px 3px;margin-left:2px;position:relative;top:-1px}
time{font-size:12px;color:#616061;margin-left:4px}
.edited{font-size:12px;color:#616061}
.blocks{max-width:640px}
.b-header{font-size:18px;font-weight:900;line-height:1.33;margin:4px 0 6px}
.b-section{display:flex;gap:12px;align-items:flex-start;margin:6px 0}
.b-section .body{flex:1;min-width:0;overflow-wrap:anywhere}
.accessory{flex:none}
.fields{display:grid;grid-template-columns:1fr 1fr;gap:8px 16px;margin-top:6px}
.mrkdwn strong{font-weight:700}
.mrkdwn a,.b-context a{color:#1264a3;text-decoration:none}
.mention{color:#1264a3;background:rgba(29,155,209,.1);border-radius:3px;padding:0 2px}
code{font:12px/1.5 Monaco,Menlo,Consolas,"Courier New",monospace;color:#e01e5a;background:rgba(29,28,29,.04);border:1px solid rgba(29,28,29,.13);border-radius:3px;padding:1px 3px}
pre{font:12px/1.5 Monaco,Menlo,Consolas,"Courier New",monospace;background:rgba(29,28,29,.04);border:1px solid rgba(29,28,29,.13);border-radius:4px;padding:8px;margin:4px 0;white-space:pre-wrap;overflow-wrap:anywhere}
blockquote{margin:4px 0;padding-left:12px;border-left:4px solid #ddd}
.b-context{display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;font-size:12px;color:#616061;margin:6px 0}
.b-divider{border:0;border-top:1px solid rgba(29,28,29,.13);margin:10px 0}
.b-actions{display:flex;flex-wrap:wrap;gap:8px;margin:10px 0 4px}
.btn{display:inline-flex;align-items:center;height:28px;padding:0 12px;font-size:13px;font-weight:700;border:1px solid rgba(29,28,29,.3);border-radius:4px;background:#fff;color:#1d1c1d;white-space:nowrap;cursor:default}
.btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}
.btn.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}
.btn.overflow{padding:0 8px}
.btn .ext{font-weight:400;margin-left:4px}
.select{display:inline-flex;align-items:center;gap:8px;height:28px;padding:0 10px;font-size:13px;border:1px solid rgba(29,28,29,.3);border-radius:4px;background:#fff;color:#1d1c1d}
.select.empty{color:#616061}
.chev{margin-left:auto;color:#616061;font-size:11px}
.b-image{margin:6px 0}
.img-title{font-size:13px;color:#616061;margin-bottom:4px}
.img-ph{display:flex;align-items:center;justify-content:center;min-height:80px;max-width:360px;border:1px dashed rgba(29,28,29,.3);border-radius:6px;color:#616061;font-size:13px;background:repeating-linear-gradient(45deg,#fafafa,#fafafa 8px,#f3f3f3 8px,#f3f3f3 16px)}
.img-ph.small{display:inline-flex;min-height:0;width:18px;height:18px;font-size:10px;border-radius:4px}
.unknown{color:#616061;font-size:12px}
.action{display:flex;align-items:center;gap:10px;margin:10px 0;color:#454245;font-size:14px}
.action .mrkdwn{display:inline}
.system{display:flex;align-items:center;gap:12px;margin:14px 0;color:#616061;font-size:13px}
.system::before,.system::after{content:"";flex:1;border-top:1px solid rgba(29,28,29,.2)}
.system span{background:#fff;border:1px solid rgba(29,28,29,.13);border-radius:14px;padding:3px 12px;max-width:75%;text-align:center}
.who-avatar{flex:none;width:26px;height:26px;border-radius:6px;background:#4a6b8a;color:#fff;font-size:11px;font-weight:700;display:flex;align-items:center;justify-content:center}
.modal-backdrop{background:rgba(29,28,29,.55);border-radius:8px;padding:14px 16px 22px;margin:10px 0}
.screen-of{color:#fff;font-size:12px;margin:0 0 10px;opacity:.9}
.modal{background:#fff;border-radius:8px;max-width:540px;margin:0 auto;box-shadow:0 0 0 1px rgba(29,28,29,.13),0 18px 48px rgba(0,0,0,.35);overflow:hidden}
.modal-head{display:flex;align-items:center;gap:12px;padding:16px 24px;border-bottom:1px solid rgba(29,28,29,.13)}
.modal-head .avatar{width:28px;height:28px;font-size:15px}
.modal-title{font-size:20px;font-weight:900;flex:1}
.modal-x{font-size:24px;color:#616061;line-height:1}
.modal-body{padding:14px 24px 10px}
.modal-foot{display:flex;justify-content:flex-end;gap:10px;padding:14px 24px;border-top:1px solid rgba(29,28,29,.13)}
.modal-foot .btn{height:36px;padding:0 14px;font-size:15px}
.b-input{margin:0 0 16px}
.b-input label{display:block;font-weight:700;margin-bottom:6px}
.optional{font-weight:400;color:#616061}
.field{min-height:40px;border:1px solid rgba(29,28,29,.3);border-radius:4px;padding:9px 12px;white-space:pre-wrap;overflow-wrap:anywhere}
.field.multiline{min-height:84px}
.placeholder{color:#8a8a8a}
.field-select .select{display:flex;height:40px;font-size:15px}
.hint{font-size:13px;color:#616061;margin-top:6px}
.options{display:flex;flex-direction:column;gap:6px}
.option{display:flex;gap:8px;align-items:center}
.check,.radio{width:16px;height:16px;border:1px solid rgba(29,28,29,.4);border-radius:3px;flex:none}
.radio{border-radius:50%}
.check.on,.radio.on{background:#1264a3;border-color:#1264a3}
.api-card{background:#1d1c1d;color:#e8e8e8;border-radius:8px;padding:12px 16px;margin:10px 0;overflow-x:auto}
.api-title{font:12px Monaco,Menlo,Consolas,monospace;color:#9fd4ff;margin-bottom:8px}
.api-card table{border-collapse:collapse;font:13px Monaco,Menlo,Consolas,monospace;width:100%}
.api-card th{text-align:left;color:#bbb;font-weight:400;border-bottom:1px solid #444;padding:4px 12px 4px 0}
.api-card td{padding:4px 12px 4px 0;vertical-align:top}
.api-card td.empty{color:#888}
.next{margin:36px 0 0;background:#fff;border:1px solid rgba(29,28,29,.13);border-left:4px solid #2eb67d;border-radius:8px;padding:14px 18px}
@media (max-width:600px){.fields{grid-template-columns:1fr}main{padding:8px 10px 32px}}
`;
