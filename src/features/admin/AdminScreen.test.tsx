import { screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { participantId, ROLE } from '../../domain/index.ts';
import { GROUP_KEY, openTestData, renderWithData, SCOPE, seedGroup, type TestData } from '../../test-support.tsx';
import { AdminScreen } from './AdminScreen.tsx';

let api: TestData;
beforeEach(async () => {
  api = await openTestData('koordinaattori', [ROLE.coordinator, ROLE.coordinatorOf(GROUP_KEY), ROLE.group(GROUP_KEY)]);
});
afterEach(() => api.close());

const participant = (displayName: string, username: string | undefined, status: 'active' | 'ended') =>
  api.store.create('participant', {
    id: participantId(), scope: SCOPE, groupKey: GROUP_KEY, displayName, homeVillage: 'Kylmälä', language: 'fi', status, startDate: '2026-09-01',
    ...(username ? { username } : {}),
  });

describe('administration', () => {
  it('offers to cut off each account the group knows: its staff and its participants who have an account and are still in it', async () => {
    await seedGroup(api, 0);
    await participant('Liisa', 'liisa', 'active');
    await participant('Kalle', undefined, 'active');
    await participant('Entinen', 'entinen', 'ended');
    renderWithData(api, <AdminScreen />);
    await screen.findByRole('button', { name: 'Katkaise pääsy: liisa' });
    const offered = screen.getAllByRole('button', { name: /^Katkaise pääsy: / }).map((b) => b.getAttribute('aria-label'));
    expect(offered).toEqual(['Katkaise pääsy: koordinaattori', 'Katkaise pääsy: liisa']);
  });
});
