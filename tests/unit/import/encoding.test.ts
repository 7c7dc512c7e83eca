import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { importDocument } from "@/lib/import/index";
import { texts } from "./helpers/seeds";

const PARA = "Khrushchev’s “secret” speech — read aloud in Moscow — was déjà vu for some; for others, a shock.";

describe("encodings", () => {
  it("windows-1252 HTML with a declared charset", async () => {
    const html = `<html><head><meta charset="windows-1252"></head><body><p>${PARA}</p></body></html>`;
    const r = await importDocument(iconv.encode(html, "windows-1252"), "a.html");
    expect(texts(r)).toEqual([PARA]);
    expect(r.report[0]).toMatchObject({ rule: "decode", before: "windows-1252" });
  });

  it("windows-1252 text without any declaration", async () => {
    const text = `${PARA}\n\n${PARA.replace("shock", "surprise")}`;
    const r = await importDocument(iconv.encode(text, "windows-1252"), "a.txt");
    expect(texts(r)).toEqual([PARA, PARA.replace("shock", "surprise")]);
  });

  it("a wrong 'iso-8859-1' declaration still reads curly quotes (treated as windows-1252)", async () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head><body><p>${PARA}</p></body></html>`;
    const r = await importDocument(iconv.encode(html, "windows-1252"), "a.htm");
    expect(texts(r)).toEqual([PARA]);
  });

  it("UTF-8 with BOM, UTF-16LE with BOM", async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(PARA)]);
    expect(texts(await importDocument(bom, "a.txt"))).toEqual([PARA]);
    const u16 = new Uint8Array([0xff, 0xfe, ...iconv.encode(PARA, "utf16le")]);
    expect(texts(await importDocument(u16, "a.txt"))).toEqual([PARA]);
  });

  it("numeric references to windows-1252 code points (&#151;) become the characters meant", async () => {
    const html = `<html><body><p>It was&#151;as everyone knew&#151;a &#147;thaw&#148;, long awaited by many.</p></body></html>`;
    expect(texts(await importDocument(new TextEncoder().encode(html), "a.html"))).toEqual(["It was—as everyone knew—a “thaw”, long awaited by many."]);
  });
});
