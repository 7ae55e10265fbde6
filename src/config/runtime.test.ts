import { describe, expect, it } from 'vitest';
import { isAtLeast, SUPPORTED_NODE, unsupportedRuntimeMessage } from './runtime.js';

describe('the supported runtime', () => {
  it('compares versions part by part, not as text', () => {
    expect(isAtLeast('v24.11.0', '24.11.0')).toBe(true);
    expect(isAtLeast('v24.9.0', '24.11.0')).toBe(false);
    expect(isAtLeast('v26.0.0', '24.11.0')).toBe(true);
    expect(isAtLeast('v20.20.2', '24.11.0')).toBe(false);
    expect(isAtLeast('v24.11.1', '24.11.2')).toBe(false);
  });

  it('accepts Node 24 LTS and newer', () => {
    expect(unsupportedRuntimeMessage({ version: 'v24.22.3', platform: 'linux', arch: 'x64' })).toBeNull();
    expect(unsupportedRuntimeMessage({ version: 'v26.1.0', platform: 'darwin', arch: 'arm64' })).toBeNull();
  });

  it('refuses Node 20 in one line naming what it found and pointing at npm where a package exists', () => {
    const message = unsupportedRuntimeMessage({ version: 'v20.20.2', platform: 'linux', arch: 'x64' });
    expect(message).toContain('found v20.20.2');
    expect(message).toContain(SUPPORTED_NODE);
    expect(message).toContain('npm install');
    expect(message).not.toContain('\n');
  });

  it('tells where no Node 24 package exists that Node 24 must be installed by hand', () => {
    const message = unsupportedRuntimeMessage({ version: 'v22.1.0', platform: 'darwin', arch: 'arm64' });
    expect(message).toContain('no Node 24 package exists for darwin-arm64');
  });

  it('runs this very test on a supported Node', () => {
    process.stdout.write(`test runtime: node ${process.version}\n`);
    expect(unsupportedRuntimeMessage(process)).toBeNull();
  });
});
