import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { spawnCli } from '../helpers/run-cli.js';

// A user the system knows no home folder for (containers, CI): os.homedir() throws.
vi.mock('node:os', async (original) => ({
  ...(await original<typeof import('node:os')>()),
  homedir: () => {
    throw new Error('ENOENT: no such file or directory, uv_os_homedir');
  },
}));

const { userCacheDirectory } = await import('../../src/cli/cache-files.js');

describe('userCacheDirectory', () => {
  it('XDG_CACHE_HOME, then HOME; without either and without a known home, none and no error', () => {
    expect(userCacheDirectory({ XDG_CACHE_HOME: '/xdg', HOME: '/home/ada' })).toBe('/xdg/kubequest');
    expect(userCacheDirectory({ HOME: '/home/ada' })).toBe('/home/ada/.cache/kubequest');
    expect(userCacheDirectory({})).toBeUndefined();
  });
});

const canActAsStranger = process.getuid?.() === 0 && existsSync('/usr/bin/setpriv');

describe('the binary run by a user without a home folder', () => {
  it.skipIf(!canActAsStranger)('still runs (the caches beside the bundle only)', async () => {
    const args = ['--reuid=54321', '--regid=54321', '--clear-groups', 'env', '-i', `PATH=${process.env['PATH']}`, process.execPath, 'build/cli/bin.js', '--version'];
    const run = spawnSync('/usr/bin/setpriv', args, { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('kubequest 0.1.0\n');
    // The same through the helper, as any other user: nothing about caches on stderr.
    const plain = await spawnCli(['--version'], { env: { HOME: '' } });
    expect(plain.stdout).toBe('kubequest 0.1.0\n');
  });
});
