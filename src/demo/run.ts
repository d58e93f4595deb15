/** `handoff demo` */
export async function runDemo(_args: string[]): Promise<number> {
  process.stdout.write('The demo is not available yet.\n');
  return 0;
}
