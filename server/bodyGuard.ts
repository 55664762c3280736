/** Kept for existing imports: the body rules, multipart refusal included, live in server/body.ts. */
export { refuseMultipart } from './body';
