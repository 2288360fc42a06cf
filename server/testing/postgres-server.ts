import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort } from "./free-port.ts";

const run = promisify(execFile);

export interface PostgresServer {
  readonly port: number;
  /** The cluster's folder (data, socket, log), removed by stop(). */
  readonly dir: string;
  /** A connection URL for `database` (default `postgres`), user `postgres`, trust auth over loopback TCP. */
  url(database?: string): string;
  /**
   * Creates `name`, as a copy of `template` when given (CREATE DATABASE … TEMPLATE: a file copy, far faster
   * than migrating again; the template must have no open connections). Resolves to its URL.
   */
  createDatabase(name: string, options?: { template?: string }): Promise<string>;
  /** Runs SQL in `database` through psql; resolves to its unaligned, tuples-only output (`a|b` lines). */
  psql(database: string, sql: string): Promise<string>;
  /** Stops the cluster at once (no checkpoint: its data is thrown away) and removes its folder. */
  stop(): Promise<void>;
}

/**
 * A private PostgreSQL cluster for tests, on loopback and a free port, in a
 * fresh temp folder: initdb, then pg_ctl start. Durability is off (fsync,
 * synchronous_commit, full_page_writes): a test's data dies with the cluster.
 * initdb refuses root, so as root the cluster belongs to the `postgres` user.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "intake-pg-"));
  const data = path.join(dir, "data");
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  // As root, initdb and pg_ctl run as the cluster's owner.
  const command = (tool: string, args: string[]): [string, string[]] => {
    const file = path.join(bin, tool);
    return owner ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  };
  const pg = (tool: string, args: string[]) => run(...command(tool, args));
  const stopArgs = ["-D", data, "-m", "immediate", "-w", "stop"];
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  // If the test process ends without stop(), the cluster goes with it rather than running on.
  const onExit = () => {
    try {
      execFileSync(...command("pg_ctl", stopArgs), { stdio: "ignore" });
    } catch {}
    remove();
  };

  let port = 0;
  try {
    await pg("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
    port = await freePort();
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      "-c fsync=off",
      "-c synchronous_commit=off",
      "-c full_page_writes=off",
    ];
    await pg("pg_ctl", [
      "-D",
      data,
      "-l",
      path.join(dir, "postgres.log"),
      "-o",
      settings.join(" "),
      "-w",
      "-t",
      "30",
      "start",
    ]);
  } catch (err) {
    const log = readIfThere(path.join(dir, "postgres.log"));
    await pg("pg_ctl", stopArgs).catch(() => undefined);
    remove();
    throw new Error(`the private PostgreSQL did not start: ${describe(err)}${log ? `\n${log}` : ""}`);
  }
  process.once("exit", onExit);

  const url = (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${encodeURIComponent(database)}`;
  const psql = async (database: string, sql: string) => {
    const args = ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", String(port)];
    try {
      const { stdout } = await run(path.join(bin, "psql"), [...args, "-U", "postgres", "-d", database, "-c", sql]);
      return stdout.trim();
    } catch (err) {
      throw new Error(`psql in ${database}: ${describe(err)}`);
    }
  };

  return {
    port,
    dir,
    url,
    psql,
    async createDatabase(name, options = {}) {
      const template = options.template ? ` TEMPLATE ${identifier(options.template)}` : "";
      await psql("postgres", `CREATE DATABASE ${identifier(name)}${template}`);
      return url(name);
    },
    async stop() {
      process.off("exit", onExit);
      await pg("pg_ctl", stopArgs).catch(() => undefined);
      remove();
    },
  };
}

/**
 * Where initdb and pg_ctl are: Debian's /usr/lib/postgresql/<version>/bin
 * (the newest), else the PATH (other systems put them there).
 */
export function postgresBinDir(where: { debianRoot?: string; searchPath?: string } = {}): string {
  const { debianRoot = "/usr/lib/postgresql", searchPath = process.env.PATH ?? "" } = where;
  const versions = fs.existsSync(debianRoot)
    ? fs
        .readdirSync(debianRoot)
        .filter((version) => fs.existsSync(path.join(debianRoot, version, "bin", "initdb")))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return path.join(debianRoot, versions[0], "bin");
  const onPath = searchPath.split(path.delimiter).find((dir) => dir && fs.existsSync(path.join(dir, "initdb")));
  if (onPath) return onPath;
  throw new Error(
    "PostgreSQL's server programs (initdb, pg_ctl) are not installed: on Debian or Ubuntu install the `postgresql` package (bash .ci/run, the README's test command, does); other systems: README.md, \"Test it\"",
  );
}

/** The `postgres` user (Debian's postgresql package creates it), who runs the cluster when we are root. */
function postgresUser(): { uid: number; gid: number } {
  try {
    const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
    return { uid: id("-u"), gid: id("-g") };
  } catch {
    throw new Error(
      "initdb refuses to run as root, and there is no `postgres` user to run it as: install Debian's `postgresql` package (it creates the user), or run the tests as another user",
    );
  }
}

/** A name as a double-quoted SQL identifier. */
function identifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function describe(err: unknown): string {
  const stderr = (err as { stderr?: string }).stderr?.trim();
  return stderr || (err instanceof Error ? err.message : String(err));
}

function readIfThere(file: string): string {
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    return "";
  }
}
