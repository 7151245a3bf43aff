"""The page's CSS and the small scripts of the conversation view (no third-party script)."""

from __future__ import annotations

import json

# Runs before Gradio's own scripts (injected at the top of <head> by the server): Gradio picks its
# interface language (buttons, pop-ups, accessibility labels) from the browser's language, and this
# page is Chinese whatever the browser says.
# A few of Gradio's accessibility labels have no Chinese translation; they are replaced as they appear.
LABELS = {"More tabs": "更多标签页", "Copy": "复制", "Copied": "已复制", "Clear": "清除", "Close": "关闭"}
FORCE_CHINESE = (
    "<script>(function(){try{var d=Object.defineProperty;"
    "d(navigator,'language',{get:function(){return 'zh-CN'}});"
    "d(navigator,'languages',{get:function(){return ['zh-CN','zh']}});}catch(e){}"
    "document.documentElement.lang='zh-CN';"
    "var L=" + json.dumps(LABELS, ensure_ascii=False) + ";"
    "function fix(root){['aria-label','title'].forEach(function(a){"
    "(root.querySelectorAll?root.querySelectorAll('['+a+']'):[]).forEach(function(e){"
    "var v=e.getAttribute(a);if(L[v])e.setAttribute(a,L[v]);});});}"
    "new MutationObserver(function(ms){ms.forEach(function(m){"
    "if(m.type==='attributes'){var v=m.target.getAttribute(m.attributeName);"
    "if(L[v])m.target.setAttribute(m.attributeName,L[v]);}"
    "else m.addedNodes.forEach(function(n){if(n.nodeType===1){fix(n);"
    "['aria-label','title'].forEach(function(a){var v=n.getAttribute(a);if(L[v])n.setAttribute(a,L[v]);});}});});})"
    ".observe(document.documentElement,{subtree:true,childList:true,attributes:true,"
    "attributeFilter:['aria-label','title']});"
    # the guard's refusals (429 too many, 413 too large) carry a Chinese message: show it, not only "出错了"
    "var F=window.fetch;window.fetch=function(){return F.apply(this,arguments).then(function(r){"
    "if(r.status===429||r.status===413){r.clone().json().then(function(j){notice(j.error)}).catch(function(){});}"
    "return r;});};"
    "function notice(t){if(!t)return;var d=document.getElementById('guard-notice');if(!d){"
    "d=document.createElement('div');d.id='guard-notice';d.setAttribute('role','alert');document.body.appendChild(d);}"
    "d.textContent=t;d.style.display='block';clearTimeout(notice.t);"
    "notice.t=setTimeout(function(){d.style.display='none';},10000);}"
    "})();</script>"
)

# The conversation view (a gr.HTML): [n] opens this answer's sources, scrolls to the clause and
# highlights it (with a link back); 👍/👎 send this message's id, rating and comment; when an answer
# arrives the page scrolls to its start (its lead and verdict), not to the end of the chat.
CONVERSATION_JS = r"""
const go = (el, block) => { if (el) el.scrollIntoView({block: block || 'start'}); };
element.addEventListener('click', (ev) => {
  const cite = ev.target.closest('a.cite');
  if (cite) {
    ev.preventDefault();
    const turn = cite.closest('.turn');
    const box = turn && turn.querySelector('details.srcs');
    if (!box) return;
    box.open = true;
    const src = box.querySelector('.src[data-n="' + cite.dataset.n + '"]');
    element.querySelectorAll('.src.hl').forEach((e) => e.classList.remove('hl'));
    if (src) { src.classList.add('hl'); go(src, 'center'); }
    return;
  }
  const back = ev.target.closest('a.back');
  if (back) { ev.preventDefault(); go(back.closest('.turn').querySelector('.a')); return; }
  const rate = ev.target.closest('button.rate');
  if (rate) {
    const turn = rate.closest('.turn');
    const box = turn.querySelector('textarea.comment');
    turn.querySelector('.fb-status').textContent = '……';
    trigger('select', {msg: turn.dataset.msg, rating: Number(rate.dataset.rating), comment: box ? box.value : ''});
    if (box) box.value = '';  // sent with this rating; never sent again with a later one
  }
});
const finished = () => Array.from(element.querySelectorAll('.turn')).filter((t) => t.dataset.state !== 'pending');
let seen = new Set(finished().map((t) => t.dataset.msg));
watch('value', () => {
  const done = finished();
  const fresh = done.filter((t) => !seen.has(t.dataset.msg));
  seen = new Set(done.map((t) => t.dataset.msg));
  if (fresh.length) go(fresh[0].querySelector('.a'));
});
"""

# The character counter under the question box: counted in the page (no request per keystroke),
# also when the server empties the box after sending.
COUNTER_JS = r"""
const limit = LIMIT;
let last = -1;
const show = () => {
  const box = document.querySelector('#question textarea');
  const n = box ? [...box.value].length : 0;
  if (n === last) return;
  last = n;
  const over = n > limit;
  const note = over ? '（超出上限，请删减后再发送）' : '';
  element.innerHTML = `<span class="${over ? 'over' : 'ok'}">${n} / ${limit} 字${note}</span>`;
};
document.addEventListener('input', (ev) => { if (ev.target.closest && ev.target.closest('#question')) show(); });
setInterval(show, 400);
show();
"""

CSS = """
.gradio-container { max-width: 980px !important; margin: 0 auto; }
#banner { background: #fffbea; border: 1px solid #f0d98c; border-radius: 8px; padding: 6px 12px; }
#banner p { margin: 0; }
.conv { display: flex; flex-direction: column; gap: 14px; font-size: 15px; line-height: 1.65; }
.conv .hello { color: #555; margin: 4px 0; }
.turn { scroll-margin-top: 8px; }
.turn .q { align-self: flex-end; margin-left: auto; max-width: 85%; width: fit-content; background: #e8f0fe;
  border-radius: 12px 12px 2px 12px; padding: 6px 12px; white-space: pre-wrap; overflow-wrap: anywhere; }
.turn .a { margin-top: 6px; background: #fff; border: 1px solid #e2e8f0; border-radius: 2px 12px 12px 12px;
  padding: 8px 14px; scroll-margin-top: 8px; overflow-wrap: anywhere; }
.turn .a p { margin: 4px 0; }
.turn .lead { font-weight: 600; }
.turn .pending { color: #777; }
.turn .error { color: #9b2c2c; }
.turn .note { color: #555; font-size: 14px; }
.turn .next { background: #f0fff4; border-left: 3px solid #38a169; padding: 4px 8px; }
.badge { display: inline-block; font-weight: 700; border-radius: 999px; padding: 2px 12px; margin: 2px 0 4px;
  font-size: 15px; }
.v-eligible { background: #c6f6d5; color: #22543d; }
.v-not_eligible { background: #fed7d7; color: #822727; }
.v-need_more_info { background: #feebc8; color: #7b341e; }
.v-refer_elsewhere { background: #e2e8f0; color: #2d3748; }
details.more, details.srcs { margin: 6px 0; }
details > summary { cursor: pointer; color: #2b6cb0; }
details.more ul { margin: 4px 0 4px 1.2em; padding: 0; }
details.more li { margin: 3px 0; }
details.more li.assumption { color: #555; list-style: circle; }
a.cite { color: #2b6cb0; text-decoration: none; font-weight: 600; padding: 0 1px; }
.src { margin: 6px 0; padding: 6px 10px; border-left: 3px solid #2b6cb0; background: #f7fafc; scroll-margin: 60px; }
.src.hl { background: #fefcbf; border-left-color: #d69e2e; }
.src-head { font-size: 14px; }
.src-path { color: #4a5568; margin-left: 4px; }
.src-id { font-size: 12px; color: #718096; }
.src-text { white-space: pre-wrap; margin-top: 4px; }
a.back { font-size: 13px; color: #2b6cb0; }
.fb { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin-top: 8px; border-top: 1px dashed #e2e8f0;
  padding-top: 6px; }
.fb button.rate { border: 1px solid #cbd5e0; border-radius: 6px; padding: 2px 10px; background: #fff; cursor: pointer; }
.fb button.rate[aria-pressed="true"] { background: #bee3f8; border-color: #2b6cb0; }
.fb textarea.comment { flex: 1 1 220px; min-width: 0; font: inherit; font-size: 14px; border: 1px solid #cbd5e0;
  border-radius: 6px; padding: 2px 6px; resize: vertical; }
.fb-status { font-size: 13px; color: #2f855a; }
#counter .ok { color: #718096; font-size: 13px; }
#counter .over { color: #c53030; font-weight: 700; font-size: 13px; }
#guard-notice { display: none; position: fixed; left: 50%; bottom: 16px; transform: translateX(-50%); z-index: 1000;
  max-width: 92vw; background: #fff5f5; color: #822727; border: 1px solid #feb2b2; border-radius: 8px;
  padding: 8px 14px; box-shadow: 0 2px 8px rgba(0,0,0,.15); font-size: 15px; }
#privacy p { color: #9b2c2c; font-size: 13px; margin: 0; }
.hits { display: flex; flex-direction: column; gap: 10px; }
.hit { border: 1px solid #e2e8f0; border-radius: 8px; padding: 8px 12px; overflow-wrap: anywhere; }
.strength { border-radius: 999px; padding: 1px 10px; font-weight: 700; font-size: 13px; }
.s-high { background: #c6f6d5; color: #22543d; }
.s-medium { background: #feebc8; color: #7b341e; }
.s-low { background: #edf2f7; color: #4a5568; }
.score { color: #a0aec0; font-size: 12px; }
table.topics { border-collapse: collapse; width: 100%; font-size: 14px; }
table.topics th, table.topics td { border: 1px solid #e2e8f0; padding: 4px 6px; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
table.topics th { background: #f7fafc; }
@media (max-width: 640px) {
  .gradio-container { padding: 4px !important; }
  .turn .q { max-width: 92%; }
  .turn .a { padding: 6px 10px; }
  .tab-wrapper button, [role="tab"] { font-size: 14px; padding-left: 8px !important; padding-right: 8px !important; }
}
"""
