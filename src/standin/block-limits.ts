// Block Kit limits as Slack enforces them server-side (slack-platform.md section 5).
// The point is that a message or view the real API would reject is rejected here too,
// so an oversized lead summary fails in tests instead of in a customer's workspace.
// Problems are reported in Slack's own response_metadata.messages style.

export type Surface = 'message' | 'modal' | 'home';

export interface BlockProblem {
  error: 'invalid_blocks_format' | 'invalid_blocks';
  messages: string[];
}

const MAX_BLOCKS: Record<Surface, number> = { message: 50, modal: 100, home: 100 };

function tooLong(max: number, pointer: string): string {
  return `[ERROR] must be less than ${max + 1} characters [json-pointer:${pointer}]`;
}

function textOf(obj: any): string | undefined {
  return obj && typeof obj === 'object' && typeof obj.text === 'string' ? obj.text : undefined;
}

function maxText(obj: any, max: number, pointer: string, out: string[]): void {
  const t = textOf(obj);
  if (t !== undefined && t.length > max) out.push(tooLong(max, `${pointer}/text`));
}

function maxString(value: unknown, max: number, pointer: string, out: string[]): void {
  if (typeof value === 'string' && value.length > max) out.push(tooLong(max, pointer));
}

function maxItems(list: unknown, max: number, pointer: string, out: string[]): void {
  if (Array.isArray(list) && list.length > max) out.push(`[ERROR] no more than ${max} items allowed [json-pointer:${pointer}]`);
}

function checkOption(opt: any, p: string, out: string[]): void {
  maxText(opt?.text, 75, `${p}/text`, out);
  maxString(opt?.value, 150, `${p}/value`, out);
  maxText(opt?.description, 75, `${p}/description`, out);
}

function checkElement(el: any, p: string, out: string[]): void {
  if (!el || typeof el !== 'object') return;
  maxString(el.action_id, 255, `${p}/action_id`, out);
  maxText(el.placeholder, 150, `${p}/placeholder`, out);
  if (el.type === 'button') {
    maxText(el.text, 75, `${p}/text`, out);
    maxString(el.value, 2000, `${p}/value`, out);
    maxString(el.url, 3000, `${p}/url`, out);
    maxString(el.accessibility_label, 75, `${p}/accessibility_label`, out);
  }
  maxItems(el.options, 100, `${p}/options`, out);
  if (Array.isArray(el.options)) el.options.forEach((o: any, i: number) => checkOption(o, `${p}/options/${i}`, out));
  maxItems(el.option_groups, 100, `${p}/option_groups`, out);
  if (Array.isArray(el.option_groups)) {
    el.option_groups.forEach((g: any, gi: number) => {
      maxItems(g?.options, 100, `${p}/option_groups/${gi}/options`, out);
      (g?.options ?? []).forEach((o: any, i: number) => checkOption(o, `${p}/option_groups/${gi}/options/${i}`, out));
    });
  }
  if (el.confirm) {
    maxText(el.confirm.title, 100, `${p}/confirm/title`, out);
    maxText(el.confirm.text, 300, `${p}/confirm/text`, out);
    maxText(el.confirm.confirm, 30, `${p}/confirm/confirm`, out);
    maxText(el.confirm.deny, 30, `${p}/confirm/deny`, out);
  }
  if (el.type === 'plain_text_input') {
    if (el.max_length !== undefined && !(el.max_length >= 1 && el.max_length <= 3000)) out.push(`[ERROR] must be between 1 and 3000 [json-pointer:${p}/max_length]`);
    if (el.min_length !== undefined && !(el.min_length >= 0 && el.min_length <= 3000)) out.push(`[ERROR] must be between 0 and 3000 [json-pointer:${p}/min_length]`);
  }
}

// Slack refuses duplicate action_ids inside one block.
function checkElements(elements: unknown, p: string, out: string[]): void {
  if (!Array.isArray(elements)) return;
  const seen = new Set<string>();
  elements.forEach((el: any, i: number) => {
    checkElement(el, `${p}/${i}`, out);
    if (typeof el?.action_id === 'string') {
      if (seen.has(el.action_id)) out.push(`[ERROR] action_id already exists: ${el.action_id} [json-pointer:${p}/${i}/action_id]`);
      seen.add(el.action_id);
    }
  });
}

function checkBlock(b: any, p: string, out: string[]): void {
  maxString(b.block_id, 255, `${p}/block_id`, out);
  switch (b.type) {
    case 'section': {
      const t = textOf(b.text);
      if (t === undefined && !Array.isArray(b.fields)) out.push(`[ERROR] must provide either text or fields [json-pointer:${p}]`);
      if (t !== undefined && t.length === 0) out.push(`[ERROR] must be more than 0 characters [json-pointer:${p}/text/text]`);
      maxText(b.text, 3000, `${p}/text`, out);
      maxItems(b.fields, 10, `${p}/fields`, out);
      if (Array.isArray(b.fields)) b.fields.forEach((f: any, i: number) => maxText(f, 2000, `${p}/fields/${i}`, out));
      checkElement(b.accessory, `${p}/accessory`, out);
      break;
    }
    case 'header':
      maxText(b.text, 150, `${p}/text`, out);
      break;
    case 'actions':
      if (!Array.isArray(b.elements) || b.elements.length === 0) out.push(`[ERROR] must provide at least 1 item [json-pointer:${p}/elements]`);
      maxItems(b.elements, 25, `${p}/elements`, out);
      checkElements(b.elements, `${p}/elements`, out);
      break;
    case 'context':
      maxItems(b.elements, 10, `${p}/elements`, out);
      break;
    case 'input':
      maxText(b.label, 2000, `${p}/label`, out);
      maxText(b.hint, 2000, `${p}/hint`, out);
      checkElement(b.element, `${p}/element`, out);
      break;
    case 'image':
      maxString(b.alt_text, 2000, `${p}/alt_text`, out);
      maxText(b.title, 2000, `${p}/title`, out);
      break;
    case 'markdown':
      maxString(b.text, 12000, `${p}/text`, out);
      break;
  }
}

/** null when Slack would accept these blocks on this surface. */
export function checkBlocks(blocks: unknown, surface: Surface): BlockProblem | null {
  if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format', messages: ['[ERROR] must be an array [json-pointer:/blocks]'] };
  if (blocks.some((b) => !b || typeof b !== 'object' || typeof b.type !== 'string')) {
    return { error: 'invalid_blocks_format', messages: ['[ERROR] every block must be an object with a type [json-pointer:/blocks]'] };
  }
  const out: string[] = [];
  maxItems(blocks, MAX_BLOCKS[surface], '/blocks', out);
  const blockIds = new Set<string>();
  blocks.forEach((b: any, i: number) => {
    checkBlock(b, `/blocks/${i}`, out);
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) out.push(`[ERROR] block_id already exists: ${b.block_id} [json-pointer:/blocks/${i}/block_id]`);
      blockIds.add(b.block_id);
    }
  });
  return out.length ? { error: 'invalid_blocks', messages: out } : null;
}

/** Messages for views.open/update/push/publish; Slack answers invalid_arguments with these. */
export function checkView(view: any, allowed: Array<'modal' | 'home'>): string[] {
  if (!view || typeof view !== 'object') return ['[ERROR] missing required field: view'];
  if (!allowed.includes(view.type)) return [`[ERROR] must be one of: ${allowed.join(', ')} [json-pointer:/view/type]`];
  const out: string[] = [];
  if (view.type === 'modal') {
    if (textOf(view.title) === undefined) out.push('[ERROR] missing required field: title [json-pointer:/view]');
    maxText(view.title, 24, '/view/title', out);
    maxText(view.submit, 24, '/view/submit', out);
    maxText(view.close, 24, '/view/close', out);
    const hasInput = Array.isArray(view.blocks) && view.blocks.some((b: any) => b?.type === 'input');
    if (hasInput && !view.submit) out.push('[ERROR] must provide submit when there is an input block [json-pointer:/view/submit]');
  }
  maxString(view.private_metadata, 3000, '/view/private_metadata', out);
  maxString(view.callback_id, 255, '/view/callback_id', out);
  maxString(view.external_id, 255, '/view/external_id', out);
  const blocks = checkBlocks(view.blocks ?? [], view.type);
  if (blocks) out.push(...blocks.messages.map((m) => m.replace('[json-pointer:/blocks', '[json-pointer:/view/blocks')));
  return out;
}
