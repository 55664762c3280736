import type { Request, Response, Server } from 'restify';
import { ADVICE_PATH, adviceEvents, readAdviceQuery, type AdviceAnswers } from '../../dialogs/advice';
import { contentFor, fill, languageOf, type Content } from '../../dialogs/content';
import { contactFacts, stampInWords } from '../../dialogs/facts';
import { firstStepsText, mustTellText } from '../../dialogs/firstSteps';
import { renderState, renderSummary, type BotLink, type RenderContext } from '../../dialogs/render';
import { startTriage, stateIdOf, stepTriage } from '../../machines/persistence';
import { isOutcome } from '../../machines/triage';
import type { Nation } from '../../data/types';
import { sendPage } from '../assets';
import { newNonce, setSecurityHeaders, type PolicyOptions } from '../securityHeaders';
import { escapeHtml } from '../triage/renderStep';
import { markdownToHtml } from '../triage/markdown';

/**
 * "Keep this advice": a plain, printable page of one outcome (the fourth renderer of it, after Web Chat, Teams and
 * the no-JavaScript triage). Addressed by the answers alone (dialogs/advice.ts): the answers are replayed through the
 * triage machine and the outcome they lead to is rendered as the chat showed it, at the time the advice was given,
 * with its first steps, who else to tell, "Your answers" and the time. Nothing is read from storage or written to it,
 * no cookie is set, and an address that is not exactly one the bot makes gets a page that says so, with the numbers.
 * It works without JavaScript; a small script only adds a Print button.
 */

export const ADVICE_SCRIPT_PATH = '/advice.js';

export interface AdvicePageOptions {
  policy: Omit<PolicyOptions, 'nonce'>;
  /** Languages the deployment offers (an address in another is refused). Default: every language with content. */
  languages: readonly string[];
  /** The deployment's own nation: leads a live attack's words where the answers hold no place (as in the chat). */
  defaultNation?: Nation;
}

const STYLE = `
:root{color-scheme:light}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#0b0c0c;background:#fff}
main{max-width:42rem;margin:0 auto;padding:1rem 1rem 3rem}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem}
.advice__meta{color:#484949;margin:.25rem 0}
.advice__lead{font-size:1.125rem;border-left:.3rem solid #00205b;padding:.25rem 0 .25rem .75rem}
section{border-top:1px solid #b1b4b6;margin-top:1.5rem;padding-top:.5rem}
ul{padding-left:1.25rem}
li{margin:.25rem 0}
a{color:#00205b;text-decoration-thickness:.08em;text-underline-offset:.15em;overflow-wrap:anywhere}
a:focus,button:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 -2px #fd0,0 4px #0b0c0c}
dl{display:grid;grid-template-columns:minmax(8rem,auto) 1fr;gap:.25rem 1rem;margin:.5rem 0}
dt{font-weight:700}
dd{margin:0}
.advice__actions{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.advice__actions a{display:inline-block;padding:.4rem .75rem;border:2px solid #00205b;border-radius:.25rem;text-decoration:none;font-weight:600}
.advice__print{font:inherit;font-weight:600;padding:.5rem 1rem;border:2px solid #0b0c0c;border-radius:.25rem;background:#f3f2f1;color:#0b0c0c;cursor:pointer}
.advice__print[hidden]{display:none}
@media print{
  body{font-size:11pt}
  main{max-width:none;padding:0}
  .advice__print,.advice__back{display:none}
  a{color:#0b0c0c}
  .advice__actions a{border:0;padding:0;font-weight:400}
  a[href^="http"]::after{content:" (" attr(href) ")";font-size:90%}
  section{break-inside:avoid-page}
}
`.trim();

/** The print button: the page is complete without it (the browser's own Print works the same). */
const SCRIPT = `(function(){var b=document.getElementById('advice-print');if(!b||!window.print)return;b.hidden=false;b.addEventListener('click',function(){window.print();});})();\n`;

function linksHtml(links: readonly BotLink[]): string {
  const items = links
    .filter((link) => /^(tel:|https:\/\/|mailto:)/.test(link.url))
    .map((link) => `<li><a href="${escapeHtml(link.url)}"${link.url.startsWith('https:') ? ' rel="noreferrer"' : ''}>${escapeHtml(link.label)}</a></li>`);
  return items.length ? `<ul class="advice__actions">${items.join('')}</ul>` : '';
}

/** A block of the bot's markdown whose first paragraph, all bold, is its heading. */
function sectionHtml(text: string, id: string): string {
  const [first, ...rest] = text.split(/\n{2,}/);
  const heading = /^\*\*([^*]+)\*\*$/.exec(first.trim());
  const body = heading ? rest.join('\n\n') : text;
  const title = heading ? `<h2 id="${id}">${escapeHtml(heading[1])}</h2>` : '';
  return `<section${heading ? ` aria-labelledby="${id}"` : ''}>${title}${markdownToHtml(body)}</section>`;
}

/** The advice the answers lead to, as the chat gave it; null when they lead to no outcome. */
export function adviceHtml(answers: AdviceAnswers, defaultNation?: Nation): string | null {
  let snapshot = startTriage();
  for (const event of adviceEvents(answers)) snapshot = stepTriage(snapshot, event).snapshot;
  const state = stateIdOf(snapshot);
  if (!isOutcome(state)) return null;
  const content = contentFor(answers.language);
  const render: RenderContext = { state, context: snapshot.context, triageId: 'advice', now: answers.at, content, defaultNation };
  const [outcome] = renderState(render);
  const [lead, ...rest] = outcome.text.split(/\n{2,}/);
  const summary = renderSummary(render);
  const audience = snapshot.context.audience === 'organisation' ? 'organisation' : 'individual';
  const words = content.advicePage;
  const parts = [
    `<h1>${escapeHtml(words.heading)}</h1>`,
    `<p class="advice__meta">${escapeHtml(fill(words.given, { time: stampInWords(answers.at, content, 'sentence') }))}</p>`,
    `<div class="advice__lead">${markdownToHtml(lead)}</div>`,
    linksHtml(outcome.links ?? []),
    rest.length ? markdownToHtml(rest.join('\n\n')) : '',
    snapshot.context.kind ? sectionHtml(firstStepsText(snapshot.context.kind, audience, content), 'advice-steps') : '',
    audience === 'organisation' ? sectionHtml(mustTellText(snapshot.context.kind, content), 'advice-tell') : '',
    `<section aria-labelledby="advice-answers"><h2 id="advice-answers">${escapeHtml(summary.facts?.length ? firstParagraphText(summary.text) : '')}</h2>` +
      `<dl>${(summary.facts ?? []).map((fact) => `<dt>${escapeHtml(fact.title)}</dt><dd>${escapeHtml(fact.value)}</dd>`).join('')}</dl></section>`,
  ];
  return parts.filter(Boolean).join('\n');
}

/** "**Your answers** (18 November 2026, 10:30am UK time)" as plain text. */
function firstParagraphText(text: string): string {
  return text.split(/\n{2,}/)[0].replace(/\*\*/g, '');
}

function pageHtml(content: Content, body: string, nonce: string, isAdvice: boolean): string {
  const words = content.advicePage;
  return [
    '<!doctype html>',
    `<html lang="${escapeHtml(content.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex, nofollow">',
    `<title>${escapeHtml(words.title)}</title>`,
    `<style nonce="${nonce}">${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    body,
    isAdvice ? `<p class="advice__meta">${escapeHtml(words.keepHint)}</p>` : '',
    isAdvice ? `<p><button type="button" class="advice__print" id="advice-print" hidden>${escapeHtml(words.printButton)}</button></p>` : '',
    `<p class="advice__back"><a href="/?locale=${escapeHtml(content.locale)}">${escapeHtml(words.backToChat)}</a></p>`,
    '</main>',
    `<script src="${ADVICE_SCRIPT_PATH}" defer></script>`,
    '</body>',
    '</html>',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The page for an address that holds no complete set of answers: it says so, with the numbers, and where to start. */
function refusedHtml(content: Content): string {
  const words = content.advicePage;
  return [
    `<h1>${escapeHtml(words.heading)}</h1>`,
    `<p>${escapeHtml(words.notAdvice)}</p>`,
    markdownToHtml(fill(content.replies.directNumbers, contactFacts(content))),
    `<p><a href="/triage?locale=${escapeHtml(content.locale)}">${escapeHtml(words.startHere)}</a></p>`,
  ].join('\n');
}

export function registerAdvicePage(server: Server, options: AdvicePageOptions): void {
  const send = async (req: Request, res: Response, status: number, content: Content, body: string) => {
    const nonce = newNonce();
    setSecurityHeaders(res, { ...options.policy, nonce });
    await sendPage(req, res, status, pageHtml(content, body, nonce, status === 200), {
      'Cache-Control': 'no-store',
      'Content-Language': content.lang,
      'X-Robots-Tag': 'noindex, nofollow',
    });
  };
  const show = async (req: Request, res: Response) => {
    const query = new URL(req.url ?? '', 'http://localhost').searchParams;
    const answers = readAdviceQuery(query, options.languages);
    const content = contentFor(answers?.language ?? languageOf(query.get('lang')) ?? options.languages[0] ?? 'en');
    const body = answers ? adviceHtml(answers, options.defaultNation) : null;
    if (!body) return send(req, res, 400, content, refusedHtml(content));
    return send(req, res, 200, content, body);
  };
  server.get(ADVICE_PATH, show);
  server.head(ADVICE_PATH, show);
  server.get(ADVICE_SCRIPT_PATH, async (req: Request, res: Response) => {
    setSecurityHeaders(res, {});
    res.sendRaw(200, req.method === 'HEAD' ? '' : SCRIPT, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': 'public, max-age=3600',
    });
  });
}
