import { useState } from 'preact/hooks';
import { adminCall } from '../../data/admin-client.ts';
import { isDocType, toCsv, type AccessLogEntry, type Problem } from '../../domain/index.ts';
import type { Translator } from '../../i18n/translate.ts';
import { useT } from '../../i18n/useT.tsx';
import { downloadFile } from '../../ui/download.ts';

/** The records an entry names, in words: each by its kind and id (ids are what the coordinator can look up). */
function recordsText(words: Translator, entry: AccessLogEntry): string {
  if (entry.docs.length === 0) return entry.incomplete ? words.t('accessLog.unknownRecords') : '';
  return entry.docs.map((d) => (d.type && isDocType(d.type) ? `${words.tKey(`doc.kind.${d.type}`)} (${d.id})` : d.id)).join('; ');
}

/** The table as shown and as downloaded: one function, so the file's rows are the screen's. */
export function accessLogTable(words: Translator, entries: AccessLogEntry[]): { header: string[]; rows: string[][] } {
  const { t } = words;
  return {
    header: [t('accessLog.when'), t('accessLog.who'), t('accessLog.what'), t('accessLog.records'), t('accessLog.where')],
    rows: entries.map((e) => [
      words.moment(e.at),
      e.user ?? t('accessLog.unknownUser'),
      e.action === 'write' ? t('accessLog.changed') : t('accessLog.read'),
      recordsText(words, e),
      `${e.db} ${e.kind}`,
    ]),
  };
}

type Loaded = { entries: AccessLogEntry[]; truncated: boolean };

/**
 * Who has seen or changed the participant's data and when, from the server's access log
 * (Act 703/2023), asked for when the coordinator wants it (it needs the network), with a CSV
 * of the same rows. In the coordinator's own language; not part of the printed report.
 */
export function AccessLogSection({ participantKey }: { participantKey: string }) {
  const words = useT();
  const { t, tKey } = words;
  const [loaded, setLoaded] = useState<Loaded>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);

  const load = async () => {
    setBusy(true);
    const result = await adminCall('accessLog', { participantKey });
    setBusy(false);
    if (result.ok) {
      setProblem(undefined);
      setLoaded(result.value);
    } else {
      setProblem(result.problems[0]);
    }
  };
  const table = loaded && accessLogTable(words, loaded.entries);

  return (
    <section class="card no-print" aria-labelledby="access-log-title" aria-busy={busy}>
      <h2 id="access-log-title">{t('accessLog.title')}</h2>
      <p>{t('accessLog.intro')}</p>
      <div class="actions">
        <button type="button" class="secondary" onClick={() => void load()} disabled={busy}>
          {t('accessLog.show')}
        </button>
        {table && table.rows.length > 0 && (
          <button type="button" class="secondary" onClick={() => downloadFile(toCsv(table.header, table.rows, ';'), 'text/csv;charset=utf-8', `polku-lokitiedot-${participantKey}.csv`)}>
            {t('accessLog.download')}
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" class="notice notice-error">
          {tKey(problem.key, problem.params)}
        </p>
      )}
      {table && table.rows.length === 0 && <p>{t('accessLog.none')}</p>}
      {table && table.rows.length > 0 && (
        <div class="table-scroll">
          <table class="data-table">
            <caption>{t('accessLog.caption')}</caption>
            <thead>
              <tr>
                {table.header.map((h) => (
                  <th key={h} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (
                    <td key={j}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loaded?.truncated && <p class="hint">{t('accessLog.truncated', { shown: loaded.entries.length })}</p>}
    </section>
  );
}
