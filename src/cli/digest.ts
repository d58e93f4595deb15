/** `handoff digest --now [--channel ID]` */
export async function runDigestCli(_args: string[]): Promise<number> {
  process.stderr.write('The digest is not available yet.\n');
  return 1;
}
