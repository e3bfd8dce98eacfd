// `completion bash|zsh|fish`: print a completion script (the same files ship in completions/).
import { Argument, type Command } from 'commander';
import { action } from '../action.js';

export function defineCompletion(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>', 'the shell').choices(['bash', 'zsh', 'fish']))
    .addHelpText('after', `
Examples:
  $ lydlr-gst completion bash > /etc/bash_completion.d/lydlr-gst
  $ lydlr-gst completion zsh > "\${fpath[1]}/_lydlr-gst"
  $ lydlr-gst completion fish > ~/.config/fish/completions/lydlr-gst.fish`)
    .action(action('completion', async () => (await import('../commands/completion.js')).runCompletion));
}
