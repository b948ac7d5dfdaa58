// Every attack `npm run attack` replays, in the order they run. Add a module's attacks here.
import { communityAttack } from './community.js';
import { HTTP_ATTACKS } from './http.js';
import { profileAttack } from './profile.js';
import { repliesAttack } from './replies.js';
import { tokenEchoAttack } from './token.js';
import type { Attack } from './types.js';

export const ATTACKS: Attack[] = [profileAttack, tokenEchoAttack, repliesAttack, ...HTTP_ATTACKS, communityAttack];
