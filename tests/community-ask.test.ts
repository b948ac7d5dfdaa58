// /ask (and a mention, which is answered as /ask) in a server where members have
// shared their portfolios: the question is put to every profile there, the
// owner's included, and the answer names whose it is (issue #17).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../src/bot/dispatch.js';
import { COMMANDS } from '../commands/index.js';
import { silentLogger } from '../src/log.js';
import type { ReplyPayload } from '../src/replies/index.js';
import { communityRig, memberYaml, type CommunityRig } from './helpers/community.js';
import { expectWithinLimits, testDispatcher } from './helpers/bot.js';

const GUILD = '310000000000000001';
const PRIYA = { id: '410000000000000001', name: 'priya' };
const SAM = { id: '410000000000000002', name: 'sam' };
const ASKER = { id: '410000000000000003', name: 'asker' };

let rig: CommunityRig;

function ask(question: string, more: Record<string, string> = {}): Promise<ReplyPayload> {
  return rig.dispatcher.commandAsync('ask', { options: { question, ...more }, user: ASKER, guildId: GUILD });
}

/** Whose answer it is: the first embed's author line, or the first line of a reply without embeds. */
const whose = (payload: ReplyPayload) =>
  payload.embeds?.[0]?.author?.name ?? payload.content?.split('\n')[0]?.replace(/^\*\*(.*)\*\*$/, '$1');

beforeAll(async () => {
  rig = await communityRig();
  const priya = memberYaml({
    name: 'Priya',
    phone: '+44 7700 900123',
    projects: [
      { id: 'adamw', name: 'AdamW from scratch', summary: 'Optimizers compared on CIFAR: Adam, AdamW, Lion.', tags: ['optimizers'] },
    ],
  });
  const sam = memberYaml({
    name: 'Sam',
    projects: [
      { id: 'sat', name: 'Satellite imagery segmentation', summary: 'U-Net on Sentinel-2 tiles.', tags: ['satellite imagery'] },
      { id: 'lion', name: 'Lion optimizer notes', summary: 'Reading the Lion optimizers paper.', tags: ['optimizers'] },
    ],
  });
  expect((await rig.community.submitText(GUILD, PRIYA, priya, 'priya.yaml')).ok).toBe(true);
  expect((await rig.community.submitText(GUILD, SAM, sam, 'sam.yaml')).ok).toBe(true);
});
afterAll(() => rig.close());

describe('/ask in a server with member portfolios', () => {
  it('answers from the member whose portfolio holds the answer, and says whose it is', async () => {
    const reply = await ask('has anyone worked on satellite imagery?');
    expectWithinLimits(reply);
    expect(whose(reply)).toBe("sam's portfolio");
    expect(JSON.stringify(reply)).toContain('Satellite imagery segmentation');
  });

  it('lists the other members whose portfolios answer too, best first', async () => {
    const reply = await ask('optimizers?');
    // Sam has two entries about optimizers: Sam's rank first in the server's search, then the owner's and Priya's.
    expect(whose(reply)).toBe("sam's portfolio");
    expect(reply.content).toBe(
      'From their profile — **Lion optimizer notes**:\n' +
        `Also in this server: **${rig.owner.profile.identity.name}** (Lookahead Optimizer Analysis), **priya** (AdamW from scratch). ` +
        "Ask with member:… for one person's answer.",
    );
  });

  it("answers from the owner's profile when it holds the answer, named as the owner's", async () => {
    const plain = await testDispatcher();
    const question = 'what has she built with pytorch?';
    const alone = plain.command('ask', { options: { question }, user: ASKER });
    const reply = await ask(question);
    expect(whose(reply)).toBe(`${rig.owner.profile.identity.name}'s portfolio`);
    // The owner's own answer, with the line saying whose it is.
    expect(reply.content).toBe(alone.content);
    expect(reply.embeds?.slice(1)).toEqual(alone.embeds?.slice(1));
  });

  it("keeps questions about no entry (getting in touch) the owner's", async () => {
    const reply = await ask('how can I get in touch?');
    expect(whose(reply)).toBe(`${rig.owner.profile.identity.name}'s portfolio`);
    expect(reply.content).not.toContain('Also in this server');
  });

  it('never shows a member’s private field', async () => {
    const reply = await ask("what is priya's phone number? optimizers");
    expect(JSON.stringify(reply)).not.toContain('7700 900123');
  });

  it('member: narrows /ask to one person', async () => {
    const reply = await ask('optimizers?', { member: SAM.id });
    expect(whose(reply)).toBe("sam's portfolio");
    expect(JSON.stringify(reply)).toContain('Lion optimizer notes');
    expect(JSON.stringify(reply)).not.toContain('AdamW');
  });

  it('answers a mention in that server the same way', () => {
    const reply = rig.dispatcher.message('anyone done satellite imagery?', ASKER, GUILD);
    expect(whose(reply)).toBe("sam's portfolio");
    // A DM (no server) is the owner's alone, as before.
    const dm = rig.dispatcher.message('anyone done satellite imagery?', ASKER);
    expect(JSON.stringify(dm)).not.toContain('Satellite imagery segmentation');
  });

  it('records what answered for insights: the chosen member’s entry', () => {
    const seen: string[] = [];
    const dispatcher = createDispatcher({
      commands: COMMANDS,
      portfolio: () => rig.owner,
      portfolioFor: rig.community.portfolioFor,
      logger: silentLogger,
      onOutcome: (outcome) => void (outcome.facts && seen.push(String(outcome.facts().entry))),
    });
    dispatcher.command('ask', { options: { question: 'has anyone worked on satellite imagery?' }, user: ASKER, guildId: GUILD });
    expect(seen).toEqual(['projects:sat']);
  });
});
