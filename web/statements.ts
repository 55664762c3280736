import { format } from 'date-fns';
import MarkdownIt from 'markdown-it';
import { statementFacts } from '../data/statements';
import { fill, type Content } from '../dialogs/content';
import { contactFacts, dateLocaleFor } from '../dialogs/facts';
import { inLanguage, type StatementSettings } from '../server/deployment';
import { escapeHtml, TRIAGE_PATH } from './triage/renderStep';

/**
 * The statements' words are markdown with explicit links only (no web address becomes a link by itself, so text from
 * the settings never does): https, mailto and this site's own pages.
 */
const markdown = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
const defaultValidateLink = markdown.validateLink.bind(markdown);
markdown.validateLink = (url: string) => defaultValidateLink(url) && /^(https:|mailto:|tel:|\/(?!\/))/i.test(url.trim());

function markdownToHtml(text: string): string {
  return markdown.render(text).trim();
}

/**
 * The privacy statement (/privacy) and the accessibility statement (/accessibility) a force publishes with the
 * service: plain HTML in each language the deployment offers, no script needed. Their words are in content
 * (`statements`), the facts they rest on in data/statements.json (the standard and when it was tested, the ICO, the
 * EASS, the Equality Commission for Northern Ireland), and who runs the service, with its contacts, in the deployment
 * settings: a setting that is not there is said to be not there, never made up.
 */

export type StatementKind = 'privacy' | 'accessibility';

export const STATEMENT_PATHS: Record<StatementKind, string> = { privacy: '/privacy', accessibility: '/accessibility' };

/** The privacy statement's last section, "Using this service", is its terms of use: the Teams package links here. */
export const TERMS_SECTION_ID = 'terms';

export interface StatementOptions {
  /** Who runs the service and how to reach them (the deployment settings); any part may be unset. */
  settings?: StatementSettings;
  /** Minutes of silence after which answers are deleted. */
  idleMinutes: number;
  /** How the web chat reaches the bot: this server's own Direct Line channel, or Azure's (it keeps the transcript). */
  channelMode: 'local' | 'directline' | 'off';
  /** The page's locale when it is not the deployment's default ("cy-GB"): links to the no-JS pages carry it. */
  locale?: string;
}

/** Text from the settings, as literal markdown: every punctuation mark escaped, so a name is never markup. */
function literal(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (character) => `\\${character}`);
}

/** A markdown link whose label is literal text and whose address cannot end the link early. */
function link(label: string, url: string): string {
  return `[${literal(label)}](${encodeURI(url).replace(/[()]/g, (character) => (character === '(' ? '%28' : '%29'))})`;
}

/** A contact from the settings (an e-mail address or an https page, checked at start-up) as a link. */
function contactLink(contact: string): string {
  return contact.includes('@') && !/^https:/i.test(contact) ? link(contact, `mailto:${contact}`) : link(contact.replace(/^https:\/\//, ''), contact);
}

function dateInWords(isoDate: string, content: Content): string {
  return format(new Date(`${isoDate}T12:00:00Z`), 'd MMMM yyyy', { locale: dateLocaleFor(content) });
}

/** The placeholders a statement's words use, each already markdown, in the page's language. */
function statementValues(content: Content, options: StatementOptions): Record<string, string> {
  const words = content.statements;
  const settings = options.settings ?? {};
  const controller = inLanguage(settings.controller, content.lang.split('-')[0]);
  const facts = statementFacts;
  const triagePath = options.locale ? `${TRIAGE_PATH}?locale=${encodeURIComponent(options.locale)}` : TRIAGE_PATH;
  const values: Record<string, string> = {
    serviceName: literal(content.page.botName),
    controller: controller ? literal(controller) : '',
    controllerContact: settings.contact ? contactLink(settings.contact) : '',
    accessibilityContact: settings.accessibilityContact ? contactLink(settings.accessibilityContact) : '',
    privacyNotice: settings.privacyNoticeUrl ? link(settings.privacyNoticeUrl.replace(/^https:\/\//, ''), settings.privacyNoticeUrl) : '',
    idleMinutes: String(options.idleMinutes),
    emergencyPhone: contactFacts(content).emergencyPhone,
    startAgain: literal(content.page.startAgain),
    exit: literal(content.page.exit),
    feedbackPrompt: literal(content.feedback.prompt),
    triageLink: link(triagePath, triagePath),
    icoLink: link(words.names.ico, facts.links.ico.url),
    eassLink: link(words.names.eass, facts.links.eass.url),
    ecniLink: link(words.names.ecni, facts.links.ecni.url),
    wcagLink: link(words.names.wcag, facts.accessibility.standardLink.url),
    testedOn: dateInWords(facts.accessibility.testedOn, content),
    preparedOn: dateInWords(facts.accessibility.preparedOn, content),
    reviewedOn: dateInWords(facts.accessibility.reviewedOn, content),
    axeVersion: literal(facts.accessibility.axeVersion),
  };
  // The paragraphs that depend on what the deployment has set: each says plainly when a setting is missing.
  const privacy = words.privacy;
  const accessibility = words.accessibility;
  values.controllerParagraph = fill(controller ? privacy.controllerSet : privacy.controllerUnset, values);
  values.contactParagraph = fill(settings.contact ? privacy.contactSet : privacy.contactUnset, values);
  values.noticeParagraph = fill(settings.privacyNoticeUrl ? privacy.noticeSet : privacy.noticeUnset, values);
  values.transcriptParagraph = options.channelMode === 'directline' ? fill(privacy.transcriptDirectLine, values) : fill(privacy.transcriptLocal, values);
  values.runByParagraph = fill(controller ? accessibility.runBySet : accessibility.runByUnset, values);
  values.accessibilityContactParagraph = fill(settings.accessibilityContact ? accessibility.contactSet : accessibility.contactUnset, values);
  return values;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** One statement as HTML (the page's <main> content): its title, introduction and sections, in one language. */
export function statementHtml(kind: StatementKind, content: Content, options: StatementOptions): string {
  const statement = content.statements[kind];
  const values = statementValues(content, options);
  // In the accessibility statement the section on reporting problems carries that statement's own contact paragraph.
  const sectionValues = kind === 'accessibility' ? { ...values, contactParagraph: values.accessibilityContactParagraph } : values;
  const sections = statement.sections.map((section, index) => {
    const id = index === statement.sections.length - 1 && kind === 'privacy' ? TERMS_SECTION_ID : slug(section.heading);
    const body = section.paragraphs.map((paragraph) => markdownToHtml(fill(paragraph, sectionValues))).join('\n');
    return `<section class="statement__section" aria-labelledby="${id}"><h2 id="${id}">${escapeHtml(section.heading)}</h2>\n${body}</section>`;
  });
  return [
    `<h1 class="statement__title">${escapeHtml(statement.title)}</h1>`,
    `<div class="statement__intro">${markdownToHtml(fill(statement.intro, values))}</div>`,
    ...sections,
  ].join('\n');
}
