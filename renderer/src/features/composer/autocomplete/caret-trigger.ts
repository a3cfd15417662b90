/** When a character typed in a text box starts a completion, e.g. ":" for emoji or "@" for people. */
export interface TriggerRule {
  /** The one character that starts it. */
  char: string;
  /** Characters typed after it before the list opens (":" alone, or "12:3", should not open it). */
  minQueryLength: number;
  /** What the query may consist of; anything else (a space, most punctuation) ends the completion. */
  queryPattern: RegExp;
}

export interface TriggerMatch {
  /** Index of the trigger character in the text. */
  start: number;
  /** The caret: the query is text.slice(start + 1, end). */
  end: number;
  query: string;
}

/** The trigger must start the text or follow a space or an opening bracket, so "12:30" or "a@b" do not open it. */
const MAY_PRECEDE = /[\s([{"']/;

/**
 * The completion the caret is in, if any: the nearest trigger character before the caret with
 * only query characters between the two. Only a collapsed caret counts (no selection).
 */
export function findTrigger(text: string, caret: number, rule: TriggerRule): TriggerMatch | null {
  const start = text.lastIndexOf(rule.char, caret - 1);
  if (start < 0) return null;
  if (start > 0 && !MAY_PRECEDE.test(text[start - 1]!)) return null;
  const query = text.slice(start + 1, caret);
  if (query.length < rule.minQueryLength || !rule.queryPattern.test(query)) return null;
  return { start, end: caret, query };
}

/** The text with the trigger and its query replaced, and where the caret goes (after the replacement). */
export function replaceTrigger(text: string, match: TriggerMatch, replacement: string): { text: string; caret: number } {
  return {
    text: text.slice(0, match.start) + replacement + text.slice(match.end),
    caret: match.start + replacement.length,
  };
}
