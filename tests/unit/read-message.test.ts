import { describe, expect, test } from "vitest";
import nodemailer from "nodemailer";
import { readMessage } from "@/lib/mail/read-message";

describe("reading an outbox message", () => {
  test("headers and the text part come back as written, whatever nodemailer encoded", async () => {
    const subject = "Bob <script> replied to you — “The Lamp & the Shaft”";
    const text = `Hello Älice,\n\nA long line ${"word ".repeat(40)}= with equals\n\nOpen it: http://localhost:3000/x#c-abc`;
    const built = await nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" }).sendMail({
      from: "Colloquy <no-reply@colloquy.local>",
      to: "alice@example.edu",
      subject,
      text,
      html: "<p>html</p>",
    });
    const m = readMessage((built.message as Buffer).toString("utf8"));
    expect(m.subject).toBe(subject);
    expect(m.to).toBe("alice@example.edu");
    expect(m.text).toBe(text.trim());
  });
});
