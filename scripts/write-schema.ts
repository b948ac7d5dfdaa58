// Writes data/profile.schema.json from the zod schema (`npm run schema`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../src/paths.js';
import { buildProfileJsonSchema } from '../src/profile/json-schema.js';

const target = join(REPO_ROOT, 'data', 'profile.schema.json');
writeFileSync(target, buildProfileJsonSchema());
console.log(`wrote ${target}`);
