import { readText } from '../dialogs/understanding/read';
import { contextAt } from '../tests/understanding/corpus';
const [at, ...texts] = process.argv.slice(2);
for (const t of texts) console.log(t, '=>', JSON.stringify(readText(t, { state: at as never, context: contextAt(at as never), onScreen: at as never, pending: null })).slice(0, 300));
