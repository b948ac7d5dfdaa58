// The terminal chat: `npm start` without a token. Same handlers as Discord; on
// a terminal, a prompt with line editing and history; when input is piped, one
// answer per input line and nothing else on stdout.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Dispatcher } from '../bot/dispatch.js';
import { answerInput } from '../bot/input.js';
import type { Invoker } from '../bot/types.js';
import { collectActions, renderPayload, type TerminalAction } from './render.js';

export interface ChatOptions {
  dispatcher: Dispatcher;
  name: string;
  input: Readable;
  output: Writable;
  /** Where the welcome goes when piped (so stdout holds only answers). */
  notices: Writable;
  interactive: boolean;
  colour: boolean;
}

const USER: Invoker = { id: '0', name: 'terminal' };

export function welcome(name: string): string {
  return [
    `No DISCORD_TOKEN found, so this is the terminal chat with ${name}'s portfolio.`,
    'To run the Discord bot, copy .env.example to .env, set DISCORD_TOKEN (see README), and run npm start again.',
    'Type /help, a slash command like /projects optimizers, or a question like "does he know docker?". exit quits.',
  ].join('\n');
}

export function runTerminalChat(options: ChatOptions): Promise<number> {
  const { dispatcher, interactive, output } = options;
  const rl = createInterface({ input: options.input, output, terminal: interactive, historySize: interactive ? 500 : 0, prompt: '> ' });
  (interactive ? output : options.notices).write(welcome(options.name) + '\n\n');
  let actions: TerminalAction[] = [];

  const answer = (line: string): string | null => {
    const text = line.trim();
    if (!text) return null;
    const action = actions.find((candidate) => candidate.trigger === text.toLowerCase());
    const payload = action
      ? dispatcher.component(action.customId, action.values, USER).payload
      : answerInput(text, dispatcher, USER);
    actions = collectActions(payload);
    return renderPayload(payload, { colour: options.colour });
  };

  return new Promise((resolve) => {
    rl.on('line', (line) => {
      if (/^(exit|quit|\.exit)$/i.test(line.trim())) {
        rl.close();
        return;
      }
      const rendered = answer(line);
      if (rendered !== null) output.write(rendered + '\n\n');
      if (interactive) rl.prompt();
    });
    rl.on('close', () => resolve(0));
    if (interactive) rl.prompt();
  });
}
