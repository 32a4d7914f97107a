// The `hardin` command (contract in ARCHITECTURE.md): exit 0 ok, 1 failure, 2 usage; --json on stdout.
// Commands are imported on demand: each command module pulls in its stages (pipelines, ml, generators…), and
// `hardin serve` must not pay for them before its first answer (issue #4: cold start ≤ 0.5 s). Only the module of
// the command named first on the command line is loaded; `hardin --help`, `hardin help` and unknown commands load
// them all, so help and "did you mean" suggestions are unchanged.
import { Command, CommanderError } from 'commander';
import { UsageError, packageVersion } from '../core/index.js';
import { exitCodeFor, reportError } from './output.js';

type Register = (program: Command) => void;

/** Loaders of the command modules, in the order `hardin --help` lists them. */
const MODULES = {
  demo: async () => (await import('./commands/demo.js')).registerDemoCommand,
  data: async () => (await import('./commands/data.js')).registerDataCommands,
  train: async () => (await import('./commands/train.js')).registerTrainCommand,
  models: async () => (await import('./commands/models.js')).registerModelsCommands,
  serve: async () => (await import('./commands/serve.js')).registerServeCommand,
} satisfies Record<string, () => Promise<Register>>;

/** Which module defines each top-level command. */
export const COMMAND_MODULES: Readonly<Record<string, keyof typeof MODULES>> = {
  demo: 'demo',
  generate: 'data',
  ingest: 'data',
  build: 'data',
  detect: 'data',
  query: 'data',
  catalog: 'data',
  train: 'train',
  models: 'models',
  serve: 'serve',
};

/**
 * The command modules to load for `argv`: the one defining its command when the command comes first, else all of
 * them (`hardin --help` lists every command; an unknown command gets commander's own error and suggestion).
 * @example commandModules(['serve', '--port', '8080']) // ['serve']
 */
export function commandModules(argv: readonly string[]): (keyof typeof MODULES)[] {
  const own = argv[0] === undefined ? undefined : COMMAND_MODULES[argv[0]];
  return own ? [own] : (Object.keys(MODULES) as (keyof typeof MODULES)[]);
}

export async function main(argv: string[]): Promise<number> {
  const program = new Command('hardin')
    .description('Hardin: Brazilian public open data → explained risk scores and predictions')
    .version(packageVersion())
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(run "hardin --help" for usage)')
    // subcommands own their options: `hardin models show glosa --version 2` is not hardin's --version
    .enablePositionalOptions();
  for (const register of await Promise.all(commandModules(argv).map((m) => MODULES[m]()))) {
    register(program);
  }
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      )
        return 0;
      const cause = (error as CommanderError & { cause?: unknown }).cause;
      if (cause instanceof UsageError) {
        reportError(cause, json);
        return 2;
      }
      if (json) reportError(new UsageError(error.message.replace(/^error: /, '')), true);
      return 2;
    }
    reportError(error, json);
    return exitCodeFor(error);
  }
}
