/**
 * A browser without JavaScript, for the plain-HTML triage over HTTP: it keeps the cookie, follows POST → 303 → GET
 * itself (recording every URL it was sent to), and presses the buttons of the step it was shown by their labels,
 * posting the value each carries, as a browser would.
 */

export interface StepButton {
  label: string;
  value: string;
  form: string;
  action?: string;
  /** For Back and Change, which are links: where they go. */
  href?: string;
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

export function textOf(html: string): string {
  return decode(html.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
}

export class FormClient {
  cookie: string | undefined;
  html = '';
  status = 0;
  /** Every URL this client was sent to or redirected to (no answer may ever appear in one). */
  readonly urls: string[] = [];
  readonly setCookies: string[] = [];

  constructor(
    readonly base: string,
    private readonly origin: string | null = 'null',
  ) {}

  private remember(response: Response): void {
    const setCookie = response.headers.get('set-cookie');
    if (!setCookie) return;
    this.setCookies.push(setCookie);
    const [pair] = setCookie.split(';');
    this.cookie = /=$/.test(pair) ? undefined : pair;
  }

  async get(path = '/triage'): Promise<Response> {
    this.urls.push(path);
    const response = await fetch(`${this.base}${path}`, { headers: this.cookie ? { Cookie: this.cookie } : {}, redirect: 'manual' });
    this.remember(response);
    this.status = response.status;
    this.html = await response.text();
    return response;
  }

  /** Posts a form; follows the 303 like a browser. Returns the POST's response. */
  async post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    this.urls.push(path);
    const response = await fetch(`${this.base}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        ...(this.origin ? { Origin: this.origin } : {}),
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...headers,
      },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    this.remember(response);
    this.status = response.status;
    if (response.status === 303) {
      await this.get(response.headers.get('location')!);
    } else {
      this.html = await response.text();
    }
    return response;
  }

  /** The step's HTML (the part of the page the triage renders). */
  step(): string {
    const start = this.html.indexOf('<div class="step"');
    if (start < 0) throw new Error(`No step on the page (status ${this.status}): ${textOf(this.html).slice(0, 300)}`);
    return this.html.slice(start);
  }

  stepText(): string {
    return textOf(this.step().replace(/<\/main>[\s\S]*$/, ''));
  }

  /** The step's buttons, and its Back and Change links (which carry a button's value too). */
  buttons(): StepButton[] {
    const forms = new Map<string, string>();
    for (const match of this.html.matchAll(/<form[^>]*\bid="([^"]+)"[^>]*\baction="([^"]+)"/g)) forms.set(match[1], match[2]);
    const buttons = [...this.step().matchAll(/<button[^>]*\bform="([^"]+)"[^>]*\bname="button"[^>]*\bvalue="([^"]*)"[^>]*>([\s\S]*?)<\/button>/g)].map(
      (match) => ({ form: match[1], value: decode(match[2]), label: textOf(match[3]), action: forms.get(match[1]) }),
    );
    const links = [...this.step().matchAll(/<a[^>]*\bhref="([^"]+)"[^>]*\bdata-button-value="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g)].map((match) => ({
      form: '',
      href: decode(match[1]),
      value: decode(match[2]),
      label: textOf(match[3]),
    }));
    return [...buttons, ...links];
  }

  /** Follows a link (a GET that may redirect). */
  async follow(href: string): Promise<Response> {
    this.urls.push(href.split('?')[0]);
    const response = await fetch(`${this.base}${href}`, { headers: this.cookie ? { Cookie: this.cookie } : {}, redirect: 'manual' });
    this.remember(response);
    this.status = response.status;
    if (response.status === 303) await this.get(response.headers.get('location')!);
    else this.html = await response.text();
    return response;
  }

  button(label: string | RegExp): StepButton {
    const found = this.buttons().find((button) => (typeof label === 'string' ? button.label === label : label.test(button.label)));
    if (!found) throw new Error(`No button "${label}" among: ${this.buttons().map((b) => b.label).join(' | ')}`);
    return found;
  }

  /** The hidden fields of a form (given its opening tag's position), which the browser sends with it. */
  private hiddenFields(formHtml: string): Record<string, string> {
    const body = formHtml.slice(0, formHtml.indexOf('</form>'));
    return Object.fromEntries([...body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [match[1], decode(match[2])]));
  }

  async press(label: string | RegExp): Promise<Response> {
    const button = this.button(label);
    if (button.href) return this.follow(button.href);
    const form = this.html.slice(this.html.indexOf(`id="${button.form}"`));
    return this.post(button.action ?? '/triage', { ...this.hiddenFields(form), button: button.value });
  }

  async type(text: string): Promise<Response> {
    const start = this.step().indexOf('<form class="typed-answer"');
    if (start < 0) throw new Error('The step has no text box');
    const form = this.step().slice(start);
    const action = /\baction="([^"]+)"/.exec(form)![1];
    return this.post(action, { ...this.hiddenFields(form), text });
  }
}
