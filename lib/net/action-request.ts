/**
 * What a server-action request may look like before Next.js decodes it. Next.js (React's
 * `decodeReply`) answers 500 to a body it cannot decode — malformed JSON, a reference to a
 * part that was never sent ("$1", "$Q1", "$F1"), a multipart body that does not parse — and
 * recurses once per level of nesting. Colloquy's actions take plain JSON arguments (files go
 * to route handlers), which React sends as a text/plain JSON array; anything else is
 * refused here with a 4xx and a sentence (proxy.ts), before it reaches the decoder.
 */

export const MAX_ACTION_DEPTH = 64;
/** Colloquy's actions take one or two arguments; Next.js answers 500 past 1,000. */
export const MAX_ACTION_ARGS = 16;

// Values React's encodeReply writes for plain data: escaped strings ("$$…"), undefined,
// dates, bigints and the special numbers. Every other "$…" is a reference to another part.
const PLAIN_TOKEN = /^\$(?:\$|undefined$|Infinity$|-Infinity$|NaN$|-0$|D\d|n-?\d+$)/;

export type ActionBodyProblem = { status: 400 | 415; message: string };

/** Checks a fetch action's body (the request had a Next-Action header). */
export function checkActionBody(contentType: string, body: string): ActionBodyProblem | null {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (type !== "text/plain") {
    return { status: 415, message: "Colloquy's forms send their fields as JSON; this request sent something else and was refused." };
  }
  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch {
    return { status: 400, message: "This form's data could not be read. Reload the page and try again." };
  }
  if (!Array.isArray(value)) return { status: 400, message: "This form's data could not be read. Reload the page and try again." };
  if (value.length > MAX_ACTION_ARGS) return { status: 400, message: "This form sent more values than any Colloquy form has." };
  return plainProblem(value);
}

function plainProblem(root: unknown): ActionBodyProblem | null {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (depth > MAX_ACTION_DEPTH) return { status: 400, message: `This form's data is nested more than ${MAX_ACTION_DEPTH} levels deep.` };
    if (typeof value === "string") {
      if (value.startsWith("$") && !PLAIN_TOKEN.test(value)) {
        return { status: 400, message: "This form's data refers to parts that were not sent. Reload the page and try again." };
      }
    } else if (Array.isArray(value)) {
      for (const item of value) stack.push({ value: item, depth: depth + 1 });
    } else if (value && typeof value === "object") {
      for (const item of Object.values(value)) stack.push({ value: item, depth: depth + 1 });
    }
  }
  return null;
}
