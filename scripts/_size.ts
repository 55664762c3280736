import { runTurn, type ConversationRecord } from '../dialogs/turn';
import { toActivities } from '../bots/activities';
const now = new Date('2026-11-18T10:30:00Z');
const texts = ['no, it happened last week', "it's my own account", 'LS1 4AP', 'start again'];
let first = runTurn(undefined, { kind: 'welcome' }, { now });
let record: ConversationRecord = first.record; let bytes = JSON.stringify(toActivities(first.messages)).length; let count = first.messages.length;
for (const text of texts) { const r = runTurn(record, { kind: 'message', text }, { now }); record = r.record; bytes += JSON.stringify(toActivities(r.messages)).length; count += r.messages.length; }
console.log('activities', count, 'bytes', bytes);
