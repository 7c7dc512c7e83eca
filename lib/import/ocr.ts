/**
 * OCR for PDF pages without a text layer: tesseract.js (WebAssembly Tesseract, LSTM engine)
 * with the English model from the `@tesseract.js-data/eng` package — read from
 * node_modules, never downloaded at run time. Runs inside the import sandbox (its own
 * worker thread, which tesseract.js gives a worker of its own).
 *
 * A page image comes from pdf.js as decoded pixels; it is turned into 8-bit grey PGM (a
 * format Tesseract reads natively), scaled down when it is larger than a 300 dpi page
 * needs. Recognised lines come back in page units (points, y growing upwards) so the PDF
 * reader lays them out exactly like a text layer's lines.
 */
import type { OcrEngine, OcrLine, OcrPageResult, PageImage } from "./types";

/** Above this many pixels a page is scaled down before recognition (A4 at 300 dpi ≈ 8.7 M). */
const MAX_OCR_PIXELS = 12_000_000;

/** Words below this confidence (0–100) are marked in the preview for the instructor to check. */
export const UNCERTAIN_BELOW = 70;

interface TesseractWord {
  text: string;
  confidence: number;
}
interface TesseractLine {
  text: string;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  words: TesseractWord[];
}
interface TesseractBlock {
  paragraphs: { lines: TesseractLine[] }[];
}

/** Decoded pixels (1, 3 or 4 bytes each) → grey PGM, shrunk by an integer factor when too large. */
export function toPgm(image: PageImage): { pgm: Buffer; scale: number } {
  const { width, height, data } = image;
  const channels = Math.max(1, Math.round(data.length / (width * height)));
  const factor = Math.max(1, Math.ceil(Math.sqrt((width * height) / MAX_OCR_PIXELS)));
  const w = Math.floor(width / factor);
  const h = Math.floor(height / factor);
  const header = Buffer.from(`P5\n${w} ${h}\n255\n`, "latin1");
  const out = Buffer.alloc(header.length + w * h);
  header.copy(out);
  let o = header.length;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let sum = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * width;
        for (let dx = 0; dx < factor; dx++) {
          const i = (row + x * factor + dx) * channels;
          // luma from RGB(A); grey images have one channel
          sum += channels >= 3 ? (data[i]! * 299 + data[i + 1]! * 587 + data[i + 2]! * 114) / 1000 : data[i]!;
        }
      }
      out[o++] = Math.round(sum / (factor * factor));
    }
  }
  return { pgm: out, scale: factor };
}

export interface TesseractOcr extends OcrEngine {
  terminate(): Promise<void>;
}

/** A tesseract.js engine (started on first use; `terminate` when done). */
export function createTesseractOcr(): TesseractOcr {
  let worker: Promise<import("tesseract.js").Worker> | null = null;
  const start = async () => {
    const { createWorker, OEM } = await import("tesseract.js");
    const eng = (await import("@tesseract.js-data/eng")) as unknown as { langPath: string; default?: { langPath: string } };
    const langPath = eng.langPath ?? eng.default!.langPath;
    return createWorker("eng", OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: "none" });
  };
  return {
    async recognize(image: PageImage): Promise<OcrPageResult> {
      worker ??= start();
      const w = await worker;
      const { pgm, scale } = toPgm(image);
      const result = await w.recognize(pgm, {}, { text: false, blocks: true });
      const unit = (image.pageWidth / image.width) * scale; // points per recognised pixel
      const blocks = (result.data.blocks ?? []) as unknown as TesseractBlock[];
      const lines: OcrLine[] = [];
      for (const block of blocks)
        for (const para of block.paragraphs)
          for (const line of para.lines) {
            const text = line.text.replace(/\s+$/, "");
            if (!text) continue;
            lines.push({
              text,
              x: line.bbox.x0 * unit,
              y: -line.bbox.y0 * unit,
              right: line.bbox.x1 * unit,
              size: Math.max(1, (line.bbox.y1 - line.bbox.y0) * unit),
              words: line.words.map((word) => ({ text: word.text, confidence: word.confidence })),
            });
          }
      return { lines, confidence: result.data.confidence };
    },
    async terminate() {
      if (worker) await (await worker).terminate().catch(() => {});
      worker = null;
    },
  };
}
