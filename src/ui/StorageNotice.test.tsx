import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openTestData, renderWithData, type TestData } from '../test-support.tsx';
import { STORAGE_NOTICE_DISMISSED, StorageNotice } from './StorageNotice.tsx';

let api: TestData;
beforeEach(async () => {
  localStorage.clear();
  api = await openTestData();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await api.close();
});

const notice = () => screen.queryByTestId('storage-refused');
const pending = (count: number) => api.sync.state$.next({ ...api.sync.state$.value, pending: count });

describe('the notice that the browser did not promise to keep the data', () => {
  it('says nothing when the browser promised', async () => {
    api.persistence$.next('granted');
    renderWithData(api, <StorageNotice />);
    pending(3);
    await new Promise((r) => setTimeout(r, 20));
    expect(notice()).toBeNull();
  });

  it('tells how to install where the browser has no install prompt, and can be put away for good on this device', async () => {
    api.persistence$.next('refused');
    const first = renderWithData(api, <StorageNotice />);
    await waitFor(() => expect(notice()).not.toBeNull());
    expect(notice()!.textContent).toContain('Asennettuna sovelluksena ne säilyvät varmemmin.');
    expect(notice()!.textContent).toContain('valitse selaimen valikosta Asenna sovellus tai Lisää aloitusnäyttöön');
    fireEvent.click(screen.getByRole('button', { name: 'Selvä, piilota' }));
    await waitFor(() => expect(notice()).toBeNull());
    expect(localStorage.getItem(STORAGE_NOTICE_DISMISSED)).toBe('1');
    // Another screen, another visit: still put away.
    first.unmount();
    renderWithData(api, <StorageNotice />);
    await new Promise((r) => setTimeout(r, 20));
    expect(notice()).toBeNull();
  });

  it('comes back when there are changes only on this device, and goes when they are sent', async () => {
    localStorage.setItem(STORAGE_NOTICE_DISMISSED, '1');
    api.persistence$.next('refused');
    renderWithData(api, <StorageNotice />);
    await new Promise((r) => setTimeout(r, 20));
    expect(notice()).toBeNull();
    pending(2);
    await waitFor(() => expect(notice()).not.toBeNull());
    expect(notice()!.textContent).toContain('2 muutosta on vain tällä laitteella, eikä selain ole luvannut säilyttää niitä.');
    // First on the screen now, so the how-to is one tap away.
    expect(screen.getByText('Näin asennat sovelluksen').closest('details')?.open).toBe(false);
    // It matters now: no putting it away, it goes by itself.
    expect(screen.queryByRole('button', { name: 'Selvä, piilota' })).toBeNull();
    pending(0);
    await waitFor(() => expect(notice()).toBeNull());
  });

  it("offers the browser's own install prompt when it fires one", async () => {
    api.persistence$.next('refused');
    renderWithData(api, <StorageNotice />, 'en');
    await waitFor(() => expect(notice()).not.toBeNull());
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: vi.fn(async () => undefined),
      userChoice: Promise.resolve({ outcome: 'accepted' as const }),
    });
    window.dispatchEvent(offer);
    expect(offer.defaultPrevented).toBe(true);
    const button = await screen.findByRole('button', { name: 'Install the app' });
    // The browser's own prompt instead of instructions.
    expect(notice()!.textContent).not.toContain("in the browser's menu");
    fireEvent.click(button);
    await waitFor(() => expect(offer.prompt).toHaveBeenCalledOnce());
  });

  it('tells an iPhone how to add the app to the home screen', async () => {
    vi.spyOn(navigator, 'userAgent', 'get').mockReturnValue('Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1');
    api.persistence$.next('refused');
    renderWithData(api, <StorageNotice />, 'sv');
    await waitFor(() => expect(notice()?.textContent).toContain('tryck på Dela i Safari och välj Lägg till på hemskärmen'));
  });
});
