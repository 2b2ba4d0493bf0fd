// Tune under "Downloads at once": downloads a sample of the pasted addresses 1, 4, 16 and 64 at
// once, then puts the fastest in the form (the engine has remembered it) and says so; beside
// processing's curve when both exist (the I/O-bound one climbs where the CPU-bound one flattens).
import type { AppSettings, SweepFinished } from '../../../../shared/contract.js';
import type { DownloadSettings } from '../../../../shared/settings.js';
import type { TunedChoice } from '../../../../shared/sweep-result.js';
import { useClient } from '../../common/client-context.js';
import { useConnection } from '../../common/connection.js';
import { TuneSection } from '../../common/TuneSection.js';
import { useTune } from '../../common/use-tune.js';

export function DownloadTune({
  urls,
  urlCount,
  settings,
  onConcurrency,
  onSettings,
}: {
  urls: string;
  urlCount: number;
  /** The form's settings when they are valid; null while a field is wrong. */
  settings: DownloadSettings | null;
  onConcurrency: (concurrency: number) => void;
  onSettings: (s: AppSettings) => void;
}) {
  const client = useClient();
  const { online, epoch } = useConnection();
  const apply = (choice: TunedChoice) => {
    if (choice.combination.concurrency !== null) onConcurrency(choice.combination.concurrency);
  };
  const onFinished = (finished: SweepFinished) => {
    if (!finished.tuned) return;
    apply(finished.tuned);
    client.invoke('settings:get', {}).then(onSettings, () => undefined);
  };
  const tune = useTune(client, 'download', epoch, onFinished);
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
    />
  );
}
