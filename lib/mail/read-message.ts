/**
 * Just enough MIME to show an outbox message (/outbox): the headers (RFC 2047 encoded
 * words decoded) and the text/plain part (quoted-printable or base64 decoded). The
 * messages are the ones nodemailer wrote for us; anything else shows as raw text.
 */
export interface ReadMessage {
  from: string;
  to: string;
  subject: string;
  date: string;
  text: string;
}

function decodeWords(value: string): string {
  return value.replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=\s*(?==\?)?/g, (_m, _charset: string, enc: string, data: string) => {
    if (enc.toUpperCase() === "B") return Buffer.from(data, "base64").toString("utf8");
    return decodeQuotedPrintable(data.replace(/_/g, " "));
  });
}

function decodeQuotedPrintable(text: string): string {
  const soft = text.replace(/=\r?\n/g, "");
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i]!;
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(c, "utf8"));
  }
  return Buffer.from(bytes).toString("utf8");
}

function split(raw: string): { headers: Map<string, string>; body: string } {
  const at = raw.search(/\r?\n\r?\n/);
  const head = at < 0 ? raw : raw.slice(0, at);
  const body = at < 0 ? "" : raw.slice(at).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}

function decodePart(headers: Map<string, string>, body: string): string {
  const enc = (headers.get("content-transfer-encoding") ?? "").toLowerCase();
  if (enc === "quoted-printable") return decodeQuotedPrintable(body);
  if (enc === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  return body;
}

export function readMessage(raw: string): ReadMessage {
  const { headers, body } = split(raw);
  const type = headers.get("content-type") ?? "text/plain";
  let text = body;
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    const parts = body.split(`--${boundary}`);
    const plain = parts.map((p) => split(p.replace(/^\r?\n/, ""))).find((p) => (p.headers.get("content-type") ?? "").toLowerCase().startsWith("text/plain"));
    text = plain ? decodePart(plain.headers, plain.body) : body;
  } else text = decodePart(headers, body);
  const h = (name: string) => decodeWords(headers.get(name) ?? "");
  return { from: h("from"), to: h("to"), subject: h("subject"), date: h("date"), text: text.trim() };
}
