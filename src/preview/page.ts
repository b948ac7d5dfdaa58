// The preview page's three files, served from the package itself (no CDN, no
// network): the HTML shell, its stylesheet, and its script. The script only
// posts what was typed or pressed and puts the HTML the server rendered (and
// escaped: ./render.ts) where Discord would show it.
import { escapeHtml } from './render.js';

export interface PageParts {
  /** The profile's person, for the title. */
  name: string;
  /** The profile file, as given. */
  file: string;
  /** How the /ask box's example speaks of the person. */
  pronoun: 'he' | 'she' | 'they';
  /** Every command's example, answered; empty when the profile is broken. */
  gallery: string;
  /** The validator's problems, rendered; empty when the profile is valid. */
  problems: string;
}

export function renderPage(parts: PageParts): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(parts.name)} — portfolio-bot preview</title>
<link rel="stylesheet" href="/preview.css">
<link rel="icon" href="data:,">
</head>
<body class="${parts.problems ? 'broken' : ''}">
<header class="top">
  <div><strong>portfolio-bot preview</strong> · <span id="person">${escapeHtml(parts.name)}</span>
    · <code id="file">${escapeHtml(parts.file)}</code></div>
  <div id="status" class="status" aria-live="polite">${parts.problems ? 'invalid' : 'live'}</div>
</header>
<main>
  <section class="console">
    <form id="run" autocomplete="off">
      <label for="line">Command</label>
      <input id="line" name="line" placeholder="/projects optimizers" spellcheck="false" maxlength="2000">
      <button type="submit">Send</button>
    </form>
    <form id="ask" autocomplete="off">
      <label for="question">/ask</label>
      <input id="question" name="question" maxlength="2000"
        placeholder="what ${parts.pronoun === 'they' ? 'have they' : `has ${parts.pronoun}`} worked on?">
      <button type="submit">Ask</button>
    </form>
    <div id="problems">${parts.problems}</div>
    <div id="conversation" class="messages"></div>
  </section>
  <section class="gallery">
    <h2>Every command</h2>
    <div id="gallery" class="messages">${parts.gallery}</div>
  </section>
</main>
<script src="/preview.js"></script>
</body>
</html>
`;
}

export const PAGE_CSS = `
:root { color-scheme: dark; --bg: #313338; --panel: #2b2d31; --embed: #2b2d31; --text: #dbdee1; --muted: #949ba4;
  --link: #00a8fc; --button: #4e5058; --button-hover: #6d6f78; --border: #1e1f22; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text);
  font: 16px/1.375 "gg sans", "Noto Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
code { background: var(--border); border-radius: 3px; padding: 0 .2em; font: .875em/1.1 Consolas, "Andale Mono WT", Menlo, monospace; }
.top { display: flex; justify-content: space-between; align-items: center; padding: 10px 16px; background: #1e1f22;
  position: sticky; top: 0; z-index: 2; }
.status { font-size: 13px; padding: 2px 8px; border-radius: 10px; background: #248046; color: #fff; }
body.broken .status { background: #da373c; }
main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 16px; padding: 16px; }
@media (max-width: 1100px) { main { grid-template-columns: minmax(0, 1fr); } }
h2 { font-size: 14px; text-transform: uppercase; letter-spacing: .02em; color: var(--muted); margin: 0 0 8px; }
form { display: flex; gap: 8px; align-items: center; margin-bottom: 8px; }
form label { width: 80px; color: var(--muted); font-size: 14px; }
form input { flex: 1; background: #383a40; color: var(--text); border: 0; border-radius: 8px; padding: 10px 12px; font: inherit; }
form button { background: #5865f2; color: #fff; border: 0; border-radius: 4px; padding: 8px 16px; font: inherit; cursor: pointer; }
.messages { display: flex; flex-direction: column; gap: 8px; }
.message { padding: 4px 0; }
.invocation { color: var(--muted); font-size: 14px; margin: 0 0 2px 56px; }
.invocation::before { content: "\\21b1  "; }
.message-grid { display: grid; grid-template-columns: 40px minmax(0, 1fr); gap: 16px; }
.avatar { width: 40px; height: 40px; border-radius: 50%; background: #5865f2; color: #fff; display: grid; place-items: center; font-weight: 600; }
.message-head { display: flex; gap: 4px; align-items: center; }
.bot-name { font-weight: 500; color: #f2f3f5; }
.app-tag { background: #5865f2; color: #fff; font-size: 10px; font-weight: 600; border-radius: 3px; padding: 0 4px; line-height: 15px; }
.content { white-space: normal; overflow-wrap: anywhere; }
.embed { max-width: 520px; margin-top: 4px; background: var(--embed); border-left: 4px solid #1e1f22; border-radius: 4px;
  padding: 8px 16px 16px 12px; }
.embed-grid { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 16px; }
.embed-author { font-size: 14px; font-weight: 600; margin-top: 8px; }
.embed-author a, .embed-author span { color: #f2f3f5; }
.embed-title { font-weight: 600; margin-top: 8px; }
.embed-description { font-size: 14px; margin-top: 8px; overflow-wrap: anywhere; }
.fields { display: grid; gap: 8px; margin-top: 8px; }
.fields.cols-2 { grid-template-columns: repeat(2, minmax(0, 1fr)); }
.fields.cols-3 { grid-template-columns: repeat(3, minmax(0, 1fr)); }
.field-name { font-size: 14px; font-weight: 600; margin-bottom: 2px; }
.field-value { font-size: 14px; overflow-wrap: anywhere; }
.embed-image { display: block; max-width: 100%; max-height: 300px; border-radius: 4px; margin-top: 16px; }
.embed-thumbnail { width: 80px; height: 80px; object-fit: contain; border-radius: 4px; margin-top: 8px; }
.embed-footer { font-size: 12px; color: var(--muted); margin-top: 8px; }
.quote { display: block; border-left: 4px solid #4e5058; padding-left: 12px; }
.subtext { display: block; font-size: 12px; color: var(--muted); }
.spoiler { background: #1e1f22; border-radius: 3px; }
.codeblock { background: var(--border); border: 1px solid #1e1f22; border-radius: 4px; padding: 8px; white-space: pre-wrap; margin: 6px 0 0; }
.codeblock code { background: none; padding: 0; }
.components { margin-top: 8px; display: flex; flex-direction: column; gap: 8px; }
.row { display: flex; flex-wrap: wrap; gap: 8px; }
.button { display: inline-flex; align-items: center; gap: 4px; min-height: 32px; padding: 2px 16px; border-radius: 3px; border: 0;
  background: var(--button); color: #fff; font: 500 14px/16px inherit; font-family: inherit; cursor: pointer; }
.button:hover { background: var(--button-hover); text-decoration: none; }
.button[disabled] { opacity: .5; cursor: not-allowed; }
.button .external { font-size: 12px; margin-left: 2px; }
.select { width: 100%; max-width: 400px; background: #1e1f22; border-radius: 4px; }
.select summary { padding: 8px 12px; cursor: pointer; color: var(--muted); list-style: none; }
.select summary::after { content: " \\25be"; float: right; }
.select .options { display: flex; flex-direction: column; max-height: 320px; overflow-y: auto; border-top: 1px solid #2b2d31; }
.option { text-align: left; background: none; border: 0; color: var(--text); padding: 8px 12px; font: inherit; cursor: pointer;
  display: flex; flex-wrap: wrap; gap: 4px; }
.option:hover { background: #35373c; }
.option .description { flex-basis: 100%; font-size: 12px; color: var(--muted); }
.ephemeral { font-size: 12px; color: var(--muted); margin-top: 4px; }
.problems { background: #3b2326; border-left: 4px solid #da373c; border-radius: 4px; padding: 8px 16px; margin: 8px 0; }
.problems h2 { color: #fa777c; text-transform: none; font-size: 15px; }
.problems ul { margin: 0; padding-left: 16px; font: 13px/1.5 Consolas, Menlo, monospace; }
.problems .where { color: #fa777c; }
body.broken .messages { display: none; }
.gallery-item + .gallery-item { border-top: 1px solid #3f4147; padding-top: 8px; }
`;

export const PAGE_SCRIPT = `'use strict';
(function () {
  const conversation = document.getElementById('conversation');
  const gallery = document.getElementById('gallery');
  const problems = document.getElementById('problems');
  const status = document.getElementById('status');
  const typed = [];

  function paint(root) {
    for (const embed of root.querySelectorAll('.embed[data-color]')) embed.style.borderLeftColor = embed.dataset.color;
  }
  function fragment(html) {
    const template = document.createElement('template');
    template.innerHTML = html;
    paint(template.content);
    return template.content;
  }
  async function post(path, body) {
    const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const answer = await response.json();
    if (!response.ok) throw new Error(answer.error || response.statusText);
    return answer;
  }
  function showState(answer) {
    const broken = Array.isArray(answer.problems);
    document.body.classList.toggle('broken', broken);
    status.textContent = broken ? 'invalid' : 'live';
    problems.replaceChildren(broken ? fragment(answer.problemsHtml) : '');
    return !broken;
  }
  async function run(input, remember) {
    const answer = await post('/api/run', typeof input === 'string' ? { line: input } : input);
    if (!showState(answer)) return;
    if (remember) typed.push(input);
    conversation.append(fragment(answer.html));
    conversation.lastElementChild.scrollIntoView({ block: 'nearest' });
  }
  async function press(message, customId, values) {
    const answer = await post('/api/press', { customId: customId, values: values });
    if (!showState(answer)) return;
    const made = fragment(answer.html);
    if (answer.type === 'update') message.replaceWith(made);
    else message.after(made);
  }
  document.getElementById('run').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.getElementById('line');
    const line = input.value.trim();
    if (line) run(line, true).catch(report);
    input.value = '';
  });
  document.getElementById('ask').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = document.getElementById('question');
    const question = input.value.trim();
    if (question) run({ question: question }, true).catch(report);
    input.value = '';
  });
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target && target.closest('button[data-custom-id]');
    const option = target && target.closest('.select .option');
    if (button && !button.disabled) press(button.closest('.message'), button.dataset.customId, []).catch(report);
    else if (option) {
      const select = option.closest('.select');
      select.open = false;
      press(option.closest('.message'), select.dataset.customId, [option.dataset.value]).catch(report);
    }
  });
  function report(error) {
    status.textContent = 'error: ' + error.message;
  }
  async function refresh() {
    const answer = await (await fetch('/api/gallery')).json();
    if (!showState(answer)) return;
    gallery.replaceChildren(fragment(answer.html));
    conversation.replaceChildren();
    for (const input of typed) await run(input, false);
  }
  paint(document);
  const events = new EventSource('/api/events');
  events.addEventListener('profile', () => refresh().catch(report));
})();
`;
