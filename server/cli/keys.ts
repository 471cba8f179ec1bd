import { parseArgs } from "node:util";
import { z } from "zod";
import { reachableOrigin, signInLink } from "../auth/operator";
import { hashSecret, newId, newSecret } from "../auth/secrets";
import { ConfigError, loadConfig } from "../config";
import { openDatabase } from "../db/connect";
import { serverHoldsDataDir } from "../db/dataDirLock";
import { KeyStore } from "../db/keyStore";

/**
 * `npm run keys -- <command>`: the operator's facilitator keys from the command line, on the
 * database the server's environment names (DATABASE_URL, or the embedded one in DATA_DIR).
 *
 *   create --name "Ms Lee"     a new key, printed once with its sign-in link
 *   list                       every key's holder (never the keys)
 *   revoke <id>                the key stops at once
 *   rotate <id>                a new key for the same facilitator; the old one stops
 *   invite [--name N] [--hours H]   an invite link, usable once
 *   operator                   a new operator key (the printed one was lost)
 */

const USAGE = `usage: npm run keys -- create --name "Ms Lee" | list | revoke <id> | rotate <id> | invite [--name N] [--hours H] | operator`;

const argsSchema = z.discriminatedUnion("command", [
  z.object({
    command: z.literal("create"),
    name: z.string({ error: "--name is required" }).trim().min(1, "--name is required").max(80),
  }),
  z.object({ command: z.literal("list") }),
  z.object({ command: z.literal("revoke"), id: z.string().min(1, "the facilitator's id is required") }),
  z.object({ command: z.literal("rotate"), id: z.string().min(1, "the facilitator's id is required") }),
  z.object({
    command: z.literal("invite"),
    name: z.string().trim().max(80).default(""),
    hours: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24 * 7),
  }),
  z.object({ command: z.literal("operator") }),
]);

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    options: { name: { type: "string" }, hours: { type: "string" } },
    allowPositionals: true,
  });
  const [command, id] = positionals;
  const parsed = argsSchema.safeParse({ command, id: id ?? "", name: values.name, hours: values.hours });
  if (!parsed.success) fail(`${parsed.error.issues.map((i) => i.message).join("; ")}\n${USAGE}`);
  const args = parsed.data;

  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message);
    throw err;
  }
  // The embedded database serves one process: writing to it under a running server would corrupt it.
  if (!config.DATABASE_URL && serverHoldsDataDir(config.DATA_DIR)) {
    fail(
      `the server is running on the embedded database in ${config.DATA_DIR}: stop it first, or issue keys and invites from the dashboard`,
    );
  }
  const db = config.DATABASE_URL
    ? await openDatabase({ url: config.DATABASE_URL, poolSize: 2 })
    : await openDatabase({ dataDir: config.DATA_DIR });
  const keys = new KeyStore(db);
  const origin = reachableOrigin(config.PUBLIC_URL, config.HOST, config.PORT);
  try {
    switch (args.command) {
      case "create": {
        const key = newSecret("fk");
        const fid = newId("f");
        await keys.insert({ id: fid, keyHash: hashSecret(key), name: args.name });
        console.log(`created ${fid} for ${args.name}; the key is shown this once:\n  ${key}`);
        console.log(`sign-in link:\n  ${signInLink(origin, key)}`);
        break;
      }
      case "list": {
        const rows = await keys.list();
        console.log(["id", "name", "role", "created", "revoked"].join("\t"));
        for (const f of rows) {
          console.log(
            [
              f.id,
              f.name || "-",
              f.operator ? "operator" : "facilitator",
              f.createdAt.toISOString(),
              f.revokedAt?.toISOString() ?? "-",
            ].join("\t"),
          );
        }
        break;
      }
      case "revoke": {
        const result = await keys.revoke(args.id);
        if (result === "unknown") fail(`no facilitator ${args.id} (see: npm run keys -- list)`, 1);
        if (result === "operator") fail("the operator's key is not revoked but replaced: npm run keys -- operator", 1);
        console.log(`revoked ${args.id}: the key stops at once`);
        break;
      }
      case "rotate": {
        const key = newSecret("fk");
        if (!(await keys.rotate(args.id, hashSecret(key)))) fail(`no live facilitator ${args.id}`, 1);
        console.log(`new key for ${args.id} (the old one stops at once), shown this once:\n  ${key}`);
        console.log(`sign-in link:\n  ${signInLink(origin, key)}`);
        break;
      }
      case "invite": {
        const invite = newSecret("iv");
        const operator = (await keys.list()).find((f) => f.operator);
        if (!operator) fail("this database has no operator yet: start the server once first", 1);
        await keys.insertInvite({
          id: newId("i"),
          codeHash: hashSecret(`invite:${invite}`),
          name: args.name,
          createdBy: operator.id,
          expiresAt: new Date(Date.now() + args.hours * 3_600_000),
        });
        console.log(`invite link (usable once, for ${args.hours} hours):\n  ${origin}/facilitator/invite#${invite}`);
        break;
      }
      case "operator": {
        if (config.OPERATOR_KEY) fail("OPERATOR_KEY is set in the environment: the server takes its key from there", 1);
        const key = newSecret("fk");
        await keys.setOperatorKey(() => newId("f"), hashSecret(key));
        console.log(`new operator key (the old one stops at once), shown this once:\n  ${signInLink(origin, key)}`);
        break;
      }
    }
  } finally {
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
