// One row per figure, each beside the baseline measured in the same run.

import { cpus, totalmem } from 'node:os';

export interface Row {
  figure: string;
  handoff: number | null;
  baseline: number | null;
  unit: string;
  /** handoff ÷ baseline; undefined leaves it to the row's own numbers. */
  ratio?: number | null;
  goal: string;
  met: boolean | null;
  note?: string;
}

export function ratioOf(handoff: number | null, baseline: number | null): number | null {
  if (handoff === null || baseline === null || baseline === 0 || !Number.isFinite(handoff) || !Number.isFinite(baseline)) return null;
  return handoff / baseline;
}

function number(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${unit}`;
}

export function formatTable(rows: Row[]): string {
  const header = ['figure', 'Handoff', 'baseline', 'ratio', 'goal', 'met?'];
  const cells = rows.map((r) => {
    const ratio = r.ratio === undefined ? ratioOf(r.handoff, r.baseline) : r.ratio;
    return [
      r.figure,
      number(r.handoff, r.unit),
      number(r.baseline, r.unit),
      ratio === null ? '—' : `${ratio.toFixed(2)}×`,
      r.goal,
      r.met === null ? '—' : r.met ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)];
  const notes = rows.filter((r) => r.note).map((r) => `- ${r.figure}: ${r.note}`);
  return [...out, ...(notes.length ? ['', ...notes] : [])].join('\n');
}

export function machine(): Record<string, unknown> {
  return { cpus: cpus().length, cpu: cpus()[0]?.model, memoryMB: Math.round(totalmem() / 2 ** 20), node: process.version, platform: process.platform };
}
