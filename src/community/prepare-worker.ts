// Worker thread entry for the community's preparer (./prepare.ts): parses,
// validates and tokenizes members' documents, one message at a time, in order.
// Each answer goes on the port it was given, then its number on the usual channel.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { prepareMember } from './prepare-member.js';

const { answers } = workerData as { answers: MessagePort };
parentPort?.on('message', ({ id, text, filename }: { id: number; text: string; filename: string }) => {
  answers.postMessage({ id, answer: prepareMember(text, filename) });
  parentPort?.postMessage(id);
});
