// Tune under Workers: measures the chosen photos' sample with 1, 2, … workers, then puts the
// fastest count in the form (the engine has remembered it as this computer's default for these
// settings) and says so.
import type { AppSettings } from '../../../../shared/contract.js';
import type { SweepFinished } from '../../../../shared/contract.js';
import { tuneSignature } from '../../../../shared/sweep-result.js';
import type { TunedChoice } from '../../../../shared/sweep-result.js';
import { useClient } from '../../common/client-context.js';
import { useConnection } from '../../common/connection.js';
import { readProcessForm, type ProcessFormValues } from '../../common/process-settings-form.js';
import { TuneSection } from '../../common/TuneSection.js';
import { useTune } from '../../common/use-tune.js';

export function ProcessTune({
  inputs,
  values,
  onValues,
  onSettings,
}: {
  /** The chosen inputs when they can be processed; null: nothing to tune on yet. */
  inputs: readonly string[] | null;
  values: ProcessFormValues;
  onValues: (update: (values: ProcessFormValues) => ProcessFormValues) => void;
  onSettings: (s: AppSettings) => void;
}) {
  const client = useClient();
  const { online, epoch } = useConnection();
  const apply = (choice: TunedChoice) => {
    const { workers, threads } = choice.combination;
    if (workers === null) return;
    onValues((v) => ({ ...v, workers: String(workers), threads: String(threads ?? 1) }));
  };
  const onFinished = (finished: SweepFinished) => {
    if (!finished.tuned) return;
    apply(finished.tuned);
    // The engine remembered the new workers: the form's "your last settings" reads them again.
    client.invoke('settings:get', {}).then(onSettings, () => undefined);
  };
  const tune = useTune(client, 'process', epoch, onFinished);
  const read = readProcessForm(values);
  const unavailable = !online
    ? 'Tune needs the engine: reconnecting…'
    : !inputs
      ? 'Choose photos first: Tune times a sample of them.'
      : !read.ok
        ? 'Fix the settings marked above first: Tune measures with them.'
        : null;
  return (
    <TuneSection
      kind="process"
      tune={tune}
      current={read.ok ? read.settings.workers : null}
      signature={read.ok ? tuneSignature(read.settings) : null}
      unavailable={unavailable}
      onTune={() => {
        if (inputs && read.ok)
          tune.start({ kind: 'process', inputs: [...inputs], settings: read.settings });
      }}
      onUse={apply}
    />
  );
}
