// An installation from before DATA_DIR/db: its PGlite files in DATA_DIR itself move into db/ on the
// first open, and nothing in them is lost; the journal stays where it was.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/infra/db.js";
import { openInstalledDatabase } from "../../src/infra/open.js";

describe("a data directory of the old layout", () => {
  it("moves the embedded database into DATA_DIR/db and opens it with its records", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "duikou-legacy-"));
    const old = openDatabase({ dataDir });
    await old.migrate();
    await old.client.organization.create({ data: { name: "旧县医院", kind: "supporting" } });
    await old.close();
    mkdirSync(join(dataDir, "journal", "vm"), { recursive: true });
    writeFileSync(join(dataDir, "journal", "vm", "keep"), "x");

    const db = openInstalledDatabase({ DATA_DIR: dataDir });
    expect(await db.migrate()).toEqual([]);
    expect((await db.client.organization.findMany()).map((o) => o.name)).toEqual(["旧县医院"]);
    await db.close();
    expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(false);
    expect(existsSync(join(dataDir, "db", "PG_VERSION"))).toBe(true);
    expect(existsSync(join(dataDir, "journal", "vm", "keep"))).toBe(true);
  });
});
