import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token';
import { findPhoneNumbers } from './phoneLinks';

/**
 * The bot's text is markdown (paragraphs, "- " lists, **bold**, bare web addresses). The plain-HTML channel turns it
 * into HTML with markdown-it: raw HTML in the text is escaped (html: false), web addresses become links (linkify),
 * and UK phone numbers become tel: links, so every number on the page can be tapped.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const ALLOWED_SCHEMES = /^(https?:|mailto:|tel:)/i;
const defaultValidateLink = markdown.validateLink.bind(markdown);
markdown.validateLink = (url: string) => defaultValidateLink(url) && ALLOWED_SCHEMES.test(url.trim());

/** Splits the text tokens outside links at every phone number, adding a tel: link around each. */
function linkPhoneNumbers(children: Token[], TokenClass: typeof Token): Token[] {
  const result: Token[] = [];
  let linkDepth = 0;
  for (const token of children) {
    if (token.type === 'link_open') linkDepth++;
    if (token.type === 'link_close') linkDepth--;
    if (token.type !== 'text' || linkDepth > 0) {
      result.push(token);
      continue;
    }
    const numbers = findPhoneNumbers(token.content);
    if (!numbers.length) {
      result.push(token);
      continue;
    }
    let position = 0;
    const text = (content: string) => {
      const piece = new TokenClass('text', '', 0);
      piece.content = content;
      piece.level = token.level;
      return piece;
    };
    for (const phone of numbers) {
      if (phone.index > position) result.push(text(token.content.slice(position, phone.index)));
      const open = new TokenClass('link_open', 'a', 1);
      open.attrs = [
        ['href', phone.url],
        ['class', 'tel-link'],
      ];
      result.push(open, text(phone.number), new TokenClass('link_close', 'a', -1));
      position = phone.index + phone.length;
    }
    if (position < token.content.length) result.push(text(token.content.slice(position)));
  }
  return result;
}

markdown.core.ruler.push('phone_links', (state) => {
  for (const block of state.tokens) {
    if (block.type === 'inline' && block.children) block.children = linkPhoneNumbers(block.children, state.Token);
  }
  return true;
});

/** The bot's markdown as safe HTML, with web addresses and phone numbers as links. */
export function markdownToHtml(text: string): string {
  return markdown.render(text).trim();
}

/** One line of the bot's markdown (no paragraph around it), e.g. a button label or a summary value. */
export function inlineMarkdownToHtml(text: string): string {
  return markdown.renderInline(text);
}
