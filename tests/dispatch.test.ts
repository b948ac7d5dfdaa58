import { ApplicationCommandOptionType, MessageFlags } from 'discord-api-types/v10';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../commands/index.js';
import { createDispatcher } from '../src/bot/dispatch.js';
import { createPortfolio, UserError, type Portfolio, type CommandModule } from '../src/bot/types.js';
import { createLogger } from '../src/log.js';
import { decodeCustomId, fitReply, PLACEHOLDER_ASKER, type ReplyPayload } from '../src/replies/index.js';
import { parseProfile } from '../src/profile/load.js';
import { readFileSync } from 'node:fs';
import { ASKER, OTHER, input, shippedPortfolio, testDispatcher } from './helpers/bot.js';

const THROWS: CommandModule = {
  definition: { name: 'boom', description: 'throws', options: [] },
  execute: () => {
    throw new TypeError('kaboom');
  },
};
const REFUSES: CommandModule = {
  definition: { name: 'refuse', description: 'refuses', options: [] },
  execute: () => {
    throw new UserError('No such thing, try /help.');
  },
};

function capture() {
  const lines: Record<string, unknown>[] = [];
  return { lines, logger: createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>)) };
}

const customIds = (payload: ReplyPayload) =>
  (payload.components ?? []).flatMap((row) => row.components).flatMap((c) => ('custom_id' in c ? [c.custom_id] : []));

describe('the dispatcher', () => {
  it('answers an unexpected error privately with a ref, logs the same ref with the stack, and keeps working', async () => {
    const portfolio = await shippedPortfolio();
    const { lines, logger } = capture();
    const dispatcher = createDispatcher({ commands: [...COMMANDS, THROWS], portfolio: () => portfolio, logger });
    const reply = dispatcher.command('boom', input());
    const ref = /\(ref ([0-9a-f]{6})\)/.exec(reply.content ?? '')?.[1];
    expect(ref).toBeDefined();
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    expect(reply.allowed_mentions).toEqual({ parse: [] });
    const logged = lines.find((line) => line['msg'] === 'handler failed');
    expect(logged).toMatchObject({ ref, name: 'boom', error: 'kaboom' });
    expect(String(logged?.['stack'])).toContain('TypeError: kaboom');
    expect(dispatcher.command('contact', input()).embeds?.[0]?.title).toBe('Contact Akash Palrecha');
  });

  it('shows an expected error as it is, privately, without logging an error', async () => {
    const portfolio = await shippedPortfolio();
    const { lines, logger } = capture();
    const dispatcher = createDispatcher({ commands: [REFUSES], portfolio: () => portfolio, logger });
    expect(dispatcher.command('refuse', input())).toEqual({
      content: 'No such thing, try /help.',
      flags: MessageFlags.Ephemeral,
      allowed_mentions: { parse: [] },
    });
    expect(lines.filter((line) => line['level'] === 'error')).toEqual([]);
  });

  it('explains an unknown command and a missing required option', async () => {
    const portfolio = await shippedPortfolio();
    const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: createLogger('silent') });
    expect(dispatcher.command('nope', input()).content).toMatch(/^I don't know \/nope\. Try \/about, \/projects/);
    expect(dispatcher.command('project', input()).content).toMatch(/^\/project needs its `name` option/);
  });

  it('refuses a forged or unknown custom_id privately', async () => {
    const portfolio = await shippedPortfolio();
    const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: createLogger('silent') });
    for (const id of ['garbage', 'pb1|nothing|page|1', 'pb1|share|nothing|k=x', 'x'.repeat(500)]) {
      const result = dispatcher.component(id, [], ASKER);
      expect(result.type).toBe('reply');
      expect(result.payload.flags).toBe(MessageFlags.Ephemeral);
    }
  });

  it('puts each asker’s own id in the custom_ids of a remembered answer', async () => {
    const portfolio = await shippedPortfolio();
    const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: createLogger('silent') });
    const mine = customIds(dispatcher.command('projects', input({}, ASKER)));
    const theirs = customIds(dispatcher.command('projects', input({}, OTHER)));
    const again = customIds(dispatcher.command('projects', input({}, ASKER)));
    const users = (ids: string[]) => [...new Set(ids.map((id) => decodeCustomId(id)?.user).filter(Boolean))];
    expect(users(mine)).toEqual([ASKER.id]);
    expect(users(theirs)).toEqual([OTHER.id]);
    expect(again).toEqual(mine);
  });

  it('gives from its cache the answer the handler gives each asker', async () => {
    const portfolio = await shippedPortfolio();
    const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: createLogger('silent') });
    const projects = COMMANDS.find((module) => module.definition.name === 'projects')!;
    for (const user of [ASKER, OTHER, ASKER]) {
      for (const options of [{}, { query: 'optimizers' }, { query: 'blockchain' }]) {
        const direct = fitReply(projects.execute({ ...input(options, user), surface: 'discord' }, portfolio), {
          redact: portfolio.secrets,
        });
        expect(dispatcher.command('projects', input(options, user))).toEqual(direct);
      }
    }
    expect(JSON.stringify(dispatcher.command('projects', input({}, OTHER)))).not.toContain(PLACEHOLDER_ASKER);
  });

  it('gives autocomplete choices from its cache, the same for everyone, and none when the handler throws', async () => {
    const portfolio = await shippedPortfolio();
    const broken: CommandModule = {
      ...THROWS,
      autocomplete: () => {
        throw new TypeError('kaboom');
      },
    };
    const { lines, logger } = capture();
    const dispatcher = createDispatcher({ commands: [...COMMANDS, broken], portfolio: () => portfolio, logger });
    for (const value of ['', 'look', 'mul', 'zzzz', 'lookahead']) {
      const focused = { name: 'name', value };
      const choices = dispatcher.autocomplete('project', focused, input({ name: value }, ASKER));
      expect(dispatcher.autocomplete('project', focused, input({ name: value }, OTHER))).toBe(choices);
    }
    expect(dispatcher.autocomplete('project', { name: 'name', value: 'look' }, input({}, ASKER))[0]).toEqual({
      name: 'Lookahead Optimizer Analysis',
      value: 'lookahead-optimizer-analysis',
    });
    expect(dispatcher.autocomplete('boom', { name: 'name', value: 'x' }, input())).toEqual([]);
    expect(lines.some((line) => line['level'] === 'error' && typeof line['ref'] === 'string')).toBe(true);
  });

  it('answers from the new profile as soon as the Portfolio is swapped', async () => {
    const text = readFileSync(new URL('./fixtures/minimal.yaml', import.meta.url), 'utf8');
    let portfolio: Portfolio = createPortfolio(parseProfile(text, 'a.yaml'));
    const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: createLogger('silent') });
    expect(dispatcher.command('project', input({ name: 'alpha' })).embeds?.[0]?.title).toBe('Alpha');
    portfolio = createPortfolio(parseProfile(text.replace('name: Alpha', 'name: Alpha Two'), 'a.yaml'));
    expect(dispatcher.command('project', input({ name: 'alpha' })).embeds?.[0]?.title).toBe('Alpha Two');
  });

  it('makes a private answer with a Share button that re-runs it publicly', async () => {
    const portfolio = await shippedPortfolio();
    const dispatcher = createDispatcher({ commands: COMMANDS, portfolio: () => portfolio, logger: createLogger('silent') });
    const reply = dispatcher.command('projects', input({ query: 'optimizers', private: true }));
    expect(reply.flags).toBe(MessageFlags.Ephemeral);
    const share = customIds(reply).find((id) => id.startsWith('pb1|share|'));
    expect(decodeCustomId(share!)).toEqual({ command: 'share', action: 'projects', user: ASKER.id, key: 'optimizers' });
    const shared = dispatcher.component(share!, [], ASKER);
    expect(shared.type).toBe('reply');
    expect(shared.payload.flags ?? 0).toBe(0);
    expect(shared.payload.embeds?.[0]?.title).toBe('Lookahead Optimizer Analysis');
    expect(dispatcher.component(share!, [], OTHER).payload.flags).toBe(MessageFlags.Ephemeral);
  });
});

describe('who may press a button (#15.8)', () => {
  const pageId = (fields: string) => `pb1|projects|page|1${fields}|k=`;

  it('refuses a page button whose custom_id names no asker, with a message that says why', async () => {
    const dispatcher = await testDispatcher();
    const result = dispatcher.component(pageId(''), [], ASKER);
    expect(result).toEqual({
      type: 'reply',
      payload: {
        content: "This button doesn't say who ran /projects, so no one can page it. Run /projects yourself to get your own list.",
        flags: MessageFlags.Ephemeral,
        allowed_mentions: { parse: [] },
      },
    });
  });

  it('refuses a Share button that names no asker', async () => {
    const dispatcher = await testDispatcher();
    const result = dispatcher.component('pb1|share|contact', [], ASKER);
    expect(result.type).toBe('reply');
    expect(result.payload.content).toBe(
      "This Share button doesn't say whose answer it is, so it can't be shared. Run /contact with private:true to share your own.",
    );
  });

  it('believes Discord over the custom_id: a forged u=<presser> on someone else’s message is refused', async () => {
    const dispatcher = await testDispatcher();
    const forged = pageId(`|u=${OTHER.id}`);
    const refused = dispatcher.component(forged, [], OTHER, { askerId: ASKER.id });
    expect(refused.type).toBe('reply');
    expect(refused.payload.content).toBe('Only the person who ran /projects can page this list. Run /projects yourself to get your own.');
    // The real asker pages it, whatever the id says.
    const paged = dispatcher.component(forged, [], ASKER, { askerId: ASKER.id });
    expect(paged.type).toBe('update');
    expect(JSON.stringify(paged.payload)).toContain('Page 2 of');
    // Without Discord's word, the id's own field is all there is.
    expect(dispatcher.component(forged, [], OTHER).type).toBe('update');
  });

  it('opens a project privately, leaving the message alone, for a presser who is not Discord’s asker', async () => {
    const dispatcher = await testDispatcher();
    const open = `pb1|projects|open|u=${OTHER.id}|k=`;
    const result = dispatcher.component(open, ['lookahead-optimizer-analysis'], OTHER, { askerId: ASKER.id });
    expect(result.type).toBe('reply');
    expect(result.payload.flags).toBe(MessageFlags.Ephemeral);
    expect(result.payload.embeds?.[0]?.title).toBe('Lookahead Optimizer Analysis');
  });

  it('refuses a forged Share of someone else’s private answer', async () => {
    const dispatcher = await testDispatcher();
    const result = dispatcher.component(`pb1|share|contact|u=${OTHER.id}`, [], OTHER, { askerId: ASKER.id });
    expect(result.payload.content).toBe('Only the person who asked can share this answer.');
  });
});

describe('inputs beyond Discord’s limits, and the caches (#15.10)', () => {
  it('refuses a string option over 6000 characters before any handler or cache sees it', async () => {
    const portfolio = await shippedPortfolio();
    let runs = 0;
    const counting: CommandModule = {
      definition: {
        name: 'count',
        description: 'counts',
        options: [{ type: ApplicationCommandOptionType.String, name: 'query', description: 'q' }],
      },
      execute: () => {
        runs++;
        return { content: 'ok' };
      },
    };
    const dispatcher = createDispatcher({ commands: [counting], portfolio: () => portfolio, logger: createLogger('silent') });
    expect(dispatcher.command('count', input({ query: 'x'.repeat(1024 * 1024) })).content).toBe(
      'The `query` option is too long: 1048576 characters, where Discord allows 6000.',
    );
    expect(runs).toBe(0);
    expect(dispatcher.cachedBytes()).toBe(0);
    expect(dispatcher.command('count', input({ query: 'x'.repeat(6000) })).content).toBe('ok');
    expect(runs).toBe(1);
  });

  it('gives an autocomplete handler at most the first 100 characters typed', async () => {
    const portfolio = await shippedPortfolio();
    const seen: string[] = [];
    const echo: CommandModule = {
      definition: { name: 'echo', description: 'echoes', options: [] },
      execute: () => ({ content: 'ok' }),
      autocomplete: (focused) => {
        seen.push(focused.value);
        return [];
      },
    };
    const dispatcher = createDispatcher({ commands: [echo], portfolio: () => portfolio, logger: createLogger('silent') });
    dispatcher.autocomplete('echo', { name: 'q', value: 'y'.repeat(5000) }, input());
    dispatcher.autocomplete('echo', { name: 'q', value: `${'z'.repeat(99)}😀` }, input());
    expect(seen).toEqual(['y'.repeat(100), 'z'.repeat(99)]);
  });

  it('refuses a menu that sends more values than Discord allows', async () => {
    const dispatcher = await testDispatcher();
    const values = Array.from({ length: 26 }, (_, i) => `v${i}`);
    const result = dispatcher.component(`pb1|projects|open|u=${ASKER.id}|k=`, values, ASKER);
    expect(result.type).toBe('reply');
    expect(result.payload.content).toMatch(/^That menu sent more than Discord allows/);
  });

  it('keeps its caches within their byte budget under 300 distinct 6000-character queries', async () => {
    const portfolio = await shippedPortfolio();
    const budget = 1024 * 1024;
    const dispatcher = createDispatcher({
      commands: COMMANDS,
      portfolio: () => portfolio,
      logger: createLogger('silent'),
      cacheBytes: budget,
    });
    let peak = 0;
    for (let i = 0; i < 300; i++) {
      const query = `${i} `.padEnd(6000, String.fromCharCode(97 + (i % 26)));
      dispatcher.command('search', input({ query }));
      dispatcher.autocomplete('project', { name: 'name', value: query }, input({ name: query }));
      peak = Math.max(peak, dispatcher.cachedBytes());
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(2 * budget);
    // Still a cache: the same question again is the same remembered answer.
    const first = dispatcher.command('search', input({ query: 'lookahead' }));
    expect(dispatcher.command('search', input({ query: 'lookahead' })).embeds).toBe(first.embeds);
  });
});
