/** How long a lead may wait for an answer, by buying stage, in milliseconds. */
export interface SlaByStage {
  byStage: Record<string, number>;
  default: number;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses `decision=1h,consideration=24h,default=24h`; returns an error message when it cannot. */
export function parseSla(text: string): SlaByStage | string {
  const byStage: Record<string, number> = {};
  let fallback: number | undefined;
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z_-]+)\s*=\s*(\d+(?:\.\d+)?)\s*([mhd])$/i.exec(part);
    if (!match) return `"${part}" is not stage=DURATION (e.g. decision=1h; units m, h, d)`;
    const ms = Number(match[2]) * UNIT_MS[match[3].toLowerCase()];
    if (ms <= 0) return `"${part}": the duration must be more than zero`;
    const stage = match[1].toLowerCase();
    if (stage === 'default') fallback = ms;
    else byStage[stage] = ms;
  }
  return { byStage, default: fallback ?? 24 * UNIT_MS.h };
}

export function slaFor(sla: SlaByStage, stage: string | null | undefined): number {
  return (stage && sla.byStage[stage.toLowerCase()]) || sla.default;
}

export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = minutes / 60;
  if (hours < 48) return `${Number.isInteger(hours) ? hours : hours.toFixed(1)} h`;
  return `${Math.round(hours / 24)} days`;
}
