import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// ARCHITECTURE.md's floors, checked on the source: a change that makes the domain speak Slack,
// or a listener run SQL, fails here with the file and the import that did it.

const SRC = resolve(import.meta.dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

interface Import { file: string; target: string; typeOnly: boolean }

/** Every relative import of every file under src/, as a path under src/. */
function imports(): Import[] {
  return sourceFiles(SRC).flatMap((path) => {
    const text = readFileSync(path, 'utf8');
    const found: Import[] = [];
    for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)) {
      found.push({ file: relative(SRC, path), target: relative(SRC, resolve(dirname(path), m[2])), typeOnly: Boolean(m[1]) });
    }
    return found;
  });
}

const all = imports();
const floorOf = (path: string) => (path.includes('/') ? path.split('/')[0] : path.replace(/\.ts$/, ''));
const breaking = (from: string, forbidden: string[], { types = false } = {}) =>
  all.filter((i) => floorOf(i.file) === from && forbidden.includes(floorOf(i.target)) && (types || !i.typeOnly)).map((i) => `${i.file} → ${i.target}`);

describe('the floors of src/', () => {
  it('reads the imports it checks (a parser that finds nothing would pass anything)', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(all).toContainEqual({ file: 'notices/render.ts', target: 'views/lead-dm.ts', typeOnly: false });
  });

  it('keeps the domain free of views, Slack, the Home and the layers above it', () => {
    expect(breaking('domain', ['views', 'slack', 'home', 'handlers', 'http', 'notices', 'use-cases', 'demo', 'standin', 'jobs'], { types: true })).toEqual([]);
  });

  it('keeps views pure: words and blocks from data, no database, outbox or Slack calls', () => {
    expect(breaking('views', ['db', 'delivery', 'slack', 'home', 'handlers', 'http', 'notices', 'jobs', 'crm'])).toEqual([]);
  });

  it('keeps SQL out of listeners: they call use cases and the domain', () => {
    const withSql = sourceFiles(join(SRC, 'handlers'))
      .filter((path) => /\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path));
    expect(withSql).toEqual([]);
    expect(breaking('handlers', ['db', 'delivery'])).toEqual([]);
  });
});
