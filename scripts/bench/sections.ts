/**
 * The benchmark's sections, in the order they run. To add one: write
 * scripts/bench/sections/<name>.ts exporting a BenchSection (see types.ts and
 * docs/BENCHMARKS.md) and add it here. Sections that need nothing run first, before the
 * database and the app start; `growth` stays last (it leaves a million rows behind).
 */
import { anchoring } from "./sections/anchoring";
import { bell } from "./sections/bell";
import { capacity } from "./sections/capacity";
import { client } from "./sections/client";
import { courseAdmin } from "./sections/course-admin";
import { fanout } from "./sections/fanout";
import { growth } from "./sections/growth";
import { importer } from "./sections/importer";
import { lighthouse } from "./sections/lighthouse";
import { posting } from "./sections/posting";
import { readingPage } from "./sections/reading-page";
import { revise } from "./sections/revise";
import { scholarly } from "./sections/scholarly";
import { search } from "./sections/search";
import { thread } from "./sections/thread";
import { uploads } from "./sections/uploads";
import { web } from "./sections/web";
import { wordList } from "./sections/word-list";
import type { BenchSection } from "./types";

export const SECTIONS: BenchSection[] = [importer, web, scholarly, anchoring, wordList, client, readingPage, thread, posting, fanout, capacity, lighthouse, uploads, revise, courseAdmin, search, bell, growth];
