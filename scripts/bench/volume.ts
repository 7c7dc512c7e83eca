/**
 * The benchmark's data: the demo course (five seed readings, through the real importer)
 * grown to class scale with bulk SQL (generate_series / INSERT … SELECT, never a row at a
 * time):
 *   - 300 students in the demo course (student1 … student300@demo.colloquy), each able to
 *     sign in through next-auth for real. student4 … student300 share one Argon2id hash made
 *     with cheap parameters: the posting section signs in 200 of them, and at the app's cost
 *     (19 MB, 2 passes) that took 70 s of a run on a busy machine — sign-in is not what it
 *     measures;
 *   - 5,000 comments on the longest reading (002), 500 of them on one paragraph (the
 *     "thread"), as roots with replies, some on passages (quote/prefix/suffix/offsets);
 *   - "elsewhere": other courses (copies of the five readings, their own members) that hold
 *     the rest of the database's comments, grown on demand for the growth section.
 * Everything inserted here is visible class discussion (status VISIBLE, visibility CLASS).
 * If a change adds denormalised state that the app keeps current on write (a count column,
 * a search vector filled by code), keep it current here too, or the figures lie.
 */
import { hash } from "@node-rs/argon2";
import type pg from "pg";
import type { Db } from "@/lib/db";
import { seedDemo } from "@/lib/seed/seed-demo";

export const STUDENTS = 300;
export const READING_COMMENTS = 5_000;
export const THREAD_COMMENTS = 500;
export const PASSWORD = "demo-password";
/** Other courses that hold the comments elsewhere in the database. */
const OTHER_COURSES = 20;
const OTHER_MEMBERS_PER_COURSE = 50;
/** The longest seed reading, the one the page figures are about. */
const MEASURED_READING_POSITION = 2;

export interface Volume {
  course: { id: string; slug: string };
  /** The measured reading (002) with READING_COMMENTS comments. */
  reading: { id: string; slug: string; path: string; title: string; textBytes: number; blocks: number };
  /** The paragraph of the measured reading with THREAD_COMMENTS comments. */
  thread: { blockId: string; number: number };
  /** Where the posting section writes: another reading of the same course, so the measured one keeps its count. */
  postTarget: { readingId: string; blockIds: string[] };
  students: { id: string; email: string }[];
  password: string;
}

// Words for comment bodies: sliced at varying offsets and lengths (40–600 characters).
const CORPUS = `I am not sure the author earns this claim. The evidence in the second half is thinner than the tone suggests,
and the comparison with the earlier period leans on sources we have not read. Still, the point about the party apparatus
holding on to its privileges while conceding on terror seems right to me, and it connects with what we discussed last week
about the limits of reform from above. Does anyone read the last sentence differently? I took it as irony at first, but on
a second reading it sounds sincere, which changes the whole paragraph. Compare the memo's language about "liberalization"
with this: the two documents disagree about who is driving the change. Good question. I think the date matters here: this
was written before the events in Hungary, so the optimism is not naive, just early. Can we talk about this in section on
Thursday? Agreed, although I would push back on the word "totalitarian" as used here; the essay itself shows how much room
there was for argument inside the system. The footnote supports this reading more than the main text does. What strikes me is how the argument moves from the
personal to the structural without saying so: first Stalin's character, then the bureaucracy, then the economy, as if
each explained the one before. I would like to see the numbers behind the claim about industrial growth; the figures
quoted elsewhere in the course pack are lower. Replying to the question above: yes, but only if we accept that the
leadership believed its own reports, which the next reading doubts. This passage reminded me of the argument in the
first reading about the "flight from Stalinism" being a flight forward rather than a retreat. I disagree that the
intelligentsia were passive here; the letters we looked at show open argument, at least in Moscow and Leningrad. Is this
the same congress the memo refers to? The dates do not quite line up. Thanks, that helps. I had missed that the speech
was never published in the Soviet press at the time, which makes the reaction abroad even more interesting. For the
response paper I want to compare how each author uses the word "thaw" and what it hides. A small point: the translation
here flattens a distinction the original keeps between the state and the party. Worth raising in class?`.replace(/\s+/g, " ");

async function one<T>(sql: pg.Pool, text: string, values: unknown[] = []): Promise<T> {
  const r = await sql.query(text, values);
  return r.rows[0] as T;
}

/** Seed the demo course and grow it to class scale. `elsewhere`: comments in other courses to start with. */
export async function seedVolume(options: { db: Db; sql: pg.Pool; elsewhere: number; log: (line: string) => void }): Promise<Volume> {
  const { db, sql, log } = options;
  const t0 = performance.now();
  await seedDemo(db, { withAccounts: true, password: PASSWORD });
  const course = await one<{ id: string; slug: string }>(sql, `SELECT id, slug FROM "Course" WHERE "isDemo" LIMIT 1`);
  const readings = (
    await sql.query<{ id: string; slug: string; title: string; position: number }>(`SELECT id, slug, title, position FROM "Reading" WHERE "courseId" = $1 ORDER BY position`, [course.id])
  ).rows;
  const reading = readings.find((r) => r.position === MEASURED_READING_POSITION);
  const postReading = readings.find((r) => r.position === 1);
  if (!reading || !postReading) throw new Error("the demo course does not have the five seed readings");

  await seedStudents(sql, course.id);
  const thread = await seedReadingComments(sql, course.id, reading.id);
  await seedOtherCourses(sql);
  await addCommentsElsewhere(sql, options.elsewhere);
  await sql.query(`VACUUM ANALYZE`);

  const text = await one<{ bytes: number; blocks: number }>(
    sql,
    `SELECT (SELECT coalesce(sum(octet_length(text)), 0) FROM "Block" WHERE "readingId" = $1)
          + (SELECT coalesce(sum(octet_length(text)), 0) FROM "Note" WHERE "readingId" = $1) AS bytes,
            (SELECT count(*) FROM "Block" WHERE "readingId" = $1)::int AS blocks`,
    [reading.id],
  );
  const students = (
    await sql.query<{ id: string; email: string }>(
      `SELECT u.id, u.email FROM "User" u JOIN "Membership" m ON m."userId" = u.id
        WHERE m."courseId" = $1 AND m.role = 'STUDENT' ORDER BY length(u.email), u.email`,
      [course.id],
    )
  ).rows;
  const postBlocks = (
    await sql.query<{ id: string }>(`SELECT id FROM "Block" WHERE "readingId" = $1 AND number IS NOT NULL ORDER BY position`, [postReading.id])
  ).rows.map((r) => r.id);
  log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${students.length} students, ${READING_COMMENTS} comments on "${reading.title}" (${THREAD_COMMENTS} on paragraph ${thread.number}), ${options.elsewhere} elsewhere`);
  return {
    course,
    reading: { ...reading, path: `/courses/${course.slug}/readings/${reading.slug}`, textBytes: Number(text.bytes), blocks: text.blocks },
    thread,
    postTarget: { readingId: postReading.id, blockIds: postBlocks },
    students,
    password: PASSWORD,
  };
}

/** student4 … student300 join student1–3 (seedDemo's), sharing one cheap password hash. */
async function seedStudents(sql: pg.Pool, courseId: string) {
  const passwordHash = await hash(PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  await sql.query(
    `WITH first(n) AS (SELECT unnest($2::text[])), last(n) AS (SELECT unnest($3::text[]))
     INSERT INTO "User" (id, email, name, "passwordHash", "createdAt", "updatedAt")
     SELECT 'bench-student-' || g, 'student' || g || '@demo.colloquy',
            (SELECT n FROM first OFFSET g % 12 LIMIT 1) || ' ' || (SELECT n FROM last OFFSET (g * 7) % 15 LIMIT 1),
            $4, now(), now()
       FROM generate_series(4, $1::int) g`,
    [
      STUDENTS,
      ["Amara", "Jonas", "Priya", "Wei", "Fatima", "Mateo", "Ingrid", "Kwame", "Sofia", "Dmitri", "Aiko", "Liam"],
      ["Nguyen", "Okonkwo", "Larsen", "Haddad", "Silva", "Kowalski", "Tanaka", "Murphy", "Petrova", "Mensah", "García", "Schmidt", "Rahman", "Dubois", "Cohen"],
      passwordHash,
    ],
  );
  await sql.query(
    `INSERT INTO "Membership" (id, "userId", "courseId", role, "createdAt", "updatedAt")
     SELECT 'bench-m-' || u.id, u.id, $1, 'STUDENT', now(), now() FROM "User" u WHERE u.id LIKE 'bench-student-%'`,
    [courseId],
  );
}

/**
 * READING_COMMENTS comments on the measured reading: groups of four (a root and three
 * replies), the first THREAD_COMMENTS on one paragraph in the middle of the reading, the rest
 * spread over its other paragraphs; every third root quotes a passage of its paragraph.
 */
async function seedReadingComments(sql: pg.Pool, courseId: string, readingId: string) {
  const thread = await one<{ id: string; number: number }>(
    sql,
    `SELECT id, number FROM "Block" WHERE "readingId" = $1 AND number IS NOT NULL
      ORDER BY abs(number - (SELECT max(number) / 2 FROM "Block" WHERE "readingId" = $1)), number LIMIT 1`,
    [readingId],
  );
  await sql.query(`CREATE TEMP TABLE IF NOT EXISTS bench_reading_blocks (n int PRIMARY KEY, id text, text text)`);
  await sql.query(`TRUNCATE bench_reading_blocks`);
  await sql.query(
    `INSERT INTO bench_reading_blocks SELECT row_number() OVER (ORDER BY position) - 1, id, text
       FROM "Block" WHERE "readingId" = $1 AND number IS NOT NULL AND id <> $2`,
    [readingId, thread.id],
  );
  await sql.query(
    `INSERT INTO "Comment" (id, "courseId", "readingId", "blockId", "parentId", "rootId", "authorId", body,
                            quote, prefix, suffix, "startOffset", "endOffset", "createdAt", "updatedAt")
     SELECT c.id, $1, $2, c.block_id, c.parent_id, c.parent_id, c.author_id, c.body,
            CASE WHEN c.passage THEN substr(c.text, c.s + 1, c.len) END,
            CASE WHEN c.passage THEN substr(c.text, greatest(c.s - 32, 0) + 1, c.s - greatest(c.s - 32, 0)) END,
            CASE WHEN c.passage THEN substr(c.text, c.s + c.len + 1, 32) END,
            CASE WHEN c.passage THEN c.s END, CASE WHEN c.passage THEN c.s + c.len END,
            c.at, c.at
       FROM (
         SELECT 'bench-rc-' || g AS id,
                CASE WHEN g % 4 = 0 THEN NULL ELSE 'bench-rc-' || (g - g % 4) END AS parent_id,
                coalesce(CASE WHEN g < $4 THEN $3 END, b.id) AS block_id,
                coalesce(CASE WHEN g < $4 THEN (SELECT text FROM "Block" WHERE id = $3) END, b.text) AS text,
                g % 4 = 0 AND g % 12 = 0 AS passage,
                (g * 131) % greatest(length(coalesce(CASE WHEN g < $4 THEN (SELECT text FROM "Block" WHERE id = $3) END, b.text)) - 60, 1) AS s,
                20 + g % 40 AS len,
                CASE WHEN g % 97 = 0 THEN (SELECT id FROM "User" WHERE email = 'instructor@demo.colloquy')
                     ELSE (SELECT id FROM "User" WHERE email = 'student' || (1 + (g * 7919) % $6) || '@demo.colloquy') END AS author_id,
                substr($7, 1 + (g * 97) % (length($7) - 600), 40 + (g * 61) % 560) AS body,
                now() - interval '30 days' + g * interval '5 minutes' AS at
           FROM generate_series(0, $5 - 1) g
           LEFT JOIN bench_reading_blocks b ON b.n = ((g - g % 4) / 4) % (SELECT count(*) FROM bench_reading_blocks)
       ) c`,
    [courseId, readingId, thread.id, THREAD_COMMENTS, READING_COMMENTS, STUDENTS, CORPUS],
  );
  return { blockId: thread.id, number: thread.number };
}

/** OTHER_COURSES courses, each with copies of the demo readings and OTHER_MEMBERS_PER_COURSE students of its own. */
async function seedOtherCourses(sql: pg.Pool) {
  await sql.query(
    `INSERT INTO "Course" (id, slug, title, "joinCode", "createdAt", "updatedAt")
     SELECT 'bench-course-' || k, 'bench-course-' || k, 'Benchmark course ' || k, 'BENCH' || lpad(k::text, 3, '0'), now(), now()
       FROM generate_series(1, $1::int) k`,
    [OTHER_COURSES],
  );
  await sql.query(
    `INSERT INTO "Reading" (id, "courseId", slug, title, author, source, date, position, "publishedAt", "createdAt", "updatedAt")
     SELECT 'bench-r-' || k || '-' || r.position, 'bench-course-' || k, r.slug, r.title, r.author, r.source, r.date, r.position, now(), now(), now()
       FROM "Reading" r JOIN "Course" c ON c.id = r."courseId" AND c."isDemo", generate_series(1, $1::int) k`,
    [OTHER_COURSES],
  );
  await sql.query(
    `INSERT INTO "Block" (id, "readingId", position, number, kind, level, text, "noteRefs", marks, "createdAt", "updatedAt")
     SELECT 'bench-b-' || k || '-' || b.id, 'bench-r-' || k || '-' || r.position, b.position, b.number, b.kind, b.level, b.text, b."noteRefs", b.marks, now(), now()
       FROM "Block" b JOIN "Reading" r ON r.id = b."readingId" JOIN "Course" c ON c.id = r."courseId" AND c."isDemo", generate_series(1, $1::int) k`,
    [OTHER_COURSES],
  );
  await sql.query(
    `INSERT INTO "Note" (id, "readingId", position, label, text)
     SELECT 'bench-n-' || k || '-' || n.id, 'bench-r-' || k || '-' || r.position, n.position, n.label, n.text
       FROM "Note" n JOIN "Reading" r ON r.id = n."readingId" JOIN "Course" c ON c.id = r."courseId" AND c."isDemo", generate_series(1, $1::int) k`,
    [OTHER_COURSES],
  );
  await sql.query(
    `INSERT INTO "User" (id, email, name, "passwordHash", "createdAt", "updatedAt")
     SELECT 'bench-other-' || g, 'other' || g || '@bench.colloquy', 'Other Student ' || g, 'x', now(), now()
       FROM generate_series(0, $1::int - 1) g`,
    [OTHER_COURSES * OTHER_MEMBERS_PER_COURSE],
  );
  await sql.query(
    `INSERT INTO "Membership" (id, "userId", "courseId", role, "createdAt", "updatedAt")
     SELECT 'bench-om-' || g, 'bench-other-' || g, 'bench-course-' || (1 + g % $1), 'STUDENT', now(), now()
       FROM generate_series(0, $1::int * $2 - 1) g`,
    [OTHER_COURSES, OTHER_MEMBERS_PER_COURSE],
  );
  await sql.query(`DROP TABLE IF EXISTS bench_other_blocks`);
  await sql.query(
    `CREATE TABLE bench_other_blocks AS
       SELECT (row_number() OVER (ORDER BY b.id) - 1)::int AS n, b.id, b."readingId" AS reading_id, r."courseId" AS course_id,
              (substring(r."courseId" FROM '[0-9]+$'))::int - 1 AS course_index
         FROM "Block" b JOIN "Reading" r ON r.id = b."readingId"
        WHERE r.id LIKE 'bench-r-%' AND b.number IS NOT NULL`,
  );
  await sql.query(`ALTER TABLE bench_other_blocks ADD PRIMARY KEY (n)`);
}

/** Comments in the other courses so far (the growth section adds up to its levels). */
export async function countCommentsElsewhere(sql: pg.Pool): Promise<number> {
  return Number((await one<{ n: string }>(sql, `SELECT count(*) AS n FROM "Comment" WHERE "courseId" LIKE 'bench-course-%'`)).n);
}

/**
 * Add `count` comments to the other courses' readings, spread evenly over their paragraphs,
 * in statements of at most 100,000 rows, two at a time (groups of a root and three replies,
 * authors who are members of the course). Ends with ANALYZE. Returns the seconds it took.
 */
export async function addCommentsElsewhere(sql: pg.Pool, count: number, log?: (line: string) => void): Promise<number> {
  const t0 = performance.now();
  const start = await countCommentsElsewhere(sql);
  const blocks = Number((await one<{ n: string }>(sql, `SELECT count(*) AS n FROM bench_other_blocks`)).n);
  const client = await sql.connect();
  try {
    await bulkLoad(client, "Comment", count >= 50_000, sql, async () => {
      // Two connections (one per core) each take the next chunk: each row's generated search
      // vector (to_tsvector of its body) is most of a load's CPU.
      const chunk = 100_000;
      const chunks: [number, number][] = [];
      for (let from = start; from < start + count; from += chunk) chunks.push([from, Math.min(start + count, from + chunk)]);
      let done = 0;
      const insert = async (c: pg.PoolClient) => {
        for (let next = chunks.shift(); next; next = chunks.shift()) {
          const [from, to] = next;
          await c.query(
            `INSERT INTO "Comment" (id, "courseId", "readingId", "blockId", "parentId", "rootId", "authorId", body, "createdAt", "updatedAt")
             SELECT 'bench-oc-' || lpad(g::text, 8, '0'), b.course_id, b.reading_id, b.id,
                    CASE WHEN g % 4 = 0 THEN NULL ELSE 'bench-oc-' || lpad((g - g % 4)::text, 8, '0') END,
                    CASE WHEN g % 4 = 0 THEN NULL ELSE 'bench-oc-' || lpad((g - g % 4)::text, 8, '0') END,
                    'bench-other-' || (b.course_index + $5 * ((g * 7) % $6)),
                    substr($4, 1 + (g * 97) % (length($4) - 600), 40 + (g * 61) % 560),
                    now() - interval '365 days' + (g % 500000) * interval '1 minute', now()
               FROM generate_series($1::int, $2::int - 1) g
               JOIN bench_other_blocks b ON b.n = ((g - g % 4) / 4) % $3`,
            [from, to, blocks, CORPUS, OTHER_COURSES, OTHER_MEMBERS_PER_COURSE],
          );
          done += to - from;
          if (count > chunk) log?.(`  … ${done.toLocaleString("en")} of ${count.toLocaleString("en")} comments (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        }
      };
      const other = await sql.connect();
      try {
        await Promise.all([insert(client), insert(other)]);
      } finally {
        other.release();
      }
    });
  } finally {
    client.release();
  }
  return (performance.now() - t0) / 1000;
}

/**
 * Run `load` the way one bulk-loads PostgreSQL when `bulk` is set: the table's non-unique
 * indexes dropped and built again afterwards (same definitions, read from the catalog), and
 * its foreign-key check triggers off while loading (rows made here satisfy every key by
 * construction — tests/integration/bench-volume.test.ts checks that; other triggers stay
 * on). Row by row, 1 M comments through eight indexes and five key checks take minutes on
 * two cores. The table ends in the state the app's migrations define, vacuumed and analysed.
 */
async function bulkLoad(client: pg.PoolClient, table: string, bulk: boolean, pool: pg.Pool, load: () => Promise<void>) {
  const relation = `"${table}"`;
  let indexes: { name: string; definition: string }[] = [];
  let triggers: string[] = [];
  if (bulk) {
    indexes = (
      await client.query<{ name: string; definition: string }>(
        `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
           FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
          WHERE i.indrelid = $1::regclass AND NOT i.indisunique AND NOT i.indisprimary`,
        [relation],
      )
    ).rows;
    triggers = (
      await client.query<{ name: string }>(
        `SELECT t.tgname AS name FROM pg_trigger t JOIN pg_constraint c ON c.oid = t.tgconstraint
          WHERE t.tgrelid = $1::regclass AND t.tgisinternal AND c.contype = 'f' AND c.conrelid = t.tgrelid`,
        [relation],
      )
    ).rows.map((r) => r.name);
    for (const index of indexes) await client.query(`DROP INDEX "${index.name}"`);
    for (const trigger of triggers) await client.query(`ALTER TABLE ${relation} DISABLE TRIGGER "${trigger}"`);
  }
  try {
    await load();
  } finally {
    for (const trigger of triggers) await client.query(`ALTER TABLE ${relation} ENABLE TRIGGER "${trigger}"`);
    await buildIndexes(client, indexes.map((i) => i.definition), pool);
    // Vacuumed as well as analysed, as autovacuum leaves a table after a big insert — or it
    // starts that vacuum itself in the middle of the measurement that follows.
    await client.query(`VACUUM (ANALYZE) ${relation}`);
  }
}

/** Run CREATE INDEX statements two at a time (one per core): this connection and one more. */
async function buildIndexes(client: pg.PoolClient, definitions: string[], pool: pg.Pool) {
  if (!definitions.length) return;
  const queue = [...definitions];
  const other = await pool.connect();
  try {
    const work = async (c: pg.PoolClient) => {
      await c.query(`SET maintenance_work_mem = '256MB'`);
      for (let next = queue.shift(); next; next = queue.shift()) await c.query(next);
    };
    await Promise.all([work(client), work(other)]);
  } finally {
    other.release();
  }
}
