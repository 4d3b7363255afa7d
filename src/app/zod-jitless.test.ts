import { describe, expect, it } from 'vitest';
import { zodJitless } from './zod-jitless.ts';

describe('zodJitless', () => {
  it("is the setting zod itself reads (it never probes for eval under the app's CSP)", async () => {
    zodJitless();
    const { config } = await import('zod');
    expect(config().jitless).toBe(true);
  });
});
