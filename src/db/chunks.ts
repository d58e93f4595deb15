/**
 * Splits rows for multi-row inserts into chunks whose sizes are powers of two (64, 32, … 1): few
 * statements per batch, and few distinct SQL texts, so the prepared-statement cache keeps them.
 */
export function powerOfTwoChunks<T>(rows: readonly T[], max = 64): T[][] {
  const chunks: T[][] = [];
  let at = 0;
  while (at < rows.length) {
    let size = max;
    while (size > rows.length - at) size >>= 1;
    chunks.push(rows.slice(at, at + size));
    at += size;
  }
  return chunks;
}
