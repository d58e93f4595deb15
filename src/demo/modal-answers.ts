// Fills in a modal the app really opened, the way Slack reports a submitted form
// (view.state.values[block_id][action_id]), answering each input by its block_id or label.
// Reading the inputs from the opened view keeps the demo honest: it submits what the form asks.

/** answers by block_id or label (case-insensitive): text, an option's value or text, a user id, a date */
export type ModalAnswers = Record<string, string | string[]>;

function labelOf(block: any): string {
  return typeof block?.label?.text === 'string' ? block.label.text.toLowerCase() : '';
}

function findOption(el: any, wanted: string): any {
  const options: any[] = el.options ?? (el.option_groups ?? []).flatMap((g: any) => g.options ?? []);
  const w = wanted.toLowerCase();
  const found = options.find((o) => String(o.value).toLowerCase() === w || String(o.text?.text ?? '').toLowerCase() === w);
  if (!found) throw new Error(`no option "${wanted}" in ${el.action_id ?? 'a select'}; it offers ${options.map((o) => o.value).join(', ')}`);
  return found;
}

function stateFor(el: any, answer: string | string[] | undefined): Record<string, unknown> {
  const one = Array.isArray(answer) ? answer[0] : answer;
  const many = answer === undefined ? undefined : Array.isArray(answer) ? answer : [answer];
  switch (el.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { type: el.type, value: one ?? el.initial_value ?? null };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return { type: el.type, selected_option: one !== undefined ? findOption(el, one) : (el.initial_option ?? null) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { type: el.type, selected_options: many ? many.map((v) => findOption(el, v)) : (el.initial_options ?? []) };
    case 'users_select':
      return { type: el.type, selected_user: one ?? el.initial_user ?? null };
    case 'multi_users_select':
      return { type: el.type, selected_users: many ?? el.initial_users ?? [] };
    case 'conversations_select':
      return { type: el.type, selected_conversation: one ?? el.initial_conversation ?? null };
    case 'channels_select':
      return { type: el.type, selected_channel: one ?? el.initial_channel ?? null };
    case 'datepicker':
      return { type: el.type, selected_date: one ?? el.initial_date ?? null };
    case 'timepicker':
      return { type: el.type, selected_time: one ?? el.initial_time ?? null };
    default:
      return { type: el.type, value: one ?? null };
  }
}

/** view.state.values for a submission of `view` with these answers; an answer no input takes is an error. */
export function fillModal(view: any, answers: ModalAnswers): Record<string, Record<string, any>> {
  const values: Record<string, Record<string, any>> = {};
  const used = new Set<string>();
  for (const block of Array.isArray(view?.blocks) ? view.blocks : []) {
    if (block?.type !== 'input' || !block.element) continue;
    const key = Object.keys(answers).find((k) => k === block.block_id || k.toLowerCase() === labelOf(block));
    if (key) used.add(key);
    const blockId = block.block_id ?? labelOf(block);
    values[blockId] = { [block.element.action_id ?? 'input']: stateFor(block.element, key ? answers[key] : undefined) };
  }
  const unused = Object.keys(answers).filter((k) => !used.has(k));
  if (unused.length) throw new Error(`the form has no field for ${unused.map((k) => `"${k}"`).join(', ')}`);
  return values;
}

/** The view as the person sees it just before clicking Submit: their answers filled in. */
export function filledView(view: any, answers: ModalAnswers): any {
  const blocks = (Array.isArray(view?.blocks) ? view.blocks : []).map((block: any) => {
    if (block?.type !== 'input' || !block.element) return block;
    const key = Object.keys(answers).find((k) => k === block.block_id || k.toLowerCase() === labelOf(block));
    if (!key) return block;
    const state = stateFor(block.element, answers[key]);
    const el = { ...block.element };
    if ('value' in state) el.initial_value = state.value;
    if ('selected_option' in state) el.initial_option = state.selected_option;
    if ('selected_options' in state) el.initial_options = state.selected_options;
    if ('selected_user' in state) el.initial_user = state.selected_user;
    if ('selected_date' in state) el.initial_date = state.selected_date;
    if ('selected_time' in state) el.initial_time = state.selected_time;
    return { ...block, element: el };
  });
  return { ...view, blocks };
}
