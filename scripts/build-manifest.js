// Writes oclif.manifest.json so the CLI loads only the command it runs (fast start-up).
import { rmSync, writeFileSync } from 'node:fs';
import { Config } from '@oclif/core';

// oclif reads an existing manifest instead of the commands; a stale one would hide new commands.
rmSync(new URL('../oclif.manifest.json', import.meta.url), { force: true });
const config = await Config.load({ root: new URL('..', import.meta.url).pathname });
const root = config.plugins.get(config.pjson.name);
const manifest = { ...root.manifest, version: config.version };
writeFileSync(new URL('../oclif.manifest.json', import.meta.url), `${JSON.stringify(manifest, null, 2)}\n`);
