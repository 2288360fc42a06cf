import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { postgresBinDir, startPostgres } from "./postgres-server.ts";

describe("a private PostgreSQL for tests (startPostgres)", () => {
  it("clones a template database with its table and data, then stops and removes its folder", async () => {
    const pg = await startPostgres();
    try {
      expect(pg.url()).toBe(`postgresql://postgres@127.0.0.1:${pg.port}/postgres`);
      expect(await pg.psql("postgres", "SHOW listen_addresses")).toBe("127.0.0.1");
      expect(await pg.psql("postgres", "SHOW fsync")).toBe("off");

      await pg.createDatabase("template_intake");
      await pg.psql(
        "template_intake",
        "CREATE TABLE seat (id int PRIMARY KEY, status text); INSERT INTO seat VALUES (1, 'FREE')",
      );
      const url = await pg.createDatabase("file_a", { template: "template_intake" });
      expect(url).toBe(pg.url("file_a"));
      expect(await pg.psql("file_a", "SELECT id, status FROM seat")).toBe("1|FREE");

      // A clone is a copy: writing to it leaves the template as it was.
      await pg.psql("file_a", "UPDATE seat SET status = 'HELD'");
      expect(await pg.psql("template_intake", "SELECT status FROM seat")).toBe("FREE");
    } finally {
      await pg.stop();
    }
    expect(fs.existsSync(pg.dir)).toBe(false);
  });

  it("finds the newest of Debian's versions, else initdb on the PATH, else names the package to install", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "intake-pg-bin-"));
    try {
      const debianRoot = path.join(root, "debian");
      const elsewhere = path.join(root, "elsewhere");
      for (const dir of [`${debianRoot}/9.6/bin`, `${debianRoot}/15/bin`, `${debianRoot}/16/bin`, elsewhere]) {
        fs.mkdirSync(dir, { recursive: true });
      }
      for (const dir of [`${debianRoot}/9.6/bin`, `${debianRoot}/15/bin`, elsewhere]) {
        fs.writeFileSync(path.join(dir, "initdb"), "");
      }
      // 16 has no initdb (only its client programs): not a server install.
      expect(postgresBinDir({ debianRoot, searchPath: elsewhere })).toBe(`${debianRoot}/15/bin`);
      expect(postgresBinDir({ debianRoot: path.join(root, "none"), searchPath: `/nowhere:${elsewhere}` })).toBe(
        elsewhere,
      );
      expect(() => postgresBinDir({ debianRoot: path.join(root, "none"), searchPath: "/nowhere" })).toThrow(
        /install the `postgresql` package/,
      );
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
