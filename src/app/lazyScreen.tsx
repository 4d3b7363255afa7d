import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useT } from '../i18n/useT.tsx';
import { LoadFailed } from '../ui/LoadFailed.tsx';

/**
 * A screen loaded when first opened, in a chunk of its own: the office's screens (the
 * dashboard, administration, partners, a person's own data) are not parsed on a tablet's
 * every start. The service worker precaches every chunk, so they open offline too.
 */
interface Loader<P> {
  (): Promise<FunctionComponent<P>>;
}

export function lazyScreen<P extends object>(load: Loader<P>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | undefined;
  return function LazyScreen(props: P) {
    const { t } = useT();
    const [Screen, setScreen] = useState<FunctionComponent<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (Screen) return;
      let live = true;
      load().then(
        (component) => {
          loaded = component;
          if (live) setScreen(() => component);
        },
        () => live && setFailed(true),
      );
      return () => {
        live = false;
      };
    }, []);
    if (failed) return <LoadFailed />;
    return Screen ? <Screen {...props} /> : <p role="status">{t('app.loading')}</p>;
  };
}
