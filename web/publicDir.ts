import { existsSync } from 'node:fs';
import path from 'node:path';

/** web/public: from source (tsx, ts-jest) next to this file; from a `tsc` build in dist/web, the source folder. */
export const PUBLIC_DIR =
  [path.join(__dirname, 'public'), path.resolve(__dirname, '..', '..', 'web', 'public')].find((dir) =>
    existsSync(path.join(dir, 'index.html')),
  ) ?? path.join(__dirname, 'public');
