import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { audit } from "./support/axe";
import { baseUrl, launchBrowser, signedInContext } from "./support/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const stamp = Date.now().toString(36);
const COURSE = `Seminar on the Thaw ${stamp}`;
let courseUrl = "";

/** "2030-01-15T23:59" for <input type=datetime-local>, `days` from now (UTC: the course's zone). */
const wallClock = (days: number, time = "23:59") => `${new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)}T${time}`;

async function publishReading(page: Page, title: string, paragraphs: string[]) {
  await page.goto(`${courseUrl}/readings/new`);
  await page.getByLabel("Or paste text").fill([title, "", ...paragraphs.flatMap((p) => [p, ""])].join("\n"));
  await page.getByRole("button", { name: "Preview pasted text" }).click();
  await page.getByRole("heading", { name: /Import report/ }).waitFor();
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Publish to course" }).click();
  await page.waitForURL(/\/readings\/[a-z0-9-]+$/);
}

async function download(page: Page, link: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: link }).click()]);
  const stream = await file.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe("an instructor runs a graded term", () => {
  let instructor: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    instructor = await signedInContext(browser, "instructor@demo.colloquy");
    page = await instructor.newPage();
  });
  afterAll(async () => {
    await instructor?.close();
  });

  test("creates a course and enrols a class from a CSV: a bad row gets its own message, the good rows are added, a TA too", async () => {
    await page.goto("/");
    await page.getByLabel("Course title").fill(COURSE);
    await page.getByRole("button", { name: "Create course" }).click();
    await page.getByRole("heading", { level: 1, name: COURSE }).waitFor();
    courseUrl = new URL(page.url()).pathname;

    await page.getByRole("navigation", { name: "Course" }).getByRole("link", { name: "People" }).click();
    await page.getByRole("heading", { level: 1, name: "People" }).waitFor();
    const newcomer = `newcomer.${stamp}@example.edu`;
    await page.getByLabel("Class list").fill(
      ["email,name,role", "student1@demo.colloquy,Sam Okafor,", "student2@demo.colloquy,Lena Fischer,student", "not-an-email,Broken Row,", "student3@demo.colloquy,Tomás Reyes,TA", `${newcomer},Nia Newcomer,`].join("\n"),
    );
    await page.getByRole("button", { name: "Add people" }).click();

    const notAdded = page.getByRole("list", { name: "Rows not added" });
    await notAdded.waitFor();
    expect((await notAdded.getByRole("listitem").allTextContents()).map((t) => t.trim())).toEqual(['Line 4 (not-an-email,Broken Row,): "not-an-email" is not an email address.']);
    await expect(page.getByRole("heading", { name: "3 added · 1 invited · 1 not added" }).isVisible()).resolves.toBe(true);
    // The bad row stays in the box to be fixed.
    await expect(page.getByLabel("Class list").inputValue()).resolves.toBe("not-an-email,Broken Row,");

    const members = page.getByRole("region", { name: "Members", exact: true });
    await expect.poll(async () => (await members.textContent()) ?? "", { timeout: 15_000 }).toContain("Tomás Reyes");
    const row = (name: string) => members.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(name) }) });
    await expect(row("Sam Okafor").getByRole("combobox").inputValue()).resolves.toBe("STUDENT");
    await expect(row("Tomás Reyes").getByRole("combobox").inputValue()).resolves.toBe("TA");

    // The newcomer's invitation link signs them up into the course.
    const link = await page.getByRole("textbox", { name: `Invitation link for ${newcomer}` }).inputValue();
    const guest = await browser.newContext({ baseURL: baseUrl });
    const g = await guest.newPage();
    await g.goto(link);
    await g.getByRole("heading", { name: COURSE }).waitFor();
    await g.getByRole("link", { name: "Create an account" }).click();
    await g.getByLabel("Display name").fill("Nia Newcomer");
    await g.getByLabel("Email").fill(newcomer);
    await g.getByLabel("Password").fill("a-long-password");
    await g.getByRole("button", { name: "Create account" }).click();
    await g.getByRole("button", { name: `Join ${COURSE}` }).click();
    await g.waitForURL((u) => u.pathname === courseUrl);
    await g.getByRole("heading", { level: 1, name: COURSE }).waitFor();
    await guest.close();

    await page.reload();
    await expect.poll(async () => (await members.textContent()) ?? "", { timeout: 15_000 }).toContain("Nia Newcomer");
    expect(await audit(page)).toEqual([]);
  });

  test("schedules readings: due dates, a draft opening later, a new order — and students see exactly that", async () => {
    await publishReading(page, "Letters From the Thaw", [
      "The writers' congress of 1954 was the first sign that the literary establishment would no longer speak with one voice.",
      "Within two years the journals were printing stories that would have been unthinkable a decade earlier.",
    ]);
    await publishReading(page, "Notes on Censorship", ["Editors learned to read the political weather as closely as the manuscripts on their desks.", "A second paragraph."]);

    await page.goto(`${courseUrl}/schedule`);
    const schedule = page.getByRole("list", { name: "Schedule" });
    const letters = schedule.getByRole("form", { name: "Schedule for “Letters From the Thaw”" });
    await letters.getByLabel("Due").fill(wallClock(3));
    await letters.getByRole("button", { name: "Save dates" }).click();
    await letters.getByText("Saved").waitFor();

    const notes = schedule.getByRole("form", { name: "Schedule for “Notes on Censorship”" });
    await notes.getByLabel("Opens").fill(wallClock(7, "09:00"));
    await notes.getByLabel("Due").fill(wallClock(5));
    await notes.getByRole("button", { name: "Save dates" }).click();
    await notes.getByRole("alert").filter({ hasText: "Due must be after opens." }).waitFor();
    await expect(notes.getByLabel("Due").getAttribute("aria-invalid")).resolves.toBe("true");
    await notes.getByLabel("Due").fill(wallClock(10));
    await notes.getByLabel("Draft (only staff see it)").check();
    await notes.getByRole("button", { name: "Save dates" }).click();
    await notes.getByText("Saved").waitFor();

    // Move the second reading up with the keyboard.
    await page.getByRole("button", { name: "Move “Notes on Censorship” up" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await schedule.getByRole("link").allTextContents()).slice(0, 2), { timeout: 15_000 }).toEqual(["Notes on Censorship", "Letters From the Thaw"]);
    expect(await audit(page)).toEqual([]);

    await page.goto(courseUrl);
    const readings = page.getByRole("list", { name: "Readings" });
    await expect(readings.getByRole("link").allTextContents()).resolves.toEqual(["Notes on Censorship", "Letters From the Thaw"]);
    await expect((await readings.textContent()) ?? "").toContain("Draft");

    const student = await signedInContext(browser, "student1@demo.colloquy");
    const sp = await student.newPage();
    await sp.goto(courseUrl);
    const theirs = sp.getByRole("list", { name: "Readings" });
    await expect(theirs.getByRole("link").allTextContents()).resolves.toEqual(["Letters From the Thaw"]);
    // Due at 23:59 three calendar days from now: 3.0–4.0 days away depending on the hour the
    // test runs (and the course's time zone), which "in N days" rounds to 3 or 4 (2 across zones).
    await expect(sp.getByText(/Due next:/).textContent()).resolves.toMatch(/Letters From the Thaw — .*\(in [2-4] days\)/);
    await expect((await theirs.textContent()) ?? "").toContain("Not yet");
    const draft = await sp.goto(`${courseUrl}/readings/notes-on-censorship`);
    expect(draft?.status()).toBe(404);

    // The student takes part; their progress shows on the course page.
    await sp.goto(`${courseUrl}/readings/letters-from-the-thaw`);
    await sp.getByRole("button", { name: /^Discuss paragraph 1\b/ }).click();
    await sp.getByRole("textbox", { name: "Comment" }).fill(
      "The congress matters because it shows the establishment splitting in public, and the audience choosing a side by applauding the younger poets.",
    );
    const [posted] = await Promise.all([
      sp.waitForResponse((r) => r.url().endsWith("/api/comments") && r.request().method() === "POST"),
      sp.getByRole("button", { name: "Post comment" }).click(),
    ]);
    expect(posted.status()).toBe(201);
    await sp.getByText("The congress matters because").waitFor();
    await sp.goto(courseUrl);
    await expect((await sp.getByRole("list", { name: "Readings" }).textContent()) ?? "").toContain("Commented");
    // The home card names the next reading due.
    await sp.goto("/");
    await expect((await sp.getByRole("link", { name: new RegExp(COURSE) }).textContent()) ?? "").toMatch(/Next due: Letters From the Thaw/);
    await student.close();
  });

  test("sees who took part, overrides a score with a reason, and downloads grade-ready CSVs", async () => {
    await page.goto(`${courseUrl}/participation`);
    await page.getByRole("heading", { level: 1, name: "Participation" }).waitFor();
    const table = page.getByRole("region", { name: "Participation across all readings" });
    const sam = table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Sam Okafor" }) });
    const cells = await sam.getByRole("cell").allTextContents();
    expect(cells.slice(0, 3)).toEqual(["1", "0", "22"]);

    // Sort by comments, most first: Sam leads.
    await table.getByRole("button", { name: /^Comments/ }).click();
    await expect(table.getByRole("rowheader").first().textContent()).resolves.toBe("Sam Okafor");
    await expect(table.getByRole("columnheader", { name: /^Comments/ }).getAttribute("aria-sort")).resolves.toBe("descending");

    // Grade one reading: the rubric suggests, the instructor overrides with a reason.
    await page.getByLabel("Show").selectOption({ label: "Letters From the Thaw" });
    await page.getByRole("button", { name: "Show" }).click();
    const graded = page.getByRole("region", { name: "Participation on Letters From the Thaw" });
    await graded.waitFor();
    const samRow = graded.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Sam Okafor" }) });
    await expect((await samRow.textContent()) ?? "").toContain("0 of 2 comments + 0 of 1 reply → 0 / 10");
    await samRow.getByRole("button", { name: "Override the score of Sam Okafor for Letters From the Thaw" }).click();
    await samRow.getByLabel(/Score for Sam Okafor/).fill("6");
    await samRow.getByLabel("Reason (shown with the score)").fill("One strong comment; agreed in class to count it double.");
    await samRow.getByRole("button", { name: "Save score" }).click();
    await expect.poll(async () => (await samRow.textContent()) ?? "", { timeout: 15_000 }).toContain("“One strong comment; agreed in class to count it double.” — Prof. Helen Marsh");
    expect(await audit(page)).toEqual([]);

    const grades = await download(page, "Grades CSV");
    const lines = grades.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("student,email,Notes on Censorship,Letters From the Thaw,total,out_of");
    expect(lines).toContain("Sam Okafor,student1@demo.colloquy,0,6,6,10");
    const comments = await download(page, "All comments CSV");
    expect(comments).toContain("Letters From the Thaw,letters-from-the-thaw,1,");
    expect(comments).toContain("Sam Okafor,student1@demo.colloquy,student");

    // The per-student page: every reading, the override and its reason, the post.
    await table.or(graded).getByRole("link", { name: "Sam Okafor" }).first().click();
    await page.getByRole("heading", { level: 1, name: "Sam Okafor" }).waitFor();
    await expect((await page.getByRole("main").textContent()) ?? "").toContain("One strong comment; agreed in class to count it double.");
    await expect((await page.getByRole("main").textContent()) ?? "").toContain("The congress matters because");
  });

  test("after close the composer says why and the API refuses; staff pages are not for students", async () => {
    await page.goto(`${courseUrl}/schedule`);
    const letters = page.getByRole("form", { name: "Schedule for “Letters From the Thaw”" });
    await letters.getByLabel("Due").fill(wallClock(-2));
    await letters.getByLabel("Closes").fill(wallClock(-1));
    await letters.getByRole("button", { name: "Save dates" }).click();
    await letters.getByText("Saved").waitFor();

    const student = await signedInContext(browser, "student1@demo.colloquy", undefined, { width: 390, height: 844 });
    const sp = await student.newPage();
    await sp.goto(`${courseUrl}/readings/letters-from-the-thaw`);
    await sp.getByRole("button", { name: /^Discuss paragraph 1\b/ }).click();
    await sp.getByText("The congress matters because").waitFor();
    const panel = sp.getByRole("complementary");
    await expect(panel.getByRole("note").textContent()).resolves.toMatch(/^Discussion of this reading closed on .* no longer post\.$/);
    await expect(panel.getByRole("button", { name: "Post comment" }).count()).resolves.toBe(0);
    await expect(panel.getByRole("button", { name: "Reply" }).count()).resolves.toBe(0);
    const ids = await sp.evaluate(() => ({ block: document.querySelector("[data-block-row]")?.getAttribute("data-block-row") }));
    const visible = await sp.evaluate(async (blockId) => {
      const r = await fetch(`/api/comments?blockId=${blockId}`);
      return ((await r.json()) as { threads: { root: { id: string } }[] }).threads.length;
    }, ids.block);
    expect(visible).toBe(1);

    for (const path of ["people", "schedule", "participation", "settings"]) {
      expect((await sp.goto(`${courseUrl}/${path}`))?.status(), path).toBe(404);
    }
    const api = await student.request.get(`/api${courseUrl}/exports/participation?layout=grades`);
    expect(api.status()).toBe(403);
    const roster = await student.request.post(`/api${courseUrl}/members`, { data: { csv: "x@example.edu" } });
    expect(roster.status()).toBe(403);
    await student.close();

    // The TA reads the roster but cannot change it, and has no Settings.
    const ta = await signedInContext(browser, "student3@demo.colloquy");
    const tp = await ta.newPage();
    await tp.goto(`${courseUrl}/people`);
    await tp.getByText("Only instructors can add people or change roles.").waitFor();
    await expect(tp.getByRole("combobox").count()).resolves.toBe(0);
    expect((await tp.goto(`${courseUrl}/settings`))?.status()).toBe(404);
    await tp.goto(`${courseUrl}/participation`);
    await tp.getByRole("heading", { level: 1, name: "Participation" }).waitFor();
    await ta.close();
  });
});
