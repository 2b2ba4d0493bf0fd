// Tune under "Downloads at once": downloads a sample of the pasted addresses 1, 4, 16 and 64 at
// once, then puts the fastest in the form (the engine has remembered it) and says so; beside
// processing's curve when both exist (the I/O-bound one climbs where the CPU-bound one flattens).
import type { AppSettings, SweepFinished } from '../../../../shared/contract.js';
import type { DownloadSettings } from '../../../../shared/settings.js';
import type { TunedChoice } from '../../../../shared/sweep-result.js';
import { useClient } from '../../common/client-context.js';
import { useConnection } from '../../common/connection.js';
import { TuneSection } from '../../common/TuneSection.js';
import { useTune, type Tune } from '../../common/use-tune.js';

/** Download's Tune: a finished tune puts its concurrency in the form and re-reads the settings. */
export function useDownloadTune(
  onConcurrency: (concurrency: number) => void,
  onSettings: (s: AppSettings) => void,
): Tune {
  const client = useClient();
  const { epoch } = useConnection();
  return useTune(client, 'download', epoch, (finished: SweepFinished) => {
    const concurrency = finished.tuned?.combination.concurrency;
    if (concurrency == null) return;
    onConcurrency(concurrency);
    client.invoke('settings:get', {}).then(onSettings, () => undefined);
  });
}

export function DownloadTune({
  tune,
  urls,
  urlCount,
  settings,
  onConcurrency,
}: {
  tune: Tune;
  urls: string;
  urlCount: number;
  /** The form's settings when they are valid; null while a field is wrong. */
  settings: DownloadSettings | null;
  onConcurrency: (concurrency: number) => void;
}) {
  const { online } = useConnection();
  const apply = (choice: TunedChoice) => {
    if (choice.combination.concurrency !== null) onConcurrency(choice.combination.concurrency);
  };
  const unavailable = !online
    ? 'Tune needs the engine: reconnecting…'
    : urlCount === 0
      ? 'Paste addresses first: Tune downloads a sample of them.'
      : !settings
        ? 'Fix the settings marked above first: Tune measures with them.'
        : null;
  return (
    <TuneSection
      kind="download"
      tune={tune}
      current={settings?.concurrency ?? null}
      signature={null}
      unavailable={unavailable}
      onTune={() => {
        if (settings) tune.start({ kind: 'download', urls, settings });
      }}
      onUse={apply}
      showChart={false}
    />
  );
}
