import { parseConfig } from '../config.js';
import { createLogger } from '../log.js';
import { DEFAULT_PREVIEW_PORT, PREVIEW_HOST, startPreview } from '../preview/server.js';
import { installSignalHandlers } from '../signals.js';
import { UsageError, type CliCommand } from './types.js';

export const run: CliCommand = async ({ values, positionals }, io) => {
  const config = parseConfig();
  const file = positionals[0] ?? config.PROFILE_PATH;
  const portText = values['port'];
  const port = portText === undefined ? DEFAULT_PREVIEW_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port is a port number from 0 to 65535 (0: any free port), not ${JSON.stringify(portText)}`);
  }
  const logger = createLogger(config.LOG_LEVEL);
  let preview;
  try {
    preview = await startPreview({ file, port, logger });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      code === 'EADDRINUSE'
        ? `portfolio-bot preview: port ${port} is in use on ${PREVIEW_HOST}; pass --port with a free one (or --port 0)`
        : `portfolio-bot preview: could not listen on ${PREVIEW_HOST}:${port} (${code ?? String(error)})`,
    );
    return 1;
  }
  io.out(`preview of ${file}: ${preview.url} (reloads when the file is saved; Ctrl-C stops)`);
  installSignalHandlers(() => preview.close(), logger);
  return new Promise<number>(() => undefined);
};
