import path from 'node:path';
import { PUBLIC_DIR } from '../publicDir';

export interface PhoneNumberMatch {
  index: number;
  length: number;
  number: string;
  url: string;
}

interface PhoneLinks {
  findPhoneNumbers(text: string): PhoneNumberMatch[];
  telUrl(number: string): string;
}

/**
 * The page's own script (web/public/phoneLinks.js) is the one definition of "a UK phone number": the server uses it
 * for the plain-HTML triage, the browser for Web Chat's messages.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const phoneLinks = require(path.join(PUBLIC_DIR, 'phoneLinks.js')) as PhoneLinks;

export const findPhoneNumbers = (text: string): PhoneNumberMatch[] => phoneLinks.findPhoneNumbers(text);
export const telUrl = (number: string): string => phoneLinks.telUrl(number);
