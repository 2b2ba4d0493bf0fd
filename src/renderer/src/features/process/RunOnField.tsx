// "Run on: this computer / a queue (Redis URL)", with the workers connected to the queue now
// listed by name, or what is wrong with it in words.
import { TextField } from '../../common/Field.js';
import { plural } from '../../common/format.js';
import type { RunOn } from './use-run-on.js';

function QueueStatus({ runOn }: { runOn: RunOn }) {
  const { answer } = runOn;
  switch (answer.state) {
    case 'idle':
      return null;
    case 'asking':
      return <p className="muted small">Asking the queue who is connected…</p>;
    case 'failed':
      return (
        <p className="error small" role="alert">
          {answer.message}
        </p>
      );
    case 'answered': {
      const { workers, warning, queue } = answer.value;
      return (
        <>
          {workers.length === 0 ? (
            <p className="warning small">
              No worker is connected to {queue} yet: start <code>photobatch worker --redis …</code>{' '}
              on each machine (a run started now waits for them).
            </p>
          ) : (
            <div className="small">
              Connected now ({plural(workers.length, 'machine')}):
              <ul className="queue-workers" aria-label="Workers connected to the queue">
                {workers.map((w) => (
                  <li key={w.name}>
                    <strong>{w.name}</strong> on {w.host} —{' '}
                    {plural(w.lanes, 'worker process', 'worker processes')}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {warning ? (
            <p className="warning small" role="alert">
              {warning}
            </p>
          ) : null}
        </>
      );
    }
  }
}

export function RunOnField({ runOn }: { runOn: RunOn }) {
  const { values, setValues } = runOn;
  return (
    <fieldset className="run-on">
      <legend>Run on</legend>
      <div className="row">
        <label className="choice">
          <input
            type="radio"
            name="run-on"
            checked={values.where === 'here'}
            onChange={() => setValues({ ...values, where: 'here' })}
          />
          <span>This computer</span>
        </label>
        <label className="choice">
          <input
            type="radio"
            name="run-on"
            checked={values.where === 'queue'}
            onChange={() => setValues({ ...values, where: 'queue' })}
          />
          <span>A queue (Redis URL)</span>
        </label>
      </div>
      {values.where === 'queue' ? (
        <div className="fields">
          <TextField
            className="wide"
            label="Redis URL"
            value={values.url}
            onChange={(url) => setValues({ ...values, url })}
            placeholder="redis://queue-host:6379"
            hint="Other machines run photobatch worker --redis with the same URL; every machine must see the photos and the output folder."
            trailing={
              <button type="button" onClick={runOn.askAgain} disabled={values.url.trim() === ''}>
                Check
              </button>
            }
          />
          <TextField
            className="wide"
            label="Workers of this computer on the queue too"
            value={values.localWorkers}
            onChange={(localWorkers) => setValues({ ...values, localWorkers })}
            inputMode="numeric"
            hint="0: only the other machines work; this one scans, stores and shows."
          />
          <div className="wide" aria-live="polite">
            <QueueStatus runOn={runOn} />
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}
