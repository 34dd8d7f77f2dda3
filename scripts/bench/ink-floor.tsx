/**
 * The least an Ink game can do before its first frame: a line of text and a
 * two-item menu, built and started exactly as kubequest is (scripts/build.mjs,
 * src/cli/bin.ts, the compile cache). scripts/bench.mjs times it beside the
 * game to show how much of the game's first frame is Ink itself.
 */
import { Box, render, Text } from 'ink';
import SelectInput from 'ink-select-input';

export function main(_argv: readonly string[], hooks: { readonly started: () => void }): Promise<number> {
  render(
    <Box flexDirection="column">
      <Text>kubequest</Text>
      <SelectInput items={[{ label: 'Campaign', value: 'campaign' }, { label: 'Quit', value: 'quit' }]} onSelect={() => process.exit(0)} />
    </Box>,
  );
  hooks.started();
  return new Promise<number>(() => undefined);
}
