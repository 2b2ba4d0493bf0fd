// Output planning on real trees: mirrored layout, extensions from content, clashes reported,
// existing outputs handled per mode, and no output ever lands on an input.
import assert from 'node:assert/strict';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  makeTempDir,
  removeTempDir,
  writeHtml,
  writeImageAs,
  writeJpeg,
} from '../../helpers/make-images.js';
import { createOutputPlanner, OutputFolderError } from '../../../src/engine/plan-outputs.js';
import type { OutputPlan, OutputPlannerOptions } from '../../../src/engine/plan-outputs.js';
import { scanInputs } from '../../../src/engine/scan-inputs.js';
import { isTempName } from '../../../src/engine/temp-names.js';
import type { ExistingMode, OutputFormat } from '../../../src/shared/settings.js';

let dir = '';
before(async () => {
  dir = await makeTempDir();
});
after(async () => removeTempDir(dir));

let folderCount = 0;
/** A fresh folder for one test's tree. */
async function freshFolder(name = 'case'): Promise<string> {
  folderCount += 1;
  const folder = join(dir, `${name}-${folderCount}`);
  await mkdir(folder, { recursive: true });
  return folder;
}

interface RunOptions {
  outDir: string;
  format?: OutputFormat;
  existing?: ExistingMode;
}

/** Scans and plans like a run does; returns each source's plan keyed by `root-name/relativePath`. */
async function scanAndPlan(
  inputs: string[],
  options: RunOptions,
): Promise<Map<string, OutputPlan>> {
  const plannerOptions: OutputPlannerOptions = {
    inputs,
    outDir: options.outDir,
    format: options.format ?? 'keep',
    existing: options.existing ?? 'overwrite',
    runId: 42,
  };
  const planner = await createOutputPlanner(plannerOptions);
  const plans = new Map<string, OutputPlan>();
  let taskId = 0;
  for await (const entry of scanInputs(inputs, { outDir: options.outDir })) {
    const key =
      entry.source === entry.root
        ? basename(entry.root)
        : join(basename(entry.root), entry.relativePath);
    plans.set(key, await planner.plan(entry, (taskId += 1)));
  }
  return plans;
}

const outputOf = (plan: OutputPlan | undefined): string | undefined =>
  plan && 'output' in plan ? plan.output : undefined;
const failureOf = (plan: OutputPlan | undefined): string =>
  plan && 'fail' in plan ? plan.fail : '';
const skipOf = (plan: OutputPlan | undefined): string => (plan && 'skip' in plan ? plan.skip : '');

describe('layout', () => {
  test('one folder input fills the output folder; a/x.jpg and b/x.jpg stay apart', async () => {
    const root = join(await freshFolder(), 'photos');
    await writeJpeg(join(root, 'a/x.jpg'));
    await writeJpeg(join(root, 'b/x.jpg'));
    const out = join(dirname(root), 'out');
    const plans = await scanAndPlan([root], { outDir: out });
    assert.equal(outputOf(plans.get('photos/a/x.jpg')), join(out, 'a/x.jpg'));
    assert.equal(outputOf(plans.get('photos/b/x.jpg')), join(out, 'b/x.jpg'));
  });

  test('several inputs: each folder under its own name, files at the top; same names kept apart', async () => {
    const base = await freshFolder();
    const first = join(base, 'one/photos');
    const second = join(base, 'two/photos');
    await writeJpeg(join(first, 'x.jpg'));
    await writeJpeg(join(second, 'x.jpg'));
    const file = await writeJpeg(join(base, 'single.jpg'));
    const out = join(base, 'out');
    const planner = await createOutputPlanner({
      inputs: [first, second, file],
      outDir: out,
      format: 'keep',
      existing: 'overwrite',
      runId: 1,
    });
    assert.equal(planner.notices.length, 1);
    assert.match(
      planner.notices[0]!,
      /Two inputs are named photos; files from .*two\/photos go to photos-2/,
    );
    const outputs: (string | undefined)[] = [];
    for await (const entry of scanInputs([first, second, file], { outDir: out })) {
      outputs.push(outputOf(await planner.plan(entry, outputs.length)));
    }
    assert.deepEqual(outputs, [
      join(out, 'photos/x.jpg'),
      join(out, 'photos-2/x.jpg'),
      join(out, 'single.jpg'),
    ]);
  });
});

describe('extensions follow the output format', () => {
  let plans: Map<string, OutputPlan>;
  let out = '';
  before(async () => {
    const root = join(await freshFolder(), 'in');
    await writeJpeg(join(root, 'upper.JPG'));
    await writeJpeg(join(root, 'long.jpeg'));
    await writeJpeg(join(root, 'disguised.png'));
    await writeJpeg(join(root, 'scan.2024'));
    await writeImageAs(join(root, 'alpha.png'), 'png');
    await writeImageAs(join(root, 'paper.TIFF'), 'tiff');
    out = join(dirname(root), 'out');
    plans = await scanAndPlan([root], { outDir: out });
  });

  test('keep: the user spelling stays when it fits the content', () => {
    assert.equal(outputOf(plans.get('in/upper.JPG')), join(out, 'upper.JPG'));
    assert.equal(outputOf(plans.get('in/long.jpeg')), join(out, 'long.jpeg'));
    assert.equal(outputOf(plans.get('in/paper.TIFF')), join(out, 'paper.TIFF'));
    assert.equal(outputOf(plans.get('in/alpha.png')), join(out, 'alpha.png'));
  });

  test('keep: a JPEG named .png becomes .jpg, and an unknown suffix gets .jpg added', () => {
    const plan = plans.get('in/disguised.png');
    assert.equal(outputOf(plan), join(out, 'disguised.jpg'));
    assert.equal(plan && 'outputFormat' in plan ? plan.outputFormat : null, 'jpeg');
    assert.equal(outputOf(plans.get('in/scan.2024')), join(out, 'scan.2024.jpg'));
  });

  test('an explicit format sets the extension of every output', async () => {
    const root = join(dirname(out), 'in');
    const webp = await scanAndPlan([root], {
      outDir: join(dirname(out), 'out-webp'),
      format: 'webp',
    });
    assert.equal(outputOf(webp.get('in/upper.JPG')), join(dirname(out), 'out-webp', 'upper.webp'));
    const plan = webp.get('in/alpha.png');
    assert.equal(plan && 'outputFormat' in plan ? plan.outputFormat : null, 'webp');
  });
});

describe('clashes', () => {
  test('two sources that would write the same output: the second fails naming both', async () => {
    const root = join(await freshFolder(), 'in');
    await writeJpeg(join(root, 'x.jpg'));
    await writeJpeg(join(root, 'x.png')); // a JPEG: keep makes it x.jpg too
    const plans = await scanAndPlan([root], { outDir: join(dirname(root), 'out') });
    assert.ok(outputOf(plans.get('in/x.jpg')));
    assert.equal(
      failureOf(plans.get('in/x.png')),
      'in/x.png: would write the same output as in/x.jpg (x.jpg); not processed',
    );
  });

  test('names that differ only in case are kept apart where the output file system does (probed: ext4 here)', async () => {
    const root = join(await freshFolder(), 'in');
    await writeJpeg(join(root, 'IMG.jpg'));
    await writeJpeg(join(root, 'img.JPG'));
    await writeJpeg(join(root, 'Img.jpg'));
    const out = join(dirname(root), 'out');
    const plans = await scanAndPlan([root], { outDir: out });
    assert.equal(outputOf(plans.get('in/IMG.jpg')), join(out, 'IMG.jpg'));
    assert.equal(outputOf(plans.get('in/img.JPG')), join(out, 'img.JPG'));
    assert.equal(outputOf(plans.get('in/Img.jpg')), join(out, 'Img.jpg'));
    // The probe leaves nothing behind in the output folder.
    assert.deepEqual(await readdir(out), []);
  });

  test('plans are decided in call order even when calls overlap', async () => {
    const base = await freshFolder();
    const source = await writeJpeg(join(base, 'in/x.jpg'));
    const planner = await createOutputPlanner({
      inputs: [join(base, 'in')],
      outDir: join(base, 'out'),
      format: 'keep',
      existing: 'overwrite',
      runId: 1,
    });
    const entry = {
      source,
      root: join(base, 'in'),
      relativePath: 'x.jpg',
      size: 1,
      verdict: 'image' as const,
      format: 'jpeg' as const,
      checked: true,
    };
    const [first, second] = await Promise.all([
      planner.plan(entry, 1),
      planner.plan({ ...entry }, 2),
    ]);
    assert.ok(outputOf(first));
    assert.match(failureOf(second), /would write the same output/);
  });
});

describe('existing outputs', () => {
  async function treeWithExisting(): Promise<{ root: string; out: string }> {
    const base = await freshFolder();
    const root = join(base, 'in');
    await writeJpeg(join(root, 'x.jpg'));
    await writeJpeg(join(root, 'y.jpg'));
    const out = join(base, 'out');
    await writeJpeg(join(out, 'x.jpg'));
    return { root, out };
  }

  test('overwrite (the default) targets the existing output', async () => {
    const { root, out } = await treeWithExisting();
    const plans = await scanAndPlan([root], { outDir: out });
    assert.equal(outputOf(plans.get('in/x.jpg')), join(out, 'x.jpg'));
  });

  test('skip leaves it alone and says why', async () => {
    const { root, out } = await treeWithExisting();
    const plans = await scanAndPlan([root], { outDir: out, existing: 'skip' });
    assert.equal(skipOf(plans.get('in/x.jpg')), 'in/x.jpg: output x.jpg already exists, skipped');
    assert.equal(outputOf(plans.get('in/y.jpg')), join(out, 'y.jpg'));
  });

  test('rename picks x-1, x-2… and never a name another item uses, in either order', async () => {
    const { root, out } = await treeWithExisting();
    await writeJpeg(join(root, 'x-1.jpg'));
    await writeJpeg(join(out, 'x-2.jpg'));
    // Sorted order plans x-1.jpg first: it keeps its name, so x.jpg must skip x-1 and x-2.
    const plans = await scanAndPlan([root], { outDir: out, existing: 'rename' });
    assert.equal(outputOf(plans.get('in/x-1.jpg')), join(out, 'x-1.jpg'));
    assert.equal(outputOf(plans.get('in/x.jpg')), join(out, 'x-3.jpg'));
    // The other order: x.jpg takes x-1 first, so x-1.jpg must move aside rather than fail.
    const planner = await createOutputPlanner({
      inputs: [root],
      outDir: out,
      format: 'keep',
      existing: 'rename',
      runId: 2,
    });
    const entry = (name: string) => ({
      source: join(root, name),
      root,
      relativePath: name,
      size: 1,
      verdict: 'image' as const,
      format: 'jpeg' as const,
      checked: true,
    });
    assert.equal(outputOf(await planner.plan(entry('x.jpg'), 1)), join(out, 'x-1.jpg'));
    assert.equal(outputOf(await planner.plan(entry('x-1.jpg'), 2)), join(out, 'x-1-1.jpg'));
  });

  test('a folder where the output should go fails in words', async () => {
    const { root, out } = await treeWithExisting();
    await mkdir(join(out, 'y.jpg'));
    const plans = await scanAndPlan([root], { outDir: out });
    assert.equal(
      failureOf(plans.get('in/y.jpg')),
      'in/y.jpg: cannot write y.jpg because a folder with that name is in the way',
    );
  });

  test('an existing output that is a link to an input counts as existing, and is replaced rather than followed', async () => {
    const { root, out } = await treeWithExisting();
    await symlink(join(root, 'y.jpg'), join(out, 'y.jpg'));
    const skipped = await scanAndPlan([root], { outDir: out, existing: 'skip' });
    assert.match(skipOf(skipped.get('in/y.jpg')), /already exists/);
    // The worker renames its temp file onto the link itself, so the input behind it is safe.
    const overwritten = await scanAndPlan([root], { outDir: out, existing: 'overwrite' });
    assert.equal(outputOf(overwritten.get('in/y.jpg')), join(out, 'y.jpg'));
  });
});

describe('inputs are never a target', () => {
  test('an output folder equal to an input is refused (also through a link)', async () => {
    const base = await freshFolder();
    const root = join(base, 'in');
    await writeJpeg(join(root, 'x.jpg'));
    const options = { format: 'keep', existing: 'overwrite', runId: 1 } as const;
    await assert.rejects(
      createOutputPlanner({ ...options, inputs: [root], outDir: root }),
      OutputFolderError,
    );
    await symlink(root, join(base, 'alias'));
    await assert.rejects(
      createOutputPlanner({ ...options, inputs: [root], outDir: join(base, 'alias') }),
      /is the input/,
    );
    await assert.rejects(
      createOutputPlanner({ ...options, inputs: [root], outDir: join(root, 'x.jpg') }),
      /is a file, not a folder/,
    );
  });

  test('a file input whose output would be itself fails', async () => {
    const base = await freshFolder();
    const file = await writeJpeg(join(base, 'x.jpg'));
    const plans = await scanAndPlan([file], { outDir: base });
    assert.match(
      failureOf(plans.get('x.jpg')),
      /^x\.jpg: the output x\.jpg would replace its own original/,
    );
  });

  test('an input inside the output folder is never written into', async () => {
    const out = await freshFolder('outer');
    const root = join(out, 'originals');
    await writeJpeg(join(root, 'a.jpg'));
    await writeJpeg(join(root, 'originals', 'b.jpg')); // would map onto originals/b.jpg, an input
    const plans = await scanAndPlan([root], { outDir: out });
    assert.equal(outputOf(plans.get('originals/a.jpg')), join(out, 'a.jpg'));
    assert.match(
      failureOf(plans.get('originals/originals/b.jpg')),
      /would replace a file in the input folder .*; inputs are never overwritten/,
    );
  });
});

test('skip and fail entries from the scan pass through with their reasons', async () => {
  const root = join(await freshFolder(), 'in');
  await writeHtml(join(root, 'holiday.jpg'));
  const plans = await scanAndPlan([root], { outDir: join(dirname(root), 'out') });
  assert.equal(
    failureOf(plans.get('in/holiday.jpg')),
    'in/holiday.jpg: not an image (it is an HTML page)',
  );
});

test('temp names sit beside the output and are ours', async () => {
  const root = join(await freshFolder(), 'in');
  await writeJpeg(join(root, 'sub/x.jpg'));
  const plan = (await scanAndPlan([root], { outDir: join(dirname(root), 'out') })).get(
    'in/sub/x.jpg',
  );
  assert.ok(plan && 'temp' in plan);
  assert.equal(dirname(plan.temp), dirname(plan.output));
  assert.ok(isTempName(basename(plan.temp)));
  assert.match(basename(plan.temp), /photobatch-42-1\.tmp$/);
});

test('odd and very long names: kept when they fit, failed in words when the new extension does not', async () => {
  const root = join(await freshFolder(), 'in');
  const odd = ['-rf.jpg', '📷 beach.jpg', 'line\nbreak.jpg', `${'é'.repeat(125)}.jpg`];
  for (const name of odd) await writeJpeg(join(root, name));
  await writeJpeg(join(root, `${'a'.repeat(247)}.txt`)); // 251 bytes + ".jpg" = 255: fits
  await writeJpeg(join(root, `${'b'.repeat(249)}.txt`)); // 253 + 4 > 255
  const out = join(dirname(root), 'out');
  const plans = await scanAndPlan([root], { outDir: out });
  for (const name of odd)
    assert.equal(outputOf(plans.get(join('in', name))), join(out, name), JSON.stringify(name));
  assert.equal(
    outputOf(plans.get(`in/${'a'.repeat(247)}.txt`)),
    join(out, `${'a'.repeat(247)}.txt.jpg`),
  );
  assert.match(
    failureOf(plans.get(`in/${'b'.repeat(249)}.txt`)),
    /would be longer than file systems allow \(255 bytes\)$/,
  );
  const temps = (await readdir(out).catch(() => [])).length;
  assert.equal(temps, 0, 'planning writes nothing');
});

test('a released output name can be planned again (a source that turned out not to be an image)', async () => {
  const base = await freshFolder();
  const planner = await createOutputPlanner({
    inputs: [join(base, 'in')],
    outDir: join(base, 'out'),
    format: 'jpeg',
    existing: 'overwrite',
    runId: 1,
  });
  const entry = (name: string) => ({
    source: join(base, 'in', name),
    root: join(base, 'in'),
    relativePath: name,
    size: 1,
    verdict: 'image' as const,
    format: 'jpeg' as const,
    checked: false,
  });
  const first = outputOf(await planner.plan(entry('a.jpg'), 1));
  assert.match(failureOf(await planner.plan(entry('a.png'), 2)), /would write the same output/);
  planner.release(first!);
  assert.equal(outputOf(await planner.plan(entry('a.png'), 3)), join(base, 'out', 'a.jpg'));
});
