/** A lead button's value is the lead id Handoff wrote; anything else (forged, truncated) is no lead. */
export function leadIdFrom(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 255 ? value : undefined;
}
