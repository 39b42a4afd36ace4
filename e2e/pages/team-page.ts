import type { Locator, Page } from "@playwright/test";

/** The team page: generations summary, filters, the downline table and its CSV. */
export class TeamPage {
  constructor(private readonly page: Page) {}

  goto(query = "") {
    return this.page.goto(`/dashboard/team${query}`);
  }

  get generationRows(): Locator {
    return this.page.getByTestId("generation-row");
  }

  /** Members per generation, in generation order. */
  async generationMembers(): Promise<number[]> {
    await this.generationRows.first().waitFor();
    const cells = await this.page.getByTestId("generation-members").allTextContents();
    return cells.map(toNumber);
  }

  async generationLabels(): Promise<string[]> {
    // allTextContents does not wait: the summary streams in after the page's shell.
    await this.generationRows.first().waitFor();
    return this.generationRows.getByRole("link").allTextContents();
  }

  async generationsTotal(): Promise<number> {
    return toNumber(await this.page.getByTestId("generations-total").textContent());
  }

  async teamSize(): Promise<number> {
    return toNumber(await this.page.getByTestId("team-size").textContent());
  }

  get table(): Locator {
    return this.page.getByTestId("downline-table");
  }

  get rows(): Locator {
    return this.table.locator("tbody tr");
  }

  /** "Showing 1–25 of 212" -> 212. */
  async total(): Promise<number> {
    const text = (await this.page.getByTestId("table-range").textContent()) ?? "";
    const match = /of ([\d,]+)/.exec(text);
    return match ? toNumber(match[1]) : 0;
  }

  /** The texts of one column, by its header, on the current page. */
  async column(header: string): Promise<string[]> {
    await this.table.locator("thead th").first().waitFor();
    const headers = await this.table.locator("thead th").allTextContents();
    const index = headers.findIndex((h) => h.replace(/[▲▼↕]|, sort (ascending|descending)/g, "").trim() === header);
    if (index < 0) throw new Error(`no column ${header} in ${headers.join(" | ")}`);
    // A cell's own text, without the autoship badge a name may carry.
    return this.rows.locator(`td:nth-child(${index + 1})`).evaluateAll((cells) =>
      cells.map((cell) => {
        const copy = cell.cloneNode(true) as Element;
        copy.querySelectorAll('[data-testid="autoship-badge"]').forEach((badge) => badge.remove());
        return copy.textContent ?? "";
      }),
    );
  }

  async numbers(header: string): Promise<number[]> {
    return (await this.column(header)).map(toNumber);
  }

  sortBy(header: string) {
    return this.table
      .locator("thead")
      .getByRole("link", { name: new RegExp(`^${header}\\b`) })
      .click();
  }

  async filter(f: { name?: string; generation?: string; status?: "Active" | "Inactive" | "All"; rank?: string; rows?: string }) {
    const form = this.page.getByRole("form", { name: "Filter your team" });
    if (f.name !== undefined) await form.getByLabel("Name").fill(f.name);
    if (f.generation !== undefined) await form.getByLabel("Generation").selectOption(f.generation);
    if (f.status !== undefined) await form.getByLabel("Status").selectOption({ label: f.status });
    if (f.rank !== undefined) await form.getByLabel("Rank").selectOption({ label: f.rank });
    if (f.rows !== undefined) await form.getByLabel("Rows").selectOption(f.rows);
    await form.getByRole("button", { name: "Apply filters" }).click();
  }

  get downloadCsv(): Locator {
    return this.page.getByRole("link", { name: "Download CSV" });
  }
}

export function toNumber(text: string | null | undefined): number {
  return Number((text ?? "").replace(/[^\d.-]/g, ""));
}

/** A CSV file's rows as objects by header (our exports quote only when needed). */
export function parseCsv(text: string): Record<string, string>[] {
  const lines: string[][] = [];
  let field = "";
  let row: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n") {
      row.push(field.replace(/\r$/, ""));
      lines.push(row);
      row = [];
      field = "";
    } else field += c;
  }
  if (field !== "" || row.length > 0) lines.push([...row, field]);
  const [header = [], ...data] = lines;
  return data.map((values) => Object.fromEntries(header.map((h, i) => [h, values[i] ?? ""])));
}
