import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../src/profile/load.js';
import { readSnapshot, writeSnapshot } from '../src/profile/snapshot.js';
import { SHIPPED_PROFILE } from './helpers/profile.js';

describe('profile snapshots', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'snapshot-')), 'profile.yaml');
  copyFileSync(SHIPPED_PROFILE, file);
  const text = readFileSync(file, 'utf8');

  it('give back exactly the validated profile for the same text', () => {
    const loaded = parseProfile(text, file);
    writeSnapshot(file, text, loaded);
    expect(readSnapshot(file, text)).toEqual(loaded);
  });

  it('give nothing for other text, so a changed profile is validated again', () => {
    writeSnapshot(file, text, parseProfile(text, file));
    expect(readSnapshot(file, text.replace('Fast Callbacks', 'Faster Callbacks'))).toBeUndefined();
    expect(readSnapshot(join(tmpdir(), 'never-seen.yaml'), text)).toBeUndefined();
  });
});
